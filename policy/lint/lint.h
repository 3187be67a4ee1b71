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
//   - Input the codec rejects (not JSON, a value of the wrong type) is one
//     OCI000 finding at the reader's line and column; an unreadable file is
//     one OCI000 finding without a position.
//   - Two readings: LintConfigText reads the text as crun and youki do
//     (json::Dialect::kLiteral). Each construct that runtimes read
//     differently is an error in every profile: a key equal to a field only
//     under Go's case folding is TYPO302 (kept as an unknown field by this
//     reading); a duplicate key, invalid UTF-8 or a number Go refuses is
//     OCI001. Then the text is also read as Go does (runc,
//     containerd) and linted again, and the result is the union of both
//     readings' findings, those of one reading marked with it. So a security
//     profile judges the worse of the two. ociVersion is
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

// A finding of an input rule (OCI000, OCI001) at a reader's path and position.
LintFinding InputFinding(const LintRule& rule, absl::string_view text, absl::string_view json_path,
                         std::string message, size_t offset, size_t line, size_t column);

// OCI001 findings: the divergences `reader` met but case-variant keys (which
// CheckUnknownFields reports as TYPO302 errors), and a number of
// windows.credentialSpec that Go refuses (NumberGoRejects).
std::vector<LintFinding> DivergenceFindings(const json::Reader& reader, const Spec& spec, absl::string_view text,
                                            const LintOptions& options);

// Appends the findings of `b` that `a` lacks, with "(<reading>)" appended
// (but to TYPO302: a case-variant key is one for both readings).
void AddOnlyIn(std::vector<LintFinding>& out, const std::vector<LintFinding>& b, const std::vector<LintFinding>& a,
               absl::string_view reading);

// The union of the findings of the literal and the Go reading (those they
// share once), and the OCI001 findings `divergent`.
std::vector<LintFinding> UnionOfReadings(const std::vector<LintFinding>& literal, const std::vector<LintFinding>& go,
                                         const std::vector<LintFinding>& divergent);

}  // namespace internal

// LintSpec()
//
// Lints a parsed spec. With `source_text` (the text it was parsed from),
// findings carry positions.
LintResult LintSpec(const Spec& spec, const LintOptions& options, absl::string_view source_text = {});

// LintConfigText()
//
// Parses config.json text and lints it; input the codec rejects is one
// OCI000 finding at the position of the problem. A construct that runtimes
// read differently is an OCI001 finding, and the file is judged on both
// readings (see Design above).
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
