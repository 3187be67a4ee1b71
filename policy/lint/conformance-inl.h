// File: policy/lint/conformance-inl.h
//
// Definitions of policy/lint/conformance.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_
#define OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_

#include "policy/lint/conformance.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <string>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "policy/lint/context.h"
#include "policy/lint/types.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/opts/capabilities.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<LintRule>& ConformanceLintRules() {
  static const std::vector<LintRule> kRules = {
      {"OCI110", "root-missing", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "root is missing", "root is REQUIRED on every platform but Windows (where Hyper-V containers omit it).",
       "runtime-spec config.md#root; runtime-tools RootOnNonWindowsRequired", "add \"root\": {\"path\": \"rootfs\"}"},
      {"OCI111", "root-path-empty", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "root.path is empty", "root.path is REQUIRED: the runtime mounts it as the container's root filesystem.",
       "runtime-spec config.md#root; schema required [\"path\"]", "set root.path, conventionally \"rootfs\""},
      {"OCI112", "root-path-not-rootfs", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "root.path does not end in the conventional \"rootfs\"",
       "On POSIX platforms the root directory SHOULD be named rootfs; tools that look for a bundle's rootfs "
       "expect that name.",
       "runtime-spec config.md#root; runtime-tools RootPathOnPosixConvention", "name the directory rootfs"},
      {"OCI113", "windows-root", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "root does not fit a Windows container",
       "On Windows, root.path MUST be a volume GUID path (\\\\?\\Volume{GUID}\\), root.readonly MUST be false "
       "or omitted, root MUST be set unless the container uses Hyper-V and MUST NOT be set when it does.",
       "runtime-spec config.md#root; runtime-tools RootOnHyperVNotSet, RootOnWindowsRequired, "
       "RootPathOnWindowsGUID, RootReadonlyOnWindowsFalse",
       "use a \\\\?\\Volume{GUID}\\ path, drop readonly, and drop root for Hyper-V containers"},
      {"OCI120", "process-args-missing", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "process.args is empty",
       "At least one entry of args is REQUIRED on non-Windows platforms, and the first is the program to run. "
       "A template config (containerd's default spec) may leave it to be filled in later; an empty first "
       "entry is always an error.",
       "runtime-spec config.md#process; runtime-tools ProcArgsOneEntryRequired",
       "set process.args, e.g. [\"/bin/sh\"] (or commandLine on Windows)"},
      {"OCI121", "process-cwd-absolute", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "process.cwd is missing or not absolute", "cwd is REQUIRED and MUST be an absolute path.",
       "runtime-spec config.md#process; runtime-tools ProcCwdAbs", "set process.cwd to an absolute path such as \"/\""},
      {"OCI122", "env-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an environment entry is not KEY=value",
       "Environment entries have environ(7) semantics: NAME=value with a non-empty NAME. runtime-tools rejects "
       "an entry without '='; execve would pass it on, but getenv(3) cannot find it.",
       "runtime-spec config.md#process (env); runtime-tools envValid", "write the entry as NAME=value"},
      {"OCI123", "env-name-unusual", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "an environment variable name is not a portable shell name",
       "Names outside [A-Za-z_][A-Za-z0-9_]* cannot be used from a shell, and runtime-tools rejects them "
       "(it warns about a leading digit).",
       "POSIX XBD 8.1; runtime-tools envValid", "use letters, digits and underscores, not starting with a digit"},
      {"OCI124", "env-duplicate", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "an environment variable is set twice",
       "With two entries for one name, programs disagree on which wins (glibc's getenv takes the first, many "
       "tools the last).",
       "POSIX XBD 8.1", "keep one entry per name"},
      {"OCI125", "rlimit-duplicate", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an rlimit type is listed twice", "The runtime MUST generate an error for duplicate rlimit types.",
       "runtime-spec config.md#posix-process; runtime-tools PosixProcRlimitsErrorOnDup",
       "keep one entry per type"},
      {"OCI126", "rlimit-soft-above-hard", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an rlimit's soft limit is above its hard limit", "setrlimit(2) fails with EINVAL when soft > hard.",
       "setrlimit(2); runtime-tools CheckRlimits", "lower soft or raise hard"},
      {"OCI127", "rlimit-type-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an rlimit type is not RLIMIT_<NAME>", "The schema requires type to match ^RLIMIT_[A-Z]+$.",
       "runtime-spec schema config-schema.json (rlimits[].type pattern)", "use a name such as RLIMIT_NOFILE"},
      {"OCI128", "rlimit-type-unknown", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "an rlimit type is unknown on the platform",
       "The runtime MUST generate an error for a type it cannot map; on Linux the types are those of getrlimit(2).",
       "runtime-spec config.md#posix-process; runtime-tools PosixProcRlimitsTypeValueError",
       "use a type of getrlimit(2), e.g. RLIMIT_NOFILE"},
      {"OCI129", "capability-unknown", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, true,
       "a capability name is not known",
       "Capability names are CAP_ followed by the kernel's name in capital letters. Runtimes log unknown names "
       "and skip them (crun now fails), so the capability is silently missing.",
       "runtime-spec config.md#linux-process; capabilities(7); runtime-tools CheckCapabilities; crun #2144",
       "use the CAP_ name (the suggestion), or remove it"},
      {"OCI130", "capability-effective-not-permitted", LintFamily::kConformance, LintSeverity::kError,
       LintProfile::kNone, false, "an effective capability is not permitted",
       "The effective set must be a subset of the permitted set; capset(2) refuses anything else.",
       "capabilities(7); runtime-tools CheckCapabilities", "add the capability to permitted, or drop it from effective"},
      {"OCI131", "capability-ambient-not-inheritable", LintFamily::kConformance, LintSeverity::kWarning,
       LintProfile::kNone, false, "an ambient capability is not both permitted and inheritable",
       "The kernel only raises ambient capabilities that are permitted and inheritable (PR_CAP_AMBIENT_RAISE): "
       "runc before 1.2 silently drops such a capability (its own `runc spec` example did), newer runc adds it "
       "to inheritable. runtime-tools rejects the config.",
       "capabilities(7); runtime-tools CheckCapabilities; runc #4367",
       "add the capability to permitted and inheritable, or drop it from ambient"},
      {"OCI132", "console-size-without-terminal", LintFamily::kConformance, LintSeverity::kInfo, LintProfile::kNone,
       false, "consoleSize is set without terminal", "Runtimes MUST ignore consoleSize unless terminal is true.",
       "runtime-spec config.md#process", "set terminal to true, or drop consoleSize"},
      {"OCI133", "io-priority-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "process.ioPriority is invalid",
       "class MUST be IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE and priority is in 0-7.",
       "runtime-spec config.md#linux-process (ioPriority); schema; runc validator", "use a valid class and 0-7"},
      {"OCI134", "scheduler-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "process.scheduler has an invalid policy or flag",
       "policy is REQUIRED and one of the SCHED_* policies; flags are SCHED_FLAG_* values of the schema.",
       "runtime-spec config.md#linux-process (scheduler); schema config-schema.json",
       "use a policy such as SCHED_OTHER and flags of the schema"},
      {"OCI135", "scheduler-field-mismatch", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone,
       false, "a scheduler field does not apply to the policy",
       "runc refuses nice outside [-20, 19], priority with policies other than SCHED_FIFO and SCHED_RR, and "
       "runtime/deadline/period with policies other than SCHED_DEADLINE.",
       "sched(7); runc libcontainer/configs/validate", "set only the fields of the chosen policy"},
      {"OCI136", "exec-cpu-affinity-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone,
       false, "execCPUAffinity is not a CPU list", "initial and final must match ^[0-9, -]*$ (a cpuset list).",
       "runtime-spec schema config-schema.json (execCPUAffinity)", "write a list such as \"0-3,7\""},
      {"OCI137", "oom-score-adj-range", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "oomScoreAdj is outside -1000..1000", "The kernel rejects oom_score_adj values outside -1000..1000.",
       "proc(5) /proc/pid/oom_score_adj", "use a value in -1000..1000"},
      {"OCI138", "windows-only-field", LintFamily::kConformance, LintSeverity::kInfo, LintProfile::kNone, false,
       "a Windows-only field is set in a Linux config",
       "process.commandLine and process.user.username are only used on Windows; Linux runtimes ignore them.",
       "runtime-spec config.md#process", "remove them, or use args and uid/gid"},
      {"OCI140", "hook-path-absolute", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a hook path is missing or not absolute", "A hook's path is REQUIRED and MUST be absolute (all six kinds).",
       "runtime-spec config.md#posix-platform-hooks; runtime-tools PosixHooksPathAbs",
       "use the absolute path of the hook program"},
      {"OCI141", "hook-timeout-positive", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a hook timeout is not positive", "timeout is the number of seconds before aborting; it MUST be greater than zero.",
       "runtime-spec config.md#posix-platform-hooks; schema defs.json Hook.timeout minimum 1",
       "use a timeout of at least 1, or omit it"},
      {"OCI150", "mount-destination-empty", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a mount has no destination", "destination is REQUIRED.", "runtime-spec config.md#mounts; schema defs.json Mount",
       "set the destination path"},
      {"OCI151", "mount-destination-relative", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone,
       false, "a mount destination is not absolute",
       "Since 1.2.0 a Linux destination SHOULD be absolute and a relative one is taken relative to / (runc "
       "warns that it is deprecated); before 1.2.0, and on Windows and Solaris, it MUST be absolute (error).",
       "runtime-spec config.md#mounts (#1225); runtime-tools MountsDestAbs", "write the destination as an absolute path"},
      {"OCI152", "mount-destination-nested-windows", LintFamily::kConformance, LintSeverity::kError,
       LintProfile::kNone, false, "a Windows mount destination is nested in another",
       "On Windows, mount destinations MUST NOT be nested.",
       "runtime-spec config.md#mounts; runtime-tools MountsDestOnWindowsNotNested", "mount at separate directories"},
      {"OCI153", "mount-shadowed", LintFamily::kConformance, LintSeverity::kInfo, LintProfile::kNone, false,
       "a later mount hides an earlier one",
       "Mounts are performed in order; a later mount on a parent directory covers what an earlier mount put below it.",
       "runtime-spec config.md#mounts; runtime-tools CheckMounts", "order parents before children"},
      {"OCI154", "mount-idmap-incomplete", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a mount has uidMappings without gidMappings or the reverse",
       "A mount's uidMappings MUST be accompanied by gidMappings and vice versa.",
       "runtime-spec config.md#posix-platform-mounts", "give both mappings"},
      {"OCI155", "mount-idmap-option", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "an idmapped mount lacks the idmap option or is not a bind mount",
       "With mappings, options SHOULD contain idmap or ridmap; runc only idmaps bind mounts.",
       "runtime-spec config.md#posix-platform-mounts; runc libcontainer/configs/validate",
       "add \"idmap\" (or \"ridmap\") to options and use a bind mount"},
      {"OCI156", "mount-option-conflict", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "mount options contradict each other",
       "With ro and rw (or suid and nosuid, two propagation modes, ...) the last one wins in runc and the first "
       "in others; the intent is unclear.",
       "mount(8); runc libcontainer/specconv", "keep one option of each pair"},
      {"OCI160", "annotation-key-reserved", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an annotation key uses the reserved org.opencontainers namespace",
       "Keys in org.opencontainers are reserved; since 1.2.0 the org.opencontainers.image.* keys (defined by the "
       "image-spec) are allowed.",
       "runtime-spec config.md#annotations; runtime-tools AnnotationsKeyReservedNS", "use your own reverse-domain prefix"},
      {"OCI161", "annotation-key-format", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "an annotation key is not in reverse domain notation",
       "Keys SHOULD be named using reverse domain notation, e.g. com.example.myKey.",
       "runtime-spec config.md#annotations; runtime-tools AnnotationsKeyReversedDomain",
       "prefix the key with a domain you own, reversed"},
      {"OCI162", "annotation-key-empty", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an annotation key is empty", "Annotation keys MUST NOT be an empty string.",
       "runtime-spec config.md#annotations", "give the annotation a key"},
  };
  return kRules;
}

