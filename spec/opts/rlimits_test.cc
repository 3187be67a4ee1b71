#include "spec/opts/rlimits.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>
#include <vector>

#include "spec/codec.h"

namespace ocikit {
namespace {

PosixRlimit Rl(const char* type, uint64_t soft, uint64_t hard) {
  PosixRlimit r;
  r.type = type;
  r.soft = soft;
  r.hard = hard;
  return r;
}

TEST(ParseUlimit, AcceptsDockerSyntax) {
  struct Case {
    const char* flag;
    const char* type;
    uint64_t soft;
    uint64_t hard;
  };
  const Case cases[] = {
      {"nofile=1024:2048", "RLIMIT_NOFILE", 1024, 2048},
      {"nofile=1024", "RLIMIT_NOFILE", 1024, 1024},
      {"nproc=unlimited", "RLIMIT_NPROC", kRlimitInfinity, kRlimitInfinity},
      {"core=-1", "RLIMIT_CORE", kRlimitInfinity, kRlimitInfinity},
      {"core=0:-1", "RLIMIT_CORE", 0, kRlimitInfinity},
      {"stack=8388608:infinity", "RLIMIT_STACK", 8388608, kRlimitInfinity},
      {"memlock=UNLIMITED", "RLIMIT_MEMLOCK", kRlimitInfinity, kRlimitInfinity},
      {"RLIMIT_NOFILE=10:20", "RLIMIT_NOFILE", 10, 20},
      {"rlimit_rtprio=0", "RLIMIT_RTPRIO", 0, 0},
      {"Sigpending=5", "RLIMIT_SIGPENDING", 5, 5},
      {"as=4096", "RLIMIT_AS", 4096, 4096},
      {"fsize=18446744073709551615", "RLIMIT_FSIZE", kRlimitInfinity, kRlimitInfinity},
  };
  for (const Case& c : cases) {
    absl::StatusOr<PosixRlimit> got = ParseUlimit(c.flag);
    ASSERT_TRUE(got.ok()) << c.flag << ": " << got.status();
    EXPECT_EQ(*got, Rl(c.type, c.soft, c.hard)) << c.flag;
  }
  EXPECT_EQ(kRlimitInfinity, 18446744073709551615u);
}

TEST(ParseUlimit, RejectsBadInputWithExactMessages) {
  const std::string names = "as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, "
                            "rttime, sigpending, stack";
  const std::string number = "is not valid; expected an integer from 0 to 18446744073709551615, \"unlimited\" or -1";
  const std::pair<const char*, std::string> cases[] = {
      {"nofile=2048:1024", "invalid ulimit \"nofile=2048:1024\": soft limit 2048 exceeds hard limit 1024"},
      {"nofile=-1:1024", "invalid ulimit \"nofile=-1:1024\": soft limit unlimited exceeds hard limit 1024"},
      {"nofile", "invalid ulimit \"nofile\": expected NAME=SOFT[:HARD], e.g. nofile=1024:2048"},
      {"=5", "invalid ulimit \"=5\": expected NAME=SOFT[:HARD], e.g. nofile=1024:2048"},
      {"files=5", "invalid ulimit \"files=5\": unknown name \"files\"; expected one of " + names},
      {"nofile=1:2:3", "invalid ulimit \"nofile=1:2:3\": expected SOFT or SOFT:HARD after \"=\""},
      {"nofile=-2", "invalid ulimit \"nofile=-2\": limit \"-2\" " + number},
      {"nofile=", "invalid ulimit \"nofile=\": limit \"\" " + number},
      {"nofile=1:", "invalid ulimit \"nofile=1:\": limit \"\" " + number},
      {"nofile=abc", "invalid ulimit \"nofile=abc\": limit \"abc\" " + number},
      {"nofile= 5", "invalid ulimit \"nofile= 5\": limit \" 5\" " + number},
      {"nofile=+5", "invalid ulimit \"nofile=+5\": limit \"+5\" " + number},
      {"nofile=18446744073709551616", "invalid ulimit \"nofile=18446744073709551616\": limit \"18446744073709551616\" " + number},
  };
  for (const auto& [flag, message] : cases) {
    absl::StatusOr<PosixRlimit> got = ParseUlimit(flag);
    ASSERT_FALSE(got.ok()) << flag;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << flag;
    EXPECT_EQ(got.status().message(), message) << flag;
  }
}

TEST(NormalizeRlimitType, NormalisesAndListsValidNames) {
  EXPECT_EQ(*NormalizeRlimitType("nofile"), "RLIMIT_NOFILE");
  EXPECT_EQ(*NormalizeRlimitType("RLIMIT_NOFILE"), "RLIMIT_NOFILE");
  EXPECT_EQ(*NormalizeRlimitType("Rlimit_Core"), "RLIMIT_CORE");
  EXPECT_EQ(NormalizeRlimitType("RLIMIT_FILES").status().message(),
            "unknown rlimit \"RLIMIT_FILES\"; expected one of as, core, cpu, data, fsize, locks, memlock, msgqueue, "
            "nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack");
  EXPECT_EQ(UlimitNames().size(), 16u);
}

TEST(WithRlimit, ReplacesInPlaceDropsDuplicatesAndAppends) {
  Spec spec;
  EnsureProcess(spec).rlimits = {Rl("RLIMIT_NOFILE", 1, 1), Rl("RLIMIT_CORE", 0, 0), Rl("RLIMIT_NOFILE", 2, 2)};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(Rl("nofile", 10, 20)), WithRlimit(Rl("nproc", 5, 6))}).ok());
  EXPECT_EQ(spec.process->rlimits, (std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 10, 20), Rl("RLIMIT_CORE", 0, 0),
                                                             Rl("RLIMIT_NPROC", 5, 6)}));
}

