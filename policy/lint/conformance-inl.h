// File: policy/lint/conformance-inl.h
//
// Definitions of policy/lint/conformance.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_
#define OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_

#include "policy/lint/conformance.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
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
#include "policy/lint/patterns.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/lint/walk.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/opts/capabilities.h"
#include "spec/pathutil.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE void CheckRoot(const LintContext& ctx) {
  const Spec& s = ctx.spec;
  if (ctx.platform == LintPlatform::kWindows) {
    if (!ctx.On(rules::kWindowsRoot)) return;
    nlohmann::json windows = nlohmann::json::parse(s.windows->text, nullptr, false);
    const bool hyperv = windows.is_object() && windows.contains("hyperv") && !windows["hyperv"].is_null();
    if (hyperv && s.root) {
      ctx.Report(rules::kWindowsRoot, LintPath("root"), "set for a Hyper-V container (windows.hyperv); expected no root");
    } else if (!hyperv && !s.root) {
      ctx.Report(rules::kWindowsRoot, FieldPath(), "root is missing; expected root for a Windows container without Hyper-V");
    }
    if (s.root) {
      static const RE2 kGuid(R"(\\\\\?\\Volume\{[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\}\\)");
      if (!RE2::FullMatch(s.root->path, kGuid)) {
        ctx.Report(rules::kWindowsRoot, LintPath("root", "path"),
                   absl::StrCat(LintQuote(s.root->path), " is not a volume GUID path; expected \\\\?\\Volume{GUID}\\"));
      }
      if (s.root->readonly) ctx.Report(rules::kWindowsRoot, LintPath("root", "readonly"), "true on Windows; expected false or omitted");
    }
    return;
  }
  if (!s.root) {
    ctx.Report(rules::kRootMissing, FieldPath(), "root is missing; expected \"root\": {\"path\": \"rootfs\"}");
    return;
  }
  if (s.root->path.empty()) {
    ctx.Report(rules::kRootPathEmpty, LintPath("root", "path"), "empty; expected the root filesystem's path, conventionally \"rootfs\"");
    return;
  }
  const std::string clean = CleanPath(s.root->path);
  const absl::string_view base = absl::string_view(clean).substr(clean.rfind('/') + 1);
  if (base != "rootfs") {
    // The name is a convention of the bundle layout: it matters for a root
    // inside a bundle, not for a template's or an engine's own directory
    // (Podman and CRI-O run an overlay's "merged" directory).
    const bool bundle_layout = ctx.options.AsBundle() && !s.root->path.empty() && s.root->path[0] != '/';
    ctx.Report(rules::kRootPathNotRootfs, LintPath("root", "path"),
               absl::StrCat(LintQuote(s.root->path), " is not named rootfs",
                            bundle_layout ? "" : " (the bundle layout's convention; advice for a template or a root outside a bundle)",
                            "; expected a directory named \"rootfs\""),
               bundle_layout ? LintSeverity::kWarning : LintSeverity::kInfo);
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
      ctx.Report(rules::kEnvInvalid, path.Index(i),
                 absl::StrCat(LintQuote(e), eq == 0 ? " has an empty name" : " has no '='", "; expected NAME=value"));
      continue;
    }
    const absl::string_view name = absl::string_view(e).substr(0, eq);
    const bool portable = !absl::ascii_isdigit(name[0]) &&
                          std::all_of(name.begin(), name.end(), [](char c) { return absl::ascii_isalnum(c) || c == '_'; });
    if (!portable) {
      ctx.Report(rules::kEnvNameUnusual, path.Index(i),
                 absl::StrCat("the name ", LintQuote(name),
                              absl::ascii_isdigit(name[0]) ? " starts with a digit" : " has characters other than letters, digits and '_'",
                              "; expected a name such as MY_VAR"));
    }
    if (const std::optional<size_t> first = previous(name, i)) {
      ctx.Report(rules::kEnvDuplicate, path.Index(i),
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
  absl::flat_hash_map<absl::string_view, size_t> seen;
  for (size_t i = 0; i < p.rlimits.size(); ++i) {
    const PosixRlimit& r = p.rlimits[i];
    const auto path = [&] { return LintPath("process", "rlimits").Index(i); };
    if (!IsRlimitType(r.type)) {
      ctx.Report(rules::kRlimitTypeInvalid, path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is not RLIMIT_<NAME>; expected a type such as RLIMIT_NOFILE"));
    } else if (!IsKnownRlimit(r.type, ctx.platform)) {
      ctx.Report(rules::kRlimitTypeUnknown, path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is not a resource of getrlimit(2); expected a type such as RLIMIT_NOFILE"));
    }
    if (const auto [it, inserted] = seen.emplace(r.type, i); !inserted) {
      ctx.Report(rules::kRlimitDuplicate, path().Field("type"),
                 absl::StrCat(LintQuote(r.type), " is already set by process.rlimits[", it->second,
                              "]; expected one entry per type"));
    }
    if (r.soft > r.hard) {
      ctx.Report(rules::kRlimitSoftAboveHard, path().Field("soft"),
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
      ctx.Report(rules::kCapabilityUnknown, base.Field(name).Index(i),
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
      ctx.Report(rules::kCapabilityEffectiveNotPermitted, base.Field("effective").Index(i),
                 absl::StrCat(LintQuote(c.effective[i]), " is not in the permitted set; expected effective to be a subset of permitted"));
    }
  }
  for (size_t i = 0; i < c.ambient.size(); ++i) {
    const bool permitted = LintContains(c.permitted, c.ambient[i]);
    const bool inheritable = LintContains(c.inheritable, c.ambient[i]);
    if (!permitted || !inheritable) {
      ctx.Report(rules::kCapabilityAmbientNotInheritable, base.Field("ambient").Index(i),
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
    ctx.Report(rules::kSchedulerInvalid, base.Field("policy"),
               absl::StrCat(s.policy.empty() ? "missing" : absl::StrCat(LintQuote(s.policy), " is not a policy"),
                            "; expected one of ", LintOneOf(kPolicies), LintDidYouMean(s.policy, kPolicies)));
  }
  for (size_t i = 0; i < s.flags.size(); ++i) {
    if (!LintContains(kFlags, s.flags[i])) {
      ctx.Report(rules::kSchedulerInvalid, base.Field("flags").Index(i),
                 absl::StrCat(LintQuote(s.flags[i]), " is not a scheduler flag; expected one of ", LintOneOf(kFlags),
                              LintDidYouMean(s.flags[i], kFlags)));
    }
  }
  const bool nice_policy = s.policy == "SCHED_OTHER" || s.policy == "SCHED_BATCH";
  const bool rt_policy = s.policy == "SCHED_FIFO" || s.policy == "SCHED_RR";
  if (s.nice < -20 || s.nice > 19) {
    ctx.Report(rules::kSchedulerFieldMismatch, base.Field("nice"), absl::StrCat(s.nice, " is outside -20..19; expected a nice value"));
  } else if (s.nice != 0 && !nice_policy) {
    ctx.Report(rules::kSchedulerFieldMismatch, base.Field("nice"),
               absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_OTHER or SCHED_BATCH"));
  }
  if (s.priority != 0 && !rt_policy) {
    ctx.Report(rules::kSchedulerFieldMismatch, base.Field("priority"),
               absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_FIFO or SCHED_RR"));
  } else if (rt_policy && (s.priority < 1 || s.priority > 99)) {
    ctx.Report(rules::kSchedulerFieldMismatch, base.Field("priority"),
               absl::StrCat(s.priority, " is outside 1..99; expected a real-time priority"));
  }
  if (s.policy != "SCHED_DEADLINE") {
    for (const auto& [name, value] : {std::pair<absl::string_view, uint64_t>{"runtime", s.runtime},
                                      {"deadline", s.deadline}, {"period", s.period}}) {
      if (value != 0) {
        ctx.Report(rules::kSchedulerFieldMismatch, base.Field(name),
                   absl::StrCat("set for ", LintQuote(s.policy), "; expected it only with SCHED_DEADLINE"));
      }
    }
  }
}

OCIKIT_INLINE void ReportArgsMissing(const LintContext& ctx, bool windows) {
  const absl::string_view what = windows ? "empty and commandLine is not set" : "empty";
  const absl::string_view needed = windows ? "args or commandLine" : "at least one entry, the program to run";
  if (!ctx.options.AsBundle()) {
    ctx.Report(rules::kProcessArgsMissing, LintPath("process", "args"),
               absl::StrCat(what, ": fine for a template, whose command comes later (linted as a template: not a bundle "
                            "directory and no --bundle); a bundle needs ", needed),
               LintSeverity::kInfo);
    return;
  }
  ctx.Report(rules::kProcessArgsMissing, LintPath("process", "args"),
             absl::StrCat(what, "; expected ", needed, " (linted as a bundle: ",
                          ctx.options.bundle_dir.empty() ? "--bundle" : "a bundle directory", ")"));
}

OCIKIT_INLINE void CheckProcess(const LintContext& ctx) {
  if (!ctx.spec.process) return;
  const Process& p = *ctx.spec.process;
  const bool windows = ctx.platform == LintPlatform::kWindows;
  if (p.args.empty() && !(windows && !p.command_line.empty())) {
    ReportArgsMissing(ctx, windows);
  } else if (!p.args.empty() && p.args[0].empty()) {
    ctx.Report(rules::kProcessArgsMissing, LintPath("process", "args").Index(0), "empty; expected the program to run", LintSeverity::kError);
  }
  if (p.cwd.empty()) {
    ctx.Report(rules::kProcessCwdAbsolute, LintPath("process", "cwd"), "missing; expected an absolute path such as \"/\"");
  } else if (!IsAbsoluteFor(ctx.platform, p.cwd)) {
    ctx.Report(rules::kProcessCwdAbsolute, LintPath("process", "cwd"),
               absl::StrCat(LintQuote(p.cwd), " is not absolute; expected an absolute path",
                            windows ? " such as \"C:\\\\\"" : " such as \"/\""));
  }
  CheckEnv(ctx, p.env, LintPath("process", "env"));
  if (ctx.platform != LintPlatform::kWindows) CheckRlimits(ctx, p);
  if (p.capabilities && ctx.platform == LintPlatform::kLinux) CheckCapabilities(ctx, *p.capabilities);
  if (p.console_size && !p.terminal) {
    ctx.Report(rules::kConsoleSizeWithoutTerminal, LintPath("process", "consoleSize"), "set while terminal is false; runtimes ignore it; expected terminal: true");
  }
  if (p.io_priority) {
    static const std::vector<absl::string_view> kClasses = {"IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"};
    const LinuxIOPriority& io = *p.io_priority;
    if (!LintContains(kClasses, io.io_class)) {
      ctx.Report(rules::kIoPriorityInvalid, LintPath("process", "ioPriority", "class"),
                 absl::StrCat(io.io_class.empty() ? "missing" : absl::StrCat(LintQuote(io.io_class), " is not a class"),
                              "; expected one of ", LintOneOf(kClasses), LintDidYouMean(io.io_class, kClasses)));
    }
    if (io.priority < 0 || io.priority > 7) {
      ctx.Report(rules::kIoPriorityInvalid, LintPath("process", "ioPriority", "priority"), absl::StrCat(io.priority, " is outside 0..7; expected 0 (highest) to 7 (lowest)"));
    }
  }
  if (p.scheduler) CheckScheduler(ctx, *p.scheduler);
  if (p.exec_cpu_affinity) {
    for (const auto& [name, value] : {std::pair<absl::string_view, const std::string*>{"initial", &p.exec_cpu_affinity->initial},
                                      {"final", &p.exec_cpu_affinity->final_cpus}}) {
      if (!IsCpuList(*value)) {
        ctx.Report(rules::kExecCpuAffinityInvalid, LintPath("process", "execCPUAffinity", name),
                   absl::StrCat(LintQuote(*value), " is not a CPU list; expected digits, ',', '-' and spaces, such as \"0-3,7\""));
      }
    }
  }
  if (p.oom_score_adj && (*p.oom_score_adj < -1000 || *p.oom_score_adj > 1000)) {
    ctx.Report(rules::kOomScoreAdjRange, LintPath("process", "oomScoreAdj"), absl::StrCat(*p.oom_score_adj, " is outside -1000..1000; expected a value the kernel accepts"));
  }
  if (ctx.platform == LintPlatform::kLinux) {
    if (!p.command_line.empty()) ctx.Report(rules::kWindowsOnlyField, LintPath("process", "commandLine"), "Windows only; Linux runtimes ignore it; expected args");
    if (!p.user.username.empty()) {
      ctx.Report(rules::kWindowsOnlyField, LintPath("process", "user", "username"), "Windows only; Linux runtimes ignore it; expected uid and gid");
    }
  }
}

OCIKIT_INLINE void CheckHooks(const LintContext& ctx) {
  if (!ctx.spec.hooks) return;
  const Hooks& h = *ctx.spec.hooks;
  const auto kinds = HookKinds(h);
  for (const auto& [kind, hooks] : kinds) {
    for (size_t i = 0; i < hooks->size(); ++i) {
      const Hook& hook = (*hooks)[i];
      const auto path = [&, kind = kind] { return LintPath("hooks", kind).Index(i); };
      if (hook.path.empty()) {
        ctx.Report(rules::kHookPathAbsolute, path().Field("path"), "missing; expected the absolute path of the hook program");
      } else if (!IsAbsoluteFor(LintPlatform::kLinux, hook.path)) {
        ctx.Report(rules::kHookPathAbsolute, path().Field("path"), absl::StrCat(LintQuote(hook.path), " is not absolute; expected an absolute path"));
      }
      if (hook.timeout && *hook.timeout < 1) {
        ctx.Report(rules::kHookTimeoutPositive, path().Field("timeout"), absl::StrCat(*hook.timeout, " is not positive; expected at least 1 second"));
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
      ctx.Report(rules::kMountOptionConflict, path.Field("options"), absl::StrCat("has both ", LintQuote(a), " and ", LintQuote(b), "; expected one of them"));
    }
  }
  static const std::vector<absl::string_view> kPropagation = {"private", "rprivate", "shared",     "rshared",
                                                              "slave",   "rslave",   "unbindable", "runbindable"};
  std::vector<absl::string_view> modes;
  for (const std::string& o : m.options) {
    if (LintContains(kPropagation, o) && !LintContains(modes, o)) modes.push_back(o);
  }
  if (modes.size() > 1) {
    ctx.Report(rules::kMountOptionConflict, path.Field("options"), absl::StrCat("has ", modes.size(), " propagation modes (", LintOneOf(modes), "); expected one"));
  }
}

OCIKIT_INLINE void CheckWindowsMountNesting(const LintContext& ctx) {
  const std::vector<Mount>& mounts = ctx.spec.mounts;
  for (size_t j = 0; j < mounts.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const std::string parent = absl::AsciiStrToLower(mounts[i].destination);
      const std::string child = absl::AsciiStrToLower(mounts[j].destination);
      if (!parent.empty() && child.size() > parent.size() && absl::StartsWith(child, parent) &&
          (parent.back() == '\\' || child[parent.size()] == '\\')) {
        ctx.Report(rules::kMountDestinationNestedWindows, FieldPath().Field("mounts").Index(j).Field("destination"),
                   absl::StrCat(LintQuote(mounts[j].destination), " is inside mounts[", i, "] (", LintQuote(mounts[i].destination),
                                "); expected destinations that are not nested"));
      }
    }
  }
}

OCIKIT_INLINE void CheckMountShadowing(const LintContext& ctx, const std::vector<std::string>& clean) {
  const std::vector<Mount>& mounts = ctx.spec.mounts;
  // The mounts at each cleaned destination, in order: the mounts that cover
  // one are found among its path's prefixes, not by comparing every pair.
  absl::flat_hash_map<absl::string_view, std::vector<size_t>> at;
  for (size_t i = 0; i < mounts.size(); ++i) {
    if (!mounts[i].destination.empty()) at[clean[i]].push_back(i);
  }
  std::vector<size_t> covering;
  for (size_t j = 0; j < mounts.size(); ++j) {
    if (mounts[j].destination.empty()) continue;
    const absl::string_view b = clean[j];
    covering.clear();
    const auto add_later = [&](absl::string_view ancestor) {
      const auto it = at.find(ancestor);
      if (it == at.end()) return;
      covering.insert(covering.end(), std::upper_bound(it->second.begin(), it->second.end(), j), it->second.end());
    };
    if (b != "/") add_later("/");
    for (size_t k = 1; k < b.size(); ++k) {
      if (b[k] == '/') add_later(b.substr(0, k));
    }
    std::sort(covering.begin(), covering.end());
    for (const size_t i : covering) {
      ctx.Report(rules::kMountShadowed, FieldPath().Field("mounts").Index(i).Field("destination"),
                 absl::StrCat(LintQuote(mounts[i].destination), " covers mounts[", j, "] (", LintQuote(mounts[j].destination),
                              "), mounted before it; expected parents before children"));
    }
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
      ctx.Report(rules::kMountDestinationEmpty, path().Field("destination"), "missing; expected the path to mount at");
    } else if (!IsAbsoluteFor(ctx.platform, m.destination)) {
      const bool allowed = ctx.platform == LintPlatform::kLinux && ctx.version.AtLeast(1, 2, 0);
      ctx.Report(rules::kMountDestinationRelative, path().Field("destination"),
                 absl::StrCat(LintQuote(m.destination), " is not absolute",
                              allowed ? " (taken relative to \"/\")" : "",
                              "; expected an absolute path",
                              allowed ? "" : absl::StrCat(" (required ", windows ? "on Windows" : "before runtime-spec 1.2.0", ")")),
                 allowed ? LintSeverity::kWarning : LintSeverity::kError);
    }
    if (!windows) clean[i] = CleanPath(absl::StrCat("/", m.destination));
    if (m.uid_mappings.empty() != m.gid_mappings.empty()) {
      ctx.Report(rules::kMountIdmapIncomplete, path().Field(m.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
                 absl::StrCat("set without ", m.uid_mappings.empty() ? "uidMappings" : "gidMappings",
                              "; expected both mappings"));
    }
    const bool idmap_option = LintContains(m.options, "idmap") || LintContains(m.options, "ridmap");
    const bool bind = m.type == "bind" || LintContains(m.options, "bind") || LintContains(m.options, "rbind");
    if ((!m.uid_mappings.empty() || !m.gid_mappings.empty()) && !idmap_option) {
      ctx.Report(rules::kMountIdmapOption, path().Field("options"), "lacks \"idmap\" or \"ridmap\" although the mount has mappings; expected one of them");
    }
    if ((idmap_option || !m.uid_mappings.empty()) && !bind) {
      ctx.Report(rules::kMountIdmapOption, path(), absl::StrCat("idmapped but of type ", LintQuote(m.type), "; expected a bind mount (runc only idmaps bind mounts)"));
    }
    CheckMountOptions(ctx, m, path());
  }
  if (windows) {
    CheckWindowsMountNesting(ctx);
    return;
  }
  CheckMountShadowing(ctx, clean);
}

OCIKIT_INLINE void CheckAnnotations(const LintContext& ctx) {
  for (const auto& [key, value] : ctx.spec.annotations) {
    const auto path = [&key = key] { return FieldPath().Field("annotations").Key(key); };
    if (key.empty()) {
      ctx.Report(rules::kAnnotationKeyEmpty, path(), "empty key; expected a reverse-domain key such as com.example.key");
      continue;
    }
    if ((key == "org.opencontainers" || absl::StartsWith(key, "org.opencontainers.")) &&
        !absl::StartsWith(key, "org.opencontainers.image.")) {
      ctx.Report(rules::kAnnotationKeyReserved, path(),
                 absl::StrCat(LintQuote(key), " is in the reserved org.opencontainers namespace; expected your own prefix "
                              "(only org.opencontainers.image.* keys are allowed)"));
      continue;
    }
    if (!IsReverseDomainKey(key)) {
      ctx.Report(rules::kAnnotationKeyFormat, path(), absl::StrCat(LintQuote(key), " is not in reverse domain notation; expected a key such as com.example.key"));
    }
  }
}
}  // namespace internal

namespace internal {

OCIKIT_INLINE void CheckNulBytes(const LintContext& ctx) {
  if (!ctx.On(rules::kStringNul)) return;
  ForEachString(ctx.spec, nullptr, [&ctx](absl::string_view text, const LintPathNode* node, bool is_key) {
    const size_t nul = text.find('\0');
    if (nul == absl::string_view::npos) return;
    ctx.Report(rules::kStringNul, ToFieldPath(node),
               absl::StrCat(is_key ? "the key" : "the value", " holds a NUL byte (\\u0000) at offset ", nul,
                            "; runc refuses it and C runtimes cut the string there; expected no NUL"));
  });
}

}  // namespace internal

OCIKIT_INLINE void CheckConformance(const internal::LintContext& ctx) {
  internal::CheckNulBytes(ctx);
  internal::CheckRoot(ctx);
  internal::CheckProcess(ctx);
  if (ctx.platform != LintPlatform::kWindows) internal::CheckHooks(ctx);  // runtime-tools: linux and solaris only
  internal::CheckMounts(ctx);
  internal::CheckAnnotations(ctx);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_CONFORMANCE_INL_H_
