#include "spec/opts/masked_paths.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/codec.h"
#include "absl/strings/match.h"

namespace ocikit {
namespace {

using Paths = std::vector<std::string>;

// Fixtures, relative to the test's working directory (the workspace root in
// runfiles). See testdata/sysfs/README.md.
constexpr char kFourCpu[] = "testdata/sysfs/fourcpu";
constexpr char kMalformed[] = "testdata/sysfs/malformed";

// --- Default sets -----------------------------------------------------------

TEST(DefaultMaskedPathsFor, ContainerdIsTheDefaultSpecList) {
  EXPECT_EQ(DefaultMaskedPathsFor(PathDefaults::kContainerd),
            (Paths{"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                   "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                   "/sys/devices/virtual/powercap", "/proc/scsi"}));
  EXPECT_EQ(DefaultReadonlyPathsFor(PathDefaults::kContainerd),
            (Paths{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}));
  const Spec spec = DefaultLinuxSpec();
  EXPECT_EQ(spec.linux_section->masked_paths, DefaultMaskedPathsFor(PathDefaults::kContainerd));
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPathsFor(PathDefaults::kContainerd));
}

TEST(DefaultMaskedPathsFor, MobyIsDocker28) {
  EXPECT_EQ(DefaultMaskedPathsFor(PathDefaults::kMoby),
            (Paths{"/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
                   "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                   "/sys/firmware", "/sys/devices/virtual/powercap"}));
  EXPECT_EQ(DefaultReadonlyPathsFor(PathDefaults::kMoby),
            (Paths{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}));
}

TEST(DefaultMaskedPathsFor, PodmanIsContainersCommon) {
  EXPECT_EQ(DefaultMaskedPathsFor(PathDefaults::kPodman),
            (Paths{"/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug",
                   "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap",
                   "/sys/firmware", "/sys/fs/selinux", "/sys/dev/block", "/proc/interrupts"}));
  EXPECT_EQ(DefaultReadonlyPathsFor(PathDefaults::kPodman),
            (Paths{"/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}));
}

TEST(PathDefaults, NamesRoundTripAndUnknownNamesFail) {
  for (PathDefaults set : {PathDefaults::kContainerd, PathDefaults::kMoby, PathDefaults::kPodman}) {
    absl::StatusOr<PathDefaults> parsed = ParsePathDefaults(PathDefaultsName(set));
    ASSERT_TRUE(parsed.ok()) << PathDefaultsName(set);
    EXPECT_EQ(*parsed, set);
  }
  EXPECT_EQ(PathDefaultsName(PathDefaults::kMoby), "moby");
  EXPECT_EQ(*ParsePathDefaults("podman"), PathDefaults::kPodman);
  for (absl::string_view bad : {"docker", "Moby", ""}) {
    EXPECT_EQ(ParsePathDefaults(bad).status(),
              absl::InvalidArgumentError(absl::StrCat("unknown path defaults \"", bad,
                                                      "\"; expected one of containerd, moby, podman")));
  }
}

// --- Replacing and adding ---------------------------------------------------

TEST(WithPathDefaults, ReplacesBothListsOnDefaultSpec) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithPathDefaults(PathDefaults::kPodman)}).ok());
  EXPECT_EQ(spec.linux_section->masked_paths, DefaultMaskedPathsFor(PathDefaults::kPodman));
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPathsFor(PathDefaults::kPodman));
}

TEST(WithPathDefaults, CreatesLinuxSectionOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithPathDefaults(PathDefaults::kMoby)}).ok());
  ASSERT_TRUE(spec.linux_section.has_value());
  EXPECT_EQ(spec.linux_section->masked_paths, DefaultMaskedPathsFor(PathDefaults::kMoby));
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPathsFor(PathDefaults::kMoby));
}

TEST(WithMaskedPaths, ReplacesAndEmptyClears) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMaskedPaths({"/proc/kcore", "/x"}), WithReadonlyPaths({"/proc/sys"})}).ok());
  EXPECT_EQ(spec.linux_section->masked_paths, (Paths{"/proc/kcore", "/x"}));
  EXPECT_EQ(spec.linux_section->readonly_paths, (Paths{"/proc/sys"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMaskedPaths({}), WithReadonlyPaths({})}).ok());
  const std::string json = Marshal(spec);
  EXPECT_FALSE(absl::StrContains(json, "maskedPaths")) << json;
  EXPECT_FALSE(absl::StrContains(json, "readonlyPaths")) << json;
}

TEST(WithMaskedPaths, EmptyListOnEmptySpecAddsEmptyLinuxSection) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMaskedPaths({}), WithReadonlyPaths({})}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{}})");
}

