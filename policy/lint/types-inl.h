// File: policy/lint/types-inl.h
//
// Definitions of policy/lint/types.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_TYPES_INL_H_
#define OCIKIT_POLICY_LINT_TYPES_INL_H_

#include "policy/lint/types.h"
#include "spec/internal/compile_mode.h"
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "spec/field_path.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view LintSeverityName(LintSeverity s) {
  switch (s) {
    case LintSeverity::kError:
      return "error";
    case LintSeverity::kWarning:
      return "warning";
    case LintSeverity::kInfo:
      break;
  }
  return "info";
}

OCIKIT_INLINE std::optional<LintSeverity> ParseLintSeverity(absl::string_view name) {
  if (name == "error") return LintSeverity::kError;
  if (name == "warning") return LintSeverity::kWarning;
  if (name == "info") return LintSeverity::kInfo;
  return std::nullopt;
}

OCIKIT_INLINE absl::string_view LintFamilyName(LintFamily f) {
  switch (f) {
    case LintFamily::kInput:
      return "input";
    case LintFamily::kConformance:
      return "conformance";
    case LintFamily::kHost:
      return "host";
    case LintFamily::kBundle:
      return "bundle";
    case LintFamily::kRuntime:
      return "runtime";
    case LintFamily::kTypo:
      return "typo";
    case LintFamily::kSecurity:
      return "security";
    case LintFamily::kSeccomp:
      return "seccomp";
    case LintFamily::kPolicy:
      break;
  }
  return "policy";
}

OCIKIT_INLINE absl::string_view LintProfileName(LintProfile p) {
  switch (p) {
    case LintProfile::kBaseline:
      return "baseline";
    case LintProfile::kRestricted:
      return "restricted";
    case LintProfile::kNone:
      break;
  }
  return "none";
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_TYPES_INL_H_
