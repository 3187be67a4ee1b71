#include "executor/rlimits.h"

#include <sys/resource.h>

#include "gtest/gtest.h"
#include "spec/default_spec.h"

namespace ocikit::executor {
namespace {

CallerLimits Caller(uint64_t nofile_hard, bool cap) {
  CallerLimits c;
  c.hard[RLIMIT_NOFILE] = nofile_hard;
  c.hard[RLIMIT_NPROC] = RLIM_INFINITY;
  c.cap_sys_resource = cap;
  c.nr_open = 1048576;
  return c;
}

Spec WithNofile(uint64_t soft, uint64_t hard) {
  Spec spec = DefaultLinuxSpec();
  spec.process->rlimits[0].soft = soft;
  spec.process->rlimits[0].hard = hard;
  return spec;
}

TEST(FitRlimitsTest, LowersWhatTheCallerCannotGrant) {
  Spec spec = WithNofile(1048576, 1048576);
  absl::StatusOr<std::vector<std::string>> w = FitRlimits(spec, Caller(20000, false), "runc", false);
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0],
            "RLIMIT_NOFILE hard limit 1048576 lowered to 20000: this process's hard limit is 20000 and it lacks "
            "CAP_SYS_RESOURCE, so runc would fail with \"operation not permitted\" (soft limit 1048576 lowered to "
            "20000 too)");
  EXPECT_EQ(spec.process->rlimits[0].hard, 20000u);
  EXPECT_EQ(spec.process->rlimits[0].soft, 20000u);
}

TEST(FitRlimitsTest, KeepsALowerSoftLimit) {
  Spec spec = WithNofile(1024, 1048576);
  absl::StatusOr<std::vector<std::string>> w = FitRlimits(spec, Caller(20000, false), "crun", false);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0],
            "RLIMIT_NOFILE hard limit 1048576 lowered to 20000: this process's hard limit is 20000 and it lacks "
            "CAP_SYS_RESOURCE, so crun would fail with \"operation not permitted\"");
  EXPECT_EQ(spec.process->rlimits[0].soft, 1024u);
}

TEST(FitRlimitsTest, StrictFailsAndChangesNothing) {
  Spec spec = WithNofile(1048576, 1048576);
  absl::StatusOr<std::vector<std::string>> w = FitRlimits(spec, Caller(20000, false), "runc", true);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(),
            "RLIMIT_NOFILE hard limit 1048576 is more than can be granted: this process's hard limit is 20000 and it "
            "lacks CAP_SYS_RESOURCE, so runc would fail with \"operation not permitted\"; lower the limit, or leave "
            "out --strict-rlimits to lower it automatically");
  EXPECT_EQ(spec.process->rlimits[0].hard, 1048576u);
}

TEST(FitRlimitsTest, WithinLimitsOrWithCapSysResourceNothingChanges) {
  Spec spec = WithNofile(1024, 1024);
  EXPECT_TRUE(FitRlimits(spec, Caller(20000, false), "runc", true)->empty());
  Spec big = WithNofile(1048576, 1048576);
  EXPECT_TRUE(FitRlimits(big, Caller(20000, true), "runc", true)->empty());
  EXPECT_EQ(big.process->rlimits[0].hard, 1048576u);
}

TEST(FitRlimitsTest, NrOpenBoundsNofileEvenWithTheCapability) {
  Spec spec = WithNofile(2000000, 2000000);
  absl::StatusOr<std::vector<std::string>> w = FitRlimits(spec, Caller(RLIM_INFINITY, true), "runc", false);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0],
            "RLIMIT_NOFILE hard limit 2000000 lowered to 1048576: the kernel's fs.nr_open is 1048576, so runc would "
            "fail with \"operation not permitted\" (soft limit 2000000 lowered to 1048576 too)");
}

TEST(FitRlimitsTest, UnlimitedCallerAndUnknownType) {
  Spec spec = DefaultLinuxSpec();
  spec.process->rlimits.push_back({.type = "RLIMIT_NPROC", .hard = RLIM_INFINITY, .soft = 100});
  EXPECT_TRUE(FitRlimits(spec, Caller(20000, false), "runc", false)->empty());
  spec.process->rlimits.push_back({.type = "RLIMIT_BOGUS", .hard = 1, .soft = 1});
  absl::StatusOr<std::vector<std::string>> w = FitRlimits(spec, Caller(20000, false), "runc", false);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(),
            "process.rlimits[2].type: unknown resource \"RLIMIT_BOGUS\"; expected a name such as RLIMIT_NOFILE");
}

TEST(HasCapSysResourceTest, ReadsCapEff) {
  EXPECT_FALSE(*HasCapSysResource("Name:\tx\nCapEff:\t000001fffeffffff\n"));
  EXPECT_TRUE(*HasCapSysResource("CapEff:\t000001ffffffffff\n"));
  EXPECT_TRUE(*HasCapSysResource("CapEff:\t0000000001000000\n"));
  EXPECT_FALSE(HasCapSysResource("CapPrm:\t0\n").ok());
}

TEST(ReadCallerLimitsTest, ThisProcess) {
  absl::StatusOr<CallerLimits> c = ReadCallerLimits();
  ASSERT_TRUE(c.ok()) << c.status();
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  EXPECT_EQ(c->hard.at(RLIMIT_NOFILE), rl.rlim_max);
}

}  // namespace
}  // namespace ocikit::executor
