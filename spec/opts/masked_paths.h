// File: spec/opts/masked_paths.h
//
// Masked and read-only paths (linux.maskedPaths, linux.readonlyPaths): the
// default sets of containerd, moby (Docker) and Podman (containers/common),
// transforms that replace, extend and shrink the lists, and the host-dependent
// per-CPU thermal_throttle paths (GHSA-6fw5-f8r9-fgfm).
//
// Removal follows Podman's `--security-opt unmask=`: "ALL" (any case) removes
// every entry, and an entry may be a glob ("/proc/*"), matched with
// fnmatch(3) and FNM_PATHNAME, so '*' never crosses a '/', as Go's
// filepath.Match. The flag layer must apply unmask after every transform
// that adds masked paths (defaults, --security-opt mask=, thermal_throttle),
// so that "unmask=ALL" also removes late additions: Podman once added
// /sys/devices/virtual/powercap after the unmask step, and "unmask=ALL" could
// not remove it (podman PR 20510).
//
// Example:
//   ApplyOpts(ctx, spec, {WithPathDefaults(PathDefaults::kMoby),
//                         WithThermalThrottleMasked(),
//                         WithoutMaskedPaths({"/proc/*"})});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_MASKED_PATHS_H_
#define OCIKIT_SPEC_OPTS_MASKED_PATHS_H_


#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// A named set of default masked and read-only paths.
enum class PathDefaults {
  kContainerd,  // containerd v2 (spec/default_spec.h)
  kMoby,        // moby / Docker 28
  kPodman,      // containers/common, used by Podman, Buildah and CRI-O
};

// The name ParsePathDefaults reads: "containerd", "moby" or "podman".
absl::string_view PathDefaultsName(PathDefaults set);

// "containerd", "moby" or "podman" (lower case) to a PathDefaults.
absl::StatusOr<PathDefaults> ParsePathDefaults(absl::string_view name);

// The masked paths of `set`, in upstream order. None includes the per-CPU
// thermal_throttle paths, which depend on the host: add them with
// WithThermalThrottleMasked.
const std::vector<std::string>& DefaultMaskedPathsFor(PathDefaults set);

// The read-only paths of `set`, in upstream order.
const std::vector<std::string>& DefaultReadonlyPathsFor(PathDefaults set);

namespace internal {

// An error naming the first path that is not absolute, e.g. for "masked".
absl::Status CheckAbsolutePaths(absl::string_view what, const std::vector<std::string>& paths);

// Appends the paths not yet in `list`, in order.
void AppendMissingPaths(std::vector<std::string>& list, const std::vector<std::string>& paths);

// Whether an unmask pattern removes `path`: "ALL" in any case, or a glob that
// matches the cleaned path.
bool UnmaskPatternMatches(const std::string& pattern, const std::string& path);

void RemoveMatchingPaths(std::vector<std::string>& list, const std::vector<std::string>& patterns);

}  // namespace internal

// Replaces both lists with the defaults of `set`.
SpecOpt WithPathDefaults(PathDefaults set);

// Replaces linux.maskedPaths with `paths`; an empty list clears it
// (containerd). Paths must be absolute.
SpecOpt WithMaskedPaths(std::vector<std::string> paths);

// Replaces linux.readonlyPaths with `paths`; an empty list clears it
// (containerd). Paths must be absolute.
SpecOpt WithReadonlyPaths(std::vector<std::string> paths);

// Appends absolute paths to linux.maskedPaths, skipping exact duplicates
// (Podman's --security-opt mask=).
SpecOpt WithAddedMaskedPaths(std::vector<std::string> paths);

// Appends absolute paths to linux.readonlyPaths, skipping exact duplicates.
SpecOpt WithAddedReadonlyPaths(std::vector<std::string> paths);

// Removes masked paths matching any pattern: "ALL" removes all, a glob such
// as "/proc/*" removes what it matches (see the top of this file). Patterns
// are not split at ':'; the flag layer splits "unmask=/a:/b". A spec without
// a linux section is left as it is.
SpecOpt WithoutMaskedPaths(std::vector<std::string> patterns);

// Removes read-only paths matching any pattern, as WithoutMaskedPaths.
// Podman's unmask= applies to both lists.
SpecOpt WithoutReadonlyPaths(std::vector<std::string> patterns);

// CPU numbers at or above this are rejected, so a bad cpulist cannot make
// ocikit enumerate billions of paths (the kernel's NR_CPUS tops out at 8192).
inline constexpr uint32_t kMaxCpuNumber = 65535;

// Parses a kernel cpulist such as "0-3,8,10-11" (one trailing newline
// allowed) into sorted, unique CPU numbers. Anything else is an error: spaces,
// signs, empty items, reversed ranges, the "0-7:2/4" stride form, numbers
// above kMaxCpuNumber.
absl::StatusOr<std::vector<uint32_t>> ParseCpuList(absl::string_view text);

// The in-container paths /sys/devices/system/cpu/cpu<N>/thermal_throttle
// for each CPU N listed in <sysfs_root>/devices/system/cpu/possible whose
// thermal_throttle directory exists under `sysfs_root` now. containerd lists
// every possible CPU whether or not the directory exists (runtimes skip
// missing masked paths), so its list is longer on hosts without the x86
// thermal driver; containers/common globs cpu*/thermal_throttle, which gives
// the same paths as ocikit except for a cpu directory outside `possible`. A CPU
// that is offline when the spec is generated has no directory and is not
// listed (as with the glob). A missing or malformed `possible` is an error.
absl::StatusOr<std::vector<std::string>> ThermalThrottlePaths(const std::string& sysfs_root);

// Masks the thermal_throttle directory of every possible CPU of the host
// whose sysfs is mounted at `sysfs_root` (see ThermalThrottlePaths),
// appending to linux.maskedPaths and skipping paths already there.
SpecOpt WithThermalThrottleMasked(std::string sysfs_root = "/sys");

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/masked_paths-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_MASKED_PATHS_H_
