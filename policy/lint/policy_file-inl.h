// File: policy/lint/policy_file-inl.h
//
// Definitions of policy/lint/policy_file.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_POLICY_FILE_INL_H_
#define OCIKIT_POLICY_LINT_POLICY_FILE_INL_H_

#include "policy/lint/policy_file.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "policy/lint/context.h"
#include "policy/lint/patterns.h"
#include "policy/lint/types.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/namespaces.h"
#include "spec/pathutil.h"
#include "absl/strings/match.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<absl::string_view>& LintPolicyRuleTypes() {
  static const std::vector<absl::string_view> kTypes = {
      "allowedCapabilities",   "deniedCapabilities",       "requiredMaskedPaths",     "requiredReadonlyPaths",
      "allowedMountSources",   "deniedMountSources",       "allowedMountDestinations", "deniedMountDestinations",
      "allowedAnnotationKeys", "annotationValues",         "requiredAnnotations",     "requiredNamespaces",
      "forbiddenNamespaces",   "rlimitBounds",             "forbiddenEnv"};
  return kTypes;
}

OCIKIT_INLINE LintPolicyRule::LintPolicyRule() = default;
OCIKIT_INLINE LintPolicyRule::~LintPolicyRule() = default;
OCIKIT_INLINE LintPolicyRule::LintPolicyRule(LintPolicyRule&&) noexcept = default;
OCIKIT_INLINE LintPolicyRule& LintPolicyRule::operator=(LintPolicyRule&&) noexcept = default;

OCIKIT_INLINE absl::StatusOr<LintPolicy> ReadLintPolicyFile(const std::string& path) {
  OCIKIT_ASSIGN_OR_RETURN(const std::string text, ReadRegularFile(path, 16 << 20));
  return ParseLintPolicy(text, path);
}

namespace internal {

OCIKIT_INLINE std::vector<absl::string_view> PolicyFields(absl::string_view type) {
  if (type == "allowedCapabilities" || type == "deniedCapabilities") return {"capabilities", "sets"};
  if (type == "requiredMaskedPaths" || type == "requiredReadonlyPaths") return {"paths"};
  if (absl::StrContains(type, "Mount")) return {"patterns", "mountTypes"};
  if (type == "allowedAnnotationKeys" || type == "forbiddenEnv") return {"patterns"};
  if (type == "annotationValues") return {"key", "value"};
  if (type == "requiredAnnotations") return {"keys"};
  if (type == "requiredNamespaces" || type == "forbiddenNamespaces") return {"namespaces"};
  if (type == "rlimitBounds") return {"rlimit", "minSoft", "maxSoft", "minHard", "maxHard", "required"};
  return {};
}

using PolicyJson = nlohmann::json;

// Reads the rules of one policy file; every error names the file, the rule
// and the field.
class PolicyParser {
 public:
  explicit PolicyParser(absl::string_view source) : source_(source) {}

  absl::Status Error(absl::string_view where, absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(source_, ": ", where, where.empty() ? "" : ": ", what));
  }

