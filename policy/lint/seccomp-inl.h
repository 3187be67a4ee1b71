// File: policy/lint/seccomp-inl.h
//
// Definitions of policy/lint/seccomp.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_SECCOMP_INL_H_
#define OCIKIT_POLICY_LINT_SECCOMP_INL_H_

#include "policy/lint/seccomp.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/default_profiles.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/seccomp/check.h"
#include "re2/re2.h"
#include "spec/config.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE const std::vector<absl::string_view>& SeccompActionNames() {
  static const std::vector<absl::string_view> k = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
                                                   "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO",        "SCMP_ACT_TRACE",
                                                   "SCMP_ACT_ALLOW", "SCMP_ACT_LOG",         "SCMP_ACT_NOTIFY"};
  return k;
}

OCIKIT_INLINE bool CheckSeccompErrno(const LintContext& ctx, absl::string_view action, const std::optional<uint64_t>& errno_ret,
                              const FieldPath& path) {
  if (!errno_ret) return true;
  if (action != "SCMP_ACT_ERRNO" && action != "SCMP_ACT_TRACE") {
    ctx.Report(rules::kSeccompErrnoInvalid, path, absl::StrCat("set for ", LintQuote(action), "; expected it only with SCMP_ACT_ERRNO or SCMP_ACT_TRACE"));
    return false;
  }
  if (*errno_ret > 0xFFFF) {
    ctx.Report(rules::kSeccompErrnoInvalid, path, absl::StrCat(*errno_ret, " does not fit the filter's 16 bits; expected an errno such as 1 or 38"));
    return false;
  }
  if (*errno_ret > 4095) {
    ctx.Report(rules::kSeccompErrnoInvalid, path, absl::StrCat(*errno_ret, " is not an errno (they end at 4095); expected one such as 1 or 38"),
               LintSeverity::kWarning);
  } else if (*errno_ret == 0 && action == "SCMP_ACT_ERRNO") {
    ctx.Report(rules::kSeccompErrnoZero, path, "0 makes the blocked call return success; expected an errno such as 1 (EPERM) or 38 (ENOSYS)");
  }
  return true;
}

OCIKIT_INLINE void FailSchema(const LintContext& ctx, bool& ok, const LintRule& rule, FieldPath path, std::string message) {
  ctx.Report(rule, std::move(path), std::move(message));
  ok = false;
}

OCIKIT_INLINE bool CheckSeccompSyscall(const LintContext& ctx, const LinuxSeccomp& sc, size_t i) {
  static const std::vector<absl::string_view> kOps = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",       "SCMP_CMP_EQ",
                                                      "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};
  const std::vector<absl::string_view>& actions = SeccompActionNames();
  bool ok = true;
  const LinuxSyscall& rule = sc.syscalls[i];
  // Built only for a finding: a profile has hundreds of rules.
  const auto path = [&] { return LinuxPath("seccomp").Field("syscalls").Index(i); };
  if (!rule.names || rule.names->empty()) {
    FailSchema(ctx, ok, rules::kSeccompNamesEmpty, path().Field("names"), absl::StrCat(rule.names ? "empty" : "missing", "; expected at least one system call name"));
  } else {
    for (size_t k = 0; k < rule.names->size(); ++k) {
      if ((*rule.names)[k].empty()) FailSchema(ctx, ok, rules::kSeccompNamesEmpty, path().Field("names").Index(k), "empty; expected a system call name");
    }
  }
  if (!LintContains(actions, rule.action)) {
    FailSchema(ctx, ok, rules::kSeccompActionInvalid, path().Field("action"),
         absl::StrCat(rule.action.empty() ? "missing" : absl::StrCat(LintQuote(rule.action), " is not an action"),
                      "; expected one of ", LintOneOf(actions), LintDidYouMean(rule.action, actions)));
  }
  if (rule.errno_ret) ok = CheckSeccompErrno(ctx, rule.action, rule.errno_ret, path().Field("errnoRet")) && ok;
  for (size_t k = 0; k < rule.args.size(); ++k) {
    const LinuxSeccompArg& arg = rule.args[k];
    if (arg.index > 5) {
      FailSchema(ctx, ok, rules::kSeccompArgIndex, path().Field("args").Index(k).Field("index"), absl::StrCat(arg.index, " is above 5; expected an argument index from 0 to 5"));
    }
    if (!LintContains(kOps, arg.op)) {
      FailSchema(ctx, ok, rules::kSeccompOperatorInvalid, path().Field("args").Index(k).Field("op"),
           absl::StrCat(arg.op.empty() ? "missing" : absl::StrCat(LintQuote(arg.op), " is not an operator"), "; expected one of ", LintOneOf(kOps),
                        LintDidYouMean(arg.op, kOps)));
    }
  }
  if (!rule.action.empty() && rule.action == sc.default_action &&
      rule.errno_ret.value_or(1) == sc.default_errno_ret.value_or(1)) {
    ctx.Report(rules::kSeccompRuleIsDefault, path().Field("action"),
               absl::StrCat(LintQuote(rule.action), " is also the default action, so the rule does nothing; expected another action"));
  }
  return ok;
}

