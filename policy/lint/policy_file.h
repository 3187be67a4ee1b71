// File: policy/lint/policy_file.h
//
// Custom lint rules from policy files (JSON). A policy file lists rules, each
// with its own id, severity and message; `ocikit lint --policy FILE` (several
// may be given) reports their findings beside the built-in ones. The schema,
// with an example, is in docs/lint.md:
//
//   {
//     "version": 1,                        // optional; 1 is the only version
//     "name": "acme-production",           // optional
//     "rules": [
//       {"id": "ACME001", "type": "allowedCapabilities", "severity": "error",
//        "message": "production containers only bind low ports",
//        "capabilities": ["CAP_NET_BIND_SERVICE"]},
//       {"id": "ACME002", "type": "forbiddenEnv", "patterns": ["(?i).*(secret|token|password).*"]}
//     ]
//   }
//
// Rule types and their fields (patterns are RE2, matched against the whole
// value):
//   allowedCapabilities, deniedCapabilities   capabilities, [sets]
//   requiredMaskedPaths, requiredReadonlyPaths paths
//   allowedMountSources, deniedMountSources,
//   allowedMountDestinations, deniedMountDestinations   patterns, [mountTypes]
//   allowedAnnotationKeys                     patterns
//   annotationValues                          key, value (patterns)
//   requiredAnnotations                       keys
//   requiredNamespaces, forbiddenNamespaces   namespaces
//   rlimitBounds                              rlimit, [minSoft, maxSoft, minHard, maxHard, required]
//   forbiddenEnv                              patterns (on variable names)
// Every rule also takes "id" (required; letters, digits, '_', '-', '.'),
// "type" (required), "severity" (error, warning or info; default error),
// "title", "message" (replaces the "expected ..." part of findings) and "fix".
//
// A bad file is an error naming the file, the rule and the field:
//   acme.json: rules[1] ("ACME002"): patterns[0]: invalid RE2 pattern "(": missing ): (
// Parsing never throws (nlohmann exceptions are caught).
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2
#ifndef OCIKIT_POLICY_LINT_POLICY_FILE_H_
#define OCIKIT_POLICY_LINT_POLICY_FILE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/types.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ocikit {

// LintPolicyRule
//
// One parsed rule: its catalogue entry and its parameters.
struct LintPolicyRule {
  // Out of line: re2::RE2 is complete only in policy_file-inl.h.
  LintPolicyRule();
  ~LintPolicyRule();
  LintPolicyRule(LintPolicyRule&&) noexcept;
  LintPolicyRule& operator=(LintPolicyRule&&) noexcept;

  LintRule rule;  // family kPolicy; name = type; reference = the file; views `text`

  // The texts `rule` views, on the heap so that moving the rule keeps them.
  struct Text {
    std::string id, title, rationale, reference, fix;
  };
  std::unique_ptr<Text> text = std::make_unique<Text>();
  std::string type;
  std::string message;
  std::vector<std::string> values;  // capabilities, paths, keys or namespaces
  std::vector<std::string> sets;    // capability sets (all five when empty)
  std::vector<std::string> mount_types;
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  std::unique_ptr<re2::RE2> key_pattern;
  std::unique_ptr<re2::RE2> value_pattern;
  std::string rlimit;
  std::optional<uint64_t> min_soft, max_soft, min_hard, max_hard;
  bool required = false;
};

// LintPolicy
//
// A parsed policy file.
struct LintPolicy {
  std::string source;  // the file name, as given
  std::string name;
  std::vector<LintPolicyRule> rules;
};

// The rule types a policy file may use.
const std::vector<absl::string_view>& LintPolicyRuleTypes();

// ParseLintPolicy()
//
// Parses policy file text; `source` names it in errors.
absl::StatusOr<LintPolicy> ParseLintPolicy(absl::string_view text, absl::string_view source);

// ReadLintPolicyFile()
//
// Reads (a regular file of at most 16 MiB) and parses a policy file.
absl::StatusOr<LintPolicy> ReadLintPolicyFile(const std::string& path);

// CheckPolicies()
//
// Reports the findings of every rule of ctx.options.policies.
void CheckPolicies(const internal::LintContext& ctx);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// The fields each rule type takes, besides the common ones.
std::vector<absl::string_view> PolicyFields(absl::string_view type);

}  // namespace internal

namespace internal {

struct PolicyJsonPosition {
  size_t line = 1;
  size_t column = 1;
};

// The line and column of 1-based byte position `byte` (nlohmann's parse_error::byte).
PolicyJsonPosition PolicyJsonPositionOf(absl::string_view text, size_t byte);

}  // namespace internal

namespace internal {

std::string PolicyExpected(const LintPolicyRule& r, absl::string_view fallback);

bool MatchesAny(const std::vector<std::unique_ptr<re2::RE2>>& patterns, absl::string_view value);

std::string PatternList(const std::vector<std::unique_ptr<re2::RE2>>& patterns);

// allowedCapabilities, deniedCapabilities.
void CheckCapabilityPolicy(const LintContext& ctx, const LintPolicyRule& r);

// requiredMaskedPaths, requiredReadonlyPaths.
void CheckPathPolicy(const LintContext& ctx, const LintPolicyRule& r);

// The four mount source and destination types.
void CheckMountPolicy(const LintContext& ctx, const LintPolicyRule& r);

// allowedAnnotationKeys.
void CheckAnnotationKeyPolicy(const LintContext& ctx, const LintPolicyRule& r);

// annotationValues.
void CheckAnnotationValuePolicy(const LintContext& ctx, const LintPolicyRule& r);

// requiredAnnotations.
void CheckRequiredAnnotationPolicy(const LintContext& ctx, const LintPolicyRule& r);

// requiredNamespaces, forbiddenNamespaces.
void CheckNamespacePolicy(const LintContext& ctx, const LintPolicyRule& r);

// rlimitBounds.
void CheckRlimitPolicy(const LintContext& ctx, const LintPolicyRule& r);

// forbiddenEnv.
void CheckEnvPolicy(const LintContext& ctx, const LintPolicyRule& r);

void CheckPolicyRule(const LintContext& ctx, const LintPolicyRule& r);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/policy_file-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_POLICY_FILE_H_