  absl::StatusOr<std::vector<std::string>> Strings(const PolicyJson& rule, absl::string_view where, absl::string_view field,
                                                   bool required) const {
    std::vector<std::string> out;
    if (!rule.contains(std::string(field))) {
      if (required) return Error(where, absl::StrCat(field, ": missing; expected an array of strings"));
      return out;
    }
    const PolicyJson& v = rule.at(std::string(field));
    if (!v.is_array()) return Error(where, absl::StrCat(field, ": expected an array of strings, got ", v.type_name()));
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) return Error(where, absl::StrCat(field, "[", i, "]: expected a string, got ", v[i].type_name()));
      out.push_back(v[i].get<std::string>());
    }
    if (required && out.empty()) return Error(where, absl::StrCat(field, ": empty; expected at least one entry"));
    return out;
  }

  absl::StatusOr<std::unique_ptr<RE2>> Pattern(const std::string& text, absl::string_view where, absl::string_view field) const {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(text, options);
    if (!re->ok()) return Error(where, absl::StrCat(field, ": invalid RE2 pattern ", LintQuote(text), ": ", re->error()));
    return re;
  }

  absl::Status ParseRule(const PolicyJson& j, size_t index, LintPolicyRule& r, std::vector<std::string>& ids) const {
    std::string where = absl::StrCat("rules[", index, "]");
    if (!j.is_object()) return Error(where, absl::StrCat("expected an object, got ", j.type_name()));
    if (!j.contains("id") || !j.at("id").is_string()) return Error(where, "id: missing; expected a string such as \"ACME001\"");
    LintPolicyRule::Text& text = *r.text;
    text.id = j.at("id").get<std::string>();
    absl::StrAppend(&where, " (", LintQuote(text.id), ")");
    static const RE2 kId("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    if (!RE2::FullMatch(text.id, kId)) {
      return Error(where, "id: expected a letter followed by up to 63 letters, digits, '_', '-' or '.'");
    }
    if (LintContains(ids, text.id)) return Error(where, "id: used by another rule of this file; expected a unique id");
    ids.push_back(text.id);
    OCIKIT_RETURN_IF_ERROR(ParseType(j, where, r));
    std::string severity = "error";
    OCIKIT_RETURN_IF_ERROR(TextField(j, where, "severity", severity));
    const std::optional<LintSeverity> s = ParseLintSeverity(severity);
    if (!s) return Error(where, absl::StrCat("severity: ", LintQuote(severity), " is not a severity; expected error, warning or info"));
    r.rule.severity = *s;
    OCIKIT_RETURN_IF_ERROR(TextField(j, where, "title", text.title));
    OCIKIT_RETURN_IF_ERROR(TextField(j, where, "message", r.message));
    OCIKIT_RETURN_IF_ERROR(TextField(j, where, "fix", text.fix));
    text.reference = std::string(source_);
    OCIKIT_RETURN_IF_ERROR(ParseParameters(j, where, r));
    r.rule.family = LintFamily::kPolicy;
    r.rule.name = *std::find(LintPolicyRuleTypes().begin(), LintPolicyRuleTypes().end(), r.type);
    r.rule.id = text.id;
    r.rule.title = text.title;
    r.rule.rationale = text.rationale;
    r.rule.reference = text.reference;
    r.rule.fix = text.fix;
    return absl::OkStatus();
  }

 private:
  // The rule's type, and no field the type does not take.
  absl::Status ParseType(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    if (!j.contains("type") || !j.at("type").is_string()) {
      return Error(where, absl::StrCat("type: missing; expected one of ", LintOneOf(LintPolicyRuleTypes())));
    }
    r.type = j.at("type").get<std::string>();
    if (!LintContains(LintPolicyRuleTypes(), r.type)) {
      return Error(where, absl::StrCat("type: ", LintQuote(r.type), " is not a rule type; expected one of ", LintOneOf(LintPolicyRuleTypes()),
                                       LintDidYouMean(r.type, LintPolicyRuleTypes())));
    }
    std::vector<absl::string_view> known = {"id", "type", "severity", "title", "message", "fix"};
    for (const absl::string_view f : PolicyFields(r.type)) known.push_back(f);
    for (const auto& [key, value] : j.items()) {
      if (!LintContains(known, key)) {
        return Error(where, absl::StrCat(key, ": unknown field for type ", r.type, "; expected one of ", LintOneOf(known), LintDidYouMean(key, known)));
      }
    }
    return absl::OkStatus();
  }

  // An optional string field into `out`.
  absl::Status TextField(const PolicyJson& j, const std::string& where, absl::string_view f, std::string& out) const {
    if (!j.contains(std::string(f))) return absl::OkStatus();
    if (!j.at(std::string(f)).is_string()) return Error(where, absl::StrCat(f, ": expected a string"));
    out = j.at(std::string(f)).get<std::string>();
    return absl::OkStatus();
  }

  absl::Status ParseParameters(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    const std::string& t = r.type;
    if (t == "allowedCapabilities" || t == "deniedCapabilities") {
      OCIKIT_RETURN_IF_ERROR(ParseCapabilities(j, where, r));
    } else if (t == "requiredMaskedPaths" || t == "requiredReadonlyPaths") {
      OCIKIT_RETURN_IF_ERROR(ParsePaths(j, where, r));
    } else if (absl::StrContains(t, "Mount") || t == "allowedAnnotationKeys" || t == "forbiddenEnv") {
      OCIKIT_RETURN_IF_ERROR(ParsePatterns(j, where, r));
    } else if (t == "annotationValues") {
      OCIKIT_RETURN_IF_ERROR(ParseAnnotationValues(j, where, r));
    } else if (t == "requiredAnnotations") {
      OCIKIT_ASSIGN_OR_RETURN(r.values, Strings(j, where, "keys", true));
    } else if (t == "requiredNamespaces" || t == "forbiddenNamespaces") {
      OCIKIT_RETURN_IF_ERROR(ParseNamespaces(j, where, r));
    } else if (t == "rlimitBounds") {
      OCIKIT_RETURN_IF_ERROR(ParseRlimitBounds(j, where, r));
    }
    if (r.text->title.empty()) r.text->title = absl::StrCat("policy rule ", r.type);
    r.text->rationale = r.message.empty() ? absl::StrCat("custom ", r.type, " rule of ", source_) : r.message;
    return absl::OkStatus();
  }

  absl::Status ParseCapabilities(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    const bool allowed = r.type == "allowedCapabilities";
    OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> caps, Strings(j, where, "capabilities", !allowed));
    for (size_t i = 0; i < caps.size(); ++i) {
      absl::StatusOr<std::string> c = NormalizeCapability(caps[i]);
      if (!c.ok()) return Error(where, absl::StrCat("capabilities[", i, "]: ", c.status().message()));
      if (*c == "ALL") {
        r.values.insert(r.values.end(), KnownCapabilities().begin(), KnownCapabilities().end());
      } else {
        r.values.push_back(*c);
      }
    }
    OCIKIT_ASSIGN_OR_RETURN(r.sets, Strings(j, where, "sets", false));
    static const std::vector<absl::string_view> kSets = {"bounding", "effective", "inheritable", "permitted", "ambient"};
    for (size_t i = 0; i < r.sets.size(); ++i) {
      if (!LintContains(kSets, r.sets[i])) {
        return Error(where, absl::StrCat("sets[", i, "]: ", LintQuote(r.sets[i]), " is not a capability set; expected one of ", LintOneOf(kSets)));
      }
    }
    if (r.sets.empty()) {
      for (const absl::string_view k : kSets) r.sets.emplace_back(k);
    }
    if (r.text->title.empty()) r.text->title = allowed ? "only listed capabilities" : "a denied capability";
    return absl::OkStatus();
  }

  absl::Status ParsePaths(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> paths, Strings(j, where, "paths", true));
    for (size_t i = 0; i < paths.size(); ++i) {
      if (paths[i].empty() || paths[i][0] != '/') {
        return Error(where, absl::StrCat("paths[", i, "]: ", LintQuote(paths[i]), " is not absolute; expected a path such as /proc/kcore"));
      }
      r.values.push_back(CleanPath(paths[i]));
    }
    return absl::OkStatus();
  }

  absl::Status ParsePatterns(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> patterns, Strings(j, where, "patterns", true));
    for (size_t i = 0; i < patterns.size(); ++i) {
      OCIKIT_ASSIGN_OR_RETURN(std::unique_ptr<RE2> re, Pattern(patterns[i], where, absl::StrCat("patterns[", i, "]")));
      r.patterns.push_back(std::move(re));
    }
    OCIKIT_ASSIGN_OR_RETURN(r.mount_types, Strings(j, where, "mountTypes", false));
    return absl::OkStatus();
  }

  absl::Status ParseAnnotationValues(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    for (const absl::string_view f : {"key", "value"}) {
      if (!j.contains(std::string(f)) || !j.at(std::string(f)).is_string()) return Error(where, absl::StrCat(f, ": missing; expected an RE2 pattern"));
      OCIKIT_ASSIGN_OR_RETURN((f == "key" ? r.key_pattern : r.value_pattern), Pattern(j.at(std::string(f)).get<std::string>(), where, f));
    }
    return absl::OkStatus();
  }

  absl::Status ParseNamespaces(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    OCIKIT_ASSIGN_OR_RETURN(r.values, Strings(j, where, "namespaces", true));
    for (size_t i = 0; i < r.values.size(); ++i) {
      if (absl::Status s = CheckNamespaceType(r.values[i]); !s.ok()) return Error(where, absl::StrCat("namespaces[", i, "]: ", s.message()));
    }
    return absl::OkStatus();
  }

  absl::Status ParseRlimitBounds(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    if (!j.contains("rlimit") || !j.at("rlimit").is_string() || !internal::IsRlimitType(j.at("rlimit").get<std::string>())) {
      return Error(where, "rlimit: missing or not RLIMIT_<NAME>; expected a type such as RLIMIT_NOFILE");
    }
    r.rlimit = j.at("rlimit").get<std::string>();
    const std::pair<absl::string_view, std::optional<uint64_t>*> bounds[] = {
        {"minSoft", &r.min_soft}, {"maxSoft", &r.max_soft}, {"minHard", &r.min_hard}, {"maxHard", &r.max_hard}};
    for (const auto& [f, out] : bounds) {
      if (!j.contains(std::string(f))) continue;
      const PolicyJson& v = j.at(std::string(f));
      if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
        return Error(where, absl::StrCat(f, ": expected an unsigned integer, got ", v.dump()));
      }
      *out = v.get<uint64_t>();
    }
    if (j.contains("required")) {
      if (!j.at("required").is_boolean()) return Error(where, "required: expected true or false");
      r.required = j.at("required").get<bool>();
    }
    if (!r.min_soft && !r.max_soft && !r.min_hard && !r.max_hard && !r.required) {
      return Error(where, "expected at least one of minSoft, maxSoft, minHard, maxHard or required");
    }
    return absl::OkStatus();
  }

  std::string source_;
};

