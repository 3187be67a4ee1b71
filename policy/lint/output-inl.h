// File: policy/lint/output-inl.h
//
// Definitions of policy/lint/output.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_OUTPUT_INL_H_
#define OCIKIT_POLICY_LINT_OUTPUT_INL_H_

#include "policy/lint/output.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <string>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "policy/lint/types.h"
#include "spec/config.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE void AddToTotals(LintTotals& t, const LintResult& r) {
  ++t.files;
  t.error += r.Count(LintSeverity::kError);
  t.warning += r.Count(LintSeverity::kWarning);
  t.info += r.Count(LintSeverity::kInfo);
}

// Prefixes every line of `text` but the first with `indent`.
OCIKIT_INLINE std::string IndentFollowingLines(absl::string_view text, absl::string_view indent) {
  return absl::StrReplaceAll(text, {{"\n", absl::StrCat("\n", indent)}});
}

}  // namespace internal

OCIKIT_INLINE LintTotals CountFindings(const std::vector<LintFileResult>& results) {
  LintTotals t;
  for (const LintFileResult& r : results) internal::AddToTotals(t, r.result);
  return t;
}

OCIKIT_INLINE std::string LintTextWriter::File(const LintFileResult& r) {
  internal::AddToTotals(totals_, r.result);
  std::string out;
  for (const LintFinding& f : r.result.findings) {
    absl::StrAppend(&out, r.file, ":");
    if (f.line > 0) absl::StrAppend(&out, f.line, ":", f.column, ":");
    absl::StrAppend(&out, " ", LintSeverityName(f.severity), ": ", f.Text(), " [", f.rule_id, "]\n");
  }
  return out;
}

OCIKIT_INLINE std::string LintTextWriter::End() const {
  const LintTotals& t = totals_;
  return absl::StrCat(t.error, t.error == 1 ? " error, " : " errors, ", t.warning, t.warning == 1 ? " warning, " : " warnings, ",
                      t.info, " info in ", t.files, t.files == 1 ? " file\n" : " files\n");
}

OCIKIT_INLINE std::string FormatLintText(const std::vector<LintFileResult>& results) {
  LintTextWriter writer;
  std::string out;
  for (const LintFileResult& r : results) out += writer.File(r);
  return out + writer.End();
}

// The document is {"tool", "version", "runtimeSpec", "files": [...],
// "summary"}; each file is dumped on its own and indented to its depth (two
// levels: 4 spaces), which is what nlohmann's dump(2) of the whole prints.
OCIKIT_INLINE std::string LintJsonWriter::Begin() const {
  using Json = nlohmann::ordered_json;
  return absl::StrCat("{\n  \"tool\": \"ocikit\",\n  \"version\": ", Json(std::string(kLintToolVersion)).dump(),
                      ",\n  \"runtimeSpec\": ", Json(std::string(kOciVersion)).dump(), ",\n  \"files\": [");
}

OCIKIT_INLINE std::string LintJsonWriter::File(const LintFileResult& r) {
  using Json = nlohmann::ordered_json;
  Json file;
  file["file"] = r.file;
  file["findings"] = Json::array();
  for (const LintFinding& f : r.result.findings) {
    Json j;
    j["ruleId"] = f.rule_id;
    j["severity"] = std::string(LintSeverityName(f.severity));
    j["path"] = f.path.ToString();
    j["message"] = f.message;
    if (f.line > 0) {
      j["line"] = f.line;
      j["column"] = f.column;
    }
    file["findings"].push_back(std::move(j));
  }
  const bool first = totals_.files == 0;
  internal::AddToTotals(totals_, r.result);
  return absl::StrCat(first ? "\n    " : ",\n    ",
                      internal::IndentFollowingLines(file.dump(2, ' ', false, Json::error_handler_t::replace), "    "));
}

OCIKIT_INLINE std::string LintJsonWriter::End() const {
  using Json = nlohmann::ordered_json;
  const LintTotals& t = totals_;
  const Json summary = {{"files", t.files}, {"error", t.error}, {"warning", t.warning}, {"info", t.info}};
  return absl::StrCat(t.files == 0 ? "]" : "\n  ]", ",\n  \"summary\": ", internal::IndentFollowingLines(summary.dump(2), "  "),
                      "\n}\n");
}

OCIKIT_INLINE std::string FormatLintJson(const std::vector<LintFileResult>& results) {
  LintJsonWriter writer;
  std::string out = writer.Begin();
  for (const LintFileResult& r : results) out += writer.File(r);
  return out + writer.End();
}

