// File: policy/seccomp/check-inl.h
//
// Definitions of policy/seccomp/check.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_SECCOMP_CHECK_INL_H_
#define OCIKIT_POLICY_SECCOMP_CHECK_INL_H_

#include "policy/seccomp/check.h"
#include "spec/internal/compile_mode.h"
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// Declarations of the definitions below (not part of policy/seccomp/check.h's API).
namespace internal {

// Syscall numbers at or below this are libseccomp's "not on this
// architecture" pseudo numbers; -101..-299 are multiplexed calls (socket on
// x86 through socketcall), which do exist.
inline constexpr int kSeccompAbsentSyscall = -10000;


// libseccomp's architecture names, for naming tokens.
inline constexpr absl::string_view kLibseccompArches[] = {
    "x86",     "x86_64",      "x32",   "arm",      "aarch64", "loongarch64", "m68k", "mips",
    "mipsel",  "mips64",      "mipsel64", "mips64n32", "mipsel64n32", "parisc", "parisc64", "ppc",
    "ppc64",   "ppc64le",     "s390",  "s390x",    "riscv64", "sh",     "sheb",
};

// An architecture token from "SCMP_ARCH_X86_64", "x86_64" or "amd64"; "" is
// libseccomp's native architecture; 0 when unknown.
uint32_t ResolveSeccompArch(absl::string_view name);

// "SCMP_ARCH_X86_64" for a token.
std::string SeccompArchName(uint32_t token);

// The architectures a section's filter covers: the listed ones, or the
// native one when the list is empty. Unknown names go to `unknown`.
std::vector<std::pair<std::string, uint32_t>> SeccompFilterArches(const LinuxSeccomp& seccomp,
                                                                          absl::string_view native_arch,
                                                                          std::vector<std::string>& unknown);

// A filter context released on scope exit.
struct SeccompFilterDeleter {
  void operator()(void* ctx) const { seccomp_release(ctx); }
};
using SeccompFilterPtr = std::unique_ptr<void, SeccompFilterDeleter>;

inline constexpr absl::string_view kSeccompActions =
    "SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_ERRNO, SCMP_ACT_TRACE, "
    "SCMP_ACT_ALLOW, SCMP_ACT_LOG or SCMP_ACT_NOTIFY";

// runc's action mapping; errnoRet only with SCMP_ACT_ERRNO and SCMP_ACT_TRACE
// (EPERM when absent).
absl::StatusOr<uint32_t> SeccompAction(absl::string_view action, const std::optional<uint64_t>& errno_ret,
                                             absl::string_view path, absl::string_view action_field,
                                             absl::string_view errno_field);

absl::StatusOr<scmp_compare> SeccompOperator(absl::string_view op);

std::string SeccompRuleLabel(size_t index, absl::string_view name);

}  // namespace internal

OCIKIT_INLINE std::string SeccompSyscallReport::Warning() const {
  std::vector<std::string> parts;
  if (!unknown_architectures.empty()) {
    parts.push_back(absl::StrCat("architectures unknown to libseccomp ", libseccomp_version, ": ",
                                 absl::StrJoin(unknown_architectures, ", ")));
  }
  const std::vector<std::string> names = UnknownNames();
  if (!names.empty()) {
    parts.push_back(absl::StrCat(names.size(), " system call name", names.size() == 1 ? " is" : "s are",
                                 " unknown to libseccomp ", libseccomp_version,
                                 " and will be skipped by runtimes that use it: ", absl::StrJoin(names, ", ")));
  }
  return absl::StrJoin(parts, "; ");
}

