#include "spec/opts/cgroups.h"
#include "spec/opts/resources.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec.h"
#include "spec/opts/resource_parsers.h"

namespace ocikit {
namespace {

// Applies one transform; returns its status.
absl::Status Apply(Spec& spec, SpecOpt opt, SpecContext ctx = {}) { return ApplyOpts(ctx, spec, {std::move(opt)}); }

// Expects `opt` to fail with `message` and to leave `spec` unchanged.
void ExpectFails(Spec spec, SpecOpt opt, absl::string_view message) {
  const Spec before = spec;
  absl::Status s = Apply(spec, std::move(opt));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), message);
  EXPECT_EQ(spec, before) << message;
}

TEST(ParseByteSize, AcceptsRAMInBytesSyntax) {
  const std::pair<const char*, int64_t> cases[] = {
      {"512m", 536870912},
      {"1.5g", 1610612736},
      {"1KiB", 1024},
      {"1kib", 1024},
      {"100", 100},
      {"100b", 100},
      {"100B", 100},
      {"1 k", 1024},
      {"2GB", 2147483648},
      {"0.5k", 512},
      {"0.1k", 102},
      {"1.9", 1},
      {"1t", 1099511627776},
      {"1P", 1125899906842624},
      {"0", 0},
      {"8388607t", 9223370937343148032},
      {"9223372036854775807", 9223372036854775807},
  };
  for (const auto& [text, bytes] : cases) {
    absl::StatusOr<int64_t> got = ParseByteSize(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status();
    EXPECT_EQ(*got, bytes) << text;
  }
}

TEST(ParseByteSize, RejectsBadSizesWithExactMessages) {
  const std::string expected =
      "expected a number with an optional unit b, k, m, g, t or p (binary multiples, any case), e.g. 512m or 1.5g";
  for (const char* text : {"", "abc", "-1", "1.", ".5", "1..5", "1.2.3", "1x", "1 ", "1  k", "1ib", "1kk", " 1k",
                           "1kbb", "1e3", "k"}) {
    absl::StatusOr<int64_t> got = ParseByteSize(text);
    ASSERT_FALSE(got.ok()) << text;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(got.status().message(), absl::StrCat("invalid size \"", text, "\"; ", expected));
  }
  for (const char* text : {"9223372036854775808", "8388608t", "99999999999999999999999"}) {
    EXPECT_EQ(ParseByteSize(text).status().message(),
              absl::StrCat("invalid size \"", text, "\"; expected at most 9223372036854775807 bytes (8 EiB)"));
  }
}

TEST(ParseMemorySwap, AcceptsMinusOneAndSizes) {
  EXPECT_EQ(*ParseMemorySwap("-1"), -1);
  EXPECT_EQ(*ParseMemorySwap("1g"), 1073741824);
  EXPECT_EQ(ParseMemorySwap("-2").status().message(),
            "invalid size \"-2\"; expected a number with an optional unit b, k, m, g, t or p (binary multiples, any "
            "case), e.g. 512m or 1.5g");
}

TEST(ParseCPUs, ConvertsAsDockerDoes) {
  const std::pair<const char*, int64_t> cases[] = {
      {"1.5", 150000}, {"1", 100000},          {"0.01", 1000},  {"0.5", 50000},
      {"2.123456789", 212345}, {"0.019999", 1999}, {"64", 6400000}, {"1.000000000", 100000},
  };
  for (const auto& [text, quota] : cases) {
    absl::StatusOr<CPUQuota> got = ParseCPUs(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status();
    EXPECT_EQ(got->quota, quota) << text;
    EXPECT_EQ(got->period, 100000u) << text;
  }
}

TEST(ParseCPUs, RejectsBadValuesWithExactMessages) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "expected a positive decimal number such as 1.5"},
      {"abc", "expected a positive decimal number such as 1.5"},
      {"-1", "expected a positive decimal number such as 1.5"},
      {"1e3", "expected a positive decimal number such as 1.5"},
      {".5", "expected a positive decimal number such as 1.5"},
      {"1.", "expected a positive decimal number such as 1.5"},
      {"0", "expected at least 0.01 CPUs, a 1ms quota per 100ms period (the kernel's minimum)"},
      {"0.0", "expected at least 0.01 CPUs, a 1ms quota per 100ms period (the kernel's minimum)"},
      {"0.009", "expected at least 0.01 CPUs, a 1ms quota per 100ms period (the kernel's minimum)"},
      {"1.0000000001", "too precise; expected at most 9 decimal places"},
      {"99999999999", "too large"},
  };
  for (const auto& [text, why] : cases) {
    absl::StatusOr<CPUQuota> got = ParseCPUs(text);
    ASSERT_FALSE(got.ok()) << text;
    EXPECT_EQ(got.status().message(), absl::StrCat("invalid cpus \"", text, "\"; ", why));
  }
}

