#include "executor/pidfile.h"

#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

TEST(ParsePidFileContentTest, Strict) {
  EXPECT_EQ(*ParsePidFileContent("1234"), 1234);
  EXPECT_EQ(*ParsePidFileContent("1234\n"), 1234);
  EXPECT_EQ(*ParsePidFileContent("1"), 1);
  EXPECT_TRUE(absl::IsNotFound(ParsePidFileContent("").status()));
  EXPECT_TRUE(absl::IsNotFound(ParsePidFileContent("\n").status()));
  for (const char* bad : {"0", "-1", "12a", " 12", "12 ", "12\n\n", "0012", "99999999999", "4194305", "1e3"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(ParsePidFileContent(bad).status())) << bad;
  }
}

class PidFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/pidfile-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/pid";
  }
  void TearDown() override {
    unlink(path_.c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_;
  std::string path_;
};

TEST_F(PidFileTest, WaitsForALateWriter) {
  std::thread writer([this] {
    usleep(50 * 1000);
    WriteFileAtomic(path_, "4242", 0644).IgnoreError();
  });
  absl::StatusOr<pid_t> pid = ReadPidFile(path_, absl::Seconds(5));
  writer.join();
  ASSERT_TRUE(pid.ok()) << pid.status();
  EXPECT_EQ(*pid, 4242);
}

TEST_F(PidFileTest, WaitsWhileEmpty) {
  ASSERT_TRUE(WriteFileAtomic(path_, "", 0644).ok());
  std::thread writer([this] {
    usleep(30 * 1000);
    WriteFileAtomic(path_, "77\n", 0644).IgnoreError();
  });
  absl::StatusOr<pid_t> pid = ReadPidFile(path_, absl::Seconds(5));
  writer.join();
  ASSERT_TRUE(pid.ok()) << pid.status();
  EXPECT_EQ(*pid, 77);
}

TEST_F(PidFileTest, GarbageIsAnErrorAtOnce) {
  ASSERT_TRUE(WriteFileAtomic(path_, "abc", 0644).ok());
  const absl::Time start = absl::Now();
  absl::StatusOr<pid_t> pid = ReadPidFile(path_, absl::Seconds(5));
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  ASSERT_FALSE(pid.ok());
  EXPECT_EQ(pid.status().message(), "pid file " + path_ + ": expected a process id, got \"abc\"");
}

TEST_F(PidFileTest, MissingTimesOut) {
  absl::StatusOr<pid_t> pid = ReadPidFile(path_, absl::Milliseconds(50));
  ASSERT_FALSE(pid.ok());
  EXPECT_TRUE(absl::IsDeadlineExceeded(pid.status()));
  EXPECT_TRUE(absl::StrContains(pid.status().message(), "was not written within 50ms")) << pid.status();
}

}  // namespace
}  // namespace ocikit::executor