TEST(WithRlimit, CreatesProcessOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(Rl("RLIMIT_CORE", 0, 0))}).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","process":{"user":{"uid":0,"gid":0},"cwd":"","rlimits":[{"type":"RLIMIT_CORE","hard":0,"soft":0}]}})");
}

TEST(WithRlimit, ReplacesDefaultNofile) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(*ParseUlimit("nofile=1024:2048"))}).ok());
  EXPECT_EQ(spec.process->rlimits, std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 1024, 2048)});
}

TEST(WithRlimit, RejectsUnknownTypeAndSoftAboveHard) {
  Spec spec = DefaultLinuxSpec();
  const Spec before = spec;
  EXPECT_EQ(ApplyOpts({}, spec, {WithRlimit(Rl("RLIMIT_FILES", 1, 1))}).message(),
            "WithRlimit: unknown rlimit \"RLIMIT_FILES\"; expected one of as, core, cpu, data, fsize, locks, memlock, "
            "msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack");
  EXPECT_EQ(ApplyOpts({}, spec, {WithRlimit(Rl("nofile", 2, 1))}).message(),
            "WithRlimit: RLIMIT_NOFILE: soft limit 2 exceeds hard limit 1");
  EXPECT_EQ(spec, before);
}

TEST(WithRlimits, MergesAllOrNothing) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimits({Rl("nproc", 1, 2), Rl("nofile", 3, 4)})}).ok());
  EXPECT_EQ(spec.process->rlimits,
            (std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 3, 4), Rl("RLIMIT_NPROC", 1, 2)}));
  const Spec before = spec;
  absl::Status s = ApplyOpts({}, spec, {WithRlimits({Rl("core", 1, 1), Rl("stack", 9, 8)})});
  EXPECT_EQ(s.message(), "WithRlimits: RLIMIT_STACK: soft limit 9 exceeds hard limit 8");
  EXPECT_EQ(spec, before);
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithRlimits({Rl("core", 1, 1)})}).ok());
  EXPECT_EQ(empty.process->rlimits, std::vector<PosixRlimit>{Rl("RLIMIT_CORE", 1, 1)});
}

TEST(WithoutRlimits, RemovesAllAndLeavesEmptySpecAlone) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutRlimits()}).ok());
  EXPECT_TRUE(spec.process->rlimits.empty());
  EXPECT_EQ(Marshal(spec).find("rlimits"), std::string::npos);
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithoutRlimits()}).ok());
  EXPECT_FALSE(empty.process.has_value());
}

TEST(WithNofilePreset, SetsSystemdDefault) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithNofilePreset()}).ok());
  EXPECT_EQ(spec.process->rlimits, std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 1024, 524288)});
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithNofilePreset()}).ok());
  EXPECT_EQ(empty.process->rlimits, std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 1024, 524288)});
}

