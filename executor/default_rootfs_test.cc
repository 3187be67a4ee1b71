#include "executor/default_rootfs.h"

#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

TEST(FindDefaultRootfsTest, EnvironmentVariableWins) {
  char tmpl[] = "/tmp/default-rootfs-test.XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  setenv(kDefaultRootfsEnv, dir.c_str(), 1);
  EXPECT_EQ(*FindDefaultRootfs(), dir);
  setenv(kDefaultRootfsEnv, (dir + "/missing").c_str(), 1);
  absl::StatusOr<std::string> missing = FindDefaultRootfs();
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::StrContains(missing.status().message(), "run scripts/setup.sh")) << missing.status();
  unsetenv(kDefaultRootfsEnv);
  rmdir(dir.c_str());
}

TEST(FindDefaultRootfsTest, FromTheRunfilesOrSaysHowToBuildIt) {
  unsetenv(kDefaultRootfsEnv);
  absl::StatusOr<std::string> rootfs = FindDefaultRootfs();
  if (rootfs.ok()) {
    EXPECT_TRUE(absl::EndsWith(*rootfs, "/.rootfs/busybox")) << *rootfs;
  } else {
    EXPECT_TRUE(absl::StrContains(rootfs.status().message(), "no default rootfs: .rootfs/busybox was not found"))
        << rootfs.status();
    EXPECT_TRUE(absl::StrContains(rootfs.status().message(), "run scripts/setup.sh")) << rootfs.status();
  }
}

}  // namespace
}  // namespace ocikit::executor
