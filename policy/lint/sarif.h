// File: policy/lint/sarif.h
//
// SARIF 2.1.0 output that GitHub code scanning accepts (OASIS schema
// sarif-schema-2.1.0.json and GitHub's supported subset):
//   - one run; tool.driver with name, version, semanticVersion and the rules
//     that have results, in catalogue order (id, name, shortDescription, fullDescription, help with
//     text and markdown, defaultConfiguration.level, properties: tags,
//     precision, problem.severity and, for security rules,
//     security-severity);
//   - one result per finding: ruleId, ruleIndex, level (error, warning,
//     note), message.text (path first), one location with
//     physicalLocation.artifactLocation.uri and region startLine,
//     startColumn, endLine, endColumn (1-based; columns in Unicode code
//     points, run.columnKind "unicodeCodePoints"), a logical location
//     naming the JSON path, and partialFingerprints;
//   - descriptions are cut to GitHub's 1024 characters.
// Fingerprints hash the rule id, the JSON path and the file, not the line,
// so an alert survives edits elsewhere in the file; a ":N" suffix tells
// apart findings of one rule at one path.
//
// URIs: relative paths are kept (GitHub resolves them against the
// repository root), with reserved characters percent-encoded; absolute paths
// become file:// URIs; standard input is "stdin". Input without a position
// is reported at line 1, column 1.
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_LINT_SARIF_H_
#define OCIKIT_POLICY_LINT_SARIF_H_

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json_fwd.hpp"
#include "policy/lint/output.h"
#include "policy/lint/types.h"

namespace ocikit {

// FormatLintSarif()
//
// The SARIF log for `results`. `rules` is the catalogue; the driver lists
// those of its rules that have results (findings of rules not in it get no
// ruleIndex). Indented by 2, final newline.
std::string FormatLintSarif(const std::vector<LintFileResult>& results, const std::vector<const LintRule*>& rules);

// SarifUri()
//
// The artifactLocation.uri for a file name as given.
std::string SarifUri(absl::string_view file);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

std::string SarifText(absl::string_view text);

// SARIF's level for a severity: "error", "warning" or "note".
absl::string_view SarifLevel(LintSeverity s);

uint64_t Fnv1a64(absl::string_view data, uint64_t h = 14695981039346656037ull);

nlohmann::ordered_json SarifRule(const LintRule& r);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/sarif-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_SARIF_H_
