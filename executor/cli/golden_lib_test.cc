#include "executor/cli/golden.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "spec/file.h"

namespace ocikit {
namespace {

TEST(LineDiff, ShowsChangedLinesWithContext) {
  EXPECT_EQ(LineDiff("a\nb\nc\n", "a\nB\nc\n", 1), "@@ line 1 @@\n a\n-b\n+B\n c\n");
  EXPECT_EQ(LineDiff("same\n", "same\n"), "");
  EXPECT_EQ(LineDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\nX\n", 1),
            "@@ line 8 @@\n 8\n-9\n+X\n \n");
}

class GoldenCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/golden-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ASSERT_EQ(::mkdir((dir_ + "/case").c_str(), 0755), 0);
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/case/args", "# comment\n--hostname\nweb\n\n--compact\n", 0644).ok());
  }
  std::string dir_;
};

TEST_F(GoldenCaseTest, UpdateWritesThenCheckMatchesThenMismatchShowsDiff) {
  EXPECT_EQ(*ListGoldenCases(dir_), std::vector<std::string>{"case"});
  GoldenOutcome missing = CheckGoldenCase(dir_ + "/case", false);
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.detail.find("create it with the update mode"), std::string::npos);

  GoldenOutcome updated = CheckGoldenCase(dir_ + "/case", true);
  EXPECT_TRUE(updated.ok && updated.updated);
  absl::StatusOr<std::string> written = ReadRegularFile(dir_ + "/case/config.json", 1 << 20);
  ASSERT_TRUE(written.ok());
  EXPECT_NE(written->find("\"hostname\":\"web\""), std::string::npos);

  GoldenOutcome same = CheckGoldenCase(dir_ + "/case", false);
  EXPECT_TRUE(same.ok);
  EXPECT_FALSE(same.updated);

  ASSERT_TRUE(WriteFileAtomic(dir_ + "/case/args", "--hostname\ndb\n--compact\n", 0644).ok());
  GoldenOutcome changed = CheckGoldenCase(dir_ + "/case", false);
  EXPECT_FALSE(changed.ok);
  EXPECT_NE(changed.detail.find("\"hostname\":\"db\""), std::string::npos) << changed.detail;
  EXPECT_EQ(changed.detail.rfind("@@ line 1 @@\n-", 0), 0u) << changed.detail;
}

TEST_F(GoldenCaseTest, BaseJsonIsUsedAsFrom) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/case/base.json",
                              R"({"ociVersion":"1.0.2-dev","root":{"path":"rootfs"},"linux":{"namespaces":[{"type":"uts"}]},"x":1})",
                              0644)
                  .ok());
  absl::StatusOr<std::string> out = RenderGoldenCase(dir_ + "/case");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, R"({"ociVersion":"1.0.2-dev","root":{"path":"rootfs"},"hostname":"web","linux":{"namespaces":[{"type":"uts"}]},"x":1})"
                  "\n");
}

// A case renders as `ocikit spec` prints: what fails lint is refused.
TEST_F(GoldenCaseTest, AResultThatFailsLintIsRefused) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/case/base.json", R"({"ociVersion":"1.0.2-dev","x":1})", 0644).ok());
  absl::StatusOr<std::string> out = RenderGoldenCase(dir_ + "/case");
  EXPECT_EQ(out.status(), absl::FailedPreconditionError(
                              "the generated config.json fails lint: OCI110 root-missing: root is missing; expected "
                              "\"root\": {\"path\": \"rootfs\"} (and 1 more errors)"));
}

TEST_F(GoldenCaseTest, BadArgsNameTheFile) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/case/args", "--bogus-flag\n", 0644).ok());
  absl::StatusOr<std::string> out = RenderGoldenCase(dir_ + "/case");
  EXPECT_EQ(std::string(out.status().message()), dir_ + "/case/args: unknown flag \"--bogus-flag\"");
}

}  // namespace
}  // namespace ocikit
