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
#ifndef OCIKIT_SPEC_OPTS_MASKED_PATHS_H_
#define OCIKIT_SPEC_OPTS_MASKED_PATHS_H_

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

// A named set of default masked and read-only paths.
enum class PathDefaults {
  kContainerd,  // containerd v2 (spec/default_spec.h)
  kMoby,        // moby / Docker 28
  kPodman,      // containers/common, used by Podman, Buildah and CRI-O
};

// The name ParsePathDefaults reads: "containerd", "moby" or "podman".
inline absl::string_view PathDefaultsName(PathDefaults set) {
  switch (set) {
    case PathDefaults::kContainerd:
      return "containerd";
    case PathDefaults::kMoby:
      return "moby";
    case PathDefaults::kPodman:
      return "podman";
  }
  return "";
}

// "containerd", "moby" or "podman" (lower case) to a PathDefaults.
inline absl::StatusOr<PathDefaults> ParsePathDefaults(absl::string_view name) {
  for (PathDefaults set : {PathDefaults::kContainerd, PathDefaults::kMoby, PathDefaults::kPodman}) {
    if (PathDefaultsName(set) == name) return set;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown path defaults \"", name, "\"; expected one of containerd, moby, podman"));
}

// The masked paths of `set`, in upstream order. None includes the per-CPU
// thermal_throttle paths, which depend on the host: add them with
// WithThermalThrottleMasked.
inline const std::vector<std::string>& DefaultMaskedPathsFor(PathDefaults set) {
  static const std::vector<std::string> kMoby = {
      "/proc/asound",     "/proc/acpi",        "/proc/interrupts", "/proc/kcore",
      "/proc/keys",       "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
      "/proc/sched_debug", "/proc/scsi",        "/sys/firmware",    "/sys/devices/virtual/powercap",
  };
  // /proc/asound is read-only here, not masked; /sys/fs/selinux is masked.
  static const std::vector<std::string> kPodman = {
      "/proc/acpi",       "/proc/kcore",       "/proc/keys",        "/proc/latency_stats",
      "/proc/sched_debug", "/proc/scsi",       "/proc/timer_list",  "/proc/timer_stats",
      "/sys/devices/virtual/powercap", "/sys/firmware", "/sys/fs/selinux", "/proc/interrupts",
  };
  switch (set) {
    case PathDefaults::kMoby:
      return kMoby;
    case PathDefaults::kPodman:
      return kPodman;
    case PathDefaults::kContainerd:
      break;
  }
  return DefaultMaskedPaths();
}

// The read-only paths of `set`, in upstream order.
inline const std::vector<std::string>& DefaultReadonlyPathsFor(PathDefaults set) {
  static const std::vector<std::string> kPodman = {
      "/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
  };
  // containerd and moby share one list.
  return set == PathDefaults::kPodman ? kPodman : DefaultReadonlyPaths();
}

namespace internal {

// An error naming the first path that is not absolute, e.g. for "masked".
inline absl::Status CheckAbsolutePaths(absl::string_view what, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (p.empty() || p.front() != '/') {
      return absl::InvalidArgumentError(absl::StrCat(what, " path \"", p, "\" is not absolute"));
    }
  }
  return absl::OkStatus();
}

// Appends the paths not yet in `list`, in order.
inline void AppendMissingPaths(std::vector<std::string>& list, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (std::find(list.begin(), list.end(), p) == list.end()) list.push_back(p);
  }
}

// Whether an unmask pattern removes `path`: "ALL" in any case, or a glob that
// matches the cleaned path.
inline bool UnmaskPatternMatches(const std::string& pattern, const std::string& path) {
  if (absl::EqualsIgnoreCase(pattern, "all")) return true;
  if (pattern.empty()) return false;
  return ::fnmatch(CleanPath(pattern).c_str(), CleanPath(path).c_str(), FNM_PATHNAME) == 0;
}

