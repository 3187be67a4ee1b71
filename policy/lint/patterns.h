// File: policy/lint/patterns.h
//
// The linter's fixed text patterns, each matched by a small function instead
// of a static RE2. Each function is exactly RE2::FullMatch of the pattern in
// its comment; patterns_test holds them to it on every string up to a length
// over an alphabet that covers each character class and its edges.
//
// Why by hand: ocikit-runtime checks one config.json per process, so every
// static RE2 the linter reaches is compiled once per container. Compiling
// `[A-Za-z]{2,6}(\.[A-Za-z0-9-]{1,63})+` alone took 0.9 M instructions
// (callgrind), more than parsing Podman's 11 KB config.json; the four
// patterns a typical create reached were 18% of the gate's work.
//
// Example:
//   internal::IsRlimitType("RLIMIT_NOFILE");       // true
//   internal::IsReverseDomainKey("com.example.k");  // true
//
// Dependencies: absl_strings
#ifndef OCIKIT_POLICY_LINT_PATTERNS_H_
#define OCIKIT_POLICY_LINT_PATTERNS_H_

#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"

namespace ocikit::internal {

// RLIMIT_[A-Z]+
inline bool IsRlimitType(absl::string_view s) {
  constexpr absl::string_view kPrefix = "RLIMIT_";
  if (s.size() <= kPrefix.size() || !absl::StartsWith(s, kPrefix)) return false;
  for (const char c : s.substr(kPrefix.size())) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// [A-Za-z]{2,6}(\.[A-Za-z0-9-]{1,63})+
inline bool IsReverseDomainKey(absl::string_view s) {
  size_t pos = 0;
  while (pos < s.size() && absl::ascii_isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos < 2 || pos > 6 || pos == s.size()) return false;
  while (pos < s.size()) {
    if (s[pos++] != '.') return false;
    const size_t start = pos;
    while (pos < s.size() && (absl::ascii_isalnum(static_cast<unsigned char>(s[pos])) || s[pos] == '-')) ++pos;
    if (pos == start || pos - start > 63) return false;
  }
  return true;
}

// /proc/(self|thread-self|[0-9]+)/fd(/.*)?   (`.` is any character but '\n')
inline bool IsProcFdPath(absl::string_view s) {
  if (!absl::ConsumePrefix(&s, "/proc/")) return false;
  const size_t slash = s.find('/');
  if (slash == absl::string_view::npos) return false;
  const absl::string_view pid = s.substr(0, slash);
  const bool digits = !pid.empty() && pid.find_first_not_of("0123456789") == absl::string_view::npos;
  if (pid != "self" && pid != "thread-self" && !digits) return false;
  s.remove_prefix(slash);
  if (!absl::ConsumePrefix(&s, "/fd")) return false;
  return s.empty() || (s[0] == '/' && s.find('\n') == absl::string_view::npos);
}

// [0-9, -]*
inline bool IsCpuList(absl::string_view s) { return s.find_first_not_of("0123456789, -") == absl::string_view::npos; }

// [1-9][0-9]*[KMG]B
inline bool IsHugepageSize(absl::string_view s) {
  if (s.size() < 3 || s[0] < '1' || s[0] > '9' || s.back() != 'B') return false;
  const char unit = s[s.size() - 2];
  if (unit != 'K' && unit != 'M' && unit != 'G') return false;
  return s.substr(1, s.size() - 3).find_first_not_of("0123456789") == absl::string_view::npos;
}

}  // namespace ocikit::internal

#endif  // OCIKIT_POLICY_LINT_PATTERNS_H_
