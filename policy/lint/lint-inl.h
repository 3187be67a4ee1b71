// File: policy/lint/lint-inl.h
//
// Definitions of policy/lint/lint.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_LINT_INL_H_
#define OCIKIT_POLICY_LINT_LINT_INL_H_

#include "policy/lint/lint.h"
#include "spec/internal/compile_mode.h"
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
#include "spec/json/reader.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<LintCheck>& BuiltinLintChecks() {
  using namespace rules;  // the rule groups of the registry
  static const std::vector<LintCheck> kChecks = {
      {"input", nullptr, InputRules()},  // LintConfigText, LintConfigFile
      {"oci-version", nullptr, OciVersionRules()},
      {"version-rules", CheckVersionRules, VersionRules()},
      {"unknown-fields", CheckUnknownFields, internal::JoinRules(TypoRules(), {&kFieldNewerThanVersion})},
      {"conformance", CheckConformance, ConformanceRules()},
      {"linux-conformance", CheckLinuxConformance, LinuxConformanceRules()},
      {"seccomp", CheckSeccomp, SeccompRules()},
      {"host-and-bundle", CheckHost, HostRules()},
      {"runtime-features", CheckRuntime, RuntimeRules()},
      {"security-profile", CheckSecurityProfile, SecurityRules()},
  };
  return kChecks;
}

OCIKIT_INLINE std::vector<const LintRule*> LintCatalogue(const std::vector<const LintPolicy*>& policies) {
  std::vector<const LintRule*> rules = BuiltinLintRules();
  for (const LintPolicy* p : policies) {
    for (const LintPolicyRule& r : p->rules) rules.push_back(&r.rule);
  }
  return rules;
}

OCIKIT_INLINE const LintRule* FindLintRule(absl::string_view id, const std::vector<const LintPolicy*>& policies) {
  for (const LintRule* r : LintCatalogue(policies)) {
    if (r->id == id) return r;
  }
  return nullptr;
}

OCIKIT_INLINE absl::Status ValidateLintOptions(const LintOptions& options) {
  std::vector<absl::string_view> ids;
  for (const LintRule* r : BuiltinLintRules()) ids.push_back(r->id);
  for (const LintPolicy* p : options.policies) {
    for (const LintPolicyRule& r : p->rules) {
      if (internal::LintContains(ids, r.rule.id)) {
        return absl::InvalidArgumentError(absl::StrCat(p->source, ": rule ", internal::LintQuote(r.rule.id),
                                                       ": id: already used by a built-in rule or another policy file; expected a unique id"));
      }
      ids.push_back(r.rule.id);
    }
  }
  for (const std::string& id : options.disabled) {
    if (!internal::LintContains(ids, id)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown rule ", internal::LintQuote(id), internal::LintDidYouMean(id, ids).empty()
                                                                                              ? "; expected a rule id of --list-rules"
                                                                                              : internal::LintDidYouMean(id, ids)));
    }
  }
  return absl::OkStatus();
}

namespace internal {

OCIKIT_INLINE std::vector<const LintRule*> JoinRules(std::vector<const LintRule*> a, const std::vector<const LintRule*>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

OCIKIT_INLINE bool AnyOn(const LintContext& ctx, const std::vector<const LintRule*>& rules) {
  return std::any_of(rules.begin(), rules.end(), [&](const LintRule* r) { return ctx.On(*r); });
}

OCIKIT_INLINE void SortByPosition(std::vector<LintFinding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
    return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
  });
}
}  // namespace internal

OCIKIT_INLINE LintResult LintSpec(const Spec& spec, const LintOptions& options, absl::string_view source_text) {
  LintResult result;
  internal::LintSink sink(options, result.findings);
  const OciVersion version = internal::CheckOciVersion(spec, sink);
  const internal::LintContext ctx{spec, options, sink, version, internal::InferPlatform(spec)};
  for (const LintCheck& check : BuiltinLintChecks()) {
    if (check.run != nullptr && internal::AnyOn(ctx, check.reports)) check.run(ctx);
  }
  CheckPolicies(ctx);
  if (!source_text.empty()) {
    LocateFindings(source_text, result.findings);
    internal::SortByPosition(result.findings);
  }
  return result;
}

