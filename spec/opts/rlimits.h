// File: spec/opts/rlimits.h
//
// Resource limits (`process.rlimits`): Docker's `--ulimit` syntax, transforms
// named as containerd names them, the two defaults field lessons ask for, and
// clamping for callers that cannot raise a hard limit.
//
// There are three ways to start a container's limits, and the choice should
// be visible (field lessons R38-R42):
//   - WithoutRlimits(): no rlimits in the spec. The runtime does not call
//     setrlimit, so the container inherits whatever the engine process has
//     (Docker's behaviour; often systemd's LimitNOFILE of the engine unit).
//   - the default spec: containerd's RLIMIT_NOFILE 1024:1024.
//   - WithNofilePreset(): RLIMIT_NOFILE soft 1024, hard 524288, systemd's
//     default (moby #45534, containerd #8924).
//
// An unprivileged runtime (rootless, or without CAP_SYS_RESOURCE) cannot
// raise a hard limit above its own: runc then fails at start with EPERM
// (R44-R45). CheckRlimitsWithin() explains the problem and
// WithRlimitsClampedTo() lowers the spec's limits to the caller's.
//
// Example:
//   absl::StatusOr<PosixRlimit> nofile = ParseUlimit("nofile=1024:2048");
//   ApplyOpts(ctx, spec, {WithRlimit(*nofile), WithNofilePreset()});
//   ApplyOpts(ctx, spec, {WithRlimitsClampedTo(CallerRlimits())});
#ifndef OCIKIT_SPEC_OPTS_RLIMITS_H_
#define OCIKIT_SPEC_OPTS_RLIMITS_H_

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
#include "spec/opts/spec_opt.h"

