// File: executor/flags/spec_check.h
//
// The safety net behind the flag table: what `ocikit spec`, `run`, `create`
// and the golden suites generate must pass `ocikit lint` (its default checks:
// conformance, unknown fields, seccomp). Flags refuse the values they can
// judge alone when they are parsed (executor/flags/spec_flags.h); this catches
// the rest (a --from file, combinations of flags, a transform's blind spot),
// so ocikit never prints or runs a config that its own linter rejects, or
// that a runtime would refuse (a NUL byte, an id range the kernel refuses).
//
// Example:
//   absl::StatusOr<Spec> spec = BuildCheckedSpec(flags, &warnings);
//   // spec.status().message() ==
//   //   "the generated config.json fails lint: OCI121 process-cwd-absolute: process.cwd: ..."
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_H_
#define OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "executor/flags/spec_flags.h"
#include "policy/lint/lint.h"
#include "spec/config.h"

namespace ocikit {

// CheckGeneratedSpec()
//
// OK when LintSpec with the default options finds no error in `spec`;
// otherwise FailedPrecondition naming the first error: its rule id and name,
// the JSON path and the rule's message, and how many more errors there are.
// Without `compile_seccomp`, the seccomp filter is not compiled with
// libseccomp (SCMP520-525), as for a section known to compile.
absl::Status CheckGeneratedSpec(const Spec& spec, bool compile_seccomp = true);

// BuildCheckedSpec()
//
// BuildSpec (executor/flags/spec_flags.h), then CheckGeneratedSpec. A seccomp
// section from one of ocikit's built-in profiles is not compiled: they
// compile on every architecture and capability set (policy/seccomp's
// check_test), the runtime compiles the filter anyway, and compiling it here
// for three architectures took 14 ms of every `ocikit spec` and `ocikit run`.
// A profile file, or a --from file's own section, is compiled.
absl::StatusOr<Spec> BuildCheckedSpec(const SpecFlags& f, std::vector<std::string>* warnings = nullptr);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/spec_check-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_H_
