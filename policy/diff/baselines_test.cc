#include "policy/diff/baselines.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/diff/diff.h"
#include "spec/default_spec.h"
#include "spec/opts/masked_paths.h"

namespace ocikit {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Paths(const Spec& a, const Spec& b) {
  std::vector<std::string> out;
  for (const Change& c : DiffSpecs(a, b).changes) {
    out.push_back(absl::StrCat(std::string(1, ChangeKindSymbol(c.kind)), " ", c.path.ToString(), " ",
                               c.kind == ChangeKind::kAdded ? c.new_value : c.old_value));
  }
  return out;
}

TEST(BaselineSpec, DefaultAndContainerdAreTheDefaultSpec) {
  EXPECT_EQ(*BaselineSpec("default"), DefaultLinuxSpec());
  EXPECT_EQ(*BaselineSpec("containerd"), DefaultLinuxSpec());
}

TEST(BaselineSpec, MobyDiffersInPathsAndRlimitsOnly) {
  const Spec moby = *BaselineSpec("moby");
  EXPECT_EQ(moby.linux_section->masked_paths, DefaultMaskedPathsFor(PathDefaults::kMoby));
  EXPECT_THAT(Paths(DefaultLinuxSpec(), moby),
              ElementsAre(R"(- process.rlimits [{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}])",
                          R"(+ linux.maskedPaths "/proc/interrupts")"));
}

TEST(BaselineSpec, PodmanHasContainersCommonDefaults) {
  const Spec podman = *BaselineSpec("podman");
  EXPECT_EQ(podman.process->capabilities->bounding, PodmanDefaultCapabilities());
  EXPECT_EQ(podman.process->capabilities->effective, PodmanDefaultCapabilities());
  EXPECT_EQ(podman.process->capabilities->permitted, PodmanDefaultCapabilities());
  EXPECT_TRUE(podman.process->capabilities->inheritable.empty());
  EXPECT_TRUE(podman.process->rlimits.empty());
  EXPECT_EQ(podman.linux_section->readonly_paths, DefaultReadonlyPathsFor(PathDefaults::kPodman));
  EXPECT_THAT(Paths(DefaultLinuxSpec(), podman),
              ElementsAre(R"(- process.capabilities.bounding "CAP_MKNOD")",
                          R"(- process.capabilities.bounding "CAP_NET_RAW")",
                          R"(- process.capabilities.bounding "CAP_AUDIT_WRITE")",
                          R"(- process.capabilities.effective "CAP_MKNOD")",
                          R"(- process.capabilities.effective "CAP_NET_RAW")",
                          R"(- process.capabilities.effective "CAP_AUDIT_WRITE")",
                          R"(- process.capabilities.permitted "CAP_MKNOD")",
                          R"(- process.capabilities.permitted "CAP_NET_RAW")",
                          R"(- process.capabilities.permitted "CAP_AUDIT_WRITE")",
                          R"(- process.rlimits [{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}])",
                          R"(- linux.maskedPaths "/proc/asound")", R"(+ linux.maskedPaths "/sys/fs/selinux")",
                          R"(+ linux.maskedPaths "/sys/dev/block")", R"(+ linux.maskedPaths "/proc/interrupts")", R"(+ linux.readonlyPaths "/proc/asound")"));
}

TEST(BaselineSpec, UnknownNameListsTheKnownOnes) {
  EXPECT_EQ(BaselineSpec("docker").status().message(),
            "unknown built-in spec \"docker\"; expected one of default, containerd, moby, podman");
}

}  // namespace
}  // namespace ocikit