OCIKIT_INLINE std::string FormatRuleList(const std::vector<const LintRule*>& rules) {
  std::string out;
  LintFamily family = LintFamily::kPolicy;
  bool first = true;
  for (const LintRule* r : rules) {
    if (first || r->family != family) {
      absl::StrAppend(&out, first ? "" : "\n", LintFamilyName(r->family), ":\n");
      family = r->family;
      first = false;
    }
    std::string id(r->id);
    id.resize(std::max<size_t>(id.size(), 8), ' ');
    std::string severity(LintSeverityName(r->severity));
    severity.resize(8, ' ');
    std::string name(r->name);
    name.resize(std::max<size_t>(name.size(), 36), ' ');
    absl::StrAppend(&out, "  ", id, " ", severity, " ", name, " ", r->title,
                    r->profile != LintProfile::kNone ? absl::StrCat(" (", LintProfileName(r->profile), ")") : "", "\n");
  }
  return out;
}

namespace internal {

// "warning", "warning (error with --strict)", "error (info in a template)".
OCIKIT_INLINE std::string RuleSeverityText(const LintRule& r) {
  return absl::StrCat(LintSeverityName(r.severity), r.strict ? " (error with --strict)" : "",
                      r.severity_note.empty() ? "" : absl::StrCat(" (", r.severity_note, ")"));
}

}  // namespace internal

OCIKIT_INLINE std::string FormatRuleExplanation(const LintRule& r) {
  std::string out = absl::StrCat(r.id, " ", r.name, ": ", r.title, "\n\n");
  absl::StrAppend(&out, "  family:    ", LintFamilyName(r.family), "\n");
  absl::StrAppend(&out, "  severity:  ", internal::RuleSeverityText(r), "\n");
  if (r.profile != LintProfile::kNone) absl::StrAppend(&out, "  profile:   ", LintProfileName(r.profile), " and stricter\n");
  absl::StrAppend(&out, "  rationale: ", r.rationale, "\n");
  absl::StrAppend(&out, "  reference: ", r.reference, "\n");
  if (!r.fix.empty()) absl::StrAppend(&out, "  fix:       ", r.fix, "\n");
  return out;
}

namespace internal {

// The heading of a family's table in docs/lint.md: its name and when it runs.
OCIKIT_INLINE absl::string_view RuleTableHeading(LintFamily f) {
  switch (f) {
    case LintFamily::kInput:
      return "Input";
    case LintFamily::kConformance:
      return "Conformance (always)";
    case LintFamily::kHost:
      return "Host (`--host`)";
    case LintFamily::kBundle:
      return "Bundle (a bundle directory)";
    case LintFamily::kRuntime:
      return "Runtime features (`--features`)";
    case LintFamily::kTypo:
      return "Unknown fields (always)";
    case LintFamily::kSecurity:
      return "Security profiles (`--profile`)";
    case LintFamily::kSeccomp:
      return "Seccomp (always; SCMP520-SCMP525 use libseccomp)";
    case LintFamily::kPolicy:
      break;
  }
  return "Policy files (`--policy`)";
}

// A table cell: '|' escaped.
OCIKIT_INLINE std::string MarkdownCell(absl::string_view text) { return absl::StrReplaceAll(text, {{"|", "\\|"}}); }

}  // namespace internal

OCIKIT_INLINE std::string FormatRuleTableMarkdown(const std::vector<const LintRule*>& rules) {
  std::string out;
  for (size_t i = 0; i < rules.size(); ++i) {
    const LintRule& r = *rules[i];
    if (i == 0 || rules[i - 1]->family != r.family) {
      absl::StrAppend(&out, i == 0 ? "" : "\n", "### ", internal::RuleTableHeading(r.family), "\n\n",
                      "| id | name | severity | what |\n|---|---|---|---|\n");
    }
    absl::StrAppend(&out, "| ", r.id, " | ", internal::MarkdownCell(r.name), " | ", internal::RuleSeverityText(r),
                    r.profile != LintProfile::kNone ? absl::StrCat(", ", LintProfileName(r.profile)) : "", " | ",
                    internal::MarkdownCell(r.title), " |\n");
  }
  return out;
}

OCIKIT_INLINE std::string FormatRuleListJson(const std::vector<const LintRule*>& rules) {
  using Json = nlohmann::ordered_json;
  Json doc = Json::array();
  for (const LintRule* r : rules) {
    Json j;
    j["id"] = r->id;
    j["name"] = r->name;
    j["family"] = std::string(LintFamilyName(r->family));
    j["severity"] = std::string(LintSeverityName(r->severity));
    if (r->profile != LintProfile::kNone) j["profile"] = std::string(LintProfileName(r->profile));
    j["strict"] = r->strict;
    if (!r->severity_note.empty()) j["severityNote"] = r->severity_note;
    j["title"] = r->title;
    j["rationale"] = r->rationale;
    j["reference"] = r->reference;
    j["fix"] = r->fix;
    doc.push_back(std::move(j));
  }
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_OUTPUT_INL_H_