TEST(ClampRlimits, LowersHardToCallerAndSoftToHard) {
  std::vector<PosixRlimit> rlimits = {Rl("RLIMIT_NOFILE", 1048576, 1048576), Rl("RLIMIT_NPROC", 100, 4000),
                                      Rl("RLIMIT_CORE", kRlimitInfinity, kRlimitInfinity),
                                      Rl("RLIMIT_STACK", 10, kRlimitInfinity)};
  const std::vector<PosixRlimit> caller = {Rl("RLIMIT_NOFILE", 1024, 20000), Rl("nproc", 10, 3000),
                                           Rl("RLIMIT_CORE", 0, kRlimitInfinity), Rl("RLIMIT_STACK", 8, 8388608)};
  const std::vector<RlimitClamp> changes = ClampRlimits(rlimits, caller);
  EXPECT_EQ(rlimits, (std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 20000, 20000), Rl("RLIMIT_NPROC", 100, 3000),
                                                Rl("RLIMIT_CORE", kRlimitInfinity, kRlimitInfinity),
                                                Rl("RLIMIT_STACK", 10, 8388608)}));
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(DescribeRlimitClamp(changes[0]),
            "RLIMIT_NOFILE: hard limit 1048576 lowered to the caller's 20000; soft limit 1048576 lowered to 20000");
  EXPECT_EQ(DescribeRlimitClamp(changes[1]), "RLIMIT_NPROC: hard limit 4000 lowered to the caller's 3000");
  EXPECT_EQ(DescribeRlimitClamp(changes[2]), "RLIMIT_STACK: hard limit unlimited lowered to the caller's 8388608");
}

TEST(ClampRlimits, LeavesTypesTheCallerDoesNotListAlone) {
  std::vector<PosixRlimit> rlimits = {Rl("RLIMIT_NOFILE", 5, 5000000)};
  EXPECT_TRUE(ClampRlimits(rlimits, {}).empty());
  EXPECT_EQ(rlimits[0].hard, 5000000u);
}

TEST(CheckRlimitsWithin, ExplainsTheFirstLimitTooHigh) {
  Spec spec = DefaultLinuxSpec();
  const std::vector<PosixRlimit> caller = {Rl("RLIMIT_NOFILE", 1024, 20000)};
  EXPECT_TRUE(CheckRlimitsWithin(spec, caller).ok());
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(Rl("core", 0, 0)), WithRlimit(Rl("nofile", 1048576, 1048576))}).ok());
  absl::Status s = CheckRlimitsWithin(spec, caller);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "process.rlimits[0]: RLIMIT_NOFILE hard limit 1048576 exceeds the caller's hard limit 20000; a runtime "
            "without CAP_SYS_RESOURCE cannot raise it (lower it, or clamp with WithRlimitsClampedTo)");
  EXPECT_TRUE(CheckRlimitsWithin(Spec(), caller).ok());
}

TEST(WithRlimitsClampedTo, FixesASpecRuncWouldRefuse) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(*ParseUlimit("nofile=1048576")),
                                   WithRlimitsClampedTo({Rl("RLIMIT_NOFILE", 1024, 20000)})})
                  .ok());
  EXPECT_EQ(spec.process->rlimits, std::vector<PosixRlimit>{Rl("RLIMIT_NOFILE", 20000, 20000)});
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithRlimitsClampedTo({Rl("RLIMIT_NOFILE", 1, 1)})}).ok());
  EXPECT_FALSE(empty.process.has_value());
}

TEST(CallerRlimits, MatchesGetrlimit) {
  const std::vector<PosixRlimit> caller = CallerRlimits();
  EXPECT_EQ(caller.size(), 16u);
  struct rlimit rl;
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &rl), 0);
  const auto it = std::find_if(caller.begin(), caller.end(), [](const PosixRlimit& r) { return r.type == "RLIMIT_NOFILE"; });
  ASSERT_NE(it, caller.end());
  EXPECT_EQ(it->soft, rl.rlim_cur == RLIM_INFINITY ? kRlimitInfinity : rl.rlim_cur);
  EXPECT_EQ(it->hard, rl.rlim_max == RLIM_INFINITY ? kRlimitInfinity : rl.rlim_max);
  // Clamping to the caller's own limits always yields a spec within them.
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRlimit(Rl("nofile", kRlimitInfinity, kRlimitInfinity)),
                                   WithRlimitsClampedTo(caller)})
                  .ok());
  EXPECT_TRUE(CheckRlimitsWithin(spec, caller).ok());
}

}  // namespace
}  // namespace ocikit
