// File: policy/lint/context-inl.h
//
// Definitions of policy/lint/context.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_CONTEXT_INL_H_
#define OCIKIT_POLICY_LINT_CONTEXT_INL_H_

#include "policy/lint/context.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/field_catalog.h"
#include "spec/field_path.h"
#include "spec/internal/edit_distance.h"

namespace ocikit {

OCIKIT_INLINE std::optional<OciVersion> ParseOciVersion(absl::string_view text) {
  OciVersion v;
  size_t pos = 0;
  const auto number = [&](uint64_t& out) {
    const size_t start = pos;
    while (pos < text.size() && absl::ascii_isdigit(text[pos])) ++pos;
    if (pos == start || (text[start] == '0' && pos - start > 1)) return false;  // no leading zeros
    return absl::SimpleAtoi(text.substr(start, pos - start), &out);
  };
  const auto dot = [&] { return pos < text.size() && text[pos++] == '.'; };
  if (!number(v.major) || !dot() || !number(v.minor) || !dot() || !number(v.patch)) return std::nullopt;
  // Dot-separated identifiers of [0-9A-Za-z-]; numeric pre-release ones without leading zeros.
  const auto identifiers = [&](bool pre) {
    const size_t start = pos;
    while (true) {
      const size_t id = pos;
      bool numeric = true;
      while (pos < text.size() && (absl::ascii_isalnum(text[pos]) || text[pos] == '-')) {
        numeric = numeric && absl::ascii_isdigit(text[pos]);
        ++pos;
      }
      if (pos == id || (pre && numeric && pos - id > 1 && text[id] == '0')) return false;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        continue;
      }
      (pre ? v.pre : v.build) = std::string(text.substr(start, pos - start));
      return true;
    }
  };
  if (pos < text.size() && text[pos] == '-') {
    ++pos;
    if (!identifiers(true)) return std::nullopt;
  }
  if (pos < text.size() && text[pos] == '+') {
    ++pos;
    if (!identifiers(false)) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return v;
}

OCIKIT_INLINE const OciVersion& CurrentOciVersion() {
  static const OciVersion* kCurrent = new OciVersion(*ParseOciVersion(kOciVersion));
  return *kCurrent;
}

OCIKIT_INLINE const std::vector<absl::string_view>& ReleasedOciVersions() {
  static const std::vector<absl::string_view> kReleases = {"1.0.0", "1.0.1", "1.0.2", "1.1.0",
                                                           "1.2.0", "1.2.1", "1.3.0"};
  return kReleases;
}

namespace internal {

OCIKIT_INLINE LintPlatform InferPlatform(const Spec& spec) {
  if (spec.linux_section) return LintPlatform::kLinux;
  if (spec.windows) return LintPlatform::kWindows;
  if (spec.solaris) return LintPlatform::kSolaris;
  return LintPlatform::kLinux;
}

OCIKIT_INLINE std::string LintQuote(absl::string_view value) {
  std::string out;
  json::AppendQuoted(out, value);
  return out;
}

OCIKIT_INLINE std::string LintOneOf(const std::vector<absl::string_view>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out.append(values[i].data(), values[i].size());
  }
  return out;
}

OCIKIT_INLINE absl::string_view LintClosest(absl::string_view value, const std::vector<absl::string_view>& known) {
  const std::string lower = absl::AsciiStrToLower(value);
  absl::string_view best;
  size_t best_distance = 3;
  for (const absl::string_view k : known) {
    const size_t d = EditDistance(lower, absl::AsciiStrToLower(k));
    if (d < best_distance && d < value.size()) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

OCIKIT_INLINE std::string LintDidYouMean(absl::string_view value, const std::vector<absl::string_view>& known) {
  const absl::string_view best = LintClosest(value, known);
  return best.empty() ? std::string() : absl::StrCat("; did you mean ", LintQuote(best), "?");
}

OCIKIT_INLINE bool LintContains(const std::vector<absl::string_view>& list, absl::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

OCIKIT_INLINE bool LintContains(const std::vector<std::string>& list, absl::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

OCIKIT_INLINE const LinuxNamespace* FindNamespace(const Spec& spec, absl::string_view type) {
  if (!spec.linux_section) return nullptr;
  for (const LinuxNamespace& ns : spec.linux_section->namespaces) {
    if (ns.type == type) return &ns;
  }
  return nullptr;
}

OCIKIT_INLINE bool HasNewNamespace(const Spec& spec, absl::string_view type) {
  const LinuxNamespace* ns = FindNamespace(spec, type);
  return ns != nullptr && ns->path.empty();
}

OCIKIT_INLINE std::array<NamedHooks, 6> HookKinds(const Hooks& h) {
  return {{{"prestart", &h.prestart},
           {"createRuntime", &h.create_runtime},
           {"createContainer", &h.create_container},
           {"startContainer", &h.start_container},
           {"poststart", &h.poststart},
           {"poststop", &h.poststop}}};
}

OCIKIT_INLINE std::array<NamedCapabilitySet, 5> CapabilitySets(const LinuxCapabilities& c) {
  return {{{"bounding", &c.bounding},
           {"effective", &c.effective},
           {"inheritable", &c.inheritable},
           {"permitted", &c.permitted},
           {"ambient", &c.ambient}}};
}

OCIKIT_INLINE FieldPath LintPath(absl::string_view a) { return FieldPath().Field(a); }

OCIKIT_INLINE FieldPath LintPath(absl::string_view a, absl::string_view b) { return FieldPath().Field(a).Field(b); }

OCIKIT_INLINE FieldPath LintPath(absl::string_view a, absl::string_view b, absl::string_view c) {
  return FieldPath().Field(a).Field(b).Field(c);
}

OCIKIT_INLINE FieldPath LinuxPath(absl::string_view field) { return FieldPath().Field("linux").Field(field); }

OCIKIT_INLINE FieldPath ResourcesPath(absl::string_view field) {
  return FieldPath().Field("linux").Field("resources").Field(field);
}

OCIKIT_INLINE bool IsAbsoluteFor(LintPlatform platform, absl::string_view path) {
  if (platform == LintPlatform::kWindows) {
    return path.size() >= 3 && absl::ascii_isalpha(path[0]) && path[1] == ':' && path[2] == '\\';
  }
  return !path.empty() && path[0] == '/';
}
}  // namespace internal
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_CONTEXT_INL_H_
