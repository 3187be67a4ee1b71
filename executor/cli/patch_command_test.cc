#include "executor/cli/patch_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <istream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "executor/cli/command_test_util.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result RunCli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return RunCommandForTest(RunPatch, args, stdin_text);
}

std::string Read(const std::string& path) { return *ReadRegularFile(path, 1 << 20); }

class PatchCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/patch-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    compact_ = dir_ + "/compact.json";
    indented_ = dir_ + "/indented.json";
    ASSERT_TRUE(WriteSpecFile(compact_, DefaultLinuxSpec(), 0).ok());
    ASSERT_TRUE(WriteSpecFile(indented_, DefaultLinuxSpec(), 4).ok());
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/merge.json", R"({"hostname":"web"})", 0644).ok());
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/ops.json", R"([{"op":"replace","path":"/process/cwd","value":"/srv"}])", 0644).ok());
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/bad-op.json", R"([{"op":"add","path":"/hostname","value":"x"},
        {"op":"remove","path":"/process/env/3"}])", 0644).ok());
  }
  std::string dir_, compact_, indented_;
};

TEST_F(PatchCommandTest, PrintsTheResultInTheFilesLayout) {
  Spec want = DefaultLinuxSpec();
  want.hostname = "web";
  Result r = RunCli({compact_, dir_ + "/merge.json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, Marshal(want) + "\n");
  r = RunCli({indented_, dir_ + "/merge.json"});
  EXPECT_EQ(r.out, MarshalIndent(want, 4) + "\n");
  r = RunCli({"--indent", "2", compact_, dir_ + "/merge.json"});
  EXPECT_EQ(r.out, MarshalIndent(want, 2) + "\n");
  r = RunCli({"--compact", indented_, dir_ + "/merge.json"});
  EXPECT_EQ(r.out, Marshal(want) + "\n");
  EXPECT_EQ(Read(compact_), Marshal(DefaultLinuxSpec()) + "\n");  // untouched
}

TEST_F(PatchCommandTest, PatchAndFileFromStdin) {
  Result r = RunCli({"--type", "json-patch", compact_, "-"}, R"([{"op":"add","path":"/hostname","value":"db"}])");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ParseSpec(r.out)->hostname, "db");
  r = RunCli({"-", dir_ + "/ops.json"}, Marshal(DefaultLinuxSpec()));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ParseSpec(r.out)->process->cwd, "/srv");
}

