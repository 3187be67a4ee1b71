#include "executor/workdir.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "executor/bundle.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

class WorkdirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/workdir-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    rootfs_ = dir_ + "/rootfs";
    outside_ = dir_ + "/outside";
    ASSERT_TRUE(MakeDirs(rootfs_ + "/data", 0755).ok());
    ASSERT_TRUE(MakeDirs(outside_, 0755).ok());
    // Another owner when this process may chown (not in every sandbox).
    const bool can_chown = chown(outside_.c_str(), 1000, 1000) == 0;
    uid_ = can_chown ? 1000 : getuid();
    gid_ = can_chown ? 1000 : getgid();
  }
  void TearDown() override { RemoveTree(dir_).IgnoreError(); }
  bool IsDir(const std::string& path, uid_t* uid = nullptr) {
    struct stat st;
    if (lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
    if (uid != nullptr) *uid = st.st_uid;
    return true;
  }
  std::string dir_;
  std::string rootfs_;
  std::string outside_;
  uid_t uid_;
  gid_t gid_;
};

TEST_F(WorkdirTest, CreatesMissingComponentsOwnedByTheUser) {
  absl::StatusOr<CreatedDirs> made = EnsureWorkdir(rootfs_, "/work/app", uid_, gid_);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->paths(), (std::vector<std::string>{"/work", "/work/app"}));
  uid_t owner = 0;
  ASSERT_TRUE(IsDir(rootfs_ + "/work/app", &owner));
  EXPECT_EQ(owner, uid_);
  struct stat st;
  ASSERT_EQ(stat((rootfs_ + "/work").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
}

TEST_F(WorkdirTest, ExistingDirectoryIsLeftAlone) {
  absl::StatusOr<CreatedDirs> made = EnsureWorkdir(rootfs_, "/data", uid_, gid_);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_TRUE(made->paths().empty());
  uid_t owner = 1;
  ASSERT_TRUE(IsDir(rootfs_ + "/data", &owner));
  EXPECT_EQ(owner, getuid());
  EXPECT_TRUE(EnsureWorkdir(rootfs_, "/", uid_, gid_).ok());
}

TEST_F(WorkdirTest, RollbackRemovesWhatWasCreated) {
  absl::StatusOr<CreatedDirs> made = EnsureWorkdir(rootfs_, "/data/a/b", uid_, gid_);
  ASSERT_TRUE(made.ok());
  made->Rollback();
  EXPECT_FALSE(IsDir(rootfs_ + "/data/a"));
  EXPECT_TRUE(IsDir(rootfs_ + "/data"));
}

TEST_F(WorkdirTest, SymlinksAreFollowedInsideTheRootfs) {
  ASSERT_EQ(symlink("data", (rootfs_ + "/link").c_str()), 0);
  ASSERT_EQ(symlink("/data", (rootfs_ + "/abs").c_str()), 0);
  ASSERT_TRUE(EnsureWorkdir(rootfs_, "/link/new", uid_, gid_).ok());
  EXPECT_TRUE(IsDir(rootfs_ + "/data/new"));
  ASSERT_TRUE(EnsureWorkdir(rootfs_, "/abs/other", uid_, gid_).ok());
  EXPECT_TRUE(IsDir(rootfs_ + "/data/other"));
}

TEST_F(WorkdirTest, NeverEscapesTheRootfs) {
  // An absolute symlink to a host directory is re-rooted at the rootfs.
  ASSERT_EQ(symlink(outside_.c_str(), (rootfs_ + "/escape").c_str()), 0);
  absl::StatusOr<CreatedDirs> made = EnsureWorkdir(rootfs_, "/escape/pwned", uid_, gid_);
  EXPECT_FALSE(made.ok());
  EXPECT_TRUE(absl::StrContains(made.status().message(), "does not lead to a directory")) << made.status();
  EXPECT_FALSE(IsDir(outside_ + "/pwned"));
  // A relative one climbing out stops at the rootfs root.
  ASSERT_EQ(symlink("../../../../../..", (rootfs_ + "/up").c_str()), 0);
  ASSERT_TRUE(EnsureWorkdir(rootfs_, "/up/inside", uid_, gid_).ok());
  EXPECT_TRUE(IsDir(rootfs_ + "/inside"));
  // ".." in the path itself.
  ASSERT_TRUE(EnsureWorkdir(rootfs_, "/../../x", uid_, gid_).ok());
  EXPECT_TRUE(IsDir(rootfs_ + "/x"));
  EXPECT_FALSE(IsDir(dir_ + "/x"));
}

TEST_F(WorkdirTest, NotADirectoryAndRelativePaths) {
  ASSERT_TRUE(WriteFileAtomic(rootfs_ + "/file", "x", 0644).ok());
  absl::StatusOr<CreatedDirs> made = EnsureWorkdir(rootfs_, "/file/x", uid_, gid_);
  ASSERT_FALSE(made.ok());
  EXPECT_TRUE(absl::StartsWith(made.status().message(), "process.cwd \"/file/x\": ")) << made.status();
  made = EnsureWorkdir(rootfs_, "/file", uid_, gid_);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().message(), "process.cwd \"/file\": /file is not a directory in the rootfs");
  EXPECT_EQ(EnsureWorkdir(rootfs_, "work", uid_, gid_).status().message(),
            "process.cwd \"work\": expected an absolute path");
}

}  // namespace
}  // namespace ocikit::executor
