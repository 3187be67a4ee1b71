#include "spec/opts/sandbox.h"

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/opts/namespaces.h"

namespace ocikit {
namespace {

TEST(IsPathUnder, ComparesComponents) {
  EXPECT_TRUE(IsPathUnder("/sys", "/sys"));
  EXPECT_TRUE(IsPathUnder("/sys/fs/cgroup", "/sys"));
  EXPECT_TRUE(IsPathUnder("/sys/./fs/", "/sys/"));
  EXPECT_FALSE(IsPathUnder("/sysroot", "/sys"));
  EXPECT_FALSE(IsPathUnder("/proc/../sys", "/proc"));
}

TEST(WithNoProcessSandbox, SharesHostPidAndProc) {
  Spec spec = DefaultLinuxSpec();
  Mount extra;
  extra.destination = "/proc/sys/fs/binfmt_misc";
  extra.type = "binfmt_misc";
  spec.mounts.push_back(extra);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithNoProcessSandbox()}).ok());
  EXPECT_FALSE(HasNamespace(spec, "pid"));
  ASSERT_EQ(spec.mounts.size(), DefaultMounts().size());
  EXPECT_EQ(spec.mounts[0].destination, "/proc");
  EXPECT_EQ(spec.mounts[0].type, "bind");
  EXPECT_EQ(spec.mounts[0].options, std::vector<std::string>{"rbind"});
  EXPECT_EQ(spec.mounts[1].destination, "/dev");
  // BuildKit's result from containerd's defaults.
  EXPECT_EQ(spec.linux_section->masked_paths, (std::vector<std::string>{"/sys/firmware", "/sys/devices/virtual/powercap"}));
  EXPECT_TRUE(spec.linux_section->readonly_paths.empty());
}

}  // namespace
}  // namespace ocikit