namespace internal {

OCIKIT_INLINE LintFinding InputFinding(const LintRule& rule, absl::string_view text, absl::string_view json_path,
                                       std::string message, size_t offset, size_t line, size_t column) {
  absl::StatusOr<FieldPath> path = FieldPath::Parse(json_path);
  LintFinding f;
  f.rule_id = std::string(rule.id);
  f.severity = rule.severity;
  f.path = path.ok() ? *std::move(path) : FieldPath();
  f.message = std::move(message);
  const JsonPosition p = PositionAt(text, offset, offset + 1);
  f.line = line;
  f.column = column;
  f.char_column = p.char_column;
  f.end_column = p.end_column;
  f.char_end_column = p.char_end_column;
  return f;
}

OCIKIT_INLINE std::vector<LintFinding> DivergenceFindings(const json::Reader& reader, const Spec& spec,
                                                          absl::string_view text, const LintOptions& options) {
  std::vector<LintFinding> out;
  if (LintContains(options.disabled, rules::kRuntimesDisagree.id)) return out;
  for (const json::Divergence& d : reader.divergences()) {
    if (d.kind == json::DivergenceKind::kCaseVariantKey) continue;  // TYPO302, from the unknown fields
    out.push_back(InputFinding(rules::kRuntimesDisagree, text, d.path, d.message, d.offset, d.line, d.column));
  }
  const std::string number = NumberGoRejects(spec);
  if (!number.empty()) {
    LintFinding& f = out.emplace_back();
    f.rule_id = std::string(rules::kRuntimesDisagree.id);
    f.severity = rules::kRuntimesDisagree.severity;
    f.path = FieldPath().Field("windows").Field("credentialSpec");
    f.message = absl::StrCat("number ", number.substr(number.find(' ') + 1),
                             " is beyond float64's range: Go's encoding/json (runc, containerd) reads this ",
                             "interface{} field as float64 and refuses the file, crun and youki do not read it; ",
                             "expected a number within float64's range");
    std::vector<LintFinding> located = {f};
    LocateFindings(text, located);
    f = located[0];
  }
  return out;
}

OCIKIT_INLINE void AddOnlyIn(std::vector<LintFinding>& out, const std::vector<LintFinding>& b,
                             const std::vector<LintFinding>& a, absl::string_view reading) {
  for (const LintFinding& f : b) {
    const bool in_a = std::any_of(a.begin(), a.end(), [&](const LintFinding& g) {
      return g.rule_id == f.rule_id && g.path == f.path && g.message == f.message && g.severity == f.severity;
    });
    if (in_a) continue;
    out.push_back(f);
    // A case-variant key is about the text, which both readings share.
    if (f.rule_id != rules::kFieldCaseMismatch.id) absl::StrAppend(&out.back().message, " (", reading, ")");
  }
}

OCIKIT_INLINE std::vector<LintFinding> UnionOfReadings(const std::vector<LintFinding>& literal,
                                                       const std::vector<LintFinding>& go,
                                                       const std::vector<LintFinding>& divergent) {
  std::vector<LintFinding> out;
  for (const LintFinding& f : literal) {
    const bool shared = std::any_of(go.begin(), go.end(), [&](const LintFinding& g) {
      return g.rule_id == f.rule_id && g.path == f.path && g.message == f.message && g.severity == f.severity;
    });
    if (shared) out.push_back(f);
  }
  AddOnlyIn(out, literal, go, "as crun and youki read the file");
  AddOnlyIn(out, go, literal, "as Go's encoding/json, so runc and containerd, reads the file");
  out.insert(out.end(), divergent.begin(), divergent.end());
  return out;
}

}  // namespace internal

// Reads the text as crun does (json::Dialect::kLiteral), which is the strict
// reading when nothing diverges; when something does, also as Go does, and
// reports the union (docs/lint.md, "Two readings").
OCIKIT_INLINE LintResult LintConfigText(absl::string_view text, const LintOptions& options) {
  json::Reader reader(text, json::Dialect::kLiteral);
  Spec spec;
  internal::ReadSpecDocument(reader, spec);
  LintResult result;
  if (!reader.ok()) {
    const json::ReadError& e = reader.error();
    result.findings.push_back(
        internal::InputFinding(rules::kParseError, text, e.path, e.message, e.offset, e.line, e.column));
    return result;
  }
  result = LintSpec(spec, options, text);
  const std::vector<LintFinding> divergent = internal::DivergenceFindings(reader, spec, text, options);
  if (reader.divergences().empty()) {
    result.findings.insert(result.findings.end(), divergent.begin(), divergent.end());
    internal::SortByPosition(result.findings);
    return result;
  }
  json::Reader go_reader(text, json::Dialect::kGo);
  Spec go_spec;
  internal::ReadSpecDocument(go_reader, go_spec);
  LintResult go;
  std::vector<LintFinding> all_divergent = divergent;
  if (go_reader.ok()) {
    go = LintSpec(go_spec, options, text);
  } else if (!internal::LintContains(options.disabled, rules::kRuntimesDisagree.id)) {
    const json::ReadError& e = go_reader.error();
    all_divergent.push_back(internal::InputFinding(
        rules::kRuntimesDisagree, text, e.path,
        absl::StrCat("Go's encoding/json (runc, containerd) refuses the file here, while crun and youki read it: ",
                     e.message),
        e.offset, e.line, e.column));
  }
  result.findings = internal::UnionOfReadings(result.findings, go.findings, all_divergent);
  internal::SortByPosition(result.findings);
  return result;
}

OCIKIT_INLINE LintResult LintConfigFile(const std::string& path, LintOptions options) {
  options.config_path = path;
  absl::StatusOr<std::string> text = ReadInputFile(path, kMaxSpecFileBytes);
  if (!text.ok()) {
    LintResult result;
    LintFinding& f = result.findings.emplace_back();
    f.rule_id = std::string(rules::kParseError.id);
    f.severity = LintSeverity::kError;
    std::string message(text.status().message());
    if (absl::StartsWith(message, path + ": ")) message.erase(0, path.size() + 2);
    f.message = absl::StrCat("cannot read the file: ", message, "; expected a readable config.json");
    return result;
  }
  return LintConfigText(*text, options);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_LINT_INL_H_
