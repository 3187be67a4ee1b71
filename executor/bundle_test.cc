#include "executor/bundle.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bundle-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { RemoveTree(dir_).IgnoreError(); }
  static mode_t Mode(const std::string& path) {
    struct stat st;
    return stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
  }
  std::string dir_;
};

TEST_F(BundleTest, Paths) {
  BundlePaths b = BundlePaths::For("/run/ocikit", "web");
  EXPECT_EQ(b.dir, "/run/ocikit/bundles/web");
  EXPECT_EQ(b.config, "/run/ocikit/bundles/web/config.json");
  EXPECT_EQ(b.pid_file, "/run/ocikit/bundles/web/pid");
  EXPECT_EQ(b.log, "/run/ocikit/bundles/web/runtime.log");
  EXPECT_EQ(b.console_socket, "/run/ocikit/bundles/web/console.sock");
}

TEST_F(BundleTest, CreatesWithMode0711AndRefusesAnExistingOne) {
  const std::string root = dir_ + "/state";
  BundlePaths b = BundlePaths::For(root, "x");
  umask(022);
  ASSERT_TRUE(CreateBundleDir(b, root, "x").ok());
  EXPECT_EQ(Mode(root), 0711u);
  EXPECT_EQ(Mode(root + "/bundles"), 0711u);
  EXPECT_EQ(Mode(b.dir), 0711u);
  absl::Status again = CreateBundleDir(b, root, "x");
  EXPECT_TRUE(absl::IsAlreadyExists(again));
  EXPECT_EQ(again.message(), "bundle " + b.dir + " exists: a previous run did not clean up; remove it with \"ocikit delete --root " + root + " x\"");
}

TEST_F(BundleTest, DefaultRootMessage) {
  EXPECT_EQ(DeleteCommand("/run/ocikit", "x"), "ocikit delete x");
  EXPECT_EQ(DeleteCommand("/run/ocikit", "x", true), "ocikit delete --force x");
  EXPECT_EQ(DeleteCommand("/tmp/r", "x"), "ocikit delete --root /tmp/r x");
}

TEST_F(BundleTest, RemoveTreeNeverFollowsSymlinks) {
  const std::string outside = dir_ + "/outside";
  ASSERT_TRUE(MakeDirs(outside, 0755).ok());
  ASSERT_TRUE(WriteFileAtomic(outside + "/keep", "x", 0644).ok());
  const std::string tree = dir_ + "/tree";
  ASSERT_TRUE(MakeDirs(tree + "/a/b", 0755).ok());
  ASSERT_TRUE(WriteFileAtomic(tree + "/a/b/f", "x", 0644).ok());
  ASSERT_EQ(symlink(outside.c_str(), (tree + "/link").c_str()), 0);
  ASSERT_TRUE(RemoveTree(tree).ok());
  EXPECT_NE(access(tree.c_str(), F_OK), 0);
  EXPECT_EQ(access((outside + "/keep").c_str(), F_OK), 0);
  EXPECT_TRUE(RemoveTree(tree).ok());  // already gone
}

TEST_F(BundleTest, MakeDirsOverAFile) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/file", "x", 0644).ok());
  EXPECT_EQ(MakeDirs(dir_ + "/file", 0711).message(), dir_ + "/file: exists and is not a directory");
}

}  // namespace
}  // namespace ocikit::executor