TEST(ValidateCPUSetList, AcceptsListsAndRanges) {
  for (const char* ok : {"0", "0-3", "0-3,5,7-8", "4-4"}) EXPECT_TRUE(ValidateCPUSetList(ok).ok()) << ok;
  for (const char* bad : {"", "a", "3-1", "0,", ",0", "0-", "-1", "1-2-3", "0 ,1"}) {
    EXPECT_EQ(ValidateCPUSetList(bad).message(),
              absl::StrCat("invalid cpuset list \"", bad, "\"; expected numbers and ranges such as 0-3,5"));
  }
}

// A host root with /dev/sda (block 8:0), /dev/null (char 1:3) and a by-path
// symlink whose name contains ':'.
class BlockDeviceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/resources-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    ASSERT_EQ(::mkdir((root_ + "/dev").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((root_ + "/dev/disk").c_str(), 0755), 0);
    if (::mknod((root_ + "/dev/sda").c_str(), S_IFBLK | 0660, makedev(8, 0)) != 0) {
      GTEST_SKIP() << "mknod needs CAP_MKNOD: " << strerror(errno);
    }
    ASSERT_EQ(::mknod((root_ + "/dev/null").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
    ASSERT_EQ(::symlink("../sda", (root_ + "/dev/disk/pci-0000:00:1f.2-ata-1").c_str()), 0);
  }
  std::string root_;
};

TEST_F(BlockDeviceFixture, ParsesDeviceRatesAndWeights) {
  absl::StatusOr<BlockDeviceValue> bps = ParseThrottleBpsDevice("/dev/sda:1mb", root_);
  ASSERT_TRUE(bps.ok()) << bps.status();
  EXPECT_EQ(bps->path, "/dev/sda");
  EXPECT_EQ(bps->major, 8);
  EXPECT_EQ(bps->minor, 0);
  EXPECT_EQ(bps->value, 1048576u);
  absl::StatusOr<BlockDeviceValue> iops = ParseThrottleIOPSDevice("/dev/disk/pci-0000:00:1f.2-ata-1:1000", root_);
  ASSERT_TRUE(iops.ok()) << iops.status();
  EXPECT_EQ(iops->path, "/dev/disk/pci-0000:00:1f.2-ata-1");
  EXPECT_EQ(iops->major, 8);
  EXPECT_EQ(iops->value, 1000u);
  absl::StatusOr<BlockDeviceValue> weight = ParseWeightDevice("/dev/sda:200", root_);
  ASSERT_TRUE(weight.ok()) << weight.status();
  EXPECT_EQ(weight->value, 200u);
}

TEST_F(BlockDeviceFixture, RejectsBadDeviceFlagsWithExactMessages) {
  const std::string bps_rate =
      "is not valid; expected a positive number of bytes per second with an optional unit k, m or g, e.g. 1mb";
  const std::pair<std::string, std::string> bps_cases[] = {
      {"/dev/sda", "invalid device limit \"/dev/sda\": expected PATH:RATE such as /dev/sda:1mb"},
      {":5", "invalid device limit \":5\": expected PATH:RATE such as /dev/sda:1mb"},
      {"sda:1mb", "invalid device limit \"sda:1mb\": device path \"sda\" must start with /dev/"},
      {"/dev/sda:0", "invalid device limit \"/dev/sda:0\": rate \"0\" " + bps_rate},
      {"/dev/sda:fast", "invalid device limit \"/dev/sda:fast\": rate \"fast\" " + bps_rate},
      {"/dev/sda:-1", "invalid device limit \"/dev/sda:-1\": rate \"-1\" " + bps_rate},
      {"/dev/null:1mb", "\"/dev/null\" is not a block device"},
      {"/dev/nope:1mb", "/dev/nope: No such file or directory"},
  };
  for (const auto& [flag, message] : bps_cases) {
    EXPECT_EQ(ParseThrottleBpsDevice(flag, root_).status().message(), message) << flag;
  }
  EXPECT_EQ(ParseThrottleBpsDevice("/dev/nope:1mb", root_).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ParseThrottleIOPSDevice("/dev/sda:1k", root_).status().message(),
            "invalid device limit \"/dev/sda:1k\": rate \"1k\" is not valid; expected a positive number of operations "
            "per second");
  EXPECT_EQ(ParseThrottleIOPSDevice("/dev/sda:0", root_).status().message(),
            "invalid device limit \"/dev/sda:0\": rate \"0\" is not valid; expected a positive number of operations "
            "per second");
  EXPECT_EQ(ParseWeightDevice("/dev/sda", root_).status().message(),
            "invalid device weight \"/dev/sda\": expected PATH:WEIGHT such as /dev/sda:200");
  for (const char* w : {"5", "1001", "x"}) {
    EXPECT_EQ(ParseWeightDevice(absl::StrCat("/dev/sda:", w), root_).status().message(),
              absl::StrCat("invalid device weight \"/dev/sda:", w, "\": weight \"", w,
                           "\" is not valid; expected 10 to 1000"));
  }
}

TEST(WithMemoryLimit, CreatesSectionsOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithMemoryLimit(*ParseByteSize("512m"))).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"resources":{"memory":{"limit":536870912}}}})");
}

