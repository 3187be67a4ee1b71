// File: policy/lint/seccomp.h
//
// Seccomp rules (SCMP501-SCMP525). The first group checks `linux.seccomp`
// against the specification and its schema (actions, operators, flags,
// architectures, names, errnoRet, listener fields) and gives the advice
// runtime users keep needing: the errno of the default action (EPERM versus
// ENOSYS, moby #42681, runtime-spec #1087) and the clone3 case (glibc 2.34+
// only falls back to clone(2) on ENOSYS; clone3's flags are out of reach of
// seccomp, moby #42680). The second group uses the libseccomp ocikit links
// (policy/seccomp/check.h): every name must resolve on every architecture of
// the filter, and the section must compile to a BPF program, whose size is
// reported. It runs with LintOptions::libseccomp and only when the first
// group found no error (a broken section cannot compile anyway). What this
// host's libseccomp lacks (a system call or an architecture it does not know
// yet) is a fact about the host, not the config: info, a warning with --host.
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_LINT_SECCOMP_H_
#define OCIKIT_POLICY_LINT_SECCOMP_H_

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
#include "spec/config.h"

namespace ocikit {

namespace internal {

const std::vector<absl::string_view>& SeccompActionNames();

bool CheckSeccompErrno(const LintContext& ctx, absl::string_view action, const std::optional<uint64_t>& errno_ret,
                              const FieldPath& path);

// Reports a schema error and clears `ok`: the later groups need a valid section.
void FailSchema(const LintContext& ctx, bool& ok, const LintRule& rule, FieldPath path, std::string message);

// The schema rules of syscalls[i]; false when one fails.
bool CheckSeccompSyscall(const LintContext& ctx, const LinuxSeccomp& sc, size_t i);

// The first group; returns false when it found an error.
bool CheckSeccompSchema(const LintContext& ctx, const LinuxSeccomp& sc);

void CheckSeccompAdvice(const LintContext& ctx, const LinuxSeccomp& sc);

// Where a CompileSeccompBpf error points: "linux.seccomp.syscalls[3] (...)".
FieldPath SeccompErrorPath(absl::string_view message);

// SCMP523-SCMP525: compiles the filter and reports its size.
void CheckSeccompBpf(const LintContext& ctx, const LinuxSeccomp& sc, absl::string_view libseccomp_version);

// The system call names ocikit knows to exist: those of the Docker and
// containerd default profiles (policy/seccomp/default_profiles.h).
const std::vector<absl::string_view>& KnownSyscallNames();

// SCMP520 for a name libseccomp does not resolve: a warning for a name ocikit
// does not know either (a typo: "did you mean"), and for a real system call
// newer than this host's libseccomp a host fact: info, a warning with --host.
void ReportUnknownSyscall(const LintContext& ctx, FieldPath path, absl::string_view name,
                          absl::string_view libseccomp_version);

void CheckSeccompWithLibseccomp(const LintContext& ctx, const LinuxSeccomp& sc);

}  // namespace internal

// CheckSeccomp()
//
// The rules of this header.
void CheckSeccomp(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/seccomp-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_SECCOMP_H_
