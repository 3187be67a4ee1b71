// File: executor/flags/spec_check-inl.h
//
// Definitions of executor/flags/spec_check.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_INL_H_

#include "executor/flags/spec_check.h"
#include "spec/internal/compile_mode.h"
#include "spec/internal/status_macros.h"
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "executor/flags/spec_flags.h"
#include "policy/lint/lint.h"
#include "spec/config.h"

namespace ocikit {

OCIKIT_INLINE absl::Status CheckGeneratedSpec(const Spec& spec, bool compile_seccomp) {
  LintOptions options;
  options.libseccomp = compile_seccomp;
  const LintResult result = LintSpec(spec, options);
  const LintFinding* first = nullptr;
  size_t errors = 0;
  for (const LintFinding& f : result.findings) {
    if (f.severity != LintSeverity::kError) continue;
    if (first == nullptr) first = &f;
    ++errors;
  }
  if (first == nullptr) return absl::OkStatus();
  const LintRule* rule = FindLintRule(first->rule_id);
  return absl::FailedPreconditionError(absl::StrCat(
      "the generated config.json fails lint: ", first->rule_id, rule != nullptr ? absl::StrCat(" ", rule->name) : "",
      ": ", first->Text(), errors > 1 ? absl::StrCat(" (and ", errors - 1, " more errors)") : ""));
}

OCIKIT_INLINE absl::StatusOr<Spec> BuildCheckedSpec(const SpecFlags& f, std::vector<std::string>* warnings) {
  OCIKIT_ASSIGN_OR_RETURN(Spec spec, BuildSpec(f, warnings));
  OCIKIT_RETURN_IF_ERROR(CheckGeneratedSpec(spec, !SeccompFromBuiltInProfile(f)));
  return spec;
}

}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_SPEC_CHECK_INL_H_