TEST(MemoryTransforms, SetFieldsOnDefaultSpec) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithMemoryLimit(1 << 30), WithMemoryReservation(1 << 29), WithMemorySwap(-1),
                         WithMemorySwappiness(0), WithOOMKillerDisabled()})
                  .ok());
  const LinuxResources& r = *spec.linux_section->resources;
  EXPECT_EQ(r.devices.size(), 1u);  // the default deny rule is kept
  EXPECT_EQ(r.memory->limit, 1 << 30);
  EXPECT_EQ(r.memory->reservation, 1 << 29);
  EXPECT_EQ(r.memory->swap, -1);
  EXPECT_EQ(r.memory->swappiness, 0u);
  EXPECT_EQ(r.memory->disable_oom_killer, true);
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithMemoryReservation(5), WithMemorySwap(7), WithMemorySwappiness(100),
                                    WithOOMKillerDisabled()})
                  .ok());
  EXPECT_EQ(Marshal(empty),
            R"({"ociVersion":"","linux":{"resources":{"memory":{"reservation":5,"swap":7,"swappiness":100,"disableOOMKiller":true}}}})");
}

TEST(MemoryTransforms, RejectBadAndInconsistentValues) {
  ExpectFails(Spec(), WithMemoryLimit(0),
              "WithMemoryLimit: memory limit 0 is not valid; expected a positive number of bytes or -1 (unlimited)");
  ExpectFails(Spec(), WithMemoryReservation(-2),
              "WithMemoryReservation: memory reservation -2 is not valid; expected a positive number of bytes or -1 "
              "(unlimited)");
  ExpectFails(Spec(), WithMemorySwap(0),
              "WithMemorySwap: memory+swap limit 0 is not valid; expected a positive number of bytes or -1 (unlimited)");
  ExpectFails(Spec(), WithMemorySwappiness(101), "WithMemorySwappiness: memory swappiness 101 is out of range; expected 0 to 100");
  Spec limited;
  ASSERT_TRUE(Apply(limited, WithMemoryLimit(1000)).ok());
  ExpectFails(limited, WithMemorySwap(999),
              "WithMemorySwap: memory+swap limit 999 is below the memory limit 1000; linux.resources.memory.swap "
              "counts memory plus swap");
  ExpectFails(limited, WithMemoryReservation(1001),
              "WithMemoryReservation: memory reservation 1001 exceeds the memory limit 1000");
  Spec swapped;
  ASSERT_TRUE(ApplyOpts({}, swapped, {WithMemorySwap(500), WithMemoryReservation(800)}).ok());
  ExpectFails(swapped, WithMemoryLimit(600),
              "WithMemoryLimit: memory+swap limit 500 is below the memory limit 600; linux.resources.memory.swap "
              "counts memory plus swap");
  ASSERT_TRUE(Apply(swapped, WithMemorySwap(-1)).ok());
  ExpectFails(swapped, WithMemoryLimit(600), "WithMemoryLimit: memory reservation 800 exceeds the memory limit 600");
  EXPECT_TRUE(Apply(swapped, WithMemoryLimit(-1)).ok());
}