OCIKIT_INLINE bool CheckSeccompSchema(const LintContext& ctx, const LinuxSeccomp& sc) {
  static const std::vector<absl::string_view> kArches = {
      "SCMP_ARCH_X86",      "SCMP_ARCH_X86_64",     "SCMP_ARCH_X32",     "SCMP_ARCH_ARM",       "SCMP_ARCH_AARCH64",
      "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K",    "SCMP_ARCH_MIPS",    "SCMP_ARCH_MIPS64",    "SCMP_ARCH_MIPS64N32",
      "SCMP_ARCH_MIPSEL",   "SCMP_ARCH_MIPSEL64",   "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",   "SCMP_ARCH_PPC64",
      "SCMP_ARCH_PPC64LE",  "SCMP_ARCH_S390",       "SCMP_ARCH_S390X",   "SCMP_ARCH_SH",        "SCMP_ARCH_SHEB",
      "SCMP_ARCH_PARISC",   "SCMP_ARCH_PARISC64",   "SCMP_ARCH_RISCV64"};
  static const std::vector<absl::string_view> kFlags = {"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
                                                        "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                                                        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"};
  const std::vector<absl::string_view>& actions = SeccompActionNames();
  const FieldPath base = LinuxPath("seccomp");
  bool ok = true;
  if (!LintContains(actions, sc.default_action)) {
    FailSchema(ctx, ok, rules::kSeccompDefaultAction, base.Field("defaultAction"),
         absl::StrCat(sc.default_action.empty() ? "missing" : absl::StrCat(LintQuote(sc.default_action), " is not an action"),
                      "; expected one of ", LintOneOf(actions), LintDidYouMean(sc.default_action, actions)));
  } else if (sc.default_action == "SCMP_ACT_NOTIFY") {
    FailSchema(ctx, ok, rules::kSeccompDefaultAction, base.Field("defaultAction"), "SCMP_ACT_NOTIFY cannot be the default action; expected another action");
  }
  ok = CheckSeccompErrno(ctx, sc.default_action, sc.default_errno_ret, base.Field("defaultErrnoRet")) && ok;
  for (size_t i = 0; i < sc.architectures.size(); ++i) {
    if (!LintContains(kArches, sc.architectures[i])) {
      FailSchema(ctx, ok, rules::kSeccompArchInvalid, base.Field("architectures").Index(i),
           absl::StrCat(LintQuote(sc.architectures[i]), " is not an architecture of the schema; expected a name such as SCMP_ARCH_X86_64",
                        LintDidYouMean(sc.architectures[i], kArches)));
    }
  }
  for (size_t i = 0; i < sc.flags.size(); ++i) {
    if (!LintContains(kFlags, sc.flags[i])) {
      FailSchema(ctx, ok, rules::kSeccompFlagInvalid, base.Field("flags").Index(i),
           absl::StrCat(LintQuote(sc.flags[i]), " is not a seccomp flag; expected one of ", LintOneOf(kFlags), LintDidYouMean(sc.flags[i], kFlags)));
    }
  }
  if (!sc.listener_metadata.empty() && sc.listener_path.empty()) {
    FailSchema(ctx, ok, rules::kSeccompListenerMetadata, base.Field("listenerMetadata"), "set without listenerPath; expected listenerPath too, or no metadata");
  }
  bool notify = false;
  for (size_t i = 0; i < sc.syscalls.size(); ++i) {
    ok = CheckSeccompSyscall(ctx, sc, i) && ok;
    notify = notify || sc.syscalls[i].action == "SCMP_ACT_NOTIFY";
  }
  if (notify && sc.listener_path.empty()) {
    ctx.Report(rules::kSeccompNotifyWithoutListener, base, "SCMP_ACT_NOTIFY is used but listenerPath is not set; expected the seccomp agent's socket");
  }
  const bool kills = sc.default_action == "SCMP_ACT_KILL" || sc.default_action == "SCMP_ACT_KILL_PROCESS" ||
                     sc.default_action == "SCMP_ACT_KILL_THREAD" || sc.default_action == "SCMP_ACT_TRAP";
  if (kills && sc.syscalls.empty()) {
    ctx.Report(rules::kSeccompKillWithoutRules, base.Field("defaultAction"),
               absl::StrCat(LintQuote(sc.default_action), " with no rules stops the process at its first system call; expected rules allowing what it needs"));
  }
  return ok;
}