namespace internal {

OCIKIT_INLINE std::string LibseccompVersion() {
  const scmp_version* v = seccomp_version();
  return v == nullptr ? "?" : absl::StrCat(v->major, ".", v->minor, ".", v->micro);
}

OCIKIT_INLINE uint32_t ResolveSeccompArch(absl::string_view name) {
  if (name.empty()) return seccomp_arch_native();
  std::string lower = absl::AsciiStrToLower(name);
  if (absl::StartsWith(lower, "scmp_arch_")) lower.erase(0, 10);
  static constexpr std::pair<absl::string_view, absl::string_view> kGoArches[] = {
      {"amd64", "x86_64"},       {"386", "x86"},           {"arm64", "aarch64"}, {"loong64", "loongarch64"},
      {"mipsle", "mipsel"},      {"mips64le", "mipsel64"}, {"mips64p32", "mips64n32"},
      {"mips64p32le", "mipsel64n32"},
  };
  for (const auto& [go, scmp] : kGoArches) {
    if (lower == go) lower = std::string(scmp);
  }
  return seccomp_arch_resolve_name(lower.c_str());
}

OCIKIT_INLINE std::string SeccompArchName(uint32_t token) {
  for (absl::string_view name : kLibseccompArches) {
    if (seccomp_arch_resolve_name(std::string(name).c_str()) == token) {
      return absl::StrCat("SCMP_ARCH_", absl::AsciiStrToUpper(name));
    }
  }
  return absl::StrCat("SCMP_ARCH_0x", absl::Hex(token));
}

OCIKIT_INLINE std::vector<std::pair<std::string, uint32_t>> SeccompFilterArches(const LinuxSeccomp& seccomp,
                                                                          absl::string_view native_arch,
                                                                          std::vector<std::string>& unknown) {
  std::vector<std::pair<std::string, uint32_t>> arches;
  const auto add = [&](const std::string& name, uint32_t token) {
    if (token == 0) {
      unknown.push_back(name);
      return;
    }
    for (const auto& a : arches) {
      if (a.second == token) return;
    }
    arches.emplace_back(SeccompArchName(token), token);
  };
  if (seccomp.architectures.empty()) {
    add(native_arch.empty() ? std::string("native") : std::string(native_arch), ResolveSeccompArch(native_arch));
  }
  for (const std::string& name : seccomp.architectures) add(name, ResolveSeccompArch(name));
  return arches;
}

OCIKIT_INLINE absl::StatusOr<uint32_t> SeccompAction(absl::string_view action, const std::optional<uint64_t>& errno_ret,
                                             absl::string_view path, absl::string_view action_field,
                                             absl::string_view errno_field) {
  const bool takes_errno = action == "SCMP_ACT_ERRNO" || action == "SCMP_ACT_TRACE";
  if (errno_ret.has_value() && !takes_errno) {
    return absl::InvalidArgumentError(absl::StrCat(path, errno_field, ": set for action \"", action,
                                                   "\"; expected SCMP_ACT_ERRNO or SCMP_ACT_TRACE"));
  }
  const uint64_t errno_value = errno_ret.value_or(EPERM);
  if (takes_errno && errno_value > 0xFFFF) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, errno_field, ": ", errno_value, " is out of range; expected 0..65535"));
  }
  if (action == "SCMP_ACT_KILL" || action == "SCMP_ACT_KILL_THREAD") return SCMP_ACT_KILL_THREAD;
  if (action == "SCMP_ACT_KILL_PROCESS") return SCMP_ACT_KILL_PROCESS;
  if (action == "SCMP_ACT_TRAP") return SCMP_ACT_TRAP;
  if (action == "SCMP_ACT_ERRNO") return SCMP_ACT_ERRNO(static_cast<uint32_t>(errno_value));
  if (action == "SCMP_ACT_TRACE") return SCMP_ACT_TRACE(static_cast<uint32_t>(errno_value));
  if (action == "SCMP_ACT_ALLOW") return SCMP_ACT_ALLOW;
  if (action == "SCMP_ACT_LOG") return SCMP_ACT_LOG;
  if (action == "SCMP_ACT_NOTIFY") return SCMP_ACT_NOTIFY;
  return absl::InvalidArgumentError(
      absl::StrCat(path, action_field, ": unknown action \"", action, "\"; expected ", kSeccompActions));
}