TEST(WithMaskedPaths, RejectsRelativePathsAndChangesNothing) {
  Spec spec = DefaultLinuxSpec();
  const Spec before = spec;
  EXPECT_EQ(ApplyOpts({}, spec, {WithMaskedPaths({"/ok", "proc/kcore"})}),
            absl::InvalidArgumentError("WithMaskedPaths: masked path \"proc/kcore\" is not absolute"));
  EXPECT_EQ(ApplyOpts({}, spec, {WithReadonlyPaths({""})}),
            absl::InvalidArgumentError("WithReadonlyPaths: read-only path \"\" is not absolute"));
  EXPECT_EQ(ApplyOpts({}, spec, {WithAddedMaskedPaths({"x"})}),
            absl::InvalidArgumentError("WithAddedMaskedPaths: masked path \"x\" is not absolute"));
  EXPECT_EQ(ApplyOpts({}, spec, {WithAddedReadonlyPaths({"/a", "b"})}),
            absl::InvalidArgumentError("WithAddedReadonlyPaths: read-only path \"b\" is not absolute"));
  EXPECT_EQ(spec, before);
}

TEST(WithAddedMaskedPaths, AppendsSkippingExactDuplicates) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithAddedMaskedPaths({"/proc/kcore", "/proc/interrupts", "/proc/interrupts", "/proc/kcore/"}),
                         WithAddedReadonlyPaths({"/proc/sys", "/proc/asound"})})
                  .ok());
  Paths masked = DefaultMaskedPaths();
  masked.push_back("/proc/interrupts");
  masked.push_back("/proc/kcore/");  // not an exact duplicate
  EXPECT_EQ(spec.linux_section->masked_paths, masked);
  Paths readonly = DefaultReadonlyPaths();
  readonly.push_back("/proc/asound");
  EXPECT_EQ(spec.linux_section->readonly_paths, readonly);
}

TEST(WithAddedMaskedPaths, CreatesLinuxSectionOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithAddedMaskedPaths({"/a"}), WithAddedReadonlyPaths({"/b"})}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"maskedPaths":["/a"],"readonlyPaths":["/b"]}})");
}

// --- Removing ---------------------------------------------------------------

TEST(WithoutMaskedPaths, RemovesExactAndCleanedMatches) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/proc/kcore", "//sys/firmware/", "/proc/nothing"}),
                                   WithoutReadonlyPaths({"/proc/sys"})})
                  .ok());
  EXPECT_EQ(spec.linux_section->masked_paths,
            (Paths{"/proc/acpi", "/proc/asound", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                   "/proc/timer_stats", "/proc/sched_debug", "/sys/devices/virtual/powercap", "/proc/scsi"}));
  EXPECT_EQ(spec.linux_section->readonly_paths, (Paths{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sysrq-trigger"}));
}

TEST(WithoutMaskedPaths, AllInAnyCaseRemovesEverything) {
  for (const char* all : {"ALL", "all", "All"}) {
    Spec spec = DefaultLinuxSpec();
    ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/nothing", all})}).ok());
    EXPECT_TRUE(spec.linux_section->masked_paths.empty()) << all;
    EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPaths()) << all;
    ASSERT_TRUE(ApplyOpts({}, spec, {WithoutReadonlyPaths({all})}).ok());
    EXPECT_TRUE(spec.linux_section->readonly_paths.empty()) << all;
  }
}

TEST(WithoutMaskedPaths, AllAlsoRemovesLateAdditions) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithAddedMaskedPaths({"/sys/devices/virtual/powercap", "/proc/interrupts"}),
                         WithThermalThrottleMasked(kFourCpu), WithoutMaskedPaths({"ALL"})})
                  .ok());
  EXPECT_TRUE(spec.linux_section->masked_paths.empty());
}

TEST(WithoutMaskedPaths, GlobsDoNotCrossSlashes) {
  Spec spec;
  Linux& lx = EnsureLinux(spec);
  lx.masked_paths = {"/proc/acpi", "/proc/sys/kernel", "/sys/firmware", "/proc/scsi", "/sys/fs/selinux"};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/proc/*"})}).ok());
  EXPECT_EQ(lx.masked_paths, (Paths{"/proc/sys/kernel", "/sys/firmware", "/sys/fs/selinux"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/sys/f?rmware", "/proc/*/kern[a-e]l"})}).ok());
  EXPECT_EQ(lx.masked_paths, (Paths{"/sys/fs/selinux"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/sys/[!f]*/selinux", "/sys/*"})}).ok());
  EXPECT_EQ(lx.masked_paths, (Paths{"/sys/fs/selinux"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"/sys/*/selinux"})}).ok());
  EXPECT_TRUE(lx.masked_paths.empty());
}

TEST(WithoutMaskedPaths, EmptyPatternRemovesNothing) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({""}), WithoutReadonlyPaths({""})}).ok());
  EXPECT_EQ(spec.linux_section->masked_paths, DefaultMaskedPaths());
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPaths());
}

TEST(WithoutMaskedPaths, EmptySpecGetsNoLinuxSection) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMaskedPaths({"ALL"}), WithoutReadonlyPaths({"/proc/*"})}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":""})");
}