OCIKIT_INLINE PolicyJsonPosition PolicyJsonPositionOf(absl::string_view text, size_t byte) {
  PolicyJsonPosition p;
  const size_t end = byte == 0 ? 0 : std::min(byte - 1, text.size());
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = end - line_start + 1;
  return p;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<LintPolicy> ParseLintPolicy(absl::string_view text, absl::string_view source) {
  internal::PolicyParser parser(source);
  internal::PolicyJson j;
  try {
    j = internal::PolicyJson::parse(text.begin(), text.end());
  } catch (const internal::PolicyJson::parse_error& e) {
    const internal::PolicyJsonPosition pos = internal::PolicyJsonPositionOf(text, e.byte);
    return absl::InvalidArgumentError(absl::StrCat(source, ":", pos.line, ":", pos.column, ": invalid JSON; expected a policy object (",
                                                   e.what(), ")"));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": invalid JSON: ", e.what()));
  }
  if (!j.is_object()) return parser.Error("", absl::StrCat("expected a policy object, got ", j.type_name()));
  static const std::vector<absl::string_view> kTop = {"version", "name", "description", "rules"};
  for (const auto& [key, value] : j.items()) {
    if (!internal::LintContains(kTop, key)) {
      return parser.Error(key, absl::StrCat("unknown field; expected one of ", internal::LintOneOf(kTop), internal::LintDidYouMean(key, kTop)));
    }
  }
  if (j.contains("version") && !(j.at("version").is_number_integer() && j.at("version").get<int64_t>() == 1)) {
    return parser.Error("version", absl::StrCat(j.at("version").dump(), " is not supported; expected 1"));
  }
  LintPolicy policy;
  policy.source = std::string(source);
  if (j.contains("name")) {
    if (!j.at("name").is_string()) return parser.Error("name", "expected a string");
    policy.name = j.at("name").get<std::string>();
  }
  if (!j.contains("rules") || !j.at("rules").is_array()) return parser.Error("rules", "missing; expected an array of rules");
  const internal::PolicyJson& rules = j.at("rules");
  std::vector<std::string> ids;
  policy.rules.resize(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    OCIKIT_RETURN_IF_ERROR(parser.ParseRule(rules[i], i, policy.rules[i], ids));
  }
  return policy;
}

