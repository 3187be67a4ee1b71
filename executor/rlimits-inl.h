// File: executor/rlimits-inl.h
//
// Definitions of executor/rlimits.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RLIMITS_INL_H_
#define OCIKIT_EXECUTOR_RLIMITS_INL_H_

#include "executor/rlimits.h"
#include "spec/internal/compile_mode.h"
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
#include "spec/internal/status_macros.h"
#include "spec/opts/rlimits.h"

namespace ocikit::executor {

OCIKIT_INLINE std::optional<int> RlimitResource(absl::string_view type) {
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

OCIKIT_INLINE absl::StatusOr<bool> HasCapSysResource(absl::string_view proc_status) {
  for (absl::string_view line : absl::StrSplit(proc_status, '\n')) {
    if (!absl::ConsumePrefix(&line, "CapEff:")) continue;
    uint64_t caps = 0;
    if (!absl::SimpleHexAtoi(absl::StripAsciiWhitespace(line), &caps)) break;
    return ((caps >> kCapSysResourceBit) & 1) != 0;
  }
  return absl::InvalidArgumentError("no CapEff line with a hexadecimal capability set");
}

OCIKIT_INLINE absl::StatusOr<CallerLimits> ReadCallerLimits(const std::string& proc_status,
                                                      const std::string& nr_open) {
  CallerLimits limits;
  for (int resource = 0; resource < RLIMIT_NLIMITS; ++resource) {
    struct rlimit rl;
    if (::getrlimit(static_cast<__rlimit_resource>(resource), &rl) == 0) limits.hard[resource] = rl.rlim_max;
  }
  OCIKIT_ASSIGN_OR_RETURN(std::string status, ReadRegularFile(proc_status, 1 << 20));
  absl::StatusOr<bool> cap = HasCapSysResource(status);
  if (!cap.ok()) return absl::InvalidArgumentError(absl::StrCat(proc_status, ": ", cap.status().message()));
  limits.cap_sys_resource = *cap;
  if (absl::StatusOr<std::string> text = ReadRegularFile(nr_open, 64); text.ok()) {
    uint64_t value = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(*text), &value)) limits.nr_open = value;
  }
  return limits;
}

namespace internal {

OCIKIT_INLINE std::string LimitText(uint64_t v) { return v == RLIM_INFINITY ? "unlimited" : absl::StrCat(v); }
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> FitRlimits(Spec& spec, const CallerLimits& caller,
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

#endif  // OCIKIT_EXECUTOR_RLIMITS_INL_H_