namespace internal {

OCIKIT_INLINE void CheckRoot(const LintContext& ctx) {
  const Spec& s = ctx.spec;
  if (ctx.platform == LintPlatform::kWindows) {
    if (!ctx.On("OCI113")) return;
    nlohmann::json windows = nlohmann::json::parse(s.windows->text, nullptr, false);
    const bool hyperv = windows.is_object() && windows.contains("hyperv") && !windows["hyperv"].is_null();
    if (hyperv && s.root) {
      ctx.Report("OCI113", LintPath("root"), "set for a Hyper-V container (windows.hyperv); expected no root");
    } else if (!hyperv && !s.root) {
      ctx.Report("OCI113", FieldPath(), "root is missing; expected root for a Windows container without Hyper-V");
    }
    if (s.root) {
      static const RE2 kGuid(R"(\\\\\?\\Volume\{[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\}\\)");
      if (!RE2::FullMatch(s.root->path, kGuid)) {
        ctx.Report("OCI113", LintPath("root", "path"),
                   absl::StrCat(LintQuote(s.root->path), " is not a volume GUID path; expected \\\\?\\Volume{GUID}\\"));
      }
      if (s.root->readonly) ctx.Report("OCI113", LintPath("root", "readonly"), "true on Windows; expected false or omitted");
    }
    return;
  }
  if (!s.root) {
    ctx.Report("OCI110", FieldPath(), "root is missing; expected \"root\": {\"path\": \"rootfs\"}");
    return;
  }
  if (s.root->path.empty()) {
    ctx.Report("OCI111", LintPath("root", "path"), "empty; expected the root filesystem's path, conventionally \"rootfs\"");
    return;
  }
  const std::string clean = CleanPath(s.root->path);
  const absl::string_view base = absl::string_view(clean).substr(clean.rfind('/') + 1);
  if (base != "rootfs") {
    ctx.Report("OCI112", LintPath("root", "path"),
               absl::StrCat(LintQuote(s.root->path), " is not named rootfs; expected a directory named \"rootfs\""));
  }
}

OCIKIT_INLINE void CheckEnv(const LintContext& ctx, const std::vector<std::string>& env, const FieldPath& path) {
  // Names seen so far; a hash map only pays off for long lists.
  absl::flat_hash_map<absl::string_view, size_t> seen;
  const bool hashed = env.size() > 16;
  const auto previous = [&](absl::string_view name, size_t i) -> std::optional<size_t> {
    if (hashed) {
      const auto [it, inserted] = seen.emplace(name, i);
      return inserted ? std::nullopt : std::optional<size_t>(it->second);
    }
    for (size_t k = 0; k < i; ++k) {
      if (absl::StartsWith(env[k], name) && env[k].size() > name.size() && env[k][name.size()] == '=') return k;
    }
    return std::nullopt;
  };
  for (size_t i = 0; i < env.size(); ++i) {
    const std::string& e = env[i];
    const size_t eq = e.find('=');
    if (eq == std::string::npos || eq == 0) {
      ctx.Report("OCI122", path.Index(i),
                 absl::StrCat(LintQuote(e), eq == 0 ? " has an empty name" : " has no '='", "; expected NAME=value"));
      continue;
    }
    const absl::string_view name = absl::string_view(e).substr(0, eq);
    const bool portable = !absl::ascii_isdigit(name[0]) &&
                          std::all_of(name.begin(), name.end(), [](char c) { return absl::ascii_isalnum(c) || c == '_'; });
    if (!portable) {
      ctx.Report("OCI123", path.Index(i),
                 absl::StrCat("the name ", LintQuote(name),
                              absl::ascii_isdigit(name[0]) ? " starts with a digit" : " has characters other than letters, digits and '_'",
                              "; expected a name such as MY_VAR"));
    }
    if (const std::optional<size_t> first = previous(name, i)) {
      ctx.Report("OCI124", path.Index(i),
                 absl::StrCat(LintQuote(name), " is already set by ", path.ToString(), "[", *first,
                              "]; expected one entry per name"));
    }
  }
}

OCIKIT_INLINE bool IsKnownRlimit(absl::string_view type, LintPlatform platform) {
  static const std::vector<absl::string_view> kLinux = {
      "RLIMIT_AS",     "RLIMIT_CORE", "RLIMIT_CPU",    "RLIMIT_DATA",   "RLIMIT_FSIZE",
      "RLIMIT_NOFILE", "RLIMIT_STACK", "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
      "RLIMIT_NPROC",  "RLIMIT_RSS",  "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_LOCKS",
  };
  static const std::vector<absl::string_view> kPosix = {"RLIMIT_AS",     "RLIMIT_CORE",  "RLIMIT_CPU", "RLIMIT_DATA",
                                                        "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_STACK"};
  return LintContains(platform == LintPlatform::kSolaris ? kPosix : kLinux, type);
}

OCIKIT_INLINE void CheckRlimits(const LintContext& ctx, const Process& p) {
  static const RE2 kPattern("RLIMIT_[A-Z]+");
  absl::flat_hash_map<absl::string_view, size_t> seen;
  for (size_t i = 0; i < p.rlimits.size(); ++i) {
    const PosixRlimit& r = p.rlimits[i];
    const auto path = [&] { return LintPath("process", "rlimits").Index(i); };
    if (!RE2::FullMatch(r.type, kPattern)) {
      ctx.Report("OCI127", path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is not RLIMIT_<NAME>; expected a type such as RLIMIT_NOFILE"));
    } else if (!IsKnownRlimit(r.type, ctx.platform)) {
      ctx.Report("OCI128", path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is not a resource of getrlimit(2); expected a type such as RLIMIT_NOFILE"));
    }
    if (const auto [it, inserted] = seen.emplace(r.type, i); !inserted) {
      ctx.Report("OCI125", path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is already set by process.rlimits[", it->second,
                              "]; expected one entry per type"));
    }
    if (r.soft > r.hard) {
      ctx.Report("OCI126", path().Field("soft"),
                 absl::StrCat(r.soft, " is above the hard limit ", r.hard, "; expected soft <= hard"));
    }
  }
}

OCIKIT_INLINE void CheckCapabilities(const LintContext& ctx, const LinuxCapabilities& c) {
  const FieldPath base = LintPath("process", "capabilities");
  const std::vector<std::string>& known = KnownCapabilities();
  static const auto* kKnown = new absl::flat_hash_set<absl::string_view>(known.begin(), known.end());
  const auto check_names = [&](const std::vector<std::string>& set, absl::string_view name) {
    for (size_t i = 0; i < set.size(); ++i) {
      if (kKnown->contains(set[i])) continue;
      std::string hint;
      if (absl::StatusOr<std::string> n = NormalizeCapability(set[i]); n.ok() && *n != "ALL") {
        hint = absl::StrCat("; did you mean ", LintQuote(*n), "?");
      } else {
        std::vector<absl::string_view> names(known.begin(), known.end());
        hint = LintDidYouMean(set[i], names);
      }
      ctx.Report("OCI129", base.Field(name).Index(i),
                 absl::StrCat(LintQuote(set[i]), " is not a capability runtimes know", hint.empty() ? "; expected a name such as CAP_CHOWN" : hint));
    }
  };
  check_names(c.bounding, "bounding");
  check_names(c.effective, "effective");
  check_names(c.inheritable, "inheritable");
  check_names(c.permitted, "permitted");
  check_names(c.ambient, "ambient");
  for (size_t i = 0; i < c.effective.size(); ++i) {
    if (!LintContains(c.permitted, c.effective[i])) {
      ctx.Report("OCI130", base.Field("effective").Index(i),
                 absl::StrCat(LintQuote(c.effective[i]), " is not in the permitted set; expected effective to be a subset of permitted"));
    }
  }
  for (size_t i = 0; i < c.ambient.size(); ++i) {
    const bool permitted = LintContains(c.permitted, c.ambient[i]);
    const bool inheritable = LintContains(c.inheritable, c.ambient[i]);
    if (!permitted || !inheritable) {
      ctx.Report("OCI131", base.Field("ambient").Index(i),
                 absl::StrCat(LintQuote(c.ambient[i]), " is not in the ",
                              !permitted && !inheritable ? "permitted and inheritable sets"
                              : !permitted               ? "permitted set"
                                                         : "inheritable set",
                              "; expected ambient capabilities to be both permitted and inheritable"));
    }
  }
}

OCIKIT_INLINE void CheckScheduler(const LintContext& ctx, const Scheduler& s) {
  static const std::vector<absl::string_view> kPolicies = {"SCHED_OTHER", "SCHED_FIFO", "SCHED_RR",      "SCHED_BATCH",
                                                           "SCHED_ISO",   "SCHED_IDLE", "SCHED_DEADLINE"};
  static const std::vector<absl::string_view> kFlags = {
      "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM",    "SCHED_FLAG_DL_OVERRUN",    "SCHED_FLAG_KEEP_POLICY",
      "SCHED_FLAG_KEEP_PARAMS",   "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX"};
  const FieldPath base = LintPath("process", "scheduler");
  if (!LintContains(kPolicies, s.policy)) {
    ctx.Report("OCI134", base.Field("policy"),
               absl::StrCat(s.policy.empty() ? "missing" : absl::StrCat(LintQuote(s.policy), " is not a policy"),
                            "; expected one of ", LintOneOf(kPolicies), LintDidYouMean(s.policy, kPolicies)));
  }
  for (size_t i = 0; i < s.flags.size(); ++i) {
    if (!LintContains(kFlags, s.flags[i])) {
      ctx.Report("OCI134", base.Field("flags").Index(i),
                 absl::StrCat(LintQuote(s.flags[i]), " is not a scheduler flag; expected one of ", LintOneOf(kFlags),
                              LintDidYouMean(s.flags[i], kFlags)));
    }
  }
  const bool nice_policy = s.policy == "SCHED_OTHER" || s.policy == "SCHED_BATCH";
  const bool rt_policy = s.policy == "SCHED_FIFO" || s.policy == "SCHED_RR";
  if (s.nice < -20 || s.nice > 19) {
    ctx.Report("OCI135", base.Field("nice"), absl::StrCat(s.nice, " is outside -20..19; expected a nice value"));
  } else if (s.nice != 0 && !nice_policy) {
    ctx.Report("OCI135", base.Field("nice"),
               absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_OTHER or SCHED_BATCH"));
  }
  if (s.priority != 0 && !rt_policy) {
    ctx.Report("OCI135", base.Field("priority"),
               absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_FIFO or SCHED_RR"));
  } else if (rt_policy && (s.priority < 1 || s.priority > 99)) {
    ctx.Report("OCI135", base.Field("priority"),
               absl::StrCat(s.priority, " is outside 1..99; expected a real-time priority"));
  }
  if (s.policy != "SCHED_DEADLINE") {
    for (const auto& [name, value] : {std::pair<absl::string_view, uint64_t>{"runtime", s.runtime},
                                      {"deadline", s.deadline}, {"period", s.period}}) {
      if (value != 0) {
        ctx.Report("OCI135", base.Field(name),
                   absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_DEADLINE"));
      }
    }
  }
}

OCIKIT_INLINE void CheckProcess(const LintContext& ctx) {
  if (!ctx.spec.process) return;
  const Process& p = *ctx.spec.process;
  const bool windows = ctx.platform == LintPlatform::kWindows;
  if (p.args.empty() && !(windows && !p.command_line.empty())) {
    ctx.Report("OCI120", LintPath("process", "args"),
               windows ? "empty and commandLine is not set; expected args or commandLine"
                       : "empty; expected at least one entry, the program to run (unless the config is a template)");
  } else if (!p.args.empty() && p.args[0].empty()) {
    ctx.Report("OCI120", LintPath("process", "args").Index(0), "empty; expected the program to run", LintSeverity::kError);
  }
  if (p.cwd.empty()) {
    ctx.Report("OCI121", LintPath("process", "cwd"), "missing; expected an absolute path such as \"/\"");
  } else if (!IsAbsoluteFor(ctx.platform, p.cwd)) {
    ctx.Report("OCI121", LintPath("process", "cwd"),
               absl::StrCat(LintQuote(p.cwd), " is not absolute; expected an absolute path",
                            windows ? " such as \"C:\\\\\"" : " such as \"/\""));
  }
  CheckEnv(ctx, p.env, LintPath("process", "env"));
  if (ctx.platform != LintPlatform::kWindows) CheckRlimits(ctx, p);
  if (p.capabilities && ctx.platform == LintPlatform::kLinux) CheckCapabilities(ctx, *p.capabilities);
  if (p.console_size && !p.terminal) {
    ctx.Report("OCI132", LintPath("process", "consoleSize"), "set while terminal is false; runtimes ignore it; expected terminal: true");
  }
  if (p.io_priority) {
    static const std::vector<absl::string_view> kClasses = {"IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"};
    const LinuxIOPriority& io = *p.io_priority;
    if (!LintContains(kClasses, io.io_class)) {
      ctx.Report("OCI133", LintPath("process", "ioPriority", "class"),
                 absl::StrCat(io.io_class.empty() ? "missing" : absl::StrCat(LintQuote(io.io_class), " is not a class"),
                              "; expected one of ", LintOneOf(kClasses), LintDidYouMean(io.io_class, kClasses)));
    }
    if (io.priority < 0 || io.priority > 7) {
      ctx.Report("OCI133", LintPath("process", "ioPriority", "priority"), absl::StrCat(io.priority, " is outside 0..7; expected 0 (highest) to 7 (lowest)"));
    }
  }
  if (p.scheduler) CheckScheduler(ctx, *p.scheduler);
  if (p.exec_cpu_affinity) {
    static const RE2 kCpuList("[0-9, -]*");
    for (const auto& [name, value] : {std::pair<absl::string_view, const std::string*>{"initial", &p.exec_cpu_affinity->initial},
                                      {"final", &p.exec_cpu_affinity->final_cpus}}) {
      if (!RE2::FullMatch(*value, kCpuList)) {
        ctx.Report("OCI136", LintPath("process", "execCPUAffinity", name),
                   absl::StrCat(LintQuote(*value), " is not a CPU list; expected digits, ',', '-' and spaces, such as \"0-3,7\""));
      }
    }
  }
  if (p.oom_score_adj && (*p.oom_score_adj < -1000 || *p.oom_score_adj > 1000)) {
    ctx.Report("OCI137", LintPath("process", "oomScoreAdj"), absl::StrCat(*p.oom_score_adj, " is outside -1000..1000; expected a value the kernel accepts"));
  }
  if (ctx.platform == LintPlatform::kLinux) {
    if (!p.command_line.empty()) ctx.Report("OCI138", LintPath("process", "commandLine"), "Windows only; Linux runtimes ignore it; expected args");
    if (!p.user.username.empty()) {
      ctx.Report("OCI138", LintPath("process", "user", "username"), "Windows only; Linux runtimes ignore it; expected uid and gid");
    }
  }
}

OCIKIT_INLINE void CheckHooks(const LintContext& ctx) {
  if (!ctx.spec.hooks) return;
  const Hooks& h = *ctx.spec.hooks;
  const std::pair<absl::string_view, const std::vector<Hook>*> kinds[] = {
      {"prestart", &h.prestart},   {"createRuntime", &h.create_runtime}, {"createContainer", &h.create_container},
      {"startContainer", &h.start_container}, {"poststart", &h.poststart}, {"poststop", &h.poststop}};
  for (const auto& [kind, hooks] : kinds) {
    for (size_t i = 0; i < hooks->size(); ++i) {
      const Hook& hook = (*hooks)[i];
      const auto path = [&, kind = kind] { return LintPath("hooks", kind).Index(i); };
      if (hook.path.empty()) {
        ctx.Report("OCI140", path().Field("path"), "missing; expected the absolute path of the hook program");
      } else if (!IsAbsoluteFor(LintPlatform::kLinux, hook.path)) {
        ctx.Report("OCI140", path().Field("path"), absl::StrCat(LintQuote(hook.path), " is not absolute; expected an absolute path"));
      }
      if (hook.timeout && *hook.timeout < 1) {
        ctx.Report("OCI141", path().Field("timeout"), absl::StrCat(*hook.timeout, " is not positive; expected at least 1 second"));
      }
      CheckEnv(ctx, hook.env, path().Field("env"));
    }
  }
}

OCIKIT_INLINE void CheckMountOptions(const LintContext& ctx, const Mount& m, const FieldPath& path) {
  static const std::pair<absl::string_view, absl::string_view> kPairs[] = {
      {"ro", "rw"}, {"suid", "nosuid"}, {"dev", "nodev"}, {"exec", "noexec"}, {"bind", "rbind"}};
  for (const auto& [a, b] : kPairs) {
    if (LintContains(m.options, a) && LintContains(m.options, b)) {
      ctx.Report("OCI156", path.Field("options"), absl::StrCat("has both ", LintQuote(a), " and ", LintQuote(b), "; expected one of them"));
    }
  }
  static const std::vector<absl::string_view> kPropagation = {"private", "rprivate", "shared",     "rshared",
                                                              "slave",   "rslave",   "unbindable", "runbindable"};
  std::vector<absl::string_view> modes;
  for (const std::string& o : m.options) {
    if (LintContains(kPropagation, o) && !LintContains(modes, o)) modes.push_back(o);
  }
  if (modes.size() > 1) {
    ctx.Report("OCI156", path.Field("options"), absl::StrCat("has ", modes.size(), " propagation modes (", LintOneOf(modes), "); expected one"));
  }
}

OCIKIT_INLINE void CheckMounts(const LintContext& ctx) {
  const std::vector<Mount>& mounts = ctx.spec.mounts;
  const bool windows = ctx.platform == LintPlatform::kWindows;
  std::vector<std::string> clean(mounts.size());
  for (size_t i = 0; i < mounts.size(); ++i) {
    const Mount& m = mounts[i];
    const auto path = [&] { return FieldPath().Field("mounts").Index(i); };
    if (m.destination.empty()) {
      ctx.Report("OCI150", path().Field("destination"), "missing; expected the path to mount at");
    } else if (!IsAbsoluteFor(ctx.platform, m.destination)) {
      const bool allowed = ctx.platform == LintPlatform::kLinux && ctx.version.AtLeast(1, 2, 0);
      ctx.Report("OCI151", path().Field("destination"),
                 absl::StrCat(LintQuote(m.destination), " is not absolute",
                              allowed ? " (taken relative to \"/\")" : "",
                              "; expected an absolute path",
                              allowed ? "" : absl::StrCat(" (required ", windows ? "on Windows" : "before runtime-spec 1.2.0", ")")),
                 allowed ? LintSeverity::kWarning : LintSeverity::kError);
    }
    if (!windows) clean[i] = CleanPath(absl::StrCat("/", m.destination));
    if (m.uid_mappings.empty() != m.gid_mappings.empty()) {
      ctx.Report("OCI154", path().Field(m.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
                 absl::StrCat("set without ", m.uid_mappings.empty() ? "uidMappings" : "gidMappings",
                              "; expected both mappings"));
    }
    const bool idmap_option = LintContains(m.options, "idmap") || LintContains(m.options, "ridmap");
    const bool bind = m.type == "bind" || LintContains(m.options, "bind") || LintContains(m.options, "rbind");
    if ((!m.uid_mappings.empty() || !m.gid_mappings.empty()) && !idmap_option) {
      ctx.Report("OCI155", path().Field("options"), "lacks \"idmap\" or \"ridmap\" although the mount has mappings; expected one of them");
    }
    if ((idmap_option || !m.uid_mappings.empty()) && !bind) {
      ctx.Report("OCI155", path(), absl::StrCat("idmapped but of type ", LintQuote(m.type), "; expected a bind mount (runc only idmaps bind mounts)"));
    }
    CheckMountOptions(ctx, m, path());
  }
  if (windows) {
    for (size_t j = 0; j < mounts.size(); ++j) {
      for (size_t i = 0; i < j; ++i) {
        const std::string parent = absl::AsciiStrToLower(mounts[i].destination);
        const std::string child = absl::AsciiStrToLower(mounts[j].destination);
        if (!parent.empty() && child.size() > parent.size() && absl::StartsWith(child, parent) &&
            (parent.back() == '\\' || child[parent.size()] == '\\')) {
          ctx.Report("OCI152", FieldPath().Field("mounts").Index(j).Field("destination"),
                     absl::StrCat(LintQuote(mounts[j].destination), " is inside mounts[", i, "] (", LintQuote(mounts[i].destination),
                                  "); expected destinations that are not nested"));
        }
      }
    }
    return;
  }
  // A later mount on a strict ancestor covers an earlier mount (runtime-tools' log warning).
  for (size_t j = 0; j < mounts.size(); ++j) {
    for (size_t i = j + 1; i < mounts.size(); ++i) {
      const std::string& a = clean[i];
      const std::string& b = clean[j];
      if (mounts[i].destination.empty() || mounts[j].destination.empty()) continue;
      const bool ancestor = a == "/" ? b != "/" : absl::StartsWith(b, a) && b.size() > a.size() && b[a.size()] == '/';
      if (ancestor) {
        ctx.Report("OCI153", FieldPath().Field("mounts").Index(i).Field("destination"),
                   absl::StrCat(LintQuote(mounts[i].destination), " covers mounts[", j, "] (", LintQuote(mounts[j].destination),
                                "), mounted before it; expected parents before children"));
      }
    }
  }
}

OCIKIT_INLINE void CheckAnnotations(const LintContext& ctx) {
  static const RE2 kReverseDomain(R"([A-Za-z]{2,6}(\.[A-Za-z0-9-]{1,63})+)");
  for (const auto& [key, value] : ctx.spec.annotations) {
    const auto path = [&key = key] { return FieldPath().Field("annotations").Key(key); };
    if (key.empty()) {
      ctx.Report("OCI162", path(), "empty key; expected a reverse-domain key such as com.example.key");
      continue;
    }
    if ((key == "org.opencontainers" || absl::StartsWith(key, "org.opencontainers.")) &&
        !absl::StartsWith(key, "org.opencontainers.image.")) {
      ctx.Report("OCI160", path(),
                 absl::StrCat(LintQuote(key), " is in the reserved org.opencontainers namespace; expected your own prefix "
                              "(only org.opencontainers.image.* keys are allowed)"));
      continue;
    }
    if (!RE2::FullMatch(key, kReverseDomain)) {
      ctx.Report("OCI161", path(), absl::StrCat(LintQuote(key), " is not in reverse domain notation; expected a key such as com.example.key"));
    }
  }
}
}  // namespace internal

OCIKIT_INLINE void CheckConformance(const internal::LintContext& ctx) {
  internal::CheckRoot(ctx);
  internal::CheckProcess(ctx);
  if (ctx.platform != LintPlatform::kWindows) internal::CheckHooks(ctx);  // runtime-tools: linux and solaris only
  internal::CheckMounts(ctx);
  internal::CheckAnnotations(ctx);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_
