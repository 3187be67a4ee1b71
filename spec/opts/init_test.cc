#include "spec/opts/init.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "spec/file.h"
#include "spec/opts/process.h"

namespace ocikit {
namespace {

// An executable file standing in for tini-static.
std::string FakeInit() {
  const std::string path = std::string(::testing::TempDir()) + "/fake-init";
  EXPECT_TRUE(WriteFileAtomic(path, "#!/bin/sh\n", 0755).ok());
  return path;
}

TEST(WithInit, BindsTheInitReadOnlyAndRunsTheCommandUnderIt) {
  const std::string init = FakeInit();
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessArgs({"sh", "-c", "id"}), WithInit(init)}).ok());
  EXPECT_EQ(spec.process->args, (std::vector<std::string>{"/run/ocikit-init", "--", "sh", "-c", "id"}));
  ASSERT_EQ(spec.mounts.size(), 1u);
  EXPECT_EQ(spec.mounts[0].destination, "/run/ocikit-init");
  EXPECT_EQ(spec.mounts[0].type, "bind");
  EXPECT_EQ(spec.mounts[0].source, init);
  EXPECT_EQ(spec.mounts[0].options, (std::vector<std::string>{"bind", "ro", "nosuid", "nodev"}));
}

TEST(WithInit, AMissingInitNamesItAndThePackageAndChangesNothing) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessArgs({"sh"})}).ok());
  const absl::Status s = WithInit("/nonexistent/tini-static")({}, spec);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/tini-static"), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("apt-get install tini"), absl::string_view::npos) << s;
  EXPECT_EQ(spec.process->args, std::vector<std::string>{"sh"});
  EXPECT_TRUE(spec.mounts.empty());
}

TEST(WithInit, ANonExecutableOrNoCommandIsRefused) {
  const std::string plain = std::string(::testing::TempDir()) + "/plain-file";
  ASSERT_TRUE(WriteFileAtomic(plain, "x", 0644).ok());
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessArgs({"sh"})}).ok());
  EXPECT_FALSE(WithInit(plain)({}, spec).ok());
  Spec empty;
  const absl::Status s = WithInit(FakeInit())({}, empty);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("process.args"), absl::string_view::npos) << s;
  EXPECT_TRUE(empty.mounts.empty());
}

}  // namespace
}  // namespace ocikit