TEST_F(PatchCommandTest, InPlaceKeepsModeAndFollowsSymlinks) {
  ASSERT_EQ(::chmod(indented_.c_str(), 0640), 0);
  ASSERT_EQ(::symlink("indented.json", (dir_ + "/link.json").c_str()), 0);
  Result r = RunCli({"-i", dir_ + "/link.json", dir_ + "/ops.json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  struct stat st;
  ASSERT_EQ(::lstat((dir_ + "/link.json").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  ASSERT_EQ(::stat(indented_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  Spec want = DefaultLinuxSpec();
  want.process->cwd = "/srv";
  EXPECT_EQ(Read(indented_), MarshalIndent(want, 4) + "\n");
}

TEST_F(PatchCommandTest, FailingPatchChangesNothing) {
  const std::string before = Read(compact_);
  struct stat st_before;
  ASSERT_EQ(::stat(compact_.c_str(), &st_before), 0);
  Result r = RunCli({"--in-place", compact_, dir_ + "/bad-op.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "ocikit: patch: " + dir_ + "/bad-op.json: patch[1] (remove \"/process/env/3\"): key 'env' not found; " +
                       compact_ + " is unchanged\n");
  struct stat st_after;
  ASSERT_EQ(::stat(compact_.c_str(), &st_after), 0);
  EXPECT_EQ(st_after.st_ino, st_before.st_ino);
  EXPECT_EQ(Read(compact_), before);
  r = RunCli({compact_, dir_ + "/bad-op.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("; nothing was written\n"), std::string::npos) << r.err;
}

TEST_F(PatchCommandTest, TroubleIsExit2) {
  const auto err = [](const std::vector<std::string>& args, const std::string& in = "") {
    Result r = RunCli(args, in);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    return r.err;
  };
  EXPECT_EQ(err({compact_}), "ocikit: patch: expected FILE and PATCH, got 1 arguments\n");
  EXPECT_EQ(err({"-", "-"}), "ocikit: patch: only one of FILE and PATCH can be - (standard input)\n");
  EXPECT_EQ(err({"-i", "-", dir_ + "/ops.json"}), "ocikit: patch: --in-place needs a FILE, not - (standard input)\n");
  EXPECT_EQ(err({"--type", "strategic", compact_, "-"}),
            "ocikit: patch: --type \"strategic\": unknown patch type \"strategic\"; expected json-patch, merge-patch or auto\n");
  EXPECT_EQ(err({compact_, "-"}, "[{\"op\":\"frob\",\"path\":\"/\"}]"),
            "ocikit: patch: <stdin>: patch[0]: unknown op \"frob\"; expected one of add, remove, replace, move, copy, "
            "test; nothing was written\n");
  EXPECT_EQ(err({dir_ + "/nope.json", "-"}, "{}"), "ocikit: patch: " + dir_ + "/nope.json: No such file or directory\n");
}

// An endless standard input: `bytes` zeros, counting what was read.
class ZeroSource : public std::streambuf {
 public:
  explicit ZeroSource(size_t bytes) : left_(bytes), block_(1 << 16, '0') {}
  size_t served() const { return served_; }

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const size_t n = std::min(left_, block_.size());
    left_ -= n;
    served_ += n;
    setg(block_.data(), block_.data(), block_.data() + n);
    return traits_type::to_int_type(block_[0]);
  }

 private:
  size_t left_, served_ = 0;
  std::string block_;
};

TEST_F(PatchCommandTest, StandardInputBeyondTheCapIsExit2) {
  // Either side read from standard input stops reading at the 16 MiB cap:
  // of 256 MiB offered, little more than the cap is read.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"-", dir_ + "/ops.json"},
                                               std::vector<std::string>{compact_, "-"}}) {
    ZeroSource zeros(size_t{256} << 20);
    std::istream in(&zeros);
    std::ostringstream out, err;
    EXPECT_EQ(RunPatch(args, {in, out, err}), 2) << args[0];
    EXPECT_EQ(out.str(), "");
    EXPECT_EQ(err.str(), "ocikit: patch: <stdin>: input exceeds 16777216 bytes\n") << args[0];
    EXPECT_LE(zeros.served(), kMaxSpecFileBytes + (1 << 20)) << args[0];
  }
}

TEST(DetectLayout, FromTheFirstIndentedLine) {
  EXPECT_EQ(DetectLayout("{\"a\":1}\n"), Layout{});
  EXPECT_EQ(DetectLayout("{\"a\":1}"), Layout{});
  EXPECT_EQ(DetectLayout("{\n  \"a\": 1\n}\n"), (Layout{2, false}));
  EXPECT_EQ(DetectLayout("{\n\t\"a\": 1\n}"), (Layout{1, true}));
  EXPECT_EQ(DetectLayout("{\r\n\r\n        \"a\": 1\r\n}"), (Layout{8, false}));
  EXPECT_EQ(WithTabs("{\n  \"a\": [\n   \"x y\"\n  ]\n}"), "{\n\t\t\"a\": [\n\t\t\t\"x y\"\n\t\t]\n}");
}

TEST_F(PatchCommandTest, KeepsEmptyArraysObjectsNullsAndTabs) {
  // A config as another tool wrote it: tabs, an empty inheritable set, an
  // empty annotations object and a null, all of which the model drops.
  const auto as_written = [](const Spec& spec) {
    std::string t = MarshalIndent(spec, 1);
    t.replace(t.find("\"effective\""), 0, "\"inheritable\": [],\n   ");
    t.replace(t.rfind("\n}"), 2, ",\n \"annotations\": {},\n \"x-note\": null\n}");
    return WithTabs(t) + "\n";
  };
  const std::string file = dir_ + "/tabs.json";
  ASSERT_TRUE(WriteFileAtomic(file, as_written(DefaultLinuxSpec()), 0644).ok());
  Spec want = DefaultLinuxSpec();
  want.hostname = "web";
  Result r = RunCli({file, dir_ + "/merge.json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, as_written(want));  // hostname in Go's place, the rest as it was
  // A patch may still remove them.
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/drop.json", R"({"annotations":null})", 0644).ok());
  r = RunCli({"--compact", file, dir_ + "/drop.json"});
  EXPECT_EQ(r.out.find("annotations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("inheritable":[])"), std::string::npos) << r.out;
}

TEST(RunPatch, Help) {
  Result r = RunCli({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("Usage: ocikit patch [FLAGS] FILE PATCH\n", 0), 0u);
}

}  // namespace
}  // namespace ocikit::cli
