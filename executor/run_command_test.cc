// The flag layer of `ocikit run` and `ocikit create`, without a runtime: the
// flag table, errors, and the bundle the spec is built into.
#include "executor/cli/run_command.h"

#include <stdlib.h>
#include <unistd.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "executor/bundle.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ocikit::cli {
namespace {

using ::testing::HasSubstr;

class RunCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/run-command-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    ASSERT_TRUE(executor::MakeDirs(dir_ + "/rootfs/etc", 0755).ok());
  }
  void TearDown() override { executor::RemoveTree(dir_).IgnoreError(); }
  // Any executable stands in for the runtime: nothing is run here.
  std::vector<std::string> Args(std::vector<std::string> more) {
    std::vector<std::string> args = {"--root", dir_ + "/state", "--runtime", "/bin/true", "--rootfs", dir_ + "/rootfs"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  std::string dir_;
};

// Every long and short flag of run and create is registered once: a flag of
// the spec table that collided with one of run's would be silently shadowed.
TEST_F(RunCommandTest, FlagNamesAreUnique) {
  for (bool foreground : {true, false}) {
    ContainerFlags f;
    FlagSet set;
    internal::AddContainerFlags(set, f, foreground);
    std::map<std::string, int> seen;
    for (absl::string_view line : absl::StrSplit(set.Help(), '\n', absl::SkipEmpty())) {
      for (absl::string_view word : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
        if (absl::StartsWith(word, "-")) ++seen[std::string(absl::StripSuffix(word, ","))];
        if (!absl::StartsWith(word, "-")) break;
      }
    }
    EXPECT_GT(seen.size(), 40u);
    for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << name;
    EXPECT_EQ(seen.count("--timeout"), foreground ? 1u : 0u);
  }
}

TEST_F(RunCommandTest, Help) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(RunRun({"--help"}, {in, out, err}), 0);
  EXPECT_THAT(out.str(), ::testing::StartsWith(kRunUsage));
  EXPECT_THAT(out.str(), HasSubstr("--stop-timeout DURATION"));
  out.str("");
  EXPECT_EQ(RunCreate({"--help"}, {in, out, err}), 0);
  EXPECT_THAT(out.str(), ::testing::StartsWith(kCreateUsage));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr("--timeout")));
}

TEST_F(RunCommandTest, ErrorsNameTheFlag) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(RunRun(Args({"--stop-timeout", "soon", "true"}), {in, out, err}), 125);
  EXPECT_EQ(err.str(), "ocikit: run: --stop-timeout \"soon\": expected a positive duration with a unit, such as 30s, "
                       "500ms or 2m\n");
  err.str("");
  EXPECT_EQ(RunRun({"--root", dir_ + "/state", "--runtime", "no-such-runtime-anywhere", "true"}, {in, out, err}), 125);
  EXPECT_THAT(err.str(), ::testing::StartsWith("ocikit: run: runtime \"no-such-runtime-anywhere\" not found in PATH ("));
  err.str("");
  EXPECT_EQ(RunCreate(Args({"--bogus", "true"}), {in, out, err}), 125);
  EXPECT_EQ(err.str(), "ocikit: create: unknown flag \"--bogus\"\n");
  EXPECT_NE(access((dir_ + "/state/bundles").c_str(), F_OK), 0) << "an error before the bundle must leave nothing";
}