TEST(CPUTransforms, SetFieldsOnEmptyAndDefaultSpec) {
  Spec spec;
  const CPUQuota q = *ParseCPUs("1.5");
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithCPUShares(512), WithCPUCFS(q.quota, q.period), WithCPUBurst(150000), WithCPUs("0-3,5"),
                         WithCPUsMems("0"), WithCPURT(950000, 1000000), WithCPUIdle(1)})
                  .ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"cpu":{"shares":512,"quota":150000,"burst":150000,"period":100000,"realtimeRuntime":950000,"realtimePeriod":1000000,"cpus":"0-3,5","mems":"0","idle":1}}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, def, {WithCPUCFS(-1, 100000), WithCPURT(-1, 1000000), WithCPUIdle(0)}).ok());
  EXPECT_EQ(def.linux_section->resources->cpu->quota, -1);
  EXPECT_EQ(def.linux_section->resources->cpu->realtime_runtime, -1);
  EXPECT_EQ(def.linux_section->resources->cpu->idle, 0);
  EXPECT_EQ(def.linux_section->resources->devices.size(), 1u);
}

TEST(CPUTransforms, RejectOutOfRangeValues) {
  ExpectFails(Spec(), WithCPUShares(1), "WithCPUShares: cpu shares 1 is out of range; expected 2 to 262144");
  ExpectFails(Spec(), WithCPUShares(262145), "WithCPUShares: cpu shares 262145 is out of range; expected 2 to 262144");
  ExpectFails(Spec(), WithCPUCFS(999, 100000),
              "WithCPUCFS: cpu quota 999 is out of range; expected -1 (unlimited) or at least 1000 microseconds");
  ExpectFails(Spec(), WithCPUCFS(0, 100000),
              "WithCPUCFS: cpu quota 0 is out of range; expected -1 (unlimited) or at least 1000 microseconds");
  ExpectFails(Spec(), WithCPUCFS(1000, 999), "WithCPUCFS: cpu period 999 is out of range; expected 1000 to 1000000 microseconds");
  ExpectFails(Spec(), WithCPUCFS(1000, 1000001),
              "WithCPUCFS: cpu period 1000001 is out of range; expected 1000 to 1000000 microseconds");
  ExpectFails(Spec(), WithCPUs("1-0"), "WithCPUs: invalid cpuset list \"1-0\"; expected numbers and ranges such as 0-3,5");
  ExpectFails(Spec(), WithCPUsMems(""), "WithCPUsMems: invalid cpuset list \"\"; expected numbers and ranges such as 0-3,5");
  ExpectFails(Spec(), WithCPURT(1, 0), "WithCPURT: realtime period 0 is not valid; expected a positive number of microseconds");
  ExpectFails(Spec(), WithCPURT(1001, 1000),
              "WithCPURT: realtime runtime 1001 is out of range; expected -1 (unlimited) or 0 to the period 1000");
  ExpectFails(Spec(), WithCPURT(-2, 1000),
              "WithCPURT: realtime runtime -2 is out of range; expected -1 (unlimited) or 0 to the period 1000");
  ExpectFails(Spec(), WithCPUIdle(2), "WithCPUIdle: cpu idle 2 is not valid; expected 0 or 1");
  Spec quota;
  ASSERT_TRUE(Apply(quota, WithCPUCFS(50000, 100000)).ok());
  ExpectFails(quota, WithCPUBurst(50001), "WithCPUBurst: cpu burst 50001 exceeds the cpu quota 50000; the burst may not exceed the quota");
  Spec burst;
  ASSERT_TRUE(Apply(burst, WithCPUBurst(60000)).ok());
  ExpectFails(burst, WithCPUCFS(50000, 100000),
              "WithCPUCFS: cpu quota 50000 is below the cpu burst 60000 already set; the burst may not exceed the quota");
  EXPECT_TRUE(Apply(burst, WithCPUCFS(-1, 100000)).ok());
}