OCIKIT_INLINE absl::StatusOr<scmp_compare> SeccompOperator(absl::string_view op) {
  static constexpr std::pair<absl::string_view, scmp_compare> kOps[] = {
      {"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT}, {"SCMP_CMP_LE", SCMP_CMP_LE},
      {"SCMP_CMP_EQ", SCMP_CMP_EQ}, {"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
      {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
  };
  for (const auto& [name, value] : kOps) {
    if (name == op) return value;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown operator \"", op,
      "\"; expected SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT or "
      "SCMP_CMP_MASKED_EQ"));
}

OCIKIT_INLINE std::string SeccompRuleLabel(size_t index, absl::string_view name) {
  return absl::StrCat("linux.seccomp.syscalls[", index, "] (\"", name, "\"): ");
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<SeccompSyscallReport> CheckSeccompSyscalls(const LinuxSeccomp& seccomp, SeccompNameCheck mode,
                                                                 absl::string_view native_arch) {
  SeccompSyscallReport report;
  report.libseccomp_version = internal::LibseccompVersion();
  if (mode == SeccompNameCheck::kOff) return report;
  const std::vector<std::pair<std::string, uint32_t>> arches =
      internal::SeccompFilterArches(seccomp, native_arch, report.unknown_architectures);
  for (const auto& arch : arches) report.architectures.push_back(arch.first);
  std::string first_unknown;  // path of the first unknown name, for the strict error
  for (size_t i = 0; i < seccomp.syscalls.size(); ++i) {
    if (!seccomp.syscalls[i].names.has_value()) continue;
    const std::vector<std::string>& names = *seccomp.syscalls[i].names;
    for (size_t j = 0; j < names.size(); ++j) {
      for (const auto& [arch_name, token] : arches) {
        const int nr = seccomp_syscall_resolve_name_arch(token, names[j].c_str());
        if (nr == __NR_SCMP_ERROR || nr <= internal::kSeccompAbsentSyscall) {
          report.missing.push_back({arch_name, names[j], i, nr != __NR_SCMP_ERROR});
          if (nr == __NR_SCMP_ERROR && first_unknown.empty()) {
            first_unknown = absl::StrCat("linux.seccomp.syscalls[", i, "].names[", j, "]: \"", names[j], "\"");
          }
        }
      }
    }
  }
  if (mode == SeccompNameCheck::kStrict) {
    if (!report.unknown_architectures.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "linux.seccomp.architectures: \"", report.unknown_architectures.front(), "\" is unknown to libseccomp ",
          report.libseccomp_version, "; expected an architecture such as SCMP_ARCH_X86_64"));
    }
    if (const std::vector<std::string> unknown = report.UnknownNames(); !unknown.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          first_unknown, " is unknown to libseccomp ", report.libseccomp_version,
          "; expected a system call name it can resolve (", unknown.size(), " unknown in all: ",
          absl::StrJoin(unknown, ", "), ")"));
    }
  }
  return report;
}

namespace internal {

// The filter's default action; SCMP_ACT_NOTIFY cannot be one.
OCIKIT_INLINE absl::StatusOr<uint32_t> SeccompDefaultAction(const LinuxSeccomp& seccomp) {
  if (seccomp.default_action == "SCMP_ACT_NOTIFY") {
    return absl::InvalidArgumentError(
        "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action; expected another action");
  }
  return SeccompAction(seccomp.default_action, seccomp.default_errno_ret, "linux.seccomp.", "defaultAction",
                       "defaultErrnoRet");
}

// An empty filter for `target` (a resolved architecture) with `default_action`.
OCIKIT_INLINE absl::StatusOr<SeccompFilterPtr> NewSeccompFilter(const LinuxSeccomp& seccomp, uint32_t default_action,
                                                                uint32_t target, absl::string_view version) {
  SeccompFilterPtr filter(seccomp_init(default_action));
  if (filter == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("linux.seccomp.defaultAction: libseccomp ", version,
                                                   " rejected \"", seccomp.default_action, "\""));
  }
  if (target != seccomp_arch_native()) {
    // Native first: a filter's architectures must share one byte order.
    if (int rc = seccomp_arch_remove(filter.get(), SCMP_ARCH_NATIVE); rc != 0) {
      return absl::InternalError(absl::StrCat("seccomp_arch_remove: ", std::strerror(-rc)));
    }
    if (int rc = seccomp_arch_add(filter.get(), target); rc != 0) {
      return absl::InternalError(absl::StrCat("seccomp_arch_add: ", std::strerror(-rc)));
    }
  }
  return filter;
}

