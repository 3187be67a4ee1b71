#include "spec/opts/namespaces.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

std::vector<std::string> Types(const Spec& spec) {
  std::vector<std::string> types;
  for (const LinuxNamespace& n : spec.linux_section->namespaces) types.push_back(n.type + (n.path.empty() ? "" : "@" + n.path));
  return types;
}

TEST(WithLinuxNamespace, ReplacesInPlaceOrAppends) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithLinuxNamespace("network", "/var/run/netns/a"), WithLinuxNamespace("cgroup")}).ok());
  EXPECT_EQ(Types(spec), (std::vector<std::string>{"pid", "ipc", "uts", "mount", "network@/var/run/netns/a", "cgroup"}));
}

TEST(WithHostNamespace, RemovesEveryEntryOfTheType) {
  Spec spec = DefaultLinuxSpec();
  spec.linux_section->namespaces.emplace_back().type = "network";  // a duplicate
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostNamespace("network")}).ok());
  EXPECT_EQ(Types(spec), (std::vector<std::string>{"pid", "ipc", "uts", "mount"}));
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithHostNamespace("pid")}).ok());
  EXPECT_FALSE(empty.linux_section.has_value());
}

TEST(Namespaces, UnknownTypeIsAnError) {
  Spec spec;
  EXPECT_EQ(ApplyOpts({}, spec, {WithLinuxNamespace("net")}).message(),
            "WithLinuxNamespace: unknown namespace type \"net\"; expected one of pid, network, mount, ipc, uts, user, cgroup, time");
  EXPECT_FALSE(spec.linux_section.has_value());
}

}  // namespace
}  // namespace ocikit