namespace internal {

OCIKIT_INLINE std::string PolicyExpected(const LintPolicyRule& r, absl::string_view fallback) {
  return r.message.empty() ? absl::StrCat("expected ", fallback) : r.message;
}

OCIKIT_INLINE bool MatchesAny(const std::vector<std::unique_ptr<RE2>>& patterns, absl::string_view value) {
  for (const auto& re : patterns) {
    if (RE2::FullMatch(re2::StringPiece(value.data(), value.size()), *re)) return true;
  }
  return false;
}

OCIKIT_INLINE std::string PatternList(const std::vector<std::unique_ptr<RE2>>& patterns) {
  std::vector<std::string> out;
  for (const auto& re : patterns) out.push_back(LintQuote(re->pattern()));
  return absl::StrJoin(out, ", ");
}

OCIKIT_INLINE void CheckCapabilityPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const std::string& t = r.type;
  if (!s.process || !s.process->capabilities) return;
  const LinuxCapabilities& c = *s.process->capabilities;
  const auto sets = CapabilitySets(c);
  const bool allow = t == "allowedCapabilities";
  for (const auto& [name, set] : sets) {
    if (!LintContains(r.sets, name)) continue;
    for (size_t i = 0; i < set->size(); ++i) {
      if (LintContains(r.values, (*set)[i]) == allow) continue;
      ctx.Report(r.rule, LintPath("process", "capabilities", name).Index(i),
             absl::StrCat(LintQuote((*set)[i]), allow ? " is not an allowed capability; " : " is a denied capability; ",
                          PolicyExpected(r, allow ? (r.values.empty() ? std::string("no capabilities")
                                                                      : absl::StrCat("only ", absl::StrJoin(r.values, ", ")))
                                                  : std::string("it dropped"))));
    }
  }
}

