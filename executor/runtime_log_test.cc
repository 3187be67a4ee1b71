#include "executor/runtime_log.h"

#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

class RuntimeLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/runtime-log-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/runtime.log";
  }
  void TearDown() override {
    unlink(path_.c_str());
    rmdir(dir_.c_str());
  }
  void Write(const std::string& text) { ASSERT_TRUE(WriteFileAtomic(path_, text, 0600).ok()); }
  std::string dir_;
  std::string path_;
};

TEST_F(RuntimeLogTest, RuncErrorWithoutItsPrefix) {
  Write(R"({"level":"warning","msg":"something odd","time":"t"})"
        "\n"
        R"({"level":"error","msg":"runc create failed: unable to start container process: exec: \"nope\": executable file not found in $PATH","time":"t"})"
        "\n");
  EXPECT_EQ(LastRuntimeError(path_, 0, "runc"),
            "unable to start container process: exec: \"nope\": executable file not found in $PATH");
}

TEST_F(RuntimeLogTest, LastErrorEntryAsWrittenWithoutWarnings) {
  const std::string before = R"({"level":"error","msg":"old failure"})" "\n";
  Write(before + R"({"level":"error","msg":"runc run failed: unable to signal init"})" "\n"
                 R"({"level":"warning","msg":"cannot toggle freezer"})" "\n");
  EXPECT_EQ(LastRuntimeErrorEntry(path_, 0), "runc run failed: unable to signal init");
  EXPECT_EQ(LastRuntimeErrorEntry(path_, before.size()), "runc run failed: unable to signal init");
  Write(R"({"level":"warning","msg":"cannot toggle freezer"})" "\n");
  EXPECT_EQ(LastRuntimeErrorEntry(path_, 0), "");
  EXPECT_EQ(LastRuntimeError(path_, 0, "runc"), "cannot toggle freezer");  // any entry, for a message
  EXPECT_EQ(LastRuntimeErrorEntry(dir_ + "/missing", 0), "");
}

TEST_F(RuntimeLogTest, CrunError) {
  Write(R"({"msg":"executable file `nope` not found in $PATH: No such file or directory","level":"error","time":"t"})"
        "\n");
  EXPECT_EQ(LastRuntimeError(path_, 0, "crun"), "executable file `nope` not found in $PATH: No such file or directory");
}

TEST_F(RuntimeLogTest, OnlyAfterTheOffset) {
  const std::string first = R"({"level":"error","msg":"old failure"})" "\n";
  const std::string second = R"({"level":"error","msg":"container not running"})" "\n";
  Write(first + second);
  EXPECT_EQ(LastRuntimeError(path_, first.size(), "runc"), "container not running");
  EXPECT_EQ(LastRuntimeError(path_, first.size() + 100, "runc"), "");
  EXPECT_EQ(LogSize(path_), first.size() + second.size());
}

TEST_F(RuntimeLogTest, PlainTextAndMissingFile) {
  Write("not json at all\n");
  EXPECT_EQ(LastRuntimeError(path_, 0, "runc"), "not json at all");
  EXPECT_EQ(LastRuntimeError(dir_ + "/missing", 0, "runc"), "");
  EXPECT_EQ(LogSize(dir_ + "/missing"), 0u);
}

TEST_F(RuntimeLogTest, TerminalControlsInMessagesAreEscaped) {
  Write("{\"level\":\"error\",\"msg\":\"\\u001b]0;owned\\u0007\\u001b[2Jgone\\r\\nnext\\u009b1m\"}\n"
        "not json \x1b[31m red \xff\n");
  EXPECT_EQ(internal::ReadLastEntries(path_, 0).error, "not json \\x1b[31m red \\xff");
  EXPECT_EQ(internal::ParseLogLine("{\"level\":\"error\",\"msg\":\"\\u001b]0;owned\\u0007\\u001b[2Jgone\\r\\nnext\\u009b1m\"}").msg,
            "\\x1b]0;owned\\x07\\x1b[2Jgone\\r\\nnext\\u009b1m");
}

TEST(EscapeForTerminalTest, KeepsTextAndUtf8EscapesControlsAndBadBytes) {
  EXPECT_EQ(EscapeForTerminal("exec: \"sh\": stat sh: no such file, caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3"),
            "exec: \"sh\": stat sh: no such file, caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3");
  EXPECT_EQ(EscapeForTerminal("a\tb\x7f\x01"), "a\\tb\\x7f\\x01");
  EXPECT_EQ(EscapeForTerminal("\xc2\x9b\xc0\x9b\xe0\x80\x9b\xed\xa0\x80"),
            "\\u009b\\xc0\\x9b\\xe0\\x80\\x9b\\xed\\xa0\\x80");
}

TEST(StripRuntimeFailurePrefixTest, OnlyTheRuntimesOwnPrefix) {
  EXPECT_EQ(StripRuntimeFailurePrefix("runc run failed: x: y", "runc"), "x: y");
  EXPECT_EQ(StripRuntimeFailurePrefix("runc: x failed: y", "runc"), "runc: x failed: y");
  EXPECT_EQ(StripRuntimeFailurePrefix("other failed: y", "runc"), "other failed: y");
}

}  // namespace
}  // namespace ocikit::executor
