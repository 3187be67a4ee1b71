// File: policy/lint_context.h
//
// What every lint check receives: the spec, the options, the sink to report
// into, the declared runtime-spec version and the platform the config is for.
// Also the small helpers several rule families share: SemVer parsing of
// ociVersion, "did you mean" for enumerated values, namespace lookups and
// path builders.
//
// Platform: a config with a `windows` section and no `linux` section is a
// Windows config; one with only `solaris` is a Solaris config; everything
// else is checked as Linux (runtime-tools picks the platform with a flag;
// config.json itself says it through its platform sections).
//
// Example:
//   std::optional<OciVersion> v = ParseOciVersion("1.0.2-dev");
//   v->AtLeast(1, 0, 2);  // true: a development version counts as its release
#ifndef OCIKIT_POLICY_LINT_CONTEXT_H_
#define OCIKIT_POLICY_LINT_CONTEXT_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint_types.h"
#include "spec/config.h"
#include "spec/field_catalog.h"
#include "spec/field_path.h"
#include "spec/internal/edit_distance.h"

namespace ocikit {

// OciVersion
//
// A SemVer 2.0.0 version; `pre` is the pre-release part ("dev", "rc.1").
struct OciVersion {
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  std::string pre;

  // Compares the release numbers only: a development or release-candidate
  // version ("1.0.2-dev", runc's) is taken as the release it leads to.
  bool AtLeast(uint64_t ma, uint64_t mi, uint64_t pa) const {
    return std::tie(major, minor, patch) >= std::tie(ma, mi, pa);
  }
  bool AtLeast(const OciVersion& o) const { return AtLeast(o.major, o.minor, o.patch); }
  std::string Release() const { return absl::StrCat(major, ".", minor, ".", patch); }
};

// ParseOciVersion()
//
// A SemVer 2.0.0 version ("1.3.0", "1.0.2-dev", "1.1.0-rc.1+build"), or nullopt.
inline std::optional<OciVersion> ParseOciVersion(absl::string_view text) {
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
      if (pre) v.pre = std::string(text.substr(start, pos - start));
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

// The version this model implements, parsed once.
inline const OciVersion& CurrentOciVersion() {
  static const OciVersion* kCurrent = new OciVersion(*ParseOciVersion(kOciVersion));
  return *kCurrent;
}

// The runtime-spec releases of the 1.x line, oldest first.
inline const std::vector<absl::string_view>& ReleasedOciVersions() {
  static const std::vector<absl::string_view> kReleases = {"1.0.0", "1.0.1", "1.0.2", "1.1.0",
                                                           "1.2.0", "1.2.1", "1.3.0"};
  return kReleases;
}

// The platform a config is for.
enum class LintPlatform { kLinux, kWindows, kSolaris };

namespace internal {

// Everything a check needs.
struct LintContext {
  const Spec& spec;
  const LintOptions& options;
  LintSink& sink;
  OciVersion version;  // declared (1.3.0 when missing or unparsable)
  LintPlatform platform = LintPlatform::kLinux;

  bool On(absl::string_view id) const { return sink.On(id); }
  void Report(absl::string_view id, FieldPath path, std::string message,
              std::optional<LintSeverity> severity = std::nullopt) const {
    sink.Report(id, std::move(path), std::move(message), severity);
  }
};

inline LintPlatform InferPlatform(const Spec& spec) {
  if (spec.linux_section) return LintPlatform::kLinux;
  if (spec.windows) return LintPlatform::kWindows;
  if (spec.solaris) return LintPlatform::kSolaris;
  return LintPlatform::kLinux;
}

// `value` in quotes, JSON-escaped: "\"a\\nb\"".
inline std::string LintQuote(absl::string_view value) {
  std::string out;
  json::AppendQuoted(out, value);
  return out;
}

// "a, b or c".
inline std::string LintOneOf(const std::vector<absl::string_view>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out.append(values[i].data(), values[i].size());
  }
  return out;
}

// The closest of `known` to `value` (case-insensitive edit distance of at
// most 2, less than the value's length), or "".
inline absl::string_view LintClosest(absl::string_view value, const std::vector<absl::string_view>& known) {
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

// "; did you mean \"X\"?" for the closest known value, or "".
inline std::string LintDidYouMean(absl::string_view value, const std::vector<absl::string_view>& known) {
  const absl::string_view best = LintClosest(value, known);
  return best.empty() ? std::string() : absl::StrCat("; did you mean ", LintQuote(best), "?");
}

inline bool LintContains(const std::vector<absl::string_view>& list, absl::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}
inline bool LintContains(const std::vector<std::string>& list, absl::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// The namespace entry of `type`, or nullptr.
inline const LinuxNamespace* FindNamespace(const Spec& spec, absl::string_view type) {
  if (!spec.linux_section) return nullptr;
  for (const LinuxNamespace& ns : spec.linux_section->namespaces) {
    if (ns.type == type) return &ns;
  }
  return nullptr;
}

// Whether the container gets a new namespace of `type` (an entry without a path).
inline bool HasNewNamespace(const Spec& spec, absl::string_view type) {
  const LinuxNamespace* ns = FindNamespace(spec, type);
  return ns != nullptr && ns->path.empty();
}

// Path builders: LintPath("process", "cwd") is process.cwd.
inline FieldPath LintPath(absl::string_view a) { return FieldPath().Field(a); }
inline FieldPath LintPath(absl::string_view a, absl::string_view b) { return FieldPath().Field(a).Field(b); }
inline FieldPath LintPath(absl::string_view a, absl::string_view b, absl::string_view c) {
  return FieldPath().Field(a).Field(b).Field(c);
}
inline FieldPath LinuxPath(absl::string_view field) { return FieldPath().Field("linux").Field(field); }
inline FieldPath ResourcesPath(absl::string_view field) {
  return FieldPath().Field("linux").Field("resources").Field(field);
}

// Whether `path` is absolute for the platform (Windows: "X:\...").
inline bool IsAbsoluteFor(LintPlatform platform, absl::string_view path) {
  if (platform == LintPlatform::kWindows) {
    return path.size() >= 3 && absl::ascii_isalpha(path[0]) && path[1] == ':' && path[2] == '\\';
  }
  return !path.empty() && path[0] == '/';
}

}  // namespace internal

}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_CONTEXT_H_