// Adds linux.seccomp.architectures to `filter`, and their names to `program`.
OCIKIT_INLINE absl::Status AddSeccompArchitectures(scmp_filter_ctx filter, const LinuxSeccomp& seccomp,
                                                   absl::string_view version, SeccompBpfProgram& program) {
  for (size_t i = 0; i < seccomp.architectures.size(); ++i) {
    const std::string& name = seccomp.architectures[i];
    const uint32_t token = ResolveSeccompArch(name);
    if (token == 0) {
      return absl::InvalidArgumentError(absl::StrCat("linux.seccomp.architectures[", i, "]: \"", name,
                                                     "\" is unknown to libseccomp ", version,
                                                     "; expected an architecture such as SCMP_ARCH_X86_64"));
    }
    const int rc = seccomp_arch_add(filter, token);
    if (rc == -EEXIST) continue;
    if (rc == -EDOM) {
      return absl::InvalidArgumentError(absl::StrCat("linux.seccomp.architectures[", i, "]: \"", name,
                                                     "\" has another byte order than ", program.architectures.front(),
                                                     "; expected architectures of one byte order"));
    }
    if (rc != 0) {
      return absl::InvalidArgumentError(absl::StrCat("linux.seccomp.architectures[", i, "]: libseccomp rejected \"",
                                                     name, "\": ", std::strerror(-rc)));
    }
    program.architectures.push_back(SeccompArchName(token));
  }
  return absl::OkStatus();
}

// The argument conditions of one rule; `repeated_arg` when two compare the
// same argument (libseccomp then needs one rule per condition).
struct SeccompConditions {
  std::vector<scmp_arg_cmp> conditions;
  bool repeated_arg = false;
};

// `label` is SeccompRuleLabel of the rule.
OCIKIT_INLINE absl::StatusOr<SeccompConditions> SeccompRuleConditions(const LinuxSyscall& rule,
                                                                      absl::string_view label) {
  SeccompConditions out;
  bool seen[6] = {false, false, false, false, false, false};
  for (size_t k = 0; k < rule.args.size(); ++k) {
    const LinuxSeccompArg& arg = rule.args[k];
    if (arg.index > 5) {
      return absl::InvalidArgumentError(
          absl::StrCat(label, "args[", k, "].index: ", arg.index, " is out of range; expected 0..5"));
    }
    // SeccompOperator's errors are all InvalidArgument.
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED(absl::StrCat(label, "args[", k, "].op: "), const scmp_compare op,
                                     SeccompOperator(arg.op));
    out.repeated_arg = out.repeated_arg || seen[arg.index];
    seen[arg.index] = true;
    scmp_arg_cmp& c = out.conditions.emplace_back();
    c.arg = static_cast<unsigned int>(arg.index);
    c.op = op;
    c.datum_a = arg.value;
    c.datum_b = op == SCMP_CMP_MASKED_EQ ? arg.value_two : 0;
  }
  return out;
}

