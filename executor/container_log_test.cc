#include "executor/container_log.h"

#include <stdlib.h>

#include <sstream>
#include <string>

#include "executor/bundle.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

class ContainerLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocikit-log-test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    b_ = BundlePaths::For(dir_, "c");
    ASSERT_TRUE(CreateBundleDir(b_, dir_, "c").ok());
  }
  void TearDown() override { RemoveTree(dir_).IgnoreError(); }
  std::string Read(const std::string& path) {
    absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
    return text.ok() ? *text : "<none>";
  }
  std::string dir_;
  BundlePaths b_;
};

TEST_F(ContainerLogTest, RotatesAtTheCapAndKeepsOnePreviousPart) {
  ContainerLog log(b_, /*cap=*/10);
  log.Write("0123456", 7);
  EXPECT_EQ(Read(b_.container_log), "0123456");
  log.Write("789abcdef", 9);  // fills the first part to 10, the rest starts the next
  EXPECT_EQ(Read(b_.container_log_previous), "0123456789");
  EXPECT_EQ(Read(b_.container_log), "abcdef");
  log.Write("ghijklmnopqrstuvwxyz", 20);
  EXPECT_EQ(Read(b_.container_log_previous), "klmnopqrst");
  EXPECT_EQ(Read(b_.container_log), "uvwxyz");
  std::ostringstream out;
  ASSERT_TRUE(PrintLogs(b_, out).ok());
  EXPECT_EQ(out.str(), "klmnopqrstuvwxyz");
}

TEST_F(ContainerLogTest, AReopenedLogContinuesWhereItWas) {
  ContainerLog(b_, 10).Write("01234", 5);
  ContainerLog log(b_, 10);
  log.Write("56789xy", 7);
  EXPECT_EQ(Read(b_.container_log_previous), "0123456789");
  EXPECT_EQ(Read(b_.container_log), "xy");
}

TEST_F(ContainerLogTest, NoLogIsNotFound) {
  std::ostringstream out;
  EXPECT_TRUE(absl::IsNotFound(PrintLogs(b_, out)));
}

TEST_F(ContainerLogTest, FollowReadsAcrossARotationUntilTheContainerEnds) {
  ContainerLog log(b_, 10);
  log.Write("first ", 6);
  int turns = 0;
  std::ostringstream out;
  // Each turn of the follower the "container" writes more, rotating twice;
  // on the fourth it has ended (what it wrote before is still printed).
  ASSERT_TRUE(FollowLogs(b_, out, [&] {
                ++turns;
                if (turns == 1) log.Write("second ", 7);
                if (turns == 2) log.Write("third ", 6);
                if (turns == 3) log.Write("last", 4);
                return turns < 3;
              }).ok());
  EXPECT_EQ(out.str(), "first second third last");
}

}  // namespace
}  // namespace ocikit::executor
