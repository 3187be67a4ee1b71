// `ocikit spec --defaults podman` against a config.json that Podman 4.3
// wrote on this project's machines (testdata/engines/, see its README): no
// difference outside the fields listed in docs/transforms.md ("--defaults").
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "executor/cli/command_test_util.h"
#include "executor/cli/diff_command.h"
#include "executor/cli/spec_command.h"
#include "executor/default_rootfs.h"
#include "spec/codec.h"
#include "spec/file.h"

namespace ocikit::cli {
namespace {

constexpr char kCaptured[] = "testdata/engines/podman-4.3-plain-run.json";

// What only Podman can fill, or what differs by design; docs/transforms.md
// lists each with its reason. Keep the two lists the same.
const std::vector<std::string>& EngineOnlyFields() {
  static const std::vector<std::string> kFields = {
      "^ociVersion$",                                   // the runtime-spec version each writes
      "^root\\.path$",                                  // where the rootfs is on the capturing machine
      "^annotations\\[\"io\\.",                         // Podman's bookkeeping (manager, created, autoremove, ...)
      "^linux\\.cgroupsPath$",                          // Podman's cgroup parent and container id
      "^linux\\.namespaces\\[type=network\\]\\.path$",  // the netns file Podman's network setup made
      "^mounts\\[destination=/(run/\\.containerenv|etc/hostname)\\]",      // files only Podman writes
      "^mounts\\[destination=/(etc/hosts|etc/resolv\\.conf)\\]\\.(source|options)$",  // generated files' places
      "^mounts\\[destination=/dev/shm\\]\\.(type|source|options)$",  // Podman binds a tmpfs from its storage
  };
  return kFields;
}

class EngineDefaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Spec> captured = ReadSpecFile(kCaptured);
    ASSERT_TRUE(captured.ok()) << captured.status();
    captured_ = *captured;
    absl::StatusOr<std::string> rootfs = executor::FindDefaultRootfs();
    if (!rootfs.ok()) GTEST_SKIP() << rootfs.status();  // HOME comes from its passwd
    if (::access(kPodmanSeccompProfile, R_OK) != 0) {
      GTEST_SKIP() << "no " << kPodmanSeccompProfile << " (containers-common, installed with podman by setup.sh)";
    }
    state_ = ::testing::TempDir() + "/engine-defaults-state";
    ::mkdir(state_.c_str(), 0755);
    CommandResult spec = RunCommandForTest(RunSpec, {"--defaults", "podman", "--rootfs", *rootfs, "--hostname",
                                                     captured_.hostname, "--state-dir", state_, "sh", "-c", "true"});
    ASSERT_EQ(spec.code, 0) << spec.err;
    ours_ = ::testing::TempDir() + "/ocikit-podman.json";
    ASSERT_TRUE(WriteFileAtomic(ours_, spec.out, 0644).ok());
  }

  CommandResult Diff(bool ignore_engine_only) const {
    std::vector<std::string> args = {"--no-color"};
    if (ignore_engine_only) {
      for (const std::string& re : EngineOnlyFields()) {
        args.push_back("--ignore");
        args.push_back(re);
      }
    }
    args.push_back(kCaptured);
    args.push_back(ours_);
    return RunCommandForTest(RunDiff, args);
  }

  Spec captured_;
  std::string state_;
  std::string ours_;
};

TEST_F(EngineDefaultsTest, PodmanPresetHasNoDifferenceOutsideTheListedFields) {
  const CommandResult r = Diff(true);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(EngineDefaultsTest, EveryListedFieldIsNeeded) {
  // Without the list the capture differs (so the test can fail), and each
  // pattern matches at least one change.
  const CommandResult all = Diff(false);
  EXPECT_EQ(all.code, 1);
  for (const std::string& re : EngineOnlyFields()) {
    if (re == "^root\\.path$") continue;  // equal in the worktree where it was captured
    std::vector<std::string> args = {"--no-color"};
    for (const std::string& other : EngineOnlyFields()) {
      if (other == re) continue;
      args.push_back("--ignore");
      args.push_back(other);
    }
    args.push_back(kCaptured);
    args.push_back(ours_);
    EXPECT_EQ(RunCommandForTest(RunDiff, args).code, 1) << re << " matches nothing: drop it from the list";
  }
}

TEST(EngineDefaults, WithoutThePresetPodmansCaptureDiffersInCapabilitiesAndMounts) {
  const CommandResult spec = RunCommandForTest(RunSpec, {"sh", "-c", "true"});
  ASSERT_EQ(spec.code, 0) << spec.err;
  const std::string plain = ::testing::TempDir() + "/ocikit-plain.json";
  ASSERT_TRUE(WriteFileAtomic(plain, spec.out, 0644).ok());
  const CommandResult r = RunCommandForTest(RunDiff, {"--stat", "--no-color", kCaptured, plain});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("process.capabilities"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ocikit::cli
