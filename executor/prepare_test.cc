#include "executor/prepare.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "spec/default_spec.h"
#include <sys/resource.h>
#include "spec/opts/process.h"

namespace ocikit::executor {
namespace {

class PrepareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/prepare-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    ASSERT_EQ(mkdir((dir_ + "/rootfs").c_str(), 0755), 0);
    spec_ = DefaultLinuxSpec("default", "x");
    spec_.root->path = "rootfs";
    spec_.process->args = {"true"};
    runc_.name = "runc";
    crun_.name = "crun";
    limits_.hard[RLIMIT_NOFILE] = 20000;
    options_.caller_dir = dir_;
    options_.caller_limits = &limits_;
  }
  void TearDown() override {
    rmdir((dir_ + "/rootfs").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_;
  Spec spec_;
  Runtime runc_;
  Runtime crun_;
  CallerLimits limits_;
  PrepareOptions options_;
};

TEST_F(PrepareTest, AbsoluteRootAndDefaultPath) {
  absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec_, runc_, options_);
  ASSERT_TRUE(notes.ok()) << notes.status();
  EXPECT_TRUE(notes->empty());
  EXPECT_EQ(spec_.root->path, dir_ + "/rootfs");
  EXPECT_EQ(spec_.process->env, std::vector<std::string>{std::string(kDefaultPathEnv)});
  EXPECT_EQ(spec_.oci_version, "1.3.0");
}

TEST_F(PrepareTest, KeepsAGivenPath) {
  spec_.process->env = {"A=1", "PATH=/bin"};
  ASSERT_TRUE(PrepareSpec(spec_, runc_, options_).ok());
  EXPECT_EQ(spec_.process->env, (std::vector<std::string>{"A=1", "PATH=/bin"}));
}

TEST_F(PrepareTest, MissingRootfsOrCommand) {
  spec_.root->path = "nope";
  EXPECT_EQ(PrepareSpec(spec_, runc_, options_).status().message(),
            "rootfs " + dir_ + "/nope: No such file or directory");
  spec_.root->path = "rootfs";
  spec_.process->args.clear();
  EXPECT_EQ(PrepareSpec(spec_, runc_, options_).status().message(),
            "process.args: empty; give the command to run after the flags, e.g. ocikit run sh -c 'echo hi'");
  spec_.root.reset();
  EXPECT_EQ(PrepareSpec(spec_, runc_, options_).status().message(),
            "root.path: missing; give the root filesystem with --rootfs DIR");
}

TEST_F(PrepareTest, CrunGetsAVersionItAccepts) {
  absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec_, crun_, options_);
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(spec_.oci_version, "1.1.0");
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0],
            "ociVersion 1.3.0 written as 1.1.0 for crun, which rejects newer versions (\"unknown version "
            "specified\"); it ignores fields newer than 1.1.0");
  spec_.oci_version = "1.0.2-dev";
  EXPECT_TRUE(PrepareSpec(spec_, crun_, options_)->empty());
  EXPECT_EQ(spec_.oci_version, "1.0.2-dev");
}

TEST_F(PrepareTest, RlimitsAreFitted) {
  spec_.process->rlimits[0].hard = 1048576;
  absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec_, runc_, options_);
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(notes->size(), 1u);
  EXPECT_EQ(spec_.process->rlimits[0].hard, 20000u);
  options_.strict_rlimits = true;
  spec_.process->rlimits[0].hard = 1048576;
  EXPECT_TRUE(absl::IsFailedPrecondition(PrepareSpec(spec_, runc_, options_).status()));
}

TEST(HasPrivatePidNamespaceTest, PathOrAbsenceIsNotPrivate) {
  Spec spec = DefaultLinuxSpec();
  EXPECT_TRUE(HasPrivatePidNamespace(spec));
  spec.linux_section->namespaces[0].path = "/proc/1/ns/pid";
  EXPECT_FALSE(HasPrivatePidNamespace(spec));
  spec.linux_section->namespaces.erase(spec.linux_section->namespaces.begin());
  EXPECT_FALSE(HasPrivatePidNamespace(spec));
}

TEST(HostIdTest, MapsThroughRanges) {
  const std::vector<LinuxIDMapping> maps = {{.container_id = 0, .host_id = 100000, .size = 1000},
                                            {.container_id = 1000, .host_id = 5000, .size = 1}};
  EXPECT_EQ(HostId(0, maps), 100000u);
  EXPECT_EQ(HostId(999, maps), 100999u);
  EXPECT_EQ(HostId(1000, maps), 5000u);
  EXPECT_EQ(HostId(1001, maps), 1001u);
  EXPECT_EQ(HostId(7, {}), 7u);
}

}  // namespace
}  // namespace ocikit::executor