inline void RemoveMatchingPaths(std::vector<std::string>& list, const std::vector<std::string>& patterns) {
  std::erase_if(list, [&patterns](const std::string& path) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&path](const std::string& pattern) { return UnmaskPatternMatches(pattern, path); });
  });
}

}  // namespace internal

// Replaces both lists with the defaults of `set`.
inline SpecOpt WithPathDefaults(PathDefaults set) {
  return SpecOpt("WithPathDefaults", [set](const SpecContext&, Spec& spec) {
    Linux& lx = EnsureLinux(spec);
    lx.masked_paths = DefaultMaskedPathsFor(set);
    lx.readonly_paths = DefaultReadonlyPathsFor(set);
    return absl::OkStatus();
  });
}

// Replaces linux.maskedPaths with `paths`; an empty list clears it
// (containerd). Paths must be absolute.
inline SpecOpt WithMaskedPaths(std::vector<std::string> paths) {
  return SpecOpt("WithMaskedPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckAbsolutePaths("masked", paths); !s.ok()) return s;
    EnsureLinux(spec).masked_paths = paths;
    return absl::OkStatus();
  });
}

// Replaces linux.readonlyPaths with `paths`; an empty list clears it
// (containerd). Paths must be absolute.
inline SpecOpt WithReadonlyPaths(std::vector<std::string> paths) {
  return SpecOpt("WithReadonlyPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckAbsolutePaths("read-only", paths); !s.ok()) return s;
    EnsureLinux(spec).readonly_paths = paths;
    return absl::OkStatus();
  });
}

// Appends absolute paths to linux.maskedPaths, skipping exact duplicates
// (Podman's --security-opt mask=).
inline SpecOpt WithAddedMaskedPaths(std::vector<std::string> paths) {
  return SpecOpt("WithAddedMaskedPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckAbsolutePaths("masked", paths); !s.ok()) return s;
    internal::AppendMissingPaths(EnsureLinux(spec).masked_paths, paths);
    return absl::OkStatus();
  });
}

// Appends absolute paths to linux.readonlyPaths, skipping exact duplicates.
inline SpecOpt WithAddedReadonlyPaths(std::vector<std::string> paths) {
  return SpecOpt("WithAddedReadonlyPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckAbsolutePaths("read-only", paths); !s.ok()) return s;
    internal::AppendMissingPaths(EnsureLinux(spec).readonly_paths, paths);
    return absl::OkStatus();
  });
}

// Removes masked paths matching any pattern: "ALL" removes all, a glob such
// as "/proc/*" removes what it matches (see the top of this file). Patterns
// are not split at ':'; the flag layer splits "unmask=/a:/b". A spec without
// a linux section is left as it is.
inline SpecOpt WithoutMaskedPaths(std::vector<std::string> patterns) {
  return SpecOpt("WithoutMaskedPaths", [patterns = std::move(patterns)](const SpecContext&, Spec& spec) {
    if (spec.linux_section) internal::RemoveMatchingPaths(spec.linux_section->masked_paths, patterns);
    return absl::OkStatus();
  });
}

// Removes read-only paths matching any pattern, as WithoutMaskedPaths.
// Podman's unmask= applies to both lists.
inline SpecOpt WithoutReadonlyPaths(std::vector<std::string> patterns) {
  return SpecOpt("WithoutReadonlyPaths", [patterns = std::move(patterns)](const SpecContext&, Spec& spec) {
    if (spec.linux_section) internal::RemoveMatchingPaths(spec.linux_section->readonly_paths, patterns);
    return absl::OkStatus();
  });
}

// CPU numbers at or above this are rejected, so a bad cpulist cannot make
// ocikit enumerate billions of paths (the kernel's NR_CPUS tops out at 8192).
inline constexpr uint32_t kMaxCpuNumber = 65535;