TEST(WithPidsLimit, SetsLimitAndMapsZeroToUnlimited) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithPidsLimit(512)).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"resources":{"pids":{"limit":512}}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithPidsLimit(0)).ok());
  EXPECT_EQ(def.linux_section->resources->pids->limit, -1);
  ASSERT_TRUE(Apply(def, WithPidsLimit(-1)).ok());
  EXPECT_EQ(def.linux_section->resources->pids->limit, -1);
  ExpectFails(def, WithPidsLimit(-2),
              "WithPidsLimit: pids limit -2 is not valid; expected a positive number, or 0 or -1 for unlimited");
}

TEST(BlockIOTransforms, SetWeightsAndReplaceDeviceEntries) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithBlockIOWeight(10), WithBlockIOWeightDevice(8, 0, 200), WithBlockIOWeightDevice(8, 16, 300),
                         WithBlockIOWeightDevice(8, 0, 1000), WithBlockIOThrottleReadBpsDevice(8, 0, 1048576),
                         WithBlockIOThrottleReadBpsDevice(8, 0, 2097152), WithBlockIOThrottleWriteBpsDevice(8, 0, 1),
                         WithBlockIOThrottleReadIOPSDevice(8, 0, 100), WithBlockIOThrottleWriteIOPSDevice(8, 16, 200)})
                  .ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"blockIO":{"weight":10,"weightDevice":[{"major":8,"minor":0,"weight":1000},{"major":8,"minor":16,"weight":300}],"throttleReadBpsDevice":[{"major":8,"minor":0,"rate":2097152}],"throttleWriteBpsDevice":[{"major":8,"minor":0,"rate":1}],"throttleReadIOPSDevice":[{"major":8,"minor":0,"rate":100}],"throttleWriteIOPSDevice":[{"major":8,"minor":16,"rate":200}]}}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithBlockIOWeight(1000)).ok());
  EXPECT_EQ(def.linux_section->resources->block_io->weight, 1000);
}

TEST(BlockIOTransforms, RejectBadValues) {
  ExpectFails(Spec(), WithBlockIOWeight(9), "WithBlockIOWeight: blkio weight 9 is out of range; expected 10 to 1000");
  ExpectFails(Spec(), WithBlockIOWeight(1001), "WithBlockIOWeight: blkio weight 1001 is out of range; expected 10 to 1000");
  ExpectFails(Spec(), WithBlockIOWeight(65546), "WithBlockIOWeight: blkio weight 65546 is out of range; expected 10 to 1000");
  ExpectFails(Spec(), WithBlockIOWeightDevice(8, 0, 5),
              "WithBlockIOWeightDevice: blkio weight 5 is out of range; expected 10 to 1000");
  ExpectFails(Spec(), WithBlockIOWeightDevice(-1, 0, 500),
              "WithBlockIOWeightDevice: device -1:0 is not valid; expected non-negative major and minor numbers");
  ExpectFails(Spec(), WithBlockIOThrottleReadBpsDevice(8, 0, 0),
              "WithBlockIOThrottleReadBpsDevice: rate 0 is not valid; expected a positive rate");
  ExpectFails(Spec(), WithBlockIOThrottleWriteBpsDevice(8, -1, 5),
              "WithBlockIOThrottleWriteBpsDevice: device 8:-1 is not valid; expected non-negative major and minor numbers");
  ExpectFails(Spec(), WithBlockIOThrottleReadIOPSDevice(8, 0, 0),
              "WithBlockIOThrottleReadIOPSDevice: rate 0 is not valid; expected a positive rate");
  ExpectFails(Spec(), WithBlockIOThrottleWriteIOPSDevice(8, 0, 0),
              "WithBlockIOThrottleWriteIOPSDevice: rate 0 is not valid; expected a positive rate");
}

TEST(WithHugepageLimit, ReplacesBySizeAndValidatesSize) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHugepageLimit("2MB", 1), WithHugepageLimit("1GB", 2), WithHugepageLimit("2MB", 3)}).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"hugepageLimits":[{"pageSize":"2MB","limit":3},{"pageSize":"1GB","limit":2}]}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithHugepageLimit("64KB", 0)).ok());
  EXPECT_EQ(def.linux_section->resources->hugepage_limits.size(), 1u);
  for (const char* bad : {"2mb", "MB", "02MB", "2", "2TB", "", "2 MB"}) {
    ExpectFails(Spec(), WithHugepageLimit(bad, 1),
                absl::StrCat("WithHugepageLimit: hugepage size \"", bad,
                             "\" is not valid; expected a size in KB, MB or GB such as 2MB"));
  }
}

