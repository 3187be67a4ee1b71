// File: policy/lint/output.h
//
// The text and JSON forms of lint results, and of the rule catalogue
// (--list-rules, --explain). SARIF is in policy/lint/sarif.h.
//
// Text, one line per finding, as compilers print diagnostics, then a summary:
//   config.json:12:9: error: process.cwd: "tmp" is not absolute; expected an absolute path such as "/" [OCI121]
//   1 error, 0 warnings, 0 info in 1 file
// A finding without a position (an unreadable file) omits line and column.
//
// JSON (nlohmann ordered_json, keys in a fixed order):
//   {"tool": "ocikit", "version": "...", "runtimeSpec": "1.3.0",
//    "files": [{"file": "config.json", "findings": [{"ruleId": "OCI121",
//      "severity": "error", "path": "process.cwd", "message": "...",
//      "line": 12, "column": 9}]}],
//    "summary": {"files": 1, "error": 1, "warning": 0, "info": 0}}
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_LINT_OUTPUT_H_
#define OCIKIT_POLICY_LINT_OUTPUT_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/types.h"
#include "spec/config.h"

namespace ocikit {

// The version ocikit reports in JSON and SARIF output.
inline constexpr absl::string_view kLintToolVersion = "0.1.0";

// LintFileResult
//
// The findings of one input, under the name to show for it.
struct LintFileResult {
  std::string file;  // as given on the command line; "<stdin>" for "-"
  LintResult result;
};

struct LintTotals {
  size_t files = 0;
  size_t error = 0;
  size_t warning = 0;
  size_t info = 0;
};

LintTotals CountFindings(const std::vector<LintFileResult>& results);

// LintTextWriter
//
// The text form one file at a time, for output that streams: File() returns
// the lines of one file's findings, End() the summary line of every file
// passed. FormatLintText() is File() of each result, then End().
class LintTextWriter {
 public:
  std::string File(const LintFileResult& r);
  std::string End() const;

 private:
  LintTotals totals_;
};

// LintJsonWriter
//
// The JSON form one file at a time: Begin(), File() of each result, End()
// give the bytes of FormatLintJson() (nlohmann's indentation by 2), so the
// document can be written while later files are still being linted.
class LintJsonWriter {
 public:
  std::string Begin() const;
  std::string File(const LintFileResult& r);
  std::string End() const;

 private:
  LintTotals totals_;
};

// FormatLintText()
//
// The text form: one line per finding and the summary line.
std::string FormatLintText(const std::vector<LintFileResult>& results);

// FormatLintJson()
//
// The JSON form, indented by 2, with a final newline.
std::string FormatLintJson(const std::vector<LintFileResult>& results);

// FormatRuleList()
//
// --list-rules: one line per rule, grouped by family.
std::string FormatRuleList(const std::vector<const LintRule*>& rules);

// FormatRuleExplanation()
//
// --explain ID.
std::string FormatRuleExplanation(const LintRule& r);

// FormatRuleTableMarkdown()
//
// --list-rules --format markdown: per family, a `### heading` and a table of
// id, name, severity and title. docs/lint.md's rule catalogue is this text
// for BuiltinLintRules(), between its GENERATED RULES markers
// (//policy/lint:rules_doc_test checks it).
std::string FormatRuleTableMarkdown(const std::vector<const LintRule*>& rules);

// FormatRuleListJson()
//
// --list-rules --format json: an array of rules.
std::string FormatRuleListJson(const std::vector<const LintRule*>& rules);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/output-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_OUTPUT_H_
