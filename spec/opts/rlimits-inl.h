// File: spec/opts/rlimits-inl.h
//
// Definitions of spec/opts/rlimits.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_RLIMITS_INL_H_
#define OCIKIT_SPEC_OPTS_RLIMITS_INL_H_

#include "spec/opts/rlimits.h"
#include "spec/internal/compile_mode.h"
#include <sys/resource.h>
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
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE const std::vector<RlimitName>& RlimitNames() {
  static const std::vector<RlimitName> kNames = {
      {"as", RLIMIT_AS},           {"core", RLIMIT_CORE},         {"cpu", RLIMIT_CPU},
      {"data", RLIMIT_DATA},       {"fsize", RLIMIT_FSIZE},       {"locks", RLIMIT_LOCKS},
      {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE}, {"nice", RLIMIT_NICE},
      {"nofile", RLIMIT_NOFILE},   {"nproc", RLIMIT_NPROC},       {"rss", RLIMIT_RSS},
      {"rtprio", RLIMIT_RTPRIO},   {"rttime", RLIMIT_RTTIME},     {"sigpending", RLIMIT_SIGPENDING},
      {"stack", RLIMIT_STACK},
  };
  return kNames;
}

OCIKIT_INLINE bool ParseUlimitValue(absl::string_view text, uint64_t& out) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "unlimited" || lower == "infinity" || lower == "-1") {
    out = kRlimitInfinity;
    return true;
  }
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return false;
  }
  return absl::SimpleAtoi(text, &out);
}

OCIKIT_INLINE std::string DescribeRlimitValue(uint64_t v) {
  return v == kRlimitInfinity ? std::string("unlimited") : absl::StrCat(v);
}
}  // namespace internal

OCIKIT_INLINE std::vector<std::string> UlimitNames() {
  std::vector<std::string> names;
  for (const internal::RlimitName& n : internal::RlimitNames()) names.emplace_back(n.name);
  return names;
}

OCIKIT_INLINE absl::StatusOr<std::string> NormalizeRlimitType(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  absl::string_view bare = lower;
  absl::ConsumePrefix(&bare, "rlimit_");
  for (const internal::RlimitName& n : internal::RlimitNames()) {
    if (bare == n.name) return absl::AsciiStrToUpper(absl::StrCat("RLIMIT_", n.name));
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown rlimit \"", name, "\"; expected one of ",
                                                 absl::StrJoin(UlimitNames(), ", ")));
}

OCIKIT_INLINE absl::StatusOr<PosixRlimit> ParseUlimit(absl::string_view flag) {
  const auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid ulimit \"", flag, "\": ", why));
  };
  const std::vector<absl::string_view> name_value = absl::StrSplit(flag, absl::MaxSplits('=', 1));
  if (name_value.size() != 2 || name_value[0].empty()) {
    return fail("expected NAME=SOFT[:HARD], e.g. nofile=1024:2048");
  }
  absl::StatusOr<std::string> type = NormalizeRlimitType(name_value[0]);
  if (!type.ok()) {
    return fail(absl::StrCat("unknown name \"", name_value[0], "\"; expected one of ", absl::StrJoin(UlimitNames(), ", ")));
  }
  const std::vector<absl::string_view> values = absl::StrSplit(name_value[1], ':');
  if (values.size() > 2) return fail("expected SOFT or SOFT:HARD after \"=\"");
  uint64_t parsed[2] = {0, 0};
  for (size_t i = 0; i < values.size(); ++i) {
    if (!internal::ParseUlimitValue(values[i], parsed[i])) {
      return fail(absl::StrCat("limit \"", values[i], "\" is not valid; expected an integer from 0 to ",
                               kRlimitInfinity, ", \"unlimited\" or -1"));
    }
  }
  PosixRlimit limit;
  limit.type = *std::move(type);
  limit.soft = parsed[0];
  limit.hard = values.size() == 2 ? parsed[1] : parsed[0];
  if (limit.soft > limit.hard) {
    return fail(absl::StrCat("soft limit ", internal::DescribeRlimitValue(limit.soft), " exceeds hard limit ",
                             internal::DescribeRlimitValue(limit.hard)));
  }
  return limit;
}