OCIKIT_INLINE void CheckPathPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const std::string& t = r.type;
  const bool masked = t == "requiredMaskedPaths";
  static const std::vector<std::string> kNone;
  const std::vector<std::string>& list =
      !s.linux_section ? kNone : masked ? s.linux_section->masked_paths : s.linux_section->readonly_paths;
  for (const std::string& want : r.values) {
    bool found = false;
    for (const std::string& have : list) found = found || CleanPath(have) == want;
    if (!found) {
      ctx.Report(r.rule, LinuxPath(masked ? "maskedPaths" : "readonlyPaths"),
             absl::StrCat(LintQuote(want), " is not ", masked ? "masked" : "read-only", "; ",
                          PolicyExpected(r, absl::StrCat("it in linux.", masked ? "maskedPaths" : "readonlyPaths"))));
    }
  }
}

OCIKIT_INLINE void CheckMountPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const std::string& t = r.type;
  const bool source = absl::StrContains(t, "Sources");
  const bool allow = absl::StartsWith(t, "allowed");
  for (size_t i = 0; i < s.mounts.size(); ++i) {
    const Mount& m = s.mounts[i];
    if (!r.mount_types.empty() && !LintContains(r.mount_types, m.type)) continue;
    const std::string& value = source ? m.source : m.destination;
    if (source && value.empty()) continue;
    if (MatchesAny(r.patterns, value) == allow) continue;
    ctx.Report(r.rule, FieldPath().Field("mounts").Index(i).Field(source ? "source" : "destination"),
           absl::StrCat(LintQuote(value), allow ? " matches no allowed pattern; " : " matches a denied pattern; ",
                        PolicyExpected(r, allow ? absl::StrCat("a match of ", PatternList(r.patterns))
                                                : absl::StrCat("no match of ", PatternList(r.patterns)))));
  }
}

OCIKIT_INLINE void CheckAnnotationKeyPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  for (const auto& [key, value] : s.annotations) {
    if (!MatchesAny(r.patterns, key)) {
      ctx.Report(r.rule, FieldPath().Field("annotations").Key(key),
             absl::StrCat(LintQuote(key), " matches no allowed key pattern; ", PolicyExpected(r, absl::StrCat("a match of ", PatternList(r.patterns)))));
    }
  }
}

OCIKIT_INLINE void CheckAnnotationValuePolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  for (const auto& [key, value] : s.annotations) {
    if (RE2::FullMatch(key, *r.key_pattern) && !RE2::FullMatch(value, *r.value_pattern)) {
      ctx.Report(r.rule, FieldPath().Field("annotations").Key(key),
             absl::StrCat("value ", LintQuote(value), " does not match; ", PolicyExpected(r, absl::StrCat("a match of ", LintQuote(r.value_pattern->pattern())))));
    }
  }
}

OCIKIT_INLINE void CheckRequiredAnnotationPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  for (const std::string& key : r.values) {
    if (s.annotations.find(key) == s.annotations.end()) {
      ctx.Report(r.rule, FieldPath().Field("annotations"), absl::StrCat(LintQuote(key), " is missing; ", PolicyExpected(r, "the annotation to be set")));
    }
  }
}

