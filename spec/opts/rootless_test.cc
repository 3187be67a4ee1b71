#include "spec/opts/rootless.h"

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/opts/namespaces.h"

namespace ocikit {
namespace {

const Mount* Find(const Spec& spec, absl::string_view dest) {
  for (const Mount& m : spec.mounts) {
    if (m.destination == dest) return &m;
  }
  return nullptr;
}

TEST(WithRootless, ConvertsTheDefaultSpec) {
  Spec spec = DefaultLinuxSpec("default", "c1");
  Mount sysroot;  // a /sys look-alike that must stay
  sysroot.destination = "/sysroot";
  sysroot.type = "bind";
  sysroot.source = "/srv";
  spec.mounts.push_back(sysroot);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRootless(SingleIDMappings(1000, 1000))}).ok());
  const Linux& lx = *spec.linux_section;
  EXPECT_TRUE(HasNamespace(spec, "user"));
  EXPECT_TRUE(HasNamespace(spec, "pid"));
  EXPECT_TRUE(HasNamespace(spec, "network"));
  ASSERT_EQ(lx.uid_mappings.size(), 1u);
  EXPECT_EQ(lx.uid_mappings[0].host_id, 1000u);
  EXPECT_FALSE(lx.resources.has_value());
  EXPECT_EQ(lx.cgroups_path, "");
  ASSERT_NE(Find(spec, "/sys"), nullptr);
  EXPECT_EQ(Find(spec, "/sys")->type, "bind");
  EXPECT_EQ(Find(spec, "/sys")->options, (std::vector<std::string>{"rbind", "nosuid", "noexec", "nodev", "ro"}));
  ASSERT_NE(Find(spec, "/sys/fs/cgroup"), nullptr);
  EXPECT_EQ(Find(spec, "/sys/fs/cgroup")->options.back(), "ro");
  ASSERT_NE(Find(spec, "/sysroot"), nullptr);
  EXPECT_EQ(Find(spec, "/dev/pts")->options,
            (std::vector<std::string>{"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"}));
  EXPECT_EQ(Find(spec, "/dev/mqueue")->type, "mqueue");  // private ipc namespace kept
  // /sys keeps its place: right after /dev/mqueue, before /run.
  EXPECT_EQ(spec.mounts[5].destination, "/sys");
  EXPECT_EQ(spec.mounts[6].destination, "/sys/fs/cgroup");
  EXPECT_EQ(spec.mounts[7].destination, "/run");
}

TEST(WithRootless, KeepsGid5WhenMappedAndAddsPidNamespace) {
  Spec spec = DefaultLinuxSpec();
  std::erase_if(spec.linux_section->namespaces, [](const LinuxNamespace& n) { return n.type == "pid" || n.type == "ipc"; });
  RootlessMappings maps = SingleIDMappings(1000, 1000);
  LinuxIDMapping sub;
  sub.container_id = 1;
  sub.host_id = 100000;
  sub.size = 65536;
  maps.gid_mappings.push_back(sub);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRootless(maps)}).ok());
  EXPECT_TRUE(HasNamespace(spec, "pid"));
  EXPECT_EQ(Find(spec, "/dev/pts")->options.back(), "gid=5");
  EXPECT_EQ(Find(spec, "/dev/mqueue")->type, "bind");  // no private ipc namespace
  EXPECT_EQ(Find(spec, "/dev/mqueue")->source, "/dev/mqueue");
}

TEST(WithRootless, ReplacesExistingMappingsAndRejectsBadOnes) {
  Spec spec = DefaultLinuxSpec();
  spec.linux_section->uid_mappings.emplace_back().size = 5;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRootless(SingleIDMappings(7, 8))}).ok());
  EXPECT_EQ(spec.linux_section->uid_mappings.size(), 1u);
  EXPECT_EQ(spec.linux_section->gid_mappings[0].host_id, 8u);
  RootlessMappings bad = SingleIDMappings(1, 1);
  bad.uid_mappings[0].size = 0;
  EXPECT_EQ(ApplyOpts({}, spec, {WithRootless(bad)}).message(), "WithRootless: mapping \"0:1:0\": size must be at least 1");
}

}  // namespace
}  // namespace ocikit
