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
#include <string>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/default_profiles.h"
#include "policy/lint/context.h"
#include "policy/lint/types.h"
#include "policy/seccomp/check.h"
#include "re2/re2.h"
#include "spec/config.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<LintRule>& SeccompLintRules() {
  static const std::vector<LintRule> kRules = {
      {"SCMP501", "seccomp-default-action", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "seccomp.defaultAction is missing or invalid",
       "defaultAction is REQUIRED and one of the SCMP_ACT_* actions; SCMP_ACT_NOTIFY cannot be the default "
       "(the agent would have to answer every system call, including its own).",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompAction", "use SCMP_ACT_ERRNO (an allow list) or SCMP_ACT_ALLOW"},
      {"SCMP502", "seccomp-action-invalid", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp rule's action is invalid", "action is REQUIRED and one of the SCMP_ACT_* actions of libseccomp.",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompAction", "use an SCMP_ACT_* action"},
      {"SCMP503", "seccomp-operator-invalid", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp argument operator is invalid", "op is REQUIRED and one of the SCMP_CMP_* operators.",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompOperators", "use an SCMP_CMP_* operator"},
      {"SCMP504", "seccomp-arg-index", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp argument index is above 5", "System calls have at most six arguments, numbered 0 to 5.",
       "seccomp_rule_add(3)", "use an index from 0 to 5"},
      {"SCMP505", "seccomp-names-empty", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp rule has no system call names", "names is REQUIRED and MUST contain at least one entry.",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json Syscall (minItems 1)", "name the system calls, or drop the rule"},
      {"SCMP506", "seccomp-errno-invalid", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "an errnoRet cannot be used",
       "errnoRet only applies to SCMP_ACT_ERRNO and SCMP_ACT_TRACE; for other actions the runtime MUST fail. "
       "The filter carries 16 bits of data, and errnos end at 4095 (warning).",
       "runtime-spec config-linux.md#seccomp", "drop errnoRet, or use an errno such as 1 (EPERM) or 38 (ENOSYS)"},
      {"SCMP507", "seccomp-errno-zero", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone, false,
       "an errno of 0 makes blocked system calls look successful",
       "SCMP_ACT_ERRNO with errno 0 returns 0: the program believes the call worked although nothing happened.",
       "seccomp(2) SECCOMP_RET_ERRNO", "use 1 (EPERM) or 38 (ENOSYS)"},
      {"SCMP508", "seccomp-default-errno", LintFamily::kSeccomp, LintSeverity::kInfo, LintProfile::kNone, false,
       "unlisted system calls fail with EPERM",
       "Programs probe new system calls (clone3, faccessat2, fchmodat2, ...) and fall back to older ones only on "
       "ENOSYS; with EPERM they fail instead (make, tar, curl broke this way). containers/common defaults to "
       "ENOSYS and lists blocked calls with EPERM.",
       "moby #42681; runtime-spec #1087 (defaultErrnoRet); runc #2750", "set defaultErrnoRet to 38 (ENOSYS) and block known calls explicitly"},
      {"SCMP509", "seccomp-clone3", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone, false,
       "clone3 is not handled the way glibc needs",
       "glibc 2.34+ creates threads with clone3 and falls back to clone only on ENOSYS: an allow list that "
       "leaves clone3 to an EPERM default (or kills) breaks thread creation. Allowing clone3 while clone is "
       "restricted by its flags bypasses the restriction: clone3's flags are in memory seccomp cannot read.",
       "moby #42680, #42681; moby default.json (clone3 -> ENOSYS)",
       "add {\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38}"},
      {"SCMP510", "seccomp-arch-invalid", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp architecture is not one the schema defines", "architectures are SCMP_ARCH_* values of the schema.",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompArch", "use a name such as SCMP_ARCH_X86_64"},
      {"SCMP511", "seccomp-flag-invalid", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "a seccomp flag is not one the schema defines", "flags are SECCOMP_FILTER_FLAG_* values of the schema.",
       "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompFlag", "use a SECCOMP_FILTER_FLAG_* flag"},
      {"SCMP512", "seccomp-listener-metadata", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "listenerMetadata is set without listenerPath", "listenerMetadata MUST NOT be set if listenerPath is not set.",
       "runtime-spec config-linux.md#seccomp", "set listenerPath, or drop listenerMetadata"},
      {"SCMP513", "seccomp-notify-without-listener", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone,
       false, "SCMP_ACT_NOTIFY is used without listenerPath",
       "The notify file descriptor is sent to listenerPath; without it nobody answers, and runc refuses the config.",
       "runtime-spec config-linux.md#seccomp; runc libcontainer/seccomp", "set listenerPath to the seccomp agent's socket"},
      {"SCMP514", "seccomp-kill-without-rules", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone, false,
       "a killing or trapping default action with no rules",
       "With SCMP_ACT_KILL (or TRAP) as the default and no syscalls, the kernel kills the process at its first system call.",
       "runtime-spec config-linux.md#seccomp", "list the system calls the program needs"},
      {"SCMP515", "seccomp-rule-is-default", LintFamily::kSeccomp, LintSeverity::kInfo, LintProfile::kNone, false,
       "a rule's action equals the default action",
       "libseccomp refuses rules that repeat the default action; runtimes drop them, so the rule does nothing.",
       "seccomp_rule_add(3) (EACCES); runc libcontainer/seccomp", "remove the rule"},
      {"SCMP520", "seccomp-syscall-unknown", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone, false,
       "a system call name is unknown to libseccomp",
       "A name libseccomp cannot resolve is a typo or newer than the library: runc and crun skip it (runc used "
       "to fail), so the rule does not cover it.",
       "runc #2151; crun #33; seccomp_syscall_resolve_name(3)", "fix the name, or upgrade libseccomp"},
      {"SCMP521", "seccomp-syscall-not-on-arch", LintFamily::kSeccomp, LintSeverity::kInfo, LintProfile::kNone, false,
       "a system call does not exist on some architectures of the filter",
       "Harmless in a multi-architecture profile (arch_prctl on aarch64), but the rule does nothing there.",
       "seccomp_syscall_resolve_name_arch(3)", "nothing, unless the call matters on that architecture"},
      {"SCMP522", "seccomp-arch-unknown", LintFamily::kSeccomp, LintSeverity::kWarning, LintProfile::kNone, false,
       "an architecture is unknown to libseccomp", "The filter cannot be built for an architecture the library does not know.",
       "seccomp_arch_resolve_name(3)", "use an architecture the runtime's libseccomp supports"},
      {"SCMP523", "seccomp-compile-failed", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "the seccomp section does not compile",
       "The runtime builds the filter with libseccomp when the container starts; a section it cannot build "
       "fails the start.",
       "runc libcontainer/seccomp; policy/seccomp/check.h CompileSeccompBpf", "fix the rule the message names"},
      {"SCMP524", "seccomp-bpf-size", LintFamily::kSeccomp, LintSeverity::kInfo, LintProfile::kNone, false,
       "size of the compiled seccomp filter",
       "Every system call the process makes runs the filter; its size shows the cost and the distance to the "
       "kernel's limit of 4096 instructions.",
       "seccomp(2); BPF_MAXINSNS", "nothing; merge rules if it grows large"},
      {"SCMP525", "seccomp-bpf-too-large", LintFamily::kSeccomp, LintSeverity::kError, LintProfile::kNone, false,
       "the compiled seccomp filter exceeds 4096 instructions", "The kernel refuses filters longer than BPF_MAXINSNS (4096).",
       "seccomp(2); BPF_MAXINSNS", "merge rules or drop argument conditions"},
  };
  return kRules;
}

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
    ctx.Report("SCMP506", path, absl::StrCat("set for ", LintQuote(action), "; expected it only with SCMP_ACT_ERRNO or SCMP_ACT_TRACE"));
    return false;
  }
  if (*errno_ret > 0xFFFF) {
    ctx.Report("SCMP506", path, absl::StrCat(*errno_ret, " does not fit the filter's 16 bits; expected an errno such as 1 or 38"));
    return false;
  }
  if (*errno_ret > 4095) {
    ctx.Report("SCMP506", path, absl::StrCat(*errno_ret, " is not an errno (they end at 4095); expected one such as 1 or 38"),
               LintSeverity::kWarning);
  } else if (*errno_ret == 0 && action == "SCMP_ACT_ERRNO") {
    ctx.Report("SCMP507", path, "0 makes the blocked call return success; expected an errno such as 1 (EPERM) or 38 (ENOSYS)");
  }
  return true;
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
  static const std::vector<absl::string_view> kOps = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",       "SCMP_CMP_EQ",
                                                      "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};
  const std::vector<absl::string_view>& actions = SeccompActionNames();
  const FieldPath base = LinuxPath("seccomp");
  bool ok = true;
  const auto fail = [&](absl::string_view id, FieldPath path, std::string message) {
    ctx.Report(id, std::move(path), std::move(message));
    ok = false;
  };
  if (!LintContains(actions, sc.default_action)) {
    fail("SCMP501", base.Field("defaultAction"),
         absl::StrCat(sc.default_action.empty() ? "missing" : absl::StrCat(LintQuote(sc.default_action), " is not an action"),
                      "; expected one of ", LintOneOf(actions), LintDidYouMean(sc.default_action, actions)));
  } else if (sc.default_action == "SCMP_ACT_NOTIFY") {
    fail("SCMP501", base.Field("defaultAction"), "SCMP_ACT_NOTIFY cannot be the default action; expected another action");
  }
  ok = CheckSeccompErrno(ctx, sc.default_action, sc.default_errno_ret, base.Field("defaultErrnoRet")) && ok;
  for (size_t i = 0; i < sc.architectures.size(); ++i) {
    if (!LintContains(kArches, sc.architectures[i])) {
      fail("SCMP510", base.Field("architectures").Index(i),
           absl::StrCat(LintQuote(sc.architectures[i]), " is not an architecture of the schema; expected a name such as SCMP_ARCH_X86_64",
                        LintDidYouMean(sc.architectures[i], kArches)));
    }
  }
  for (size_t i = 0; i < sc.flags.size(); ++i) {
    if (!LintContains(kFlags, sc.flags[i])) {
      fail("SCMP511", base.Field("flags").Index(i),
           absl::StrCat(LintQuote(sc.flags[i]), " is not a seccomp flag; expected one of ", LintOneOf(kFlags), LintDidYouMean(sc.flags[i], kFlags)));
    }
  }
  if (!sc.listener_metadata.empty() && sc.listener_path.empty()) {
    fail("SCMP512", base.Field("listenerMetadata"), "set without listenerPath; expected listenerPath too, or no metadata");
  }
  bool notify = false;
  for (size_t i = 0; i < sc.syscalls.size(); ++i) {
    const LinuxSyscall& rule = sc.syscalls[i];
    const auto path = [&] { return base.Field("syscalls").Index(i); };
    if (!rule.names || rule.names->empty()) {
      fail("SCMP505", path().Field("names"), absl::StrCat(rule.names ? "empty" : "missing", "; expected at least one system call name"));
    } else {
      for (size_t k = 0; k < rule.names->size(); ++k) {
        if ((*rule.names)[k].empty()) fail("SCMP505", path().Field("names").Index(k), "empty; expected a system call name");
      }
    }
    if (!LintContains(actions, rule.action)) {
      fail("SCMP502", path().Field("action"),
           absl::StrCat(rule.action.empty() ? "missing" : absl::StrCat(LintQuote(rule.action), " is not an action"),
                        "; expected one of ", LintOneOf(actions), LintDidYouMean(rule.action, actions)));
    }
    notify = notify || rule.action == "SCMP_ACT_NOTIFY";
    ok = CheckSeccompErrno(ctx, rule.action, rule.errno_ret, path().Field("errnoRet")) && ok;
    for (size_t k = 0; k < rule.args.size(); ++k) {
      const LinuxSeccompArg& arg = rule.args[k];
      if (arg.index > 5) {
        fail("SCMP504", path().Field("args").Index(k).Field("index"), absl::StrCat(arg.index, " is above 5; expected an argument index from 0 to 5"));
      }
      if (!LintContains(kOps, arg.op)) {
        fail("SCMP503", path().Field("args").Index(k).Field("op"),
             absl::StrCat(arg.op.empty() ? "missing" : absl::StrCat(LintQuote(arg.op), " is not an operator"), "; expected one of ", LintOneOf(kOps),
                          LintDidYouMean(arg.op, kOps)));
      }
    }
    if (!rule.action.empty() && rule.action == sc.default_action &&
        rule.errno_ret.value_or(1) == sc.default_errno_ret.value_or(1)) {
      ctx.Report("SCMP515", path().Field("action"),
                 absl::StrCat(LintQuote(rule.action), " is also the default action, so the rule does nothing; expected another action"));
    }
  }
  if (notify && sc.listener_path.empty()) {
    ctx.Report("SCMP513", base, "SCMP_ACT_NOTIFY is used but listenerPath is not set; expected the seccomp agent's socket");
  }
  const bool kills = sc.default_action == "SCMP_ACT_KILL" || sc.default_action == "SCMP_ACT_KILL_PROCESS" ||
                     sc.default_action == "SCMP_ACT_KILL_THREAD" || sc.default_action == "SCMP_ACT_TRAP";
  if (kills && sc.syscalls.empty()) {
    ctx.Report("SCMP514", base.Field("defaultAction"),
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
    ctx.Report("SCMP508", base.Field(sc.default_errno_ret ? "defaultErrnoRet" : "defaultAction"),
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
    ctx.Report("SCMP509", base.Field("syscalls"),
               absl::StrCat("clone3 is not listed, so it ", errno_default ? absl::StrCat("fails with errno ", sc.default_errno_ret.value_or(kEperm))
                                                                       : absl::StrCat("meets ", sc.default_action),
                            " and glibc 2.34+ cannot start threads; expected {\"names\": [\"clone3\"], \"action\": "
                            "\"SCMP_ACT_ERRNO\", \"errnoRet\": 38}"));
    return;
  }
  const LinuxSyscall& rule = sc.syscalls[*clone3_rule];
  const FieldPath path = base.Field("syscalls").Index(*clone3_rule);
  if (rule.action == "SCMP_ACT_ERRNO" && rule.errno_ret.value_or(kEperm) != kEnosys) {
    ctx.Report("SCMP509", path.Field("errnoRet"),
               absl::StrCat("clone3 fails with errno ", rule.errno_ret.value_or(kEperm),
                            ", and glibc only falls back to clone on ENOSYS; expected errnoRet 38"));
  } else if (rule.action == "SCMP_ACT_ALLOW" && clone_restricted) {
    ctx.Report("SCMP509", path.Field("action"),
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

OCIKIT_INLINE void CheckSeccompWithLibseccomp(const LintContext& ctx, const LinuxSeccomp& sc) {
  const FieldPath base = LinuxPath("seccomp");
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(sc, SeccompNameCheck::kWarn, ctx.options.seccomp_arch);
  if (!report.ok()) {
    ctx.Report("SCMP523", base, std::string(report.status().message()));
    return;
  }
  for (const std::string& arch : report->unknown_architectures) {
    size_t i = 0;
    while (i < sc.architectures.size() && sc.architectures[i] != arch) ++i;
    ctx.Report("SCMP522", i < sc.architectures.size() ? base.Field("architectures").Index(i) : base.Field("architectures"),
               absl::StrCat(LintQuote(arch), " is unknown to libseccomp ", report->libseccomp_version,
                            "; expected an architecture it supports"));
  }
  // Names unknown to libseccomp: one finding each. Names an architecture
  // lacks: one finding per rule and architecture, listing them.
  std::vector<absl::string_view> dictionary;
  for (const std::string& n : ContainerdAllowedSyscalls()) dictionary.push_back(n);
  std::vector<std::string> reported;
  for (const SeccompMissingSyscall& m : report->missing) {
    const std::vector<std::string>& names = *sc.syscalls[m.rule].names;
    if (!m.known) {
      const std::string key = absl::StrCat(m.rule, "/", m.name);
      if (LintContains(reported, key)) continue;
      reported.push_back(key);
      const size_t j = static_cast<size_t>(std::find(names.begin(), names.end(), m.name) - names.begin());
      const absl::string_view close = LintClosest(m.name, dictionary);
      ctx.Report("SCMP520", base.Field("syscalls").Index(m.rule).Field("names").Index(j),
                 absl::StrCat(LintQuote(m.name), " is unknown to libseccomp ", report->libseccomp_version, "; runtimes skip it",
                              !close.empty() && close != m.name ? absl::StrCat("; did you mean ", LintQuote(close), "?")
                                                                : "; expected a name it knows (or a newer libseccomp)"));
      continue;
    }
    const std::string key = absl::StrCat(m.rule, "@", m.arch);
    if (LintContains(reported, key)) continue;
    reported.push_back(key);
    std::vector<std::string> absent;
    for (const SeccompMissingSyscall& other : report->missing) {
      if (other.known && other.rule == m.rule && other.arch == m.arch && !LintContains(absent, other.name)) absent.push_back(other.name);
    }
    ctx.Report("SCMP521", base.Field("syscalls").Index(m.rule).Field("names"),
               absl::StrCat(absent.size(), absent.size() == 1 ? " name is not a system call" : " names are not system calls", " on ", m.arch, ": ",
                            absl::StrJoin(absent, ", "), "; the rule does nothing for ", absent.size() == 1 ? "it" : "them",
                            " there (expected in a multi-architecture profile)"));
  }
  if (!report->unknown_architectures.empty()) return;
  absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(sc, ctx.options.seccomp_arch);
  if (!bpf.ok()) {
    ctx.Report("SCMP523", SeccompErrorPath(bpf.status().message()), std::string(bpf.status().message()));
    return;
  }
  if (bpf->instructions > kMaxSeccompBpfInstructions) {
    ctx.Report("SCMP525", base,
               absl::StrCat("compiles to ", bpf->instructions, " BPF instructions; expected at most ", kMaxSeccompBpfInstructions));
  } else {
    ctx.Report("SCMP524", base,
               absl::StrCat("compiles to ", bpf->instructions, " BPF instructions (", bpf->bpf.size(), " bytes) for ",
                            absl::StrJoin(bpf->architectures, ", "), " with libseccomp ", report->libseccomp_version,
                            "; expected at most ", kMaxSeccompBpfInstructions, ", the kernel's limit"));
  }
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