// --- Thermal throttle -------------------------------------------------------

TEST(ParseCpuList, ParsesKernelLists) {
  struct Case {
    const char* input;
    std::vector<uint32_t> want;
  } cases[] = {
      {"0", {0}},
      {"0-3\n", {0, 1, 2, 3}},
      {"0-3,8,10-11", {0, 1, 2, 3, 8, 10, 11}},
      {"5,1-2,2", {1, 2, 5}},
      {"7-7", {7}},
      {"65535", {65535}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::vector<uint32_t>> got = ParseCpuList(c.input);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.input;
  }
}

TEST(ParseCpuList, RejectsGarbage) {
  const auto bad_item = [](absl::string_view list, absl::string_view item) {
    return absl::StrCat("invalid cpu list \"", list, "\": \"", item,
                        "\" is not a cpu number or range; expected N or N-M with N, M in 0..65535");
  };
  struct Case {
    std::string input;
    std::string message;
  } cases[] = {
      {"", "empty cpu list; expected e.g. 0-3,8"},
      {"\n", "empty cpu list; expected e.g. 0-3,8"},
      {"0-3,x", bad_item("0-3,x", "x")},
      {"0,,1", bad_item("0,,1", "")},
      {"0-", bad_item("0-", "0-")},
      {"-1", bad_item("-1", "-1")},
      {"+1", bad_item("+1", "+1")},
      {" 1", bad_item(" 1", " 1")},
      {"0-3\n\n", bad_item("0-3\n", "0-3\n")},
      {"0-7:2/4", bad_item("0-7:2/4", "0-7:2/4")},
      {"1-2-3", bad_item("1-2-3", "1-2-3")},
      {"65536", bad_item("65536", "65536")},
      {"0-4294967295", bad_item("0-4294967295", "0-4294967295")},
      {"3-0", "invalid cpu list \"3-0\": range \"3-0\" is reversed"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseCpuList(c.input).status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

TEST(ThermalThrottlePaths, ListsPossibleCpusThatHaveTheDirectory) {
  absl::StatusOr<Paths> paths = ThermalThrottlePaths(kFourCpu);
  ASSERT_TRUE(paths.ok()) << paths.status();
  // cpu2 has no thermal_throttle directory; cpu4 has one but is not possible.
  EXPECT_EQ(*paths, (Paths{"/sys/devices/system/cpu/cpu0/thermal_throttle",
                           "/sys/devices/system/cpu/cpu1/thermal_throttle",
                           "/sys/devices/system/cpu/cpu3/thermal_throttle"}));
}

TEST(ThermalThrottlePaths, MalformedPossibleFails) {
  EXPECT_EQ(ThermalThrottlePaths(kMalformed).status(),
            absl::InvalidArgumentError(absl::StrCat(
                kMalformed, "/devices/system/cpu/possible: invalid cpu list \"0-3,x\": \"x\" is not a cpu number or "
                            "range; expected N or N-M with N, M in 0..65535")));
}

TEST(ThermalThrottlePaths, MissingPossibleFails) {
  EXPECT_EQ(ThermalThrottlePaths("testdata/sysfs/none").status(),
            absl::NotFoundError("testdata/sysfs/none/devices/system/cpu/possible: No such file or directory"));
}

TEST(WithThermalThrottleMasked, AppendsToDefaultSpecOnce) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithThermalThrottleMasked(kFourCpu), WithThermalThrottleMasked(kFourCpu)}).ok());
  Paths want = DefaultMaskedPaths();
  for (const char* cpu : {"cpu0", "cpu1", "cpu3"}) {
    want.push_back(absl::StrCat("/sys/devices/system/cpu/", cpu, "/thermal_throttle"));
  }
  EXPECT_EQ(spec.linux_section->masked_paths, want);
  EXPECT_EQ(spec.linux_section->readonly_paths, DefaultReadonlyPaths());
}

TEST(WithThermalThrottleMasked, CreatesLinuxSectionOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithThermalThrottleMasked(kFourCpu)}).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"maskedPaths":["/sys/devices/system/cpu/cpu0/thermal_throttle",)"
            R"("/sys/devices/system/cpu/cpu1/thermal_throttle","/sys/devices/system/cpu/cpu3/thermal_throttle"]}})");
}

TEST(WithThermalThrottleMasked, ErrorNamesTheTransformAndChangesNothing) {
  Spec spec = DefaultLinuxSpec();
  const Spec before = spec;
  absl::Status s = ApplyOpts({}, spec, {WithThermalThrottleMasked(kMalformed)});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "WithThermalThrottleMasked: testdata/sysfs/malformed/devices/system/cpu/possible: invalid cpu list "
            "\"0-3,x\": \"x\" is not a cpu number or range; expected N or N-M with N, M in 0..65535");
  EXPECT_EQ(spec, before);
}

}  // namespace
}  // namespace ocikit
