#include "executor/runtime.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/runtime-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/fakerun", "#!/bin/sh\n", 0755).ok());
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/notexec", "x", 0644).ok());
    ASSERT_EQ(mkdir((dir_ + "/adir").c_str(), 0755), 0);
  }
  void TearDown() override {
    unlink((dir_ + "/fakerun").c_str());
    unlink((dir_ + "/notexec").c_str());
    rmdir((dir_ + "/adir").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_;
};

TEST_F(RuntimeTest, SearchesTheGivenPath) {
  absl::StatusOr<std::string> p = FindExecutable("fakerun", "runtime", "/nonexistent:relative:" + dir_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, dir_ + "/fakerun");
}

TEST_F(RuntimeTest, NotFoundNamesTheRuntimeAndThePath) {
  absl::StatusOr<std::string> p = FindExecutable("notexec", "runtime", "/nonexistent:" + dir_);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "runtime \"notexec\" not found in PATH (/nonexistent:" + dir_ +
                                      "); install it or give its full path");
}

TEST_F(RuntimeTest, PathsAreCheckedAsGiven) {
  EXPECT_EQ(*FindExecutable(dir_ + "/./fakerun", "runtime"), dir_ + "/fakerun");
  EXPECT_EQ(FindExecutable("/nonexistent", "runtime").status().message(),
            "runtime \"/nonexistent\": No such file or directory");
  EXPECT_EQ(FindExecutable(dir_ + "/notexec", "runtime").status().message(),
            "runtime \"" + dir_ + "/notexec\": is not executable");
  EXPECT_EQ(FindExecutable(dir_ + "/adir", "runtime").status().message(),
            "runtime \"" + dir_ + "/adir\": is a directory");
}

TEST_F(RuntimeTest, ResolveGivesNameAndStateRoot) {
  absl::StatusOr<Runtime> rt = ResolveRuntime(dir_ + "/fakerun", "/run/ocikit");
  ASSERT_TRUE(rt.ok()) << rt.status();
  EXPECT_EQ(rt->name, "fakerun");
  EXPECT_EQ(rt->root, "/run/ocikit/fakerun");
  EXPECT_FALSE(rt->is_crun());
  EXPECT_EQ(rt->Argv("/b/runtime.log", {"start", "web"}),
            (std::vector<std::string>{dir_ + "/fakerun", "--root", "/run/ocikit/fakerun", "--log", "/b/runtime.log",
                                      "--log-format", "json", "start", "web"}));
  EXPECT_EQ(rt->Argv("", {"list"}), (std::vector<std::string>{dir_ + "/fakerun", "--root", "/run/ocikit/fakerun", "list"}));
}

TEST(AbsolutePathTest, RelativeToTheCurrentDirectory) {
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof(cwd)), nullptr);
  EXPECT_EQ(AbsolutePath("a/../b"), std::string(cwd) + "/b");
  EXPECT_EQ(AbsolutePath("/x//y/"), "/x/y");
}

}  // namespace
}  // namespace ocikit::executor
