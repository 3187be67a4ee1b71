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

OCIKIT_INLINE LintResult LintConfigText(absl::string_view text, const LintOptions& options) {
  json::Reader reader(text);
  Spec spec;
  internal::ReadSpecDocument(reader, spec);
  if (reader.ok()) return LintSpec(spec, options, text);
  LintResult result;
  const json::ReadError& e = reader.error();
  absl::StatusOr<FieldPath> path = FieldPath::Parse(e.path);
  LintFinding& f = result.findings.emplace_back();
  f.rule_id = rules::kParseError.id;
  f.severity = LintSeverity::kError;
  f.path = path.ok() ? *std::move(path) : FieldPath();
  f.message = e.message;
  const JsonPosition p = PositionAt(text, e.offset, e.offset + 1);
  f.line = e.line;
  f.column = e.column;
  f.char_column = p.char_column;
  f.end_column = p.end_column;
  f.char_end_column = p.char_end_column;
  return result;
}

OCIKIT_INLINE LintResult LintConfigFile(const std::string& path, LintOptions options) {
  options.config_path = path;
  absl::StatusOr<std::string> text = ReadInputFile(path, kMaxSpecFileBytes);
  if (!text.ok()) {
    LintResult result;
    LintFinding& f = result.findings.emplace_back();
    f.rule_id = rules::kParseError.id;
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
