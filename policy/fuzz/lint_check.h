// File: policy/fuzz/lint_check.h
//
// What the lint fuzz targets assert about a LintResult: every finding names a
// rule of the catalogue (built-in or of the given policies), has a message,
// and points at a line of the text (or at none).
//
// Example:
//   const ocikit::LintResult r = ocikit::LintConfigText(text, options);
//   ocikit::fuzz::CheckFindings(r, text, options.policies);
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_FUZZ_LINT_CHECK_H_
#define OCIKIT_POLICY_FUZZ_LINT_CHECK_H_

#include <algorithm>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "spec/fuzz/check.h"

namespace ocikit::fuzz {

inline void CheckFindings(const LintResult& result, absl::string_view text,
                          const std::vector<const LintPolicy*>& policies) {
  const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const LintFinding& f : result.findings) {
    OCIKIT_FUZZ_CHECK(FindLintRule(f.rule_id, policies) != nullptr, "a finding of no known rule: ", f.rule_id);
    OCIKIT_FUZZ_CHECK(!f.Text().empty(), f.rule_id, ": a finding without a message");
    OCIKIT_FUZZ_CHECK(text.empty() || f.line <= lines, f.rule_id, ": line ", f.line, " of a text of ", lines,
                      " lines");
  }
}

}  // namespace ocikit::fuzz

#endif  // OCIKIT_POLICY_FUZZ_LINT_CHECK_H_