OCIKIT_INLINE void CheckSeccompAdvice(const LintContext& ctx, const LinuxSeccomp& sc) {
  constexpr uint64_t kEperm = 1;
  constexpr uint64_t kEnosys = 38;
  const FieldPath base = LinuxPath("seccomp");
  const bool errno_default = sc.default_action == "SCMP_ACT_ERRNO";
  const bool allow_list = errno_default || sc.default_action == "SCMP_ACT_KILL" || sc.default_action == "SCMP_ACT_KILL_PROCESS" ||
                          sc.default_action == "SCMP_ACT_KILL_THREAD" || sc.default_action == "SCMP_ACT_TRAP";
  if (errno_default && sc.default_errno_ret.value_or(kEperm) == kEperm && !sc.syscalls.empty()) {
    ctx.Report(rules::kSeccompDefaultErrno, base.Field(sc.default_errno_ret ? "defaultErrnoRet" : "defaultAction"),
               "unlisted system calls fail with EPERM, so programs probing newer calls do not fall back; "
               "expected defaultErrnoRet 38 (ENOSYS) with EPERM rules for blocked calls");
  }
  if (!allow_list || sc.syscalls.empty()) return;
  bool clone_restricted = false;
  std::optional<size_t> clone3_rule;
  for (size_t i = 0; i < sc.syscalls.size(); ++i) {
    const LinuxSyscall& rule = sc.syscalls[i];
    if (!rule.names) continue;
    for (const std::string& name : *rule.names) {
      if (name == "clone" && !rule.args.empty() && rule.action == "SCMP_ACT_ALLOW") clone_restricted = true;
      if (name == "clone3" && rule.args.empty() && !clone3_rule) clone3_rule = i;
    }
  }
  if (!clone3_rule) {
    if (errno_default && sc.default_errno_ret.value_or(kEperm) == kEnosys) return;
    ctx.Report(rules::kSeccompClone3, base.Field("syscalls"),
               absl::StrCat("clone3 is not listed, so it ", errno_default ? absl::StrCat("fails with errno ", sc.default_errno_ret.value_or(kEperm))
                                                                       : absl::StrCat("meets ", sc.default_action),
                            " and glibc 2.34+ cannot start threads; expected {\"names\": [\"clone3\"], \"action\": "
                            "\"SCMP_ACT_ERRNO\", \"errnoRet\": 38}"));
    return;
  }
  const LinuxSyscall& rule = sc.syscalls[*clone3_rule];
  const FieldPath path = base.Field("syscalls").Index(*clone3_rule);
  if (rule.action == "SCMP_ACT_ERRNO" && rule.errno_ret.value_or(kEperm) != kEnosys) {
    ctx.Report(rules::kSeccompClone3, path.Field("errnoRet"),
               absl::StrCat("clone3 fails with errno ", rule.errno_ret.value_or(kEperm),
                            ", and glibc only falls back to clone on ENOSYS; expected errnoRet 38"));
  } else if (rule.action == "SCMP_ACT_ALLOW" && clone_restricted) {
    ctx.Report(rules::kSeccompClone3, path.Field("action"),
               "clone3 is allowed while clone is restricted by its flags; clone3 passes the flags in memory seccomp "
               "cannot read, so the restriction is bypassed; expected clone3 to fail with ENOSYS (errnoRet 38)");
  }
}