TEST(WithUnified, MergesValidKeysAllOrNothing) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithUnified({{"memory.high", "1G"}, {"hugetlb.2MB.max", "0"}})).ok());
  ASSERT_TRUE(Apply(spec, WithUnified({{"memory.high", "2G"}, {"io.max", "8:0 rbps=1"}})).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"unified":{"hugetlb.2MB.max":"0","io.max":"8:0 rbps=1","memory.high":"2G"}}}})");
  for (const char* bad : {"memory", "memory/max", ".max", "memory.", "Memory.max", "memory..max", "memory.max x", ""}) {
    ExpectFails(spec, WithUnified({{"cpu.weight", "100"}, {bad, "1"}}),
                absl::StrCat("WithUnified: unified key \"", bad,
                             "\" is not valid; expected CONTROLLER.FILE such as memory.high or io.max"));
  }
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithUnified({{"cpu.weight", "100"}})).ok());
  EXPECT_EQ(def.linux_section->resources->unified.at("cpu.weight"), "100");
}

TEST(ValidateSystemdSlice, FollowsRuncExpandSlice) {
  for (const char* ok : {"system.slice", "machine-web.slice", "-.slice", "a-b-c.slice"}) {
    EXPECT_TRUE(ValidateSystemdSlice(ok).ok()) << ok;
  }
  for (const char* bad : {".slice", "system", "a--b.slice", "-a.slice", "a-.slice", "a/b.slice", "system.slic"}) {
    EXPECT_EQ(ValidateSystemdSlice(bad).message(),
              absl::StrCat("invalid systemd slice \"", bad,
                           "\"; expected NAME.slice with \"-\" between non-empty parent names, e.g. system.slice"));
  }
}

TEST(ValidateSystemdCgroupsPath, NeedsSliceColonPrefixColonName) {
  for (const char* ok : {"system.slice:docker:web", ":docker:web", "system.slice::web"}) {
    EXPECT_TRUE(ValidateSystemdCgroupsPath(ok).ok()) << ok;
  }
  for (const char* bad : {"system.slice:web", "a:b:c:d", "system.slice:docker:", "system.slice:a/b:web",
                          "system.slice:docker:a/b"}) {
    EXPECT_EQ(ValidateSystemdCgroupsPath(bad).message(),
              absl::StrCat("invalid systemd cgroupsPath \"", bad,
                           "\"; expected SLICE:PREFIX:NAME such as system.slice:docker:web"));
  }
  EXPECT_EQ(ValidateSystemdCgroupsPath("bad:docker:web").message(),
            "invalid systemd slice \"bad\"; expected NAME.slice with \"-\" between non-empty parent names, e.g. "
            "system.slice");
}

TEST(CgroupPathForParent, AppliesBuildKitSystemdRuleAndJoinsOtherwise) {
  const std::pair<std::pair<const char*, const char*>, const char*> cases[] = {
      {{"system.slice:ocikit:", "web"}, "system.slice:ocikit:web"},
      {{"machine-x.slice::", "web"}, "machine-x.slice::web"},
      {{"my.slice", "web"}, "/my.slice/web"},
      {{"/kubepods/besteffort", "web"}, "/kubepods/besteffort/web"},
      {{"kube", "web"}, "/kube/web"},
      {{"../../x/", "web"}, "/x/web"},
  };
  for (const auto& [in, want] : cases) {
    absl::StatusOr<std::string> got = CgroupPathForParent(in.first, in.second);
    ASSERT_TRUE(got.ok()) << in.first << ": " << got.status();
    EXPECT_EQ(*got, want);
  }
  EXPECT_EQ(CgroupPathForParent("", "web").status().message(), "cgroup parent is empty");
  for (const char* id : {"", "a/b", "a:b", ".."}) {
    EXPECT_EQ(CgroupPathForParent("kube", id).status().message(),
              absl::StrCat("container id \"", id,
                           "\" cannot name a cgroup under parent \"kube\"; expected a non-empty id without \"/\" or \":\""));
  }
  for (const char* parent : {"system.slice:", "a--b.slice:p:", "x:system.slice:"}) {
    EXPECT_EQ(CgroupPathForParent(parent, "web").status().message(),
              absl::StrCat("invalid systemd cgroup parent \"", parent,
                           "\"; expected SLICE:PREFIX: such as system.slice:ocikit:"));
  }
}