TEST_F(RunCommandTest, TheSpecIsBuiltIntoANewBundle) {
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c =
      internal::PrepareNewContainer(Args({"--hostname", "web", "sh", "-c", "true"}), f, true, &help);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->id.size(), 12u);
  EXPECT_EQ(c->state_root, dir_ + "/state");
  EXPECT_EQ(c->runtime.root, dir_ + "/state/true");
  const std::string bundle = dir_ + "/state/bundles/" + c->id;
  EXPECT_EQ(access((bundle + "/resolv.conf").c_str(), F_OK), 0);
  EXPECT_EQ(access((bundle + "/hosts").c_str(), F_OK), 0);
  bool resolv_mounted = false;
  for (const Mount& m : c->spec.mounts) resolv_mounted |= m.destination == "/etc/resolv.conf" && m.source == bundle + "/resolv.conf";
  EXPECT_TRUE(resolv_mounted);
  EXPECT_EQ(c->spec.root->path, dir_ + "/rootfs");
  EXPECT_EQ(c->spec.linux_section->cgroups_path, "/default/" + c->id);
}

TEST_F(RunCommandTest, NamedBundleThatExists) {
  ASSERT_TRUE(executor::MakeDirs(dir_ + "/state/bundles/web", 0711).ok());
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c =
      internal::PrepareNewContainer(Args({"--name", "web", "true"}), f, true, &help);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "bundle " + dir_ + "/state/bundles/web exists: a previous run did not clean up; "
                                  "remove it with \"ocikit delete --root " + dir_ + "/state web\"");
}

TEST_F(RunCommandTest, BuildErrorsRemoveTheBundle) {
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c =
      internal::PrepareNewContainer(Args({"--name", "web", "-u", "nobody-in-this-rootfs", "true"}), f, true, &help);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(access((dir_ + "/state/bundles/web").c_str(), F_OK), 0);
}

// A base config.json whose "PROCESS" and "Linux" members runc applies over
// the canonical ones (Go's encoding/json folds case): uid 0, CAP_SYS_ADMIN,
// no seccomp.
std::string ShadowedBase() {
  std::string text = Marshal(DefaultLinuxSpec());
  text.insert(1, R"("PROCESS":{"user":{"uid":0,"gid":0},"capabilities":{"bounding":["CAP_SYS_ADMIN"],)"
                 R"("effective":["CAP_SYS_ADMIN"],"permitted":["CAP_SYS_ADMIN"]}},"Linux":{"seccomp":null},)");
  return text;
}

TEST_F(RunCommandTest, AFromFileThatRuntimesReadDifferentlyIsRefused) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/base.json", ShadowedBase(), 0600).ok());
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  const std::vector<std::string> flags = {"--name", "web", "--from", dir_ + "/base.json", "-u", "1000:1000",
                                          "--cap-drop", "ALL", "--security-opt", "seccomp=default", "true"};
  EXPECT_EQ(RunCreate(Args(flags), {in, out, err}), 125);
  EXPECT_THAT(err.str(), HasSubstr("base.json:1:2: PROCESS: key \"PROCESS\" is not the field \"process\""));
  EXPECT_THAT(err.str(), HasSubstr("runtimes disagree"));
  EXPECT_NE(access((dir_ + "/state/bundles/web").c_str(), F_OK), 0) << "no bundle may be written";
}

TEST_F(RunCommandTest, GoSemanticsWritesWhatEveryRuntimeReadsTheSame) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/base.json", ShadowedBase(), 0600).ok());
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c = internal::PrepareNewContainer(
      Args({"--from", dir_ + "/base.json", "--go-semantics", "-u", "1000:1000", "--cap-drop", "ALL", "--security-opt",
            "seccomp=default", "true"}),
      f, true, &help);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->spec.process->user.uid, 1000u);
  EXPECT_TRUE(c->spec.process->capabilities->bounding.empty());
  EXPECT_TRUE(c->spec.linux_section->seccomp.has_value());
  // The bundle's config.json is this spec, marshalled (executor/setup.h).
  const std::string written = Marshal(c->spec);
  EXPECT_THAT(written, ::testing::Not(HasSubstr("PROCESS")));
  EXPECT_THAT(written, ::testing::Not(HasSubstr("\"Linux\"")));
  EXPECT_TRUE(ParseSpec(written).ok()) << "the bundle must pass the strict reading";
}

}  // namespace
}  // namespace ocikit::cli