OCIKIT_INLINE FieldPath SeccompErrorPath(absl::string_view message) {
  static const RE2 kRule(R"(linux\.seccomp\.syscalls\[(\d+)\])");
  static const RE2 kField(R"(linux\.seccomp\.(\w+))");
  uint64_t index = 0;
  std::string field;
  const re2::StringPiece text(message.data(), message.size());
  if (RE2::PartialMatch(text, kRule, &index)) return LinuxPath("seccomp").Field("syscalls").Index(index);
  if (RE2::PartialMatch(text, kField, &field)) return LinuxPath("seccomp").Field(field);
  return LinuxPath("seccomp");
}

OCIKIT_INLINE void CheckSeccompBpf(const LintContext& ctx, const LinuxSeccomp& sc, absl::string_view libseccomp_version) {
  const FieldPath base = LinuxPath("seccomp");
  absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(sc, ctx.options.seccomp_arch);
  if (!bpf.ok()) {
    ctx.Report(rules::kSeccompCompileFailed, SeccompErrorPath(bpf.status().message()), std::string(bpf.status().message()));
    return;
  }
  if (bpf->instructions > kMaxSeccompBpfInstructions) {
    ctx.Report(rules::kSeccompBpfTooLarge, base,
               absl::StrCat("compiles to ", bpf->instructions, " BPF instructions; expected at most ", kMaxSeccompBpfInstructions));
  } else {
    ctx.Report(rules::kSeccompBpfSize, base,
               absl::StrCat("compiles to ", bpf->instructions, " BPF instructions (", bpf->bpf.size(), " bytes) for ",
                            absl::StrJoin(bpf->architectures, ", "), " with libseccomp ", libseccomp_version,
                            "; expected at most ", kMaxSeccompBpfInstructions, ", the kernel's limit"));
  }
}

OCIKIT_INLINE const std::vector<absl::string_view>& KnownSyscallNames() {
  static const auto* kNames = [] {
    std::set<absl::string_view> seen;
    auto* names = new std::vector<absl::string_view>();
    const auto add = [&](const std::string& n) {
      if (seen.insert(n).second) names->push_back(n);
    };
    for (const std::string& n : ContainerdAllowedSyscalls()) add(n);
    for (const SeccompSyscallGroup& g : DefaultSeccompProfile().syscalls) {
      if (!g.name.empty()) add(g.name);
      if (g.names) {
        for (const std::string& n : *g.names) add(n);
      }
    }
    return names;
  }();
  return *kNames;
}

OCIKIT_INLINE void ReportUnknownSyscall(const LintContext& ctx, FieldPath path, absl::string_view name,
                                        absl::string_view libseccomp_version) {
  const std::vector<absl::string_view>& known = KnownSyscallNames();
  if (LintContains(known, name)) {
    ctx.Report(rules::kSeccompSyscallUnknown, std::move(path),
               absl::StrCat(LintQuote(name), " is a system call newer than this host's libseccomp ", libseccomp_version,
                            "; runtimes linked with it skip the name",
                            ctx.options.host ? "" : " (a fact about this host, not the config: info without --host)",
                            "; expected a libseccomp that knows it where the container runs"),
               ctx.options.host ? LintSeverity::kWarning : LintSeverity::kInfo);
    return;
  }
  const absl::string_view close = LintClosest(name, known);
  ctx.Report(rules::kSeccompSyscallUnknown, std::move(path),
             absl::StrCat(LintQuote(name), " is unknown to libseccomp ", libseccomp_version, "; runtimes skip it",
                          !close.empty() && close != name ? absl::StrCat("; did you mean ", LintQuote(close), "?")
                                                          : "; expected a name it knows (or a newer libseccomp)"));
}

