// File: spec/opts/masked_paths-inl.h
//
// Definitions of spec/opts/masked_paths.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_MASKED_PATHS_INL_H_
#define OCIKIT_SPEC_OPTS_MASKED_PATHS_INL_H_

#include "spec/opts/masked_paths.h"
#include "spec/internal/compile_mode.h"
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
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view PathDefaultsName(PathDefaults set) {
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

OCIKIT_INLINE absl::StatusOr<PathDefaults> ParsePathDefaults(absl::string_view name) {
  for (PathDefaults set : {PathDefaults::kContainerd, PathDefaults::kMoby, PathDefaults::kPodman}) {
    if (PathDefaultsName(set) == name) return set;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown path defaults \"", name, "\"; expected one of containerd, moby, podman"));
}

OCIKIT_INLINE const std::vector<std::string>& DefaultMaskedPathsFor(PathDefaults set) {
  static const std::vector<std::string> kMoby = {
      "/proc/asound",     "/proc/acpi",        "/proc/interrupts", "/proc/kcore",
      "/proc/keys",       "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
      "/proc/sched_debug", "/proc/scsi",        "/sys/firmware",    "/sys/devices/virtual/powercap",
  };
  // /proc/asound is read-only here, not masked; /sys/fs/selinux and
  // /sys/dev/block are masked (Podman 4.3 writes both).
  static const std::vector<std::string> kPodman = {
      "/proc/acpi",       "/proc/kcore",       "/proc/keys",        "/proc/latency_stats",
      "/proc/sched_debug", "/proc/scsi",       "/proc/timer_list",  "/proc/timer_stats",
      "/sys/devices/virtual/powercap", "/sys/firmware", "/sys/fs/selinux", "/sys/dev/block", "/proc/interrupts",
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

OCIKIT_INLINE const std::vector<std::string>& DefaultReadonlyPathsFor(PathDefaults set) {
  static const std::vector<std::string> kPodman = {
      "/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
  };
  // containerd and moby share one list.
  return set == PathDefaults::kPodman ? kPodman : DefaultReadonlyPaths();
}

namespace internal {

OCIKIT_INLINE absl::Status CheckAbsolutePaths(absl::string_view what, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (p.empty() || p.front() != '/') {
      return absl::InvalidArgumentError(absl::StrCat(what, " path \"", p, "\" is not absolute"));
    }
  }
  return absl::OkStatus();
}

OCIKIT_INLINE void AppendMissingPaths(std::vector<std::string>& list, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (std::find(list.begin(), list.end(), p) == list.end()) list.push_back(p);
  }
}

OCIKIT_INLINE bool UnmaskPatternMatches(const std::string& pattern, const std::string& path) {
  if (absl::EqualsIgnoreCase(pattern, "all")) return true;
  if (pattern.empty()) return false;
  return ::fnmatch(CleanPath(pattern).c_str(), CleanPath(path).c_str(), FNM_PATHNAME) == 0;
}

OCIKIT_INLINE void RemoveMatchingPaths(std::vector<std::string>& list, const std::vector<std::string>& patterns) {
  std::erase_if(list, [&patterns](const std::string& path) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&path](const std::string& pattern) { return UnmaskPatternMatches(pattern, path); });
  });
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithPathDefaults(PathDefaults set) {
  return SpecOpt("WithPathDefaults", [set](const SpecContext&, Spec& spec) {
    Linux& lx = EnsureLinux(spec);
    lx.masked_paths = DefaultMaskedPathsFor(set);
    lx.readonly_paths = DefaultReadonlyPathsFor(set);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithMaskedPaths(std::vector<std::string> paths) {
  return SpecOpt("WithMaskedPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckAbsolutePaths("masked", paths));
    EnsureLinux(spec).masked_paths = paths;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithReadonlyPaths(std::vector<std::string> paths) {
  return SpecOpt("WithReadonlyPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckAbsolutePaths("read-only", paths));
    EnsureLinux(spec).readonly_paths = paths;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAddedMaskedPaths(std::vector<std::string> paths) {
  return SpecOpt("WithAddedMaskedPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckAbsolutePaths("masked", paths));
    internal::AppendMissingPaths(EnsureLinux(spec).masked_paths, paths);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAddedReadonlyPaths(std::vector<std::string> paths) {
  return SpecOpt("WithAddedReadonlyPaths", [paths = std::move(paths)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckAbsolutePaths("read-only", paths));
    internal::AppendMissingPaths(EnsureLinux(spec).readonly_paths, paths);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutMaskedPaths(std::vector<std::string> patterns) {
  return SpecOpt("WithoutMaskedPaths", [patterns = std::move(patterns)](const SpecContext&, Spec& spec) {
    if (spec.linux_section) internal::RemoveMatchingPaths(spec.linux_section->masked_paths, patterns);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutReadonlyPaths(std::vector<std::string> patterns) {
  return SpecOpt("WithoutReadonlyPaths", [patterns = std::move(patterns)](const SpecContext&, Spec& spec) {
    if (spec.linux_section) internal::RemoveMatchingPaths(spec.linux_section->readonly_paths, patterns);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE absl::StatusOr<std::vector<uint32_t>> ParseCpuList(absl::string_view text) {
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

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> ThermalThrottlePaths(const std::string& sysfs_root) {
  const std::string cpu_dir = absl::StrCat(sysfs_root, "/devices/system/cpu");
  const std::string possible_path = absl::StrCat(cpu_dir, "/possible");
  OCIKIT_ASSIGN_OR_RETURN(std::string possible, ReadRegularFile(possible_path, 64 << 10));
  OCIKIT_ASSIGN_OR_RETURN_PREFIXED(absl::StrCat(possible_path, ": "), std::vector<uint32_t> cpus,
                                   ParseCpuList(possible));
  std::vector<std::string> paths;
  for (uint32_t cpu : cpus) {
    const std::string suffix = absl::StrCat("/cpu", cpu, "/thermal_throttle");
    struct stat st;
    if (::stat(absl::StrCat(cpu_dir, suffix).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      paths.push_back(absl::StrCat("/sys/devices/system/cpu", suffix));
    }
  }
  return paths;
}

OCIKIT_INLINE SpecOpt WithThermalThrottleMasked(std::string sysfs_root) {
  return SpecOpt("WithThermalThrottleMasked",
                 [sysfs_root = std::move(sysfs_root)](const SpecContext&, Spec& spec) -> absl::Status {
                   OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> paths, ThermalThrottlePaths(sysfs_root));
                   internal::AppendMissingPaths(EnsureLinux(spec).masked_paths, paths);
                   return absl::OkStatus();
                 });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_MASKED_PATHS_INL_H_
