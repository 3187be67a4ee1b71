#include "spec/opts/engine_defaults.h"

#include <gtest/gtest.h>
#include <sys/vfs.h>

#include <cstdlib>

#include <string>
#include <vector>

#include "spec/default_spec.h"
#include "spec/opts/masked_paths.h"

namespace ocikit {
namespace {

using Strings = std::vector<std::string>;

Strings Destinations(const Spec& spec) {
  Strings out;
  for (const Mount& m : spec.mounts) out.push_back(m.destination);
  return out;
}

TEST(ParseEngineDefaults, NamesRoundTripAndUnknownListsThem) {
  for (EngineDefaults e : {EngineDefaults::kOcikit, EngineDefaults::kPodman, EngineDefaults::kDocker,
                           EngineDefaults::kContainerd}) {
    EXPECT_EQ(*ParseEngineDefaults(EngineDefaultsName(e)), e);
  }
  EXPECT_EQ(ParseEngineDefaults("moby").status().message(),
            "unknown defaults \"moby\"; expected one of ocikit, podman, docker, containerd");
}

TEST(WithPodmanDefaults, WhatPodmanWritesForAPlainRun) {
  Spec spec = DefaultLinuxSpec();
  SpecContext ctx;
  ctx.rootfs = "testdata/rootfs/basic";
  spec.hostname = "c3b829263652";
  ASSERT_TRUE(ApplyOpts(ctx, spec, {WithPodmanDefaults(), WithPodmanFinish()}).ok());
  const Process& p = *spec.process;
  EXPECT_EQ(p.capabilities->bounding, PodmanCapabilities());
  EXPECT_EQ(p.capabilities->effective, PodmanCapabilities());
  EXPECT_EQ(p.env, (Strings{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm",
                            "HOME=/root", "HOSTNAME=c3b829263652"}));
  EXPECT_EQ(p.user.umask, 0022u);
  EXPECT_FALSE(p.no_new_privileges);
  ASSERT_EQ(p.rlimits.size(), 2u);
  EXPECT_EQ(p.rlimits[0].hard, 1048576u);
  EXPECT_EQ(p.rlimits[1].type, "RLIMIT_NPROC");
  EXPECT_EQ(Destinations(spec),
            (Strings{"/proc", "/dev", "/sys", "/dev/pts", "/dev/mqueue", "/dev/shm", "/sys/fs/cgroup"}));
  // Podman 4.3's masked paths exactly (not today's containers/common's).
  EXPECT_EQ(spec.linux_section->masked_paths, PodmanMaskedPaths());
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPathsFor(PathDefaults::kPodman));
  EXPECT_EQ(spec.linux_section->resources->pids->limit, 2048);
  EXPECT_EQ(spec.linux_section->sysctl.at("net.ipv4.ping_group_range"), "0 0");
  Strings ns;
  for (const LinuxNamespace& n : spec.linux_section->namespaces) ns.push_back(n.type);
  EXPECT_EQ(ns, (Strings{"pid", "network", "ipc", "uts", "mount"}));
  EXPECT_EQ(spec.annotations.at("org.opencontainers.image.stopSignal"), "15");
}

TEST(WithPodmanFinish, GeneratedFilesGoWherePodmanPutsThemAndOthersAfter) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithPodmanDefaults()}).ok());
  Mount data;
  data.destination = "/data";
  Mount hosts;
  hosts.destination = "/etc/hosts";
  Mount resolv;
  resolv.destination = "/etc/resolv.conf";
  spec.mounts.insert(spec.mounts.begin(), data);
  spec.mounts.push_back(hosts);
  spec.mounts.push_back(resolv);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithPodmanFinish()}).ok());
  EXPECT_EQ(Destinations(spec), (Strings{"/proc", "/dev", "/sys", "/dev/pts", "/dev/mqueue", "/etc/resolv.conf",
                                         "/etc/hosts", "/dev/shm", "/sys/fs/cgroup", "/data"}));
  EXPECT_EQ(spec.process->env.back(), "HOME=/");  // no rootfs to read: "/"
}

TEST(WithDockerDefaults, MobysMountsPathsAndNoRlimits) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDockerDefaults()}).ok());
  EXPECT_EQ(Destinations(spec),
            (Strings{"/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"}));
  EXPECT_TRUE(spec.process->rlimits.empty());
  EXPECT_FALSE(spec.process->no_new_privileges);
  EXPECT_NE(std::find(spec.linux_section->masked_paths.begin(), spec.linux_section->masked_paths.end(),
                      "/proc/interrupts"),
            spec.linux_section->masked_paths.end());
}

TEST(IsCgroupV2Host, OnlyACgroup2MountIs) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  EXPECT_FALSE(IsCgroupV2Host(tmp != nullptr ? tmp : "/tmp"));
  EXPECT_FALSE(IsCgroupV2Host("/nonexistent/cgroup"));
  for (const char* dir : {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"}) {
    struct statfs fs;
    if (::statfs(dir, &fs) != 0) continue;
    EXPECT_EQ(IsCgroupV2Host(dir), fs.f_type == 0x63677270) << dir;  // CGROUP2_SUPER_MAGIC
  }
}

}  // namespace
}  // namespace ocikit
