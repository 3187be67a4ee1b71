// File: executor/rlimits.h
//
// Fitting the spec's rlimits to what the caller can grant. The runtime sets
// process.rlimits with setrlimit(2) in the container's init, which needs
// CAP_SYS_RESOURCE (in the initial user namespace) to raise a hard limit above
// the caller's own, and can never raise RLIMIT_NOFILE above fs.nr_open. A spec
// asking for more, such as Podman's default nofile 1048576 under a hard limit
// of 20000 without CAP_SYS_RESOURCE, makes runc fail with "error setting
// rlimit type 7: operation not permitted", which explains nothing.
//
// FitRlimits therefore checks each limit before anything is created and, by
// default, lowers the hard limit to what can be granted (and the soft limit to
// at most the hard one), returning one warning line per change that says what
// was changed and why (as Buildah and Podman clamp rootless limits); with
// `strict` it fails with the same explanation instead. The caller writes the
// fitted spec, so config.json shows what actually runs.
//
// Example:
//   absl::StatusOr<CallerLimits> caller = ReadCallerLimits();
//   absl::StatusOr<std::vector<std::string>> warnings = FitRlimits(spec, *caller, "runc", false);
//   // "RLIMIT_NOFILE hard limit 1048576 lowered to 20000: this process's hard limit is 20000 and ..."
#ifndef OCIKIT_EXECUTOR_RLIMITS_H_
#define OCIKIT_EXECUTOR_RLIMITS_H_

#include <sys/resource.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/opts/rlimits.h"

namespace ocikit::executor {

// The bit of CAP_SYS_RESOURCE in /proc/self/status CapEff.
inline constexpr int kCapSysResourceBit = 24;

// The resource number of an rlimit type name ("RLIMIT_NOFILE"), or nullopt.
inline std::optional<int> RlimitResource(absl::string_view type) {
  static const std::map<std::string, int, std::less<>> kResources = {
      {"RLIMIT_AS", RLIMIT_AS},           {"RLIMIT_CORE", RLIMIT_CORE},       {"RLIMIT_CPU", RLIMIT_CPU},
      {"RLIMIT_DATA", RLIMIT_DATA},       {"RLIMIT_FSIZE", RLIMIT_FSIZE},     {"RLIMIT_LOCKS", RLIMIT_LOCKS},
      {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK}, {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE}, {"RLIMIT_NICE", RLIMIT_NICE},
      {"RLIMIT_NOFILE", RLIMIT_NOFILE},   {"RLIMIT_NPROC", RLIMIT_NPROC},     {"RLIMIT_RSS", RLIMIT_RSS},
      {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},   {"RLIMIT_RTTIME", RLIMIT_RTTIME},   {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
      {"RLIMIT_STACK", RLIMIT_STACK},
  };
  const auto it = kResources.find(type);
  if (it == kResources.end()) return std::nullopt;
  return it->second;
}

// What the calling process can grant: its own hard limits, whether it has
// CAP_SYS_RESOURCE, and the kernel's fs.nr_open.
struct CallerLimits {
  std::map<int, uint64_t> hard;  // by resource; RLIM_INFINITY for unlimited
  bool cap_sys_resource = false;
  uint64_t nr_open = 1048576;
};

// Whether the CapEff line of a /proc/<pid>/status text has CAP_SYS_RESOURCE.
inline absl::StatusOr<bool> HasCapSysResource(absl::string_view proc_status) {
  for (absl::string_view line : absl::StrSplit(proc_status, '\n')) {
    if (!absl::ConsumePrefix(&line, "CapEff:")) continue;
    uint64_t caps = 0;
    if (!absl::SimpleHexAtoi(absl::StripAsciiWhitespace(line), &caps)) break;
    return ((caps >> kCapSysResourceBit) & 1) != 0;
  }
  return absl::InvalidArgumentError("no CapEff line with a hexadecimal capability set");
}

// Reads the caller's limits with getrlimit(2), /proc/self/status and
// /proc/sys/fs/nr_open (paths replaceable for tests).
inline absl::StatusOr<CallerLimits> ReadCallerLimits(const std::string& proc_status = "/proc/self/status",
                                                      const std::string& nr_open = "/proc/sys/fs/nr_open") {
  CallerLimits limits;
  for (int resource = 0; resource < RLIMIT_NLIMITS; ++resource) {
    struct rlimit rl;
    if (::getrlimit(static_cast<__rlimit_resource>(resource), &rl) == 0) limits.hard[resource] = rl.rlim_max;
  }
  absl::StatusOr<std::string> status = ReadRegularFile(proc_status, 1 << 20);
  if (!status.ok()) return status.status();
  absl::StatusOr<bool> cap = HasCapSysResource(*status);
  if (!cap.ok()) return absl::InvalidArgumentError(absl::StrCat(proc_status, ": ", cap.status().message()));
  limits.cap_sys_resource = *cap;
  if (absl::StatusOr<std::string> text = ReadRegularFile(nr_open, 64); text.ok()) {
    uint64_t value = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(*text), &value)) limits.nr_open = value;
  }
  return limits;
}

