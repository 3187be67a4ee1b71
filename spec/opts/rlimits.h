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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_RLIMITS_H_
#define OCIKIT_SPEC_OPTS_RLIMITS_H_


#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
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
const std::vector<RlimitName>& RlimitNames();

// "1024" -> 1024; "unlimited", "infinity" and "-1" -> RLIM_INFINITY. Digits
// only otherwise: no sign, no spaces.
bool ParseUlimitValue(absl::string_view text, uint64_t& out);

std::string DescribeRlimitValue(uint64_t v);

}  // namespace internal

// The names `--ulimit` accepts, alphabetical ("as", "core", ... "stack").
std::vector<std::string> UlimitNames();

// "nofile", "NOFILE", "RLIMIT_NOFILE" and "rlimit_nofile" -> "RLIMIT_NOFILE";
// an unknown name is an error that lists the valid ones.
absl::StatusOr<std::string> NormalizeRlimitType(absl::string_view name);

// Parses Docker's `--ulimit NAME=SOFT[:HARD]`: "nofile=1024:2048";
// "nofile=1024" sets soft and hard; "core=-1", "nproc=unlimited" mean
// RLIM_INFINITY (18446744073709551615). The name may carry "RLIMIT_" and be in
// any case. Soft above hard is an error, as in Docker.
absl::StatusOr<PosixRlimit> ParseUlimit(absl::string_view flag);

namespace internal {

// Normalises the type and checks soft <= hard.
absl::StatusOr<PosixRlimit> CheckedRlimit(PosixRlimit limit);

// Replaces the first entry of the same type in place and drops later
// duplicates; appends when there is none.
void PutRlimit(std::vector<PosixRlimit>& rlimits, PosixRlimit limit);

}  // namespace internal

// Sets one rlimit: replaces the entry of the same type in place (and any
// duplicates of it), otherwise appends (containerd v2.3 WithRlimit). The type
// is normalised ("nofile" -> "RLIMIT_NOFILE"); soft above hard is an error.
SpecOpt WithRlimit(PosixRlimit limit);

// Sets each rlimit as WithRlimit does, keeping other types (Docker merges
// `--ulimit` over the daemon's defaults the same way). All entries are checked
// before any is applied. For BuildKit's "replace all", use WithoutRlimits()
// first.
SpecOpt WithRlimits(std::vector<PosixRlimit> limits);

// Removes every rlimit: the "inherit" choice. The runtime then sets none, and
// the container inherits the limits of the process that starts it (the
// engine's, e.g. its systemd unit's LimitNOFILE). Does nothing when the spec
// has no process.
SpecOpt WithoutRlimits();

// Sets RLIMIT_NOFILE to soft 1024, hard 524288: systemd's default, which moby
// and containerd adopted for their units (moby #45534, containerd #8924).
SpecOpt WithNofilePreset();

// The calling process's limits for every known type, from getrlimit(2), as
// PosixRlimit entries ("RLIMIT_NOFILE"); types getrlimit fails for are left
// out. Pass them to WithRlimitsClampedTo() or CheckRlimitsWithin().
std::vector<PosixRlimit> CallerRlimits();

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
std::string DescribeRlimitClamp(const RlimitClamp& c);

// Lowers each hard limit above the caller's hard limit of the same type to
// the caller's, and each soft limit to at most its new hard limit; types the
// caller has no entry for are left alone. Returns what changed, in spec order.
std::vector<RlimitClamp> ClampRlimits(std::vector<PosixRlimit>& rlimits,
                                             const std::vector<PosixRlimit>& caller_limits);

// OK when no rlimit in the spec has a hard limit above the caller's; otherwise
// a FailedPrecondition error naming the first one, e.g. "process.rlimits[0]:
// RLIMIT_NOFILE hard limit 1048576 exceeds the caller's hard limit 20000; a
// runtime without CAP_SYS_RESOURCE cannot raise it (lower it, or clamp with
// WithRlimitsClampedTo)".
absl::Status CheckRlimitsWithin(const Spec& spec, const std::vector<PosixRlimit>& caller_limits);

// Replaces the spec's rlimits with ones the caller can set: see
// ClampRlimits(). For rootless or otherwise unprivileged runtimes; pass
// CallerRlimits(). Does nothing when the spec has no process.
SpecOpt WithRlimitsClampedTo(std::vector<PosixRlimit> caller_limits);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/rlimits-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_RLIMITS_H_
