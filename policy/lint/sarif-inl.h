// File: policy/lint/sarif-inl.h
//
// Definitions of policy/lint/sarif.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_SARIF_INL_H_
#define OCIKIT_POLICY_LINT_SARIF_INL_H_

#include "policy/lint/sarif.h"
#include "spec/internal/compile_mode.h"
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "policy/lint/output.h"
#include "policy/lint/types.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string SarifText(absl::string_view text) {
  constexpr size_t kMax = 1024;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;  // keep UTF-8 whole
  return absl::StrCat(text.substr(0, cut), "...");
}

OCIKIT_INLINE absl::string_view SarifLevel(LintSeverity s) {
  return s == LintSeverity::kInfo ? absl::string_view("note") : LintSeverityName(s);
}

OCIKIT_INLINE uint64_t Fnv1a64(absl::string_view data, uint64_t h) {
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

OCIKIT_INLINE nlohmann::ordered_json SarifRule(const LintRule& r) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["shortDescription"] = {{"text", SarifText(r.title)}};
  j["fullDescription"] = {{"text", SarifText(r.rationale.empty() ? r.title : r.rationale)}};
  const std::string help = absl::StrCat(r.rationale, r.fix.empty() ? "" : absl::StrCat(" Fix: ", r.fix, "."),
                                        r.reference.empty() ? "" : absl::StrCat(" Reference: ", r.reference, "."));
  const std::string markdown =
      absl::StrCat("**", r.id, " ", r.name, "**: ", r.title, "\n\n", r.rationale, "\n\n",
                   r.fix.empty() ? "" : absl::StrCat("**Fix:** ", r.fix, "\n\n"),
                   r.reference.empty() ? "" : absl::StrCat("**Reference:** ", r.reference, "\n"));
  j["help"] = {{"text", help}, {"markdown", markdown}};
  j["defaultConfiguration"] = {{"level", std::string(SarifLevel(r.severity))}};
  Json props;
  Json tags = Json::array();
  tags.push_back("oci");
  tags.push_back(std::string(LintFamilyName(r.family)));
  if (r.family == LintFamily::kSecurity) tags.push_back("security");
  if (r.profile != LintProfile::kNone) tags.push_back(std::string(LintProfileName(r.profile)));
  props["tags"] = std::move(tags);
  props["precision"] = r.family == LintFamily::kSecurity ? "high" : "very-high";
  props["problem.severity"] = r.severity == LintSeverity::kInfo ? "recommendation" : std::string(SarifLevel(r.severity));
  if (r.family == LintFamily::kSecurity) {
    props["security-severity"] = r.severity == LintSeverity::kError ? "8.0" : r.severity == LintSeverity::kWarning ? "5.0" : "2.0";
  }
  j["properties"] = std::move(props);
  return j;
}
}  // namespace internal

OCIKIT_INLINE std::string SarifUri(absl::string_view file) {
  if (file == "-" || file == "<stdin>") return "stdin";
  std::string out = absl::StartsWith(file, "/") ? "file://" : "";
  for (const char c : file) {
    const unsigned char u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       absl::string_view("-._~/").find(c) != absl::string_view::npos;
    if (plain) {
      out.push_back(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(u, absl::kZeroPad2));
    }
  }
  // absl::Hex prints lower case; RFC 3986 recommends upper case.
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%' && i + 2 < out.size()) {
      out[i + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 1])));
      out[i + 2] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 2])));
    }
  }
  return out;
}

OCIKIT_INLINE std::string FormatLintSarif(const std::vector<LintFileResult>& results, const std::vector<const LintRule*>& rules) {
  using Json = nlohmann::ordered_json;
  Json driver;
  driver["name"] = "ocikit";
  driver["version"] = std::string(kLintToolVersion);
  driver["semanticVersion"] = std::string(kLintToolVersion);
  driver["rules"] = Json::array();
  // Only the rules that have results, in catalogue order (the full catalogue
  // is --list-rules); ruleIndex points into this list.
  absl::flat_hash_set<std::string> used;
  for (const LintFileResult& file : results) {
    for (const LintFinding& f : file.result.findings) used.insert(f.rule_id);
  }
  absl::flat_hash_map<std::string, size_t> index;
  for (const LintRule* r : rules) {
    if (!used.contains(r->id) || index.contains(r->id)) continue;
    index.emplace(r->id, index.size());
    driver["rules"].push_back(internal::SarifRule(*r));
  }
  Json out_results = Json::array();
  for (const LintFileResult& file : results) {
    const std::string uri = SarifUri(file.file);
    absl::flat_hash_map<uint64_t, size_t> occurrences;
    for (const LintFinding& f : file.result.findings) {
      Json j;
      j["ruleId"] = f.rule_id;
      if (const auto it = index.find(f.rule_id); it != index.end()) j["ruleIndex"] = it->second;
      j["level"] = std::string(internal::SarifLevel(f.severity));
      j["message"] = {{"text", f.Text()}};
      const size_t line = f.line > 0 ? f.line : 1;
      const size_t column = f.char_column > 0 ? f.char_column : 1;
      const size_t end_column = f.char_end_column > column ? f.char_end_column : column + 1;
      Json region = {{"startLine", line}, {"startColumn", column}, {"endLine", line}, {"endColumn", end_column}};
      Json location;
      location["physicalLocation"] = {{"artifactLocation", {{"uri", uri}}}, {"region", std::move(region)}};
      Json logical = Json::object();
      logical["fullyQualifiedName"] = f.path.ToString();
      logical["kind"] = "member";
      location["logicalLocations"] = Json::array();
      location["logicalLocations"].push_back(std::move(logical));
      j["locations"] = Json::array();
      j["locations"].push_back(std::move(location));
      const uint64_t h = internal::Fnv1a64(absl::StrCat(f.rule_id, "\x1f", f.path.ToString(), "\x1f", uri));
      const size_t n = ++occurrences[h];
      const std::string hash = absl::StrCat(absl::Hex(h, absl::kZeroPad16), ":", n);
      j["partialFingerprints"] = {{"primaryLocationLineHash", hash}, {"ocikitFindingHash/v1", hash}};
      out_results.push_back(std::move(j));
    }
  }
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(out_results);
  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array();
  log["runs"].push_back(std::move(run));
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_SARIF_INL_H_