namespace internal {

inline std::string LimitText(uint64_t v) { return v == RLIM_INFINITY ? "unlimited" : absl::StrCat(v); }

}  // namespace internal

// Fits process.rlimits to `caller` (see the file comment). Returns the warning
// lines (without a prefix) for the limits it lowered. With `strict`, returns
// FailedPrecondition for the first limit that does not fit and changes
// nothing. An unknown type is InvalidArgument naming process.rlimits[i].type.
// `runtime_name` names the runtime in the explanation. The lowering itself is
// ClampRlimits (spec/opts/rlimits.h); this adds what the caller can grant.
inline absl::StatusOr<std::vector<std::string>> FitRlimits(Spec& spec, const CallerLimits& caller,
                                                          absl::string_view runtime_name, bool strict) {
  std::vector<std::string> warnings;
  if (!spec.process) return warnings;
  // The highest hard limit the runtime can set for each type, and why.
  std::vector<PosixRlimit> ceilings;
  std::map<std::string, std::string> why;
  for (size_t i = 0; i < spec.process->rlimits.size(); ++i) {
    const PosixRlimit& rl = spec.process->rlimits[i];
    const std::optional<int> resource = RlimitResource(rl.type);
    if (!resource) {
      return absl::InvalidArgumentError(absl::StrCat("process.rlimits[", i, "].type: unknown resource \"", rl.type,
                                                     "\"; expected a name such as RLIMIT_NOFILE"));
    }
    uint64_t max = RLIM_INFINITY;
    std::string reason;
    const auto own = caller.hard.find(*resource);
    if (!caller.cap_sys_resource && own != caller.hard.end() && own->second != RLIM_INFINITY) {
      max = own->second;
      reason = absl::StrCat("this process's hard limit is ", internal::LimitText(max), " and it lacks CAP_SYS_RESOURCE");
    }
    if (*resource == RLIMIT_NOFILE && caller.nr_open < max) {
      max = caller.nr_open;
      reason = absl::StrCat("the kernel's fs.nr_open is ", caller.nr_open);
    }
    if (max == RLIM_INFINITY) continue;
    PosixRlimit& ceiling = ceilings.emplace_back();
    ceiling.type = rl.type;
    ceiling.hard = ceiling.soft = max;
    why[rl.type] = std::move(reason);
  }
  std::vector<PosixRlimit> fitted = spec.process->rlimits;
  const std::vector<RlimitClamp> clamps = ClampRlimits(fitted, ceilings);
  const std::string consequence = absl::StrCat(runtime_name, " would fail with \"operation not permitted\"");
  if (strict && !clamps.empty()) {
    const RlimitClamp& c = clamps.front();
    return absl::FailedPreconditionError(absl::StrCat(
        c.type, " hard limit ", internal::LimitText(c.requested_hard), " is more than can be granted: ", why[c.type],
        ", so ", consequence, "; lower the limit, or leave out --strict-rlimits to lower it automatically"));
  }
  for (const RlimitClamp& c : clamps) {
    std::string warning = absl::StrCat(c.type, " hard limit ", internal::LimitText(c.requested_hard), " lowered to ",
                                       internal::LimitText(c.hard), ": ", why[c.type], ", so ", consequence);
    if (c.soft != c.requested_soft) {
      absl::StrAppend(&warning, " (soft limit ", internal::LimitText(c.requested_soft), " lowered to ",
                      internal::LimitText(c.soft), " too)");
    }
    warnings.push_back(std::move(warning));
  }
  spec.process->rlimits = std::move(fitted);
  return warnings;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RLIMITS_H_