// Adds rule `i` of linux.seccomp.syscalls to `filter`, or records in
// `program` why it was left out.
OCIKIT_INLINE absl::Status AddSeccompRule(scmp_filter_ctx filter, const LinuxSeccomp& seccomp, size_t i,
                                          uint32_t default_action, SeccompNameCheck mode, absl::string_view version,
                                          SeccompBpfProgram& program) {
  const LinuxSyscall& rule = seccomp.syscalls[i];
  const std::vector<std::string> no_names;
  const std::vector<std::string>& names = rule.names ? *rule.names : no_names;
  const std::string first = names.empty() ? "" : names.front();
  OCIKIT_ASSIGN_OR_RETURN(const uint32_t action,
                          SeccompAction(rule.action, rule.errno_ret, SeccompRuleLabel(i, first), "action", "errnoRet"));
  if (action == default_action) {
    program.default_action_rules.push_back(i);  // libseccomp refuses these (EACCES)
    return absl::OkStatus();
  }
  OCIKIT_ASSIGN_OR_RETURN(const SeccompConditions args, SeccompRuleConditions(rule, SeccompRuleLabel(i, first)));
  for (const std::string& name : names) {
    const int nr = seccomp_syscall_resolve_name(name.c_str());
    if (nr == __NR_SCMP_ERROR) {
      if (mode == SeccompNameCheck::kStrict) {
        return absl::InvalidArgumentError(absl::StrCat(SeccompRuleLabel(i, name), "unknown to libseccomp ", version,
                                                       "; expected a system call name it can resolve"));
      }
      program.unknown_names.emplace_back(i, name);
      continue;
    }
    const auto add = [&](unsigned int count, const scmp_arg_cmp* conditions) -> absl::Status {
      const int rc = seccomp_rule_add_array(filter, action, nr, count, conditions);
      if (rc == 0) return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat(SeccompRuleLabel(i, name), "libseccomp ", version,
                                                     " rejected the rule: ", std::strerror(-rc)));
    };
    if (!args.repeated_arg) {
      OCIKIT_RETURN_IF_ERROR(add(static_cast<unsigned int>(args.conditions.size()), args.conditions.data()));
    } else {
      for (const scmp_arg_cmp& c : args.conditions) OCIKIT_RETURN_IF_ERROR(add(1, &c));
    }
  }
  return absl::OkStatus();
}

// The BPF program of `filter`, as seccomp_export_bpf writes it.
OCIKIT_INLINE absl::StatusOr<std::string> ExportSeccompBpf(scmp_filter_ctx filter, absl::string_view version) {
  const int fd = ::memfd_create("ocikit-seccomp-bpf", MFD_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("memfd_create: ", std::strerror(errno)));
  absl::Status status;
  if (const int rc = seccomp_export_bpf(filter, fd); rc != 0) {
    status = absl::InvalidArgumentError(
        absl::StrCat("linux.seccomp: libseccomp ", version, " could not generate the filter: ", std::strerror(-rc)));
  }
  struct stat st;
  if (status.ok() && ::fstat(fd, &st) != 0) status = absl::InternalError(absl::StrCat("fstat: ", std::strerror(errno)));
  std::string bpf;
  if (status.ok()) {
    bpf.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (status.ok() && got < bpf.size()) {
      const ssize_t n = ::pread(fd, bpf.data() + got, bpf.size() - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        status = absl::InternalError(absl::StrCat("reading the exported filter: ", std::strerror(n < 0 ? errno : EIO)));
      } else {
        got += static_cast<size_t>(n);
      }
    }
  }
  ::close(fd);
  if (!status.ok()) return status;
  return bpf;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<SeccompBpfProgram> CompileSeccompBpf(const LinuxSeccomp& seccomp, absl::string_view arch,
                                                                  SeccompNameCheck mode) {
  const std::string version = internal::LibseccompVersion();
  OCIKIT_ASSIGN_OR_RETURN(const uint32_t default_action, internal::SeccompDefaultAction(seccomp));
  const uint32_t target = internal::ResolveSeccompArch(arch);
  if (target == 0) {
    return absl::InvalidArgumentError(absl::StrCat("architecture \"", arch, "\" is unknown to libseccomp ", version,
                                                   "; expected a name such as SCMP_ARCH_X86_64, x86_64 or amd64"));
  }
  OCIKIT_ASSIGN_OR_RETURN(const internal::SeccompFilterPtr filter,
                          internal::NewSeccompFilter(seccomp, default_action, target, version));
  SeccompBpfProgram program;
  program.architectures.push_back(internal::SeccompArchName(target));
  OCIKIT_RETURN_IF_ERROR(internal::AddSeccompArchitectures(filter.get(), seccomp, version, program));
  for (size_t i = 0; i < seccomp.syscalls.size(); ++i) {
    OCIKIT_RETURN_IF_ERROR(internal::AddSeccompRule(filter.get(), seccomp, i, default_action, mode, version, program));
  }
  OCIKIT_ASSIGN_OR_RETURN(program.bpf, internal::ExportSeccompBpf(filter.get(), version));
  program.instructions = program.bpf.size() / 8;  // sizeof(struct sock_filter)
  return program;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_SECCOMP_CHECK_INL_H_