OCIKIT_INLINE void CheckSeccompWithLibseccomp(const LintContext& ctx, const LinuxSeccomp& sc) {
  const FieldPath base = LinuxPath("seccomp");
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(sc, SeccompNameCheck::kWarn, ctx.options.seccomp_arch);
  if (!report.ok()) {
    ctx.Report(rules::kSeccompCompileFailed, base, std::string(report.status().message()));
    return;
  }
  // What this host's libseccomp lacks is a fact about the host (the runtime's
  // host may have a newer one): info, unless --host asks for the host check.
  const LintSeverity host_fact = ctx.options.host ? LintSeverity::kWarning : LintSeverity::kInfo;
  const absl::string_view host_fact_note = ctx.options.host ? "" : " (a fact about this host, not the config: info without --host)";
  for (const std::string& arch : report->unknown_architectures) {
    size_t i = 0;
    while (i < sc.architectures.size() && sc.architectures[i] != arch) ++i;
    ctx.Report(rules::kSeccompArchUnknown, i < sc.architectures.size() ? base.Field("architectures").Index(i) : base.Field("architectures"),
               absl::StrCat(LintQuote(arch), " is unknown to this host's libseccomp ", report->libseccomp_version,
                            ", which cannot build the filter for it", host_fact_note,
                            "; expected an architecture the runtime's libseccomp supports"),
               host_fact);
  }
  // Names unknown to libseccomp: one finding each. Names an architecture
  // lacks: one finding per rule and architecture, listing them.
  std::vector<std::string> reported;
  for (const SeccompMissingSyscall& m : report->missing) {
    const std::vector<std::string>& names = *sc.syscalls[m.rule].names;
    if (!m.known) {
      const std::string key = absl::StrCat(m.rule, "/", m.name);
      if (LintContains(reported, key)) continue;
      reported.push_back(key);
      const size_t j = static_cast<size_t>(std::find(names.begin(), names.end(), m.name) - names.begin());
      ReportUnknownSyscall(ctx, base.Field("syscalls").Index(m.rule).Field("names").Index(j), m.name, report->libseccomp_version);
      continue;
    }
    const std::string key = absl::StrCat(m.rule, "@", m.arch);
    if (LintContains(reported, key)) continue;
    reported.push_back(key);
    std::vector<std::string> absent;
    for (const SeccompMissingSyscall& other : report->missing) {
      if (other.known && other.rule == m.rule && other.arch == m.arch && !LintContains(absent, other.name)) absent.push_back(other.name);
    }
    ctx.Report(rules::kSeccompSyscallNotOnArch, base.Field("syscalls").Index(m.rule).Field("names"),
               absl::StrCat(absent.size(), absent.size() == 1 ? " name is not a system call" : " names are not system calls", " on ", m.arch, ": ",
                            absl::StrJoin(absent, ", "), "; the rule does nothing for ", absent.size() == 1 ? "it" : "them",
                            " there (expected in a multi-architecture profile)"));
  }
  if (!report->unknown_architectures.empty()) return;
  CheckSeccompBpf(ctx, sc, report->libseccomp_version);
}
}  // namespace internal

OCIKIT_INLINE void CheckSeccomp(const internal::LintContext& ctx) {
  if (!ctx.spec.linux_section || !ctx.spec.linux_section->seccomp) return;
  const LinuxSeccomp& sc = *ctx.spec.linux_section->seccomp;
  const bool ok = internal::CheckSeccompSchema(ctx, sc);
  if (ok) internal::CheckSeccompAdvice(ctx, sc);
  if (ok && ctx.options.libseccomp) internal::CheckSeccompWithLibseccomp(ctx, sc);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_SECCOMP_INL_H_
