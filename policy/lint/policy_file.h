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

// LintPolicyRule
//
// One parsed rule: its catalogue entry and its parameters.
struct LintPolicyRule {
  LintRule rule;  // family kPolicy; name = type; reference = the file
  std::string type;
  std::string message;
  std::vector<std::string> values;  // capabilities, paths, keys or namespaces
  std::vector<std::string> sets;    // capability sets (all five when empty)
  std::vector<std::string> mount_types;
  std::vector<std::unique_ptr<RE2>> patterns;
  std::unique_ptr<RE2> key_pattern;
  std::unique_ptr<RE2> value_pattern;
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

using PolicyJson = nlohmann::json;

// The fields each rule type takes, besides the common ones.
std::vector<absl::string_view> PolicyFields(absl::string_view type);

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
    r.rule.id = j.at("id").get<std::string>();
    absl::StrAppend(&where, " (", LintQuote(r.rule.id), ")");
    static const RE2 kId("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    if (!RE2::FullMatch(r.rule.id, kId)) {
      return Error(where, "id: expected a letter followed by up to 63 letters, digits, '_', '-' or '.'");
    }
    if (LintContains(ids, r.rule.id)) return Error(where, "id: used by another rule of this file; expected a unique id");
    ids.push_back(r.rule.id);
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
    const auto text_field = [&](absl::string_view f, std::string& out) -> absl::Status {
      if (!j.contains(std::string(f))) return absl::OkStatus();
      if (!j.at(std::string(f)).is_string()) return Error(where, absl::StrCat(f, ": expected a string"));
      out = j.at(std::string(f)).get<std::string>();
      return absl::OkStatus();
    };
    std::string severity = "error";
    OCIKIT_RETURN_IF_ERROR(text_field("severity", severity));
    const std::optional<LintSeverity> s = ParseLintSeverity(severity);
    if (!s) return Error(where, absl::StrCat("severity: ", LintQuote(severity), " is not a severity; expected error, warning or info"));
    r.rule.severity = *s;
    OCIKIT_RETURN_IF_ERROR(text_field("title", r.rule.title));
    OCIKIT_RETURN_IF_ERROR(text_field("message", r.message));
    OCIKIT_RETURN_IF_ERROR(text_field("fix", r.rule.fix));
    r.rule.name = r.type;
    r.rule.family = LintFamily::kPolicy;
    r.rule.reference = std::string(source_);
    return ParseParameters(j, where, r);
  }

  absl::Status ParseParameters(const PolicyJson& j, const std::string& where, LintPolicyRule& r) const {
    const std::string& t = r.type;
    if (t == "allowedCapabilities" || t == "deniedCapabilities") {
      absl::StatusOr<std::vector<std::string>> caps = Strings(j, where, "capabilities", t == "deniedCapabilities");
      if (!caps.ok()) return caps.status();
      for (size_t i = 0; i < caps->size(); ++i) {
        absl::StatusOr<std::string> c = NormalizeCapability((*caps)[i]);
        if (!c.ok()) return Error(where, absl::StrCat("capabilities[", i, "]: ", c.status().message()));
        if (*c == "ALL") {
          r.values.insert(r.values.end(), KnownCapabilities().begin(), KnownCapabilities().end());
        } else {
          r.values.push_back(*c);
        }
      }
      absl::StatusOr<std::vector<std::string>> sets = Strings(j, where, "sets", false);
      if (!sets.ok()) return sets.status();
      static const std::vector<absl::string_view> kSets = {"bounding", "effective", "inheritable", "permitted", "ambient"};
      for (size_t i = 0; i < sets->size(); ++i) {
        if (!LintContains(kSets, (*sets)[i])) {
          return Error(where, absl::StrCat("sets[", i, "]: ", LintQuote((*sets)[i]), " is not a capability set; expected one of ", LintOneOf(kSets)));
        }
      }
      r.sets = *std::move(sets);
      if (r.sets.empty()) {
        for (const absl::string_view k : kSets) r.sets.emplace_back(k);
      }
      r.rule.title = r.rule.title.empty() ? (t == "allowedCapabilities" ? "only listed capabilities" : "a denied capability") : r.rule.title;
    } else if (t == "requiredMaskedPaths" || t == "requiredReadonlyPaths") {
      absl::StatusOr<std::vector<std::string>> paths = Strings(j, where, "paths", true);
      if (!paths.ok()) return paths.status();
      for (size_t i = 0; i < paths->size(); ++i) {
        if ((*paths)[i].empty() || (*paths)[i][0] != '/') return Error(where, absl::StrCat("paths[", i, "]: ", LintQuote((*paths)[i]), " is not absolute; expected a path such as /proc/kcore"));
        r.values.push_back(CleanPath((*paths)[i]));
      }
    } else if (absl::StrContains(t, "Mount") || t == "allowedAnnotationKeys" || t == "forbiddenEnv") {
      absl::StatusOr<std::vector<std::string>> patterns = Strings(j, where, "patterns", true);
      if (!patterns.ok()) return patterns.status();
      for (size_t i = 0; i < patterns->size(); ++i) {
        absl::StatusOr<std::unique_ptr<RE2>> re = Pattern((*patterns)[i], where, absl::StrCat("patterns[", i, "]"));
        if (!re.ok()) return re.status();
        r.patterns.push_back(*std::move(re));
      }
      absl::StatusOr<std::vector<std::string>> types = Strings(j, where, "mountTypes", false);
      if (!types.ok()) return types.status();
      r.mount_types = *std::move(types);
    } else if (t == "annotationValues") {
      for (const absl::string_view f : {"key", "value"}) {
        if (!j.contains(std::string(f)) || !j.at(std::string(f)).is_string()) return Error(where, absl::StrCat(f, ": missing; expected an RE2 pattern"));
        absl::StatusOr<std::unique_ptr<RE2>> re = Pattern(j.at(std::string(f)).get<std::string>(), where, f);
        if (!re.ok()) return re.status();
        (f == "key" ? r.key_pattern : r.value_pattern) = *std::move(re);
      }
    } else if (t == "requiredAnnotations") {
      absl::StatusOr<std::vector<std::string>> keys = Strings(j, where, "keys", true);
      if (!keys.ok()) return keys.status();
      r.values = *std::move(keys);
    } else if (t == "requiredNamespaces" || t == "forbiddenNamespaces") {
      absl::StatusOr<std::vector<std::string>> ns = Strings(j, where, "namespaces", true);
      if (!ns.ok()) return ns.status();
      for (size_t i = 0; i < ns->size(); ++i) {
        if (absl::Status s = CheckNamespaceType((*ns)[i]); !s.ok()) return Error(where, absl::StrCat("namespaces[", i, "]: ", s.message()));
      }
      r.values = *std::move(ns);
    } else if (t == "rlimitBounds") {
      static const RE2 kRlimit("RLIMIT_[A-Z]+");
      if (!j.contains("rlimit") || !j.at("rlimit").is_string() || !RE2::FullMatch(j.at("rlimit").get<std::string>(), kRlimit)) {
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
    }
    if (r.rule.title.empty()) r.rule.title = absl::StrCat("policy rule ", r.type);
    r.rule.rationale = r.message.empty() ? absl::StrCat("custom ", r.type, " rule of ", source_) : r.message;
    return absl::OkStatus();
  }

 private:
  std::string source_;
};

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

bool MatchesAny(const std::vector<std::unique_ptr<RE2>>& patterns, absl::string_view value);

std::string PatternList(const std::vector<std::unique_ptr<RE2>>& patterns);

void CheckPolicyRule(const LintContext& ctx, const LintPolicyRule& r);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/policy_file-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_POLICY_FILE_H_
