// File: policy/seccomp/check.h
//
// Checks of a `linux.seccomp` section against the libseccomp ocikit links
// (the syscall tables runtimes use):
//   - CheckSeccompSyscalls resolves every rule name on every architecture of
//     the filter and reports the names libseccomp does not know at all (a
//     typo, or a syscall newer than the library: runc and crun skip them) and
//     the names an architecture lacks (arch_prctl on aarch64);
//   - CompileSeccompBpf builds the filter as runc and crun do (seccomp_init
//     with the default action, the architectures, one rule per name with its
//     argument conditions) and exports the BPF program, to check that the
//     section compiles and to measure it.
//
// Example:
//   absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp);
//   for (const std::string& name : report->UnknownNames()) { ... }  // "mseal", ...
//   absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(seccomp, "x86_64");
//   bpf->instructions;  // 1001 for Docker's default on amd64 (three ABIs)
//
// Dependencies: absl_status absl_strings seccomp
#ifndef OCIKIT_POLICY_SECCOMP_CHECK_H_
#define OCIKIT_POLICY_SECCOMP_CHECK_H_


#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// SeccompNameCheck
//
// What to do with system call names libseccomp does not know: nothing,
// report them (the caller warns), or fail.
enum class SeccompNameCheck { kOff, kWarn, kStrict };

// SeccompMissingSyscall
//
// A rule name an architecture of the filter cannot resolve. `known` is true
// when libseccomp knows the name but the architecture has no such system
// call (harmless in a multi-architecture profile), false when libseccomp
// does not know the name at all.
struct SeccompMissingSyscall {
  std::string arch;  // "SCMP_ARCH_AARCH64"
  std::string name;  // "arch_prctl"
  size_t rule = 0;   // index in linux.seccomp.syscalls
  bool known = false;

  bool operator==(const SeccompMissingSyscall&) const = default;
};

// SeccompSyscallReport
//
// The result of CheckSeccompSyscalls.
struct SeccompSyscallReport {
  std::string libseccomp_version;                  // "2.5.4"
  std::vector<std::string> architectures;          // checked, "SCMP_ARCH_*"
  std::vector<std::string> unknown_architectures;  // not known to libseccomp
  std::vector<SeccompMissingSyscall> missing;      // in rule, name, architecture order

  // Names libseccomp does not know on any architecture, once each, in order.
  std::vector<std::string> UnknownNames() const {
    std::vector<std::string> names;
    for (const SeccompMissingSyscall& m : missing) {
      if (!m.known && std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
    }
    return names;
  }

  // One sentence for a warning, or "" when libseccomp knows every name and
  // architecture.
  std::string Warning() const;
};

// CheckSeccompSyscalls()
//
// Resolves every name of every rule with seccomp_syscall_resolve_name_arch
// on each architecture of `seccomp.architectures`, or on `native_arch` when
// the list is empty ("" = the architecture libseccomp was built for; an
// "SCMP_ARCH_*", libseccomp or GOARCH name otherwise). With kStrict, a name
// or architecture libseccomp does not know is an InvalidArgument error.
absl::StatusOr<SeccompSyscallReport> CheckSeccompSyscalls(const LinuxSeccomp& seccomp,
                                                                 SeccompNameCheck mode = SeccompNameCheck::kWarn,
                                                                 absl::string_view native_arch = "");

// The kernel's limit on a seccomp BPF program (BPF_MAXINSNS).
inline constexpr size_t kMaxSeccompBpfInstructions = 4096;

// SeccompBpfProgram
//
// A compiled filter. `bpf` holds the `struct sock_filter` array (8 bytes per
// instruction, host byte order), without runc's ENOSYS stub.
struct SeccompBpfProgram {
  std::vector<std::string> architectures;  // of the filter, the target first
  size_t instructions = 0;
  std::string bpf;
  std::vector<std::pair<size_t, std::string>> unknown_names;  // {rule, name} left out (as crun and runc do)
  std::vector<size_t> default_action_rules;  // rules left out: their action is the default one
};

// CompileSeccompBpf()
//
// Builds the filter for a runtime on `arch` ("" = libseccomp's native
// architecture; an "SCMP_ARCH_*", libseccomp or GOARCH name otherwise):
// seccomp_init with the default action (SCMP_ACT_ERRNO with defaultErrnoRet,
// EPERM when absent), `arch` plus every listed architecture, then each rule
// with seccomp_rule_add_array. Conditions on distinct arguments are one rule
// (all must hold); when an argument is tested twice, each condition is a rule
// of its own, as runc does. Names libseccomp does not know are left out and
// listed (an error with kStrict). A section that cannot compile is an
// InvalidArgument error naming the rule: `linux.seccomp.syscalls[3] ("write")`.
absl::StatusOr<SeccompBpfProgram> CompileSeccompBpf(const LinuxSeccomp& seccomp, absl::string_view arch = "",
                                                           SeccompNameCheck mode = SeccompNameCheck::kWarn);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

std::string LibseccompVersion();

}  // namespace internal


}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/seccomp/check-inl.h"
#endif

#endif  // OCIKIT_POLICY_SECCOMP_CHECK_H_
