#include "executor/cli/diff_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "executor/cli/command_test_util.h"
#include "policy/diff/test_util.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result RunCli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return RunCommandForTest(RunDiff, args, stdin_text);
}

class DiffCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/diff-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    a_ = dir_ + "/a.json";
    b_ = dir_ + "/b.json";
    Spec b = DefaultLinuxSpec();
    b.hostname = "web";
    b.linux_section->namespaces.pop_back();  // network
    ASSERT_TRUE(WriteSpecFile(a_, DefaultLinuxSpec(), 4).ok());
    ASSERT_TRUE(WriteSpecFile(b_, b).ok());
  }
  std::string dir_, a_, b_;
};

TEST_F(DiffCommandTest, PipesAndStandardInputWithTheSizeCap) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  absl::StatusOr<std::string> text = ReadRegularFile(a_, kMaxSpecFileBytes);
  ASSERT_TRUE(text.ok());
  std::thread writer([&] {
    EXPECT_EQ(::write(fds[1], text->data(), text->size()), static_cast<ssize_t>(text->size()));
    ::close(fds[1]);
  });
  const std::string fifo = "/dev/fd/" + std::to_string(fds[0]);  // what <(cmd) names
  Result r = RunCli({"--stat", fifo, b_});
  writer.join();
  ::close(fds[0]);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  r = RunCli({"-", b_}, std::string(kMaxSpecFileBytes + 1, ' '));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: diff: <stdin>: input exceeds 16777216 bytes\n");
  r = RunCli({a_, "/dev/zero"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: diff: /dev/zero: input exceeds 16777216 bytes\n");
  r = RunCli({a_, dir_});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: diff: " + dir_ + ": is a directory\n");
}

TEST_F(DiffCommandTest, TextByDefaultExit1) {
  Result r = RunCli({a_, b_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "--- " + a_ + "\n+++ " + b_ +
                       "\n@@ hostname @@\n+ hostname: \"web\"\n@@ linux.namespaces @@\n"
                       "- linux.namespaces[type=network]: {\"type\":\"network\"}\n"
                       "2 changes: 1 added, 1 removed, 0 changed, 0 moved\n");
}

TEST_F(DiffCommandTest, EqualByMeaningIsExit0AndSilent) {
  // a.json is indented, the copy compact: the same spec.
  ASSERT_TRUE(WriteSpecFile(dir_ + "/c.json", DefaultLinuxSpec(), 0).ok());
  Result r = RunCli({a_, dir_ + "/c.json"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(RunCli({"--format", "patch", a_, dir_ + "/c.json"}).out, "[]\n");
}

TEST_F(DiffCommandTest, StdinAndAgainst) {
  Result r = RunCli({"--stat", "--against", "default", "-"}, Marshal(DefaultLinuxSpec()));
  EXPECT_EQ(r.code, 0) << r.err;
  r = RunCli({"--stat", a_, "-"}, "{\"ociVersion\":\"1.3.0\"}");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.substr(0, 12), " process | 1");
  r = RunCli({"--against", "moby", b_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "--- (built-in moby defaults)");
  EXPECT_NE(r.out.find("+ process.rlimits: [{\"type\":\"RLIMIT_NOFILE\",\"hard\":1024,\"soft\":1024}]"),
            std::string::npos)
      << r.out;
}

TEST_F(DiffCommandTest, JsonAndPatchFormats) {
  Result json = RunCli({"--format=json", a_, b_});
  EXPECT_EQ(json.code, 1);
  EXPECT_NE(json.out.find("\"equal\": false"), std::string::npos);
  EXPECT_TRUE(ocikit::testing::SameJsonValue(json.out, json.out));
  Result patch = RunCli({"--format", "patch", a_, b_});
  EXPECT_EQ(patch.code, 1);
  Spec b = *ReadSpecFile(b_);
  EXPECT_EQ(*ocikit::testing::ApplyPatchWithNlohmann(DefaultLinuxSpec(), patch.out), Marshal(b));
}

TEST_F(DiffCommandTest, IgnoreFiltersChangesAndTheExitCode) {
  Result r = RunCli({"--ignore", "^hostname$", a_, b_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.find("hostname:"), std::string::npos);
  r = RunCli({"--ignore", "^hostname$", "--ignore", "namespaces", a_, b_});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
}

TEST_F(DiffCommandTest, QuietPrintsNothing) {
  Result r = RunCli({"-q", a_, b_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
}

TEST_F(DiffCommandTest, ColourOnlyWhenForced) {
  EXPECT_EQ(RunCli({a_, b_}).out.find('\x1b'), std::string::npos);
  EXPECT_NE(RunCli({"--color", a_, b_}).out.find("\x1b[32m+ hostname"), std::string::npos);
  EXPECT_EQ(RunCli({"--color", "--no-color", a_, b_}).out.find('\x1b'), std::string::npos);
}

TEST_F(DiffCommandTest, TroubleIsExit2WithOneSentence) {
  const auto err = [](const std::vector<std::string>& args) {
    Result r = RunCli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    return r.err;
  };
  EXPECT_EQ(err({a_}), "ocikit: diff: expected two files (A B), got 1\n");
  EXPECT_EQ(err({"--against", "moby", a_, b_}), "ocikit: diff: expected one file with --against, got 2\n");
  EXPECT_EQ(err({"-", "-"}), "ocikit: diff: only one file can be - (standard input)\n");
  EXPECT_EQ(err({"--format", "yaml", a_, b_}), "ocikit: diff: --format \"yaml\": expected text, json or patch\n");
  EXPECT_EQ(err({"--stat", "--format", "json", a_, b_}),
            "ocikit: diff: --stat prints text; it cannot be combined with --format json\n");
  EXPECT_EQ(err({"--ignore", "x", "--format", "patch", a_, b_}),
            "ocikit: diff: --ignore cannot be combined with --format patch: the patch always turns A into B exactly\n");
  EXPECT_EQ(err({"--ignore", "(", a_, b_}),
            "ocikit: diff: --ignore: invalid pattern \"(\": missing ): (; expected an RE2 regular expression\n");
  EXPECT_EQ(err({"--against", "docker", a_}),
            "ocikit: diff: --against: unknown built-in spec \"docker\"; expected one of default, containerd, moby, "
            "podman\n");
  EXPECT_EQ(err({a_, dir_ + "/missing.json"}), "ocikit: diff: " + dir_ + "/missing.json: No such file or directory\n");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/bad.json", "{\"ociVersion\":\"1.3.0\",\"process\":[]}", 0644).ok());
  EXPECT_EQ(err({a_, dir_ + "/bad.json"}),
            "ocikit: diff: " + dir_ + "/bad.json:1:33: process: expected an object, got an array\n");
  EXPECT_EQ(err({"--bogus", a_, b_}), "ocikit: diff: unknown flag \"--bogus\"\n");
}

TEST_F(DiffCommandTest, Help) {
  Result r = RunCli({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("Usage: ocikit diff [FLAGS] A B\n", 0), 0u);
  EXPECT_NE(r.out.find("--against NAME"), std::string::npos);
}

}  // namespace
}  // namespace ocikit::cli