namespace internal {

OCIKIT_INLINE absl::StatusOr<PosixRlimit> CheckedRlimit(PosixRlimit limit) {
  OCIKIT_ASSIGN_OR_RETURN(std::string type, NormalizeRlimitType(limit.type));
  limit.type = std::move(type);
  if (limit.soft > limit.hard) {
    return absl::InvalidArgumentError(absl::StrCat(limit.type, ": soft limit ", DescribeRlimitValue(limit.soft),
                                                   " exceeds hard limit ", DescribeRlimitValue(limit.hard)));
  }
  return limit;
}

OCIKIT_INLINE void PutRlimit(std::vector<PosixRlimit>& rlimits, PosixRlimit limit) {
  auto it = std::find_if(rlimits.begin(), rlimits.end(), [&](const PosixRlimit& r) { return r.type == limit.type; });
  if (it == rlimits.end()) {
    rlimits.push_back(std::move(limit));
    return;
  }
  const size_t first = static_cast<size_t>(it - rlimits.begin());
  *it = std::move(limit);
  size_t kept = first + 1;
  for (size_t i = first + 1; i < rlimits.size(); ++i) {
    if (rlimits[i].type == rlimits[first].type) continue;
    if (kept != i) rlimits[kept] = std::move(rlimits[i]);
    ++kept;
  }
  rlimits.resize(kept);
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithRlimit(PosixRlimit limit) {
  return SpecOpt("WithRlimit", [limit = std::move(limit)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(PosixRlimit checked, internal::CheckedRlimit(limit));
    internal::PutRlimit(EnsureProcess(spec).rlimits, std::move(checked));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithRlimits(std::vector<PosixRlimit> limits) {
  return SpecOpt("WithRlimits", [limits = std::move(limits)](const SpecContext&, Spec& spec) -> absl::Status {
    std::vector<PosixRlimit> checked;
    checked.reserve(limits.size());
    for (const PosixRlimit& l : limits) {
      OCIKIT_ASSIGN_OR_RETURN(PosixRlimit c, internal::CheckedRlimit(l));
      checked.push_back(std::move(c));
    }
    std::vector<PosixRlimit>& rlimits = EnsureProcess(spec).rlimits;
    for (PosixRlimit& l : checked) internal::PutRlimit(rlimits, std::move(l));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutRlimits() {
  return SpecOpt("WithoutRlimits", [](const SpecContext&, Spec& spec) -> absl::Status {
    if (spec.process) spec.process->rlimits.clear();
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithNofilePreset() {
  PosixRlimit nofile;
  nofile.type = "RLIMIT_NOFILE";
  nofile.soft = kNofilePresetSoft;
  nofile.hard = kNofilePresetHard;
  return SpecOpt("WithNofilePreset", [nofile = std::move(nofile)](const SpecContext&, Spec& spec) -> absl::Status {
    internal::PutRlimit(EnsureProcess(spec).rlimits, nofile);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE std::vector<PosixRlimit> CallerRlimits() {
  std::vector<PosixRlimit> out;
  for (const internal::RlimitName& n : internal::RlimitNames()) {
    struct rlimit rl;
    if (::getrlimit(n.resource, &rl) != 0) continue;
    PosixRlimit& l = out.emplace_back();
    l.type = absl::AsciiStrToUpper(absl::StrCat("RLIMIT_", n.name));
    l.soft = rl.rlim_cur == RLIM_INFINITY ? kRlimitInfinity : static_cast<uint64_t>(rl.rlim_cur);
    l.hard = rl.rlim_max == RLIM_INFINITY ? kRlimitInfinity : static_cast<uint64_t>(rl.rlim_max);
  }
  return out;
}

OCIKIT_INLINE std::string DescribeRlimitClamp(const RlimitClamp& c) {
  std::string out = absl::StrCat(c.type, ":");
  if (c.hard != c.requested_hard) {
    absl::StrAppend(&out, " hard limit ", internal::DescribeRlimitValue(c.requested_hard),
                    " lowered to the caller's ", internal::DescribeRlimitValue(c.hard));
  }
  if (c.soft != c.requested_soft) {
    absl::StrAppend(&out, c.hard != c.requested_hard ? ";" : "", " soft limit ",
                    internal::DescribeRlimitValue(c.requested_soft), " lowered to ",
                    internal::DescribeRlimitValue(c.soft));
  }
  return out;
}

OCIKIT_INLINE std::vector<RlimitClamp> ClampRlimits(std::vector<PosixRlimit>& rlimits,
                                             const std::vector<PosixRlimit>& caller_limits) {
  std::vector<RlimitClamp> changes;
  for (PosixRlimit& r : rlimits) {
    absl::StatusOr<std::string> type = NormalizeRlimitType(r.type);
    if (!type.ok()) continue;
    const auto caller = std::find_if(caller_limits.begin(), caller_limits.end(), [&](const PosixRlimit& c) {
      absl::StatusOr<std::string> t = NormalizeRlimitType(c.type);
      return t.ok() && *t == *type;
    });
    if (caller == caller_limits.end() || r.hard <= caller->hard) continue;
    RlimitClamp change;
    change.type = r.type;
    change.requested_soft = r.soft;
    change.requested_hard = r.hard;
    r.hard = caller->hard;
    r.soft = std::min(r.soft, r.hard);
    change.soft = r.soft;
    change.hard = r.hard;
    changes.push_back(std::move(change));
  }
  return changes;
}

OCIKIT_INLINE absl::Status CheckRlimitsWithin(const Spec& spec, const std::vector<PosixRlimit>& caller_limits) {
  if (!spec.process) return absl::OkStatus();
  const std::vector<PosixRlimit>& rlimits = spec.process->rlimits;
  for (size_t i = 0; i < rlimits.size(); ++i) {
    std::vector<PosixRlimit> one = {rlimits[i]};
    std::vector<RlimitClamp> clamp = ClampRlimits(one, caller_limits);
    if (clamp.empty()) continue;
    return absl::FailedPreconditionError(absl::StrCat(
        "process.rlimits[", i, "]: ", rlimits[i].type, " hard limit ",
        internal::DescribeRlimitValue(clamp[0].requested_hard), " exceeds the caller's hard limit ",
        internal::DescribeRlimitValue(clamp[0].hard),
        "; a runtime without CAP_SYS_RESOURCE cannot raise it (lower it, or clamp with WithRlimitsClampedTo)"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE SpecOpt WithRlimitsClampedTo(std::vector<PosixRlimit> caller_limits) {
  return SpecOpt("WithRlimitsClampedTo", [caller_limits = std::move(caller_limits)](const SpecContext&,
                                                                                    Spec& spec) -> absl::Status {
    if (spec.process) ClampRlimits(spec.process->rlimits, caller_limits);
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RLIMITS_INL_H_