OCIKIT_INLINE void CheckNamespacePolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const std::string& t = r.type;
  const bool required = t == "requiredNamespaces";
  for (const std::string& type : r.values) {
    const LinuxNamespace* ns = FindNamespace(s, type);
    if (required && ns == nullptr) {
      ctx.Report(r.rule, LinuxPath("namespaces"), absl::StrCat("no ", type, " namespace; ", PolicyExpected(r, absl::StrCat("{\"type\": \"", type, "\"}"))));
    } else if (!required && ns != nullptr) {
      const size_t i = static_cast<size_t>(ns - s.linux_section->namespaces.data());
      ctx.Report(r.rule, LinuxPath("namespaces").Index(i), absl::StrCat("a ", type, " namespace is set; ", PolicyExpected(r, "no such namespace")));
    }
  }
}

OCIKIT_INLINE void CheckRlimitPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const PosixRlimit* found = nullptr;
  size_t index = 0;
  if (s.process) {
    for (size_t i = 0; i < s.process->rlimits.size(); ++i) {
      if (s.process->rlimits[i].type == r.rlimit && found == nullptr) {
        found = &s.process->rlimits[i];
        index = i;
      }
    }
  }
  if (found == nullptr) {
    if (r.required) ctx.Report(r.rule, LintPath("process", "rlimits"), absl::StrCat(r.rlimit, " is not set; ", PolicyExpected(r, "an explicit limit")));
    return;
  }
  const FieldPath path = LintPath("process", "rlimits").Index(index);
  const auto bound = [&](absl::string_view field, uint64_t value, const std::optional<uint64_t>& lo, const std::optional<uint64_t>& hi) {
    if (lo && value < *lo) ctx.Report(r.rule, path.Field(field), absl::StrCat(value, " is below ", *lo, "; ", PolicyExpected(r, absl::StrCat("at least ", *lo))));
    if (hi && value > *hi) ctx.Report(r.rule, path.Field(field), absl::StrCat(value, " is above ", *hi, "; ", PolicyExpected(r, absl::StrCat("at most ", *hi))));
  };
  bound("soft", found->soft, r.min_soft, r.max_soft);
  bound("hard", found->hard, r.min_hard, r.max_hard);
}

OCIKIT_INLINE void CheckEnvPolicy(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  if (!s.process) return;
  for (size_t i = 0; i < s.process->env.size(); ++i) {
    const std::string& e = s.process->env[i];
    const absl::string_view name = absl::string_view(e).substr(0, e.find('='));
    if (MatchesAny(r.patterns, name)) {
      ctx.Report(r.rule, LintPath("process", "env").Index(i), absl::StrCat("variable ", LintQuote(name), " is forbidden; ", PolicyExpected(r, "no such variable (pass secrets as files)")));
    }
  }
}

OCIKIT_INLINE void CheckPolicyRule(const LintContext& ctx, const LintPolicyRule& r) {
  const std::string& t = r.type;
  if (t == "allowedCapabilities" || t == "deniedCapabilities") {
    CheckCapabilityPolicy(ctx, r);
  } else if (t == "requiredMaskedPaths" || t == "requiredReadonlyPaths") {
    CheckPathPolicy(ctx, r);
  } else if (absl::StrContains(t, "Mount")) {
    CheckMountPolicy(ctx, r);
  } else if (t == "allowedAnnotationKeys") {
    CheckAnnotationKeyPolicy(ctx, r);
  } else if (t == "annotationValues") {
    CheckAnnotationValuePolicy(ctx, r);
  } else if (t == "requiredAnnotations") {
    CheckRequiredAnnotationPolicy(ctx, r);
  } else if (t == "requiredNamespaces" || t == "forbiddenNamespaces") {
    CheckNamespacePolicy(ctx, r);
  } else if (t == "rlimitBounds") {
    CheckRlimitPolicy(ctx, r);
  } else if (t == "forbiddenEnv") {
    CheckEnvPolicy(ctx, r);
  }
}
}  // namespace internal

OCIKIT_INLINE void CheckPolicies(const internal::LintContext& ctx) {
  for (const LintPolicy* policy : ctx.options.policies) {
    for (const LintPolicyRule& rule : policy->rules) {
      if (ctx.On(rule.rule)) internal::CheckPolicyRule(ctx, rule);
    }
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_POLICY_FILE_INL_H_
