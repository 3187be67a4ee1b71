// File: policy/lint/lint.h
//
// The linter's entry point: lint a parsed Spec (with the source text, when
// there is one, for positions), config.json text, or a file; and the rule
// catalogue that `ocikit lint --list-rules` and `--explain` print.
//
// Families and when they run (ids in policy/lint/types.h):
//   OCI0xx/OCI1xx conformance, TYPO3xx, SCMP5xx   always
//   (SCMP520-525 need LintOptions::libseccomp, the default)
//   HOST20x, HOST25x                              LintOptions::host, or a bundle
//   HOST26x                                       LintOptions::features
//   SEC4xx                                        LintOptions::profile
//   policy rules                                  LintOptions::policies
//
// Design:
//   - The checks run on the typed model. Unknown fields come from the model's
//     `unknown` lists, not from a second parse.
//   - Positions are found afterwards, only for the paths that have findings
//     (policy/lint/positions.h); LintSpec without text leaves them 0.
//   - Input the codec rejects (not JSON, a duplicate key, a value of the
//     wrong type) is one OCI000 finding at the reader's line and column; an
//     unreadable file is one OCI000 finding without a position. ociVersion is
//     not checked by the reader here but by OCI100-OCI102, so a config with
//     an unknown version is still linted.
//   - Findings are ordered by position (then by check order).
//
// Example:
//   LintOptions options;
//   options.profile = LintProfile::kBaseline;
//   LintResult r = LintConfigFile("bundle/config.json", options);
//   for (const LintFinding& f : r.findings) std::cout << f.line << ": " << f.Text() << "\n";
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_LINT_LINT_H_
#define OCIKIT_POLICY_LINT_LINT_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/conformance.h"
#include "policy/lint/conformance_linux.h"
#include "policy/lint/context.h"
#include "policy/lint/host.h"
#include "policy/lint/policy_file.h"
#include "policy/lint/positions.h"
#include "policy/lint/rules.h"
#include "policy/lint/seccomp.h"
#include "policy/lint/security.h"
#include "policy/lint/types.h"
#include "policy/lint/typos.h"
#include "policy/lint/versions.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/json/fields.h"
#include "spec/json/reader.h"

namespace ocikit {

// LintCheck
//
// One built-in check: the function that runs it and the rules it reports
// (policy/lint/rules.h). LintSpec runs a check only when one of its rules is
// enabled. `run` is null for the two steps LintSpec cannot run on a context:
// the reader (LintConfigText) and the ociVersion check, which settles the
// version the context carries (internal::CheckOciVersion).
struct LintCheck {
  absl::string_view name;  // "conformance"
  void (*run)(const internal::LintContext& ctx) = nullptr;
  std::vector<const LintRule*> reports;
};

// BuiltinLintChecks()
//
// Every built-in check, in the order LintSpec runs them; together they report
// every rule of BuiltinLintRules().
const std::vector<LintCheck>& BuiltinLintChecks();

// LintCatalogue()
//
// The built-in rules followed by the rules of `policies`.
std::vector<const LintRule*> LintCatalogue(const std::vector<const LintPolicy*>& policies = {});

// FindLintRule()
//
// The rule with `id` among the built-in ones and those of `policies`, or nullptr.
const LintRule* FindLintRule(absl::string_view id, const std::vector<const LintPolicy*>& policies = {});

// ValidateLintOptions()
//
// OK when every disabled id names a rule and policy rule ids are unique and
// do not shadow built-in ones.
absl::Status ValidateLintOptions(const LintOptions& options);

namespace internal {

// `a` followed by `b`.
std::vector<const LintRule*> JoinRules(std::vector<const LintRule*> a, const std::vector<const LintRule*>& b);

// Whether one of `rules` is enabled.
bool AnyOn(const LintContext& ctx, const std::vector<const LintRule*>& rules);

void SortByPosition(std::vector<LintFinding>& findings);

}  // namespace internal

// LintSpec()
//
// Lints a parsed spec. With `source_text` (the text it was parsed from),
// findings carry positions.
LintResult LintSpec(const Spec& spec, const LintOptions& options, absl::string_view source_text = {});

// LintConfigText()
//
// Parses config.json text and lints it; input the codec rejects is one
// OCI000 finding at the position of the problem.
LintResult LintConfigText(absl::string_view text, const LintOptions& options);

// LintConfigFile()
//
// Reads a config.json (a file or pipe of at most 16 MiB) and lints it;
// a file that cannot be read is one OCI000 finding. Sets
// options.config_path for the host and bundle checks.
LintResult LintConfigFile(const std::string& path, LintOptions options);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/lint-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_LINT_H_