namespace ocikit {

// RLIM_INFINITY as config.json spells it: "unlimited" and -1 in `--ulimit`.
inline constexpr uint64_t kRlimitInfinity = UINT64_MAX;

// systemd's default RLIMIT_NOFILE (soft 1024 protects select() users).
inline constexpr uint64_t kNofilePresetSoft = 1024;
inline constexpr uint64_t kNofilePresetHard = 524288;

namespace internal {

struct RlimitName {
  const char* name;  // as `--ulimit` spells it
  int resource;      // for getrlimit(2)
};

// Every Linux rlimit, alphabetical. Docker (go-units) accepts all but "as".
inline const std::vector<RlimitName>& RlimitNames() {
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

// "1024" -> 1024; "unlimited", "infinity" and "-1" -> RLIM_INFINITY. Digits
// only otherwise: no sign, no spaces.
inline bool ParseUlimitValue(absl::string_view text, uint64_t& out) {
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

inline std::string DescribeRlimitValue(uint64_t v) {
  return v == kRlimitInfinity ? std::string("unlimited") : absl::StrCat(v);
}

}  // namespace internal

// The names `--ulimit` accepts, alphabetical ("as", "core", ... "stack").
inline std::vector<std::string> UlimitNames() {
  std::vector<std::string> names;
  for (const internal::RlimitName& n : internal::RlimitNames()) names.emplace_back(n.name);
  return names;
}

// "nofile", "NOFILE", "RLIMIT_NOFILE" and "rlimit_nofile" -> "RLIMIT_NOFILE";
// an unknown name is an error that lists the valid ones.
inline absl::StatusOr<std::string> NormalizeRlimitType(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  absl::string_view bare = lower;
  absl::ConsumePrefix(&bare, "rlimit_");
  for (const internal::RlimitName& n : internal::RlimitNames()) {
    if (bare == n.name) return absl::AsciiStrToUpper(absl::StrCat("RLIMIT_", n.name));
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown rlimit \"", name, "\"; expected one of ",
                                                 absl::StrJoin(UlimitNames(), ", ")));
}

// Parses Docker's `--ulimit NAME=SOFT[:HARD]`: "nofile=1024:2048";
// "nofile=1024" sets soft and hard; "core=-1", "nproc=unlimited" mean
// RLIM_INFINITY (18446744073709551615). The name may carry "RLIMIT_" and be in
// any case. Soft above hard is an error, as in Docker.
inline absl::StatusOr<PosixRlimit> ParseUlimit(absl::string_view flag) {
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

// Normalises the type and checks soft <= hard.
inline absl::StatusOr<PosixRlimit> CheckedRlimit(PosixRlimit limit) {
  absl::StatusOr<std::string> type = NormalizeRlimitType(limit.type);
  if (!type.ok()) return type.status();
  limit.type = *std::move(type);
  if (limit.soft > limit.hard) {
    return absl::InvalidArgumentError(absl::StrCat(limit.type, ": soft limit ", DescribeRlimitValue(limit.soft),
                                                   " exceeds hard limit ", DescribeRlimitValue(limit.hard)));
  }
  return limit;
}

// Replaces the first entry of the same type in place and drops later
// duplicates; appends when there is none.
inline void PutRlimit(std::vector<PosixRlimit>& rlimits, PosixRlimit limit) {
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

// Sets one rlimit: replaces the entry of the same type in place (and any
// duplicates of it), otherwise appends (containerd v2.3 WithRlimit). The type
// is normalised ("nofile" -> "RLIMIT_NOFILE"); soft above hard is an error.
inline SpecOpt WithRlimit(PosixRlimit limit) {
  return SpecOpt("WithRlimit", [limit = std::move(limit)](const SpecContext&, Spec& spec) -> absl::Status {
    absl::StatusOr<PosixRlimit> checked = internal::CheckedRlimit(limit);
    if (!checked.ok()) return checked.status();
    internal::PutRlimit(EnsureProcess(spec).rlimits, *std::move(checked));
    return absl::OkStatus();
  });
}

// Sets each rlimit as WithRlimit does, keeping other types (Docker merges
// `--ulimit` over the daemon's defaults the same way). All entries are checked
// before any is applied. For BuildKit's "replace all", use WithoutRlimits()
// first.
inline SpecOpt WithRlimits(std::vector<PosixRlimit> limits) {
  return SpecOpt("WithRlimits", [limits = std::move(limits)](const SpecContext&, Spec& spec) -> absl::Status {
    std::vector<PosixRlimit> checked;
    checked.reserve(limits.size());
    for (const PosixRlimit& l : limits) {
      absl::StatusOr<PosixRlimit> c = internal::CheckedRlimit(l);
      if (!c.ok()) return c.status();
      checked.push_back(*std::move(c));
    }
    std::vector<PosixRlimit>& rlimits = EnsureProcess(spec).rlimits;
    for (PosixRlimit& l : checked) internal::PutRlimit(rlimits, std::move(l));
    return absl::OkStatus();
  });
}

// Removes every rlimit: the "inherit" choice. The runtime then sets none, and
// the container inherits the limits of the process that starts it (the
// engine's, e.g. its systemd unit's LimitNOFILE). Does nothing when the spec
// has no process.
inline SpecOpt WithoutRlimits() {
  return SpecOpt("WithoutRlimits", [](const SpecContext&, Spec& spec) -> absl::Status {
    if (spec.process) spec.process->rlimits.clear();
    return absl::OkStatus();
  });
}

// Sets RLIMIT_NOFILE to soft 1024, hard 524288: systemd's default, which moby
// and containerd adopted for their units (moby #45534, containerd #8924).
inline SpecOpt WithNofilePreset() {
  PosixRlimit nofile;
  nofile.type = "RLIMIT_NOFILE";
  nofile.soft = kNofilePresetSoft;
  nofile.hard = kNofilePresetHard;
  return SpecOpt("WithNofilePreset", [nofile = std::move(nofile)](const SpecContext&, Spec& spec) -> absl::Status {
    internal::PutRlimit(EnsureProcess(spec).rlimits, nofile);
    return absl::OkStatus();
  });
}

// The calling process's limits for every known type, from getrlimit(2), as
// PosixRlimit entries ("RLIMIT_NOFILE"); types getrlimit fails for are left
// out. Pass them to WithRlimitsClampedTo() or CheckRlimitsWithin().
inline std::vector<PosixRlimit> CallerRlimits() {
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

// One rlimit lowered by ClampRlimits(): what the spec asked and what it got.
struct RlimitClamp {
  std::string type;
  uint64_t requested_soft = 0;
  uint64_t requested_hard = 0;
  uint64_t soft = 0;
  uint64_t hard = 0;
};

// "RLIMIT_NOFILE: hard limit 1048576 lowered to the caller's 20000; soft
// limit 1048576 lowered to 20000".
inline std::string DescribeRlimitClamp(const RlimitClamp& c) {
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

// Lowers each hard limit above the caller's hard limit of the same type to
// the caller's, and each soft limit to at most its new hard limit; types the
// caller has no entry for are left alone. Returns what changed, in spec order.
inline std::vector<RlimitClamp> ClampRlimits(std::vector<PosixRlimit>& rlimits,
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

// OK when no rlimit in the spec has a hard limit above the caller's; otherwise
// a FailedPrecondition error naming the first one, e.g. "process.rlimits[0]:
// RLIMIT_NOFILE hard limit 1048576 exceeds the caller's hard limit 20000; a
// runtime without CAP_SYS_RESOURCE cannot raise it (lower it, or clamp with
// WithRlimitsClampedTo)".
inline absl::Status CheckRlimitsWithin(const Spec& spec, const std::vector<PosixRlimit>& caller_limits) {
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

// Replaces the spec's rlimits with ones the caller can set: see
// ClampRlimits(). For rootless or otherwise unprivileged runtimes; pass
// CallerRlimits(). Does nothing when the spec has no process.
inline SpecOpt WithRlimitsClampedTo(std::vector<PosixRlimit> caller_limits) {
  return SpecOpt("WithRlimitsClampedTo", [caller_limits = std::move(caller_limits)](const SpecContext&,
                                                                                    Spec& spec) -> absl::Status {
    if (spec.process) ClampRlimits(spec.process->rlimits, caller_limits);
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RLIMITS_H_