TEST(CgroupTransforms, SetCgroupsPath) {
  SpecContext ctx;
  ctx.ns = "k8s.io";
  ctx.container_id = "web";
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithCgroup("/custom/path"), ctx).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"cgroupsPath":"/custom/path"}})");
  Spec def = DefaultLinuxSpec("default", "web");
  ASSERT_TRUE(Apply(def, WithCgroupParent("system.slice:ocikit:"), ctx).ok());
  EXPECT_EQ(def.linux_section->cgroups_path, "system.slice:ocikit:web");
  ASSERT_TRUE(Apply(def, WithCgroupParent("/parent"), ctx).ok());
  EXPECT_EQ(def.linux_section->cgroups_path, "/parent/web");
  ASSERT_TRUE(Apply(def, WithNamespacedCgroup(), ctx).ok());
  EXPECT_EQ(def.linux_section->cgroups_path, "/k8s.io/web");
  Spec empty;
  ASSERT_TRUE(Apply(empty, WithNamespacedCgroup(), ctx).ok());
  EXPECT_EQ(Marshal(empty), R"({"ociVersion":"","linux":{"cgroupsPath":"/k8s.io/web"}})");
  Spec parented;
  ASSERT_TRUE(Apply(parented, WithCgroupParent("kube"), ctx).ok());
  EXPECT_EQ(Marshal(parented), R"({"ociVersion":"","linux":{"cgroupsPath":"/kube/web"}})");
  const Spec before = DefaultLinuxSpec();
  Spec unnamed = before;
  EXPECT_EQ(Apply(unnamed, WithCgroupParent("kube")).message(),
            "WithCgroupParent: container id \"\" cannot name a cgroup under parent \"kube\"; expected a non-empty id "
            "without \"/\" or \":\"");
  EXPECT_EQ(unnamed, before);
}

TEST(WithOOMScoreAdj, SetsProcessFieldInRange) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithOOMScoreAdj(-1000)).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","process":{"user":{"uid":0,"gid":0},"cwd":"","oomScoreAdj":-1000}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithOOMScoreAdj(1000)).ok());
  EXPECT_EQ(def.process->oom_score_adj, 1000);
  ExpectFails(def, WithOOMScoreAdj(1001), "WithOOMScoreAdj: oom score adj 1001 is out of range; expected -1000 to 1000");
  ExpectFails(def, WithOOMScoreAdj(-1001), "WithOOMScoreAdj: oom score adj -1001 is out of range; expected -1000 to 1000");
}

// Replays the header's Example: block and the Example: lines of transforms.
TEST(Resources, HeaderExamples) {
  absl::StatusOr<int64_t> limit = ParseByteSize("512m");
  ASSERT_TRUE(limit.ok());
  EXPECT_EQ(*limit, 536870912);
  absl::StatusOr<CPUQuota> cpus = ParseCPUs("1.5");
  ASSERT_TRUE(cpus.ok());
  EXPECT_EQ(cpus->quota, 150000);
  EXPECT_EQ(cpus->period, 100000u);
  SpecContext ctx;
  ctx.container_id = "web";
  Spec spec = DefaultLinuxSpec(ctx.ns, ctx.container_id);
  ASSERT_TRUE(ApplyOpts(ctx, spec,
                        {WithMemoryLimit(*limit), WithCPUCFS(cpus->quota, cpus->period), WithPidsLimit(512),
                         WithCgroupParent("system.slice:ocikit:")})
                  .ok());
  const std::string json = Marshal(spec);
  EXPECT_NE(json.find(R"("memory":{"limit":536870912})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("cpu":{"quota":150000,"period":100000})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("pids":{"limit":512})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("cgroupsPath":"system.slice:ocikit:web")"), std::string::npos) << json;
}

}  // namespace
}  // namespace ocikit
