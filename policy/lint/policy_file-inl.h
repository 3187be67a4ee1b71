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
#include "policy/lint/types.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/namespaces.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<absl::string_view>& LintPolicyRuleTypes() {
  static const std::vector<absl::string_view> kTypes = {
      "allowedCapabilities",   "deniedCapabilities",       "requiredMaskedPaths",     "requiredReadonlyPaths",
      "allowedMountSources",   "deniedMountSources",       "allowedMountDestinations", "deniedMountDestinations",
      "allowedAnnotationKeys", "annotationValues",         "requiredAnnotations",     "requiredNamespaces",
      "forbiddenNamespaces",   "rlimitBounds",             "forbiddenEnv"};
  return kTypes;
}

OCIKIT_INLINE absl::StatusOr<LintPolicy> ReadLintPolicyFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, 16 << 20);
  if (!text.ok()) return text.status();
  return ParseLintPolicy(*text, path);
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

OCIKIT_INLINE void CheckPolicyRule(const LintContext& ctx, const LintPolicyRule& r) {
  const Spec& s = ctx.spec;
  const auto report = [&](FieldPath path, std::string text) { ctx.Report(r.rule, std::move(path), std::move(text)); };
  const std::string& t = r.type;
  if (t == "allowedCapabilities" || t == "deniedCapabilities") {
    if (!s.process || !s.process->capabilities) return;
    const LinuxCapabilities& c = *s.process->capabilities;
    const std::pair<absl::string_view, const std::vector<std::string>*> sets[] = {
        {"bounding", &c.bounding}, {"effective", &c.effective}, {"inheritable", &c.inheritable},
        {"permitted", &c.permitted}, {"ambient", &c.ambient}};
    const bool allow = t == "allowedCapabilities";
    for (const auto& [name, set] : sets) {
      if (!LintContains(r.sets, name)) continue;
      for (size_t i = 0; i < set->size(); ++i) {
        if (LintContains(r.values, (*set)[i]) == allow) continue;
        report(LintPath("process", "capabilities", name).Index(i),
               absl::StrCat(LintQuote((*set)[i]), allow ? " is not an allowed capability; " : " is a denied capability; ",
                            PolicyExpected(r, allow ? (r.values.empty() ? std::string("no capabilities")
                                                                        : absl::StrCat("only ", absl::StrJoin(r.values, ", ")))
                                                    : std::string("it dropped"))));
      }
    }
  } else if (t == "requiredMaskedPaths" || t == "requiredReadonlyPaths") {
    const bool masked = t == "requiredMaskedPaths";
    static const std::vector<std::string> kNone;
    const std::vector<std::string>& list =
        !s.linux_section ? kNone : masked ? s.linux_section->masked_paths : s.linux_section->readonly_paths;
    for (const std::string& want : r.values) {
      bool found = false;
      for (const std::string& have : list) found = found || CleanPath(have) == want;
      if (!found) {
        report(LinuxPath(masked ? "maskedPaths" : "readonlyPaths"),
               absl::StrCat(LintQuote(want), " is not ", masked ? "masked" : "read-only", "; ",
                            PolicyExpected(r, absl::StrCat("it in linux.", masked ? "maskedPaths" : "readonlyPaths"))));
      }
    }
  } else if (absl::StrContains(t, "Mount")) {
    const bool source = absl::StrContains(t, "Sources");
    const bool allow = absl::StartsWith(t, "allowed");
    for (size_t i = 0; i < s.mounts.size(); ++i) {
      const Mount& m = s.mounts[i];
      if (!r.mount_types.empty() && !LintContains(r.mount_types, m.type)) continue;
      const std::string& value = source ? m.source : m.destination;
      if (source && value.empty()) continue;
      if (MatchesAny(r.patterns, value) == allow) continue;
      report(FieldPath().Field("mounts").Index(i).Field(source ? "source" : "destination"),
             absl::StrCat(LintQuote(value), allow ? " matches no allowed pattern; " : " matches a denied pattern; ",
                          PolicyExpected(r, allow ? absl::StrCat("a match of ", PatternList(r.patterns))
                                                  : absl::StrCat("no match of ", PatternList(r.patterns)))));
    }
  } else if (t == "allowedAnnotationKeys") {
    for (const auto& [key, value] : s.annotations) {
      if (!MatchesAny(r.patterns, key)) {
        report(FieldPath().Field("annotations").Key(key),
               absl::StrCat(LintQuote(key), " matches no allowed key pattern; ", PolicyExpected(r, absl::StrCat("a match of ", PatternList(r.patterns)))));
      }
    }
  } else if (t == "annotationValues") {
    for (const auto& [key, value] : s.annotations) {
      if (RE2::FullMatch(key, *r.key_pattern) && !RE2::FullMatch(value, *r.value_pattern)) {
        report(FieldPath().Field("annotations").Key(key),
               absl::StrCat("value ", LintQuote(value), " does not match; ", PolicyExpected(r, absl::StrCat("a match of ", LintQuote(r.value_pattern->pattern())))));
      }
    }
  } else if (t == "requiredAnnotations") {
    for (const std::string& key : r.values) {
      if (s.annotations.find(key) == s.annotations.end()) {
        report(FieldPath().Field("annotations"), absl::StrCat(LintQuote(key), " is missing; ", PolicyExpected(r, "the annotation to be set")));
      }
    }
  } else if (t == "requiredNamespaces" || t == "forbiddenNamespaces") {
    const bool required = t == "requiredNamespaces";
    for (const std::string& type : r.values) {
      const LinuxNamespace* ns = FindNamespace(s, type);
      if (required && ns == nullptr) {
        report(LinuxPath("namespaces"), absl::StrCat("no ", type, " namespace; ", PolicyExpected(r, absl::StrCat("{\"type\": \"", type, "\"}"))));
      } else if (!required && ns != nullptr) {
        const size_t i = static_cast<size_t>(ns - s.linux_section->namespaces.data());
        report(LinuxPath("namespaces").Index(i), absl::StrCat("a ", type, " namespace is set; ", PolicyExpected(r, "no such namespace")));
      }
    }
  } else if (t == "rlimitBounds") {
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
      if (r.required) report(LintPath("process", "rlimits"), absl::StrCat(r.rlimit, " is not set; ", PolicyExpected(r, "an explicit limit")));
      return;
    }
    const FieldPath path = LintPath("process", "rlimits").Index(index);
    const auto bound = [&](absl::string_view field, uint64_t value, const std::optional<uint64_t>& lo, const std::optional<uint64_t>& hi) {
      if (lo && value < *lo) report(path.Field(field), absl::StrCat(value, " is below ", *lo, "; ", PolicyExpected(r, absl::StrCat("at least ", *lo))));
      if (hi && value > *hi) report(path.Field(field), absl::StrCat(value, " is above ", *hi, "; ", PolicyExpected(r, absl::StrCat("at most ", *hi))));
    };
    bound("soft", found->soft, r.min_soft, r.max_soft);
    bound("hard", found->hard, r.min_hard, r.max_hard);
  } else if (t == "forbiddenEnv") {
    if (!s.process) return;
    for (size_t i = 0; i < s.process->env.size(); ++i) {
      const std::string& e = s.process->env[i];
      const absl::string_view name = absl::string_view(e).substr(0, e.find('='));
      if (MatchesAny(r.patterns, name)) {
        report(LintPath("process", "env").Index(i), absl::StrCat("variable ", LintQuote(name), " is forbidden; ", PolicyExpected(r, "no such variable (pass secrets as files)")));
      }
    }
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