// Parses a kernel cpulist such as "0-3,8,10-11" (one trailing newline
// allowed) into sorted, unique CPU numbers. Anything else is an error: spaces,
// signs, empty items, reversed ranges, the "0-7:2/4" stride form, numbers
// above kMaxCpuNumber.
inline absl::StatusOr<std::vector<uint32_t>> ParseCpuList(absl::string_view text) {
  if (absl::EndsWith(text, "\n")) text.remove_suffix(1);
  if (text.empty()) return absl::InvalidArgumentError("empty cpu list; expected e.g. 0-3,8");
  std::vector<uint32_t> cpus;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    const std::pair<absl::string_view, absl::string_view> range = absl::StrSplit(item, absl::MaxSplits('-', 1));
    const bool is_range = item.size() > range.first.size();
    uint32_t first = 0;
    uint32_t last = 0;
    for (auto [part, out] : {std::pair(range.first, &first), std::pair(is_range ? range.second : range.first, &last)}) {
      const bool digits =
          !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return absl::ascii_isdigit(c); });
      if (!digits || !absl::SimpleAtoi(part, out) || *out > kMaxCpuNumber) {
        return absl::InvalidArgumentError(absl::StrCat("invalid cpu list \"", text, "\": \"", item,
                                                       "\" is not a cpu number or range; expected N or N-M with N, M "
                                                       "in 0..", kMaxCpuNumber));
      }
    }
    if (first > last) {
      return absl::InvalidArgumentError(absl::StrCat("invalid cpu list \"", text, "\": range \"", item, "\" is reversed"));
    }
    for (uint32_t cpu = first; cpu <= last; ++cpu) cpus.push_back(cpu);
  }
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

// The in-container paths /sys/devices/system/cpu/cpu<N>/thermal_throttle
// for each CPU N listed in <sysfs_root>/devices/system/cpu/possible whose
// thermal_throttle directory exists under `sysfs_root` now. containerd lists
// every possible CPU whether or not the directory exists (runtimes skip
// missing masked paths), so its list is longer on hosts without the x86
// thermal driver; containers/common globs cpu*/thermal_throttle, which gives
// the same paths as ocikit except for a cpu directory outside `possible`. A CPU
// that is offline when the spec is generated has no directory and is not
// listed (as with the glob). A missing or malformed `possible` is an error.
inline absl::StatusOr<std::vector<std::string>> ThermalThrottlePaths(const std::string& sysfs_root) {
  const std::string cpu_dir = absl::StrCat(sysfs_root, "/devices/system/cpu");
  const std::string possible_path = absl::StrCat(cpu_dir, "/possible");
  absl::StatusOr<std::string> possible = ReadRegularFile(possible_path, 64 << 10);
  if (!possible.ok()) return possible.status();
  absl::StatusOr<std::vector<uint32_t>> cpus = ParseCpuList(*possible);
  if (!cpus.ok()) {
    return absl::Status(cpus.status().code(), absl::StrCat(possible_path, ": ", cpus.status().message()));
  }
  std::vector<std::string> paths;
  for (uint32_t cpu : *cpus) {
    const std::string suffix = absl::StrCat("/cpu", cpu, "/thermal_throttle");
    struct stat st;
    if (::stat(absl::StrCat(cpu_dir, suffix).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      paths.push_back(absl::StrCat("/sys/devices/system/cpu", suffix));
    }
  }
  return paths;
}

// Masks the thermal_throttle directory of every possible CPU of the host
// whose sysfs is mounted at `sysfs_root` (see ThermalThrottlePaths),
// appending to linux.maskedPaths and skipping paths already there.
inline SpecOpt WithThermalThrottleMasked(std::string sysfs_root = "/sys") {
  return SpecOpt("WithThermalThrottleMasked",
                 [sysfs_root = std::move(sysfs_root)](const SpecContext&, Spec& spec) -> absl::Status {
                   absl::StatusOr<std::vector<std::string>> paths = ThermalThrottlePaths(sysfs_root);
                   if (!paths.ok()) return paths.status();
                   internal::AppendMissingPaths(EnsureLinux(spec).masked_paths, *paths);
                   return absl::OkStatus();
                 });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_MASKED_PATHS_H_
