// File: policy/lint/types.h
//
// The vocabulary of `ocikit lint`: severities, rule families and profiles, the
// rule descriptor (LintRule) that --list-rules, --explain and SARIF print,
// a finding (LintFinding), the options (LintOptions), and the sink that rule
// checks report into (internal::LintSink).
//
// Rule ids are stable; their prefix names the family:
//   OCI0xx  input (unreadable or not a config.json)
//   OCI1xx  conformance: runtime-spec v1.3.0 text, its JSON Schema, and every
//           configuration-only check of runtime-tools `validate`
//   HOST2xx host checks (--host), bundle checks (a bundle directory) and
//           runtime checks against a features.json (--features)
//   TYPO3xx unknown fields and likely typos
//   SEC4xx  security profiles (--profile baseline|restricted)
//   SCMP5xx seccomp (libseccomp name resolution and BPF compilation)
//   custom  rules of policy files, with the ids the files give them
//
// Severities: `error` for what the specification or its schema forbids (or
// runtime-tools rejects); `warning` for SHOULD-level rules, for what a major
// runtime (runc, crun) refuses although the specification allows it, and
// for likely mistakes; `info` for advice.
//
// Example:
//   LintOptions options;
//   options.profile = LintProfile::kBaseline;
//   LintResult result = LintConfigText(text, options);  // policy/lint/lint.h
//   for (const LintFinding& f : result.findings) { ... f.rule_id, f.line ... }
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_TYPES_H_
#define OCIKIT_POLICY_LINT_TYPES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "spec/field_path.h"

namespace ocikit {

// LintSeverity
//
// Ordered: info < warning < error.
enum class LintSeverity { kInfo = 0, kWarning = 1, kError = 2 };

// "error", "warning" or "info".
absl::string_view LintSeverityName(LintSeverity s);

// The severity named "error", "warning" or "info"; nullopt otherwise.
std::optional<LintSeverity> ParseLintSeverity(absl::string_view name);

// LintFamily
//
// Which group a rule belongs to, and so when it runs.
enum class LintFamily {
  kInput,        // always
  kConformance,  // always
  kHost,         // with LintOptions::host (or bundle mode for the bundle rules)
  kBundle,       // when a bundle directory is linted
  kRuntime,      // with LintOptions::features (a runtime's features.json)
  kTypo,         // always
  kSecurity,     // with a profile
  kSeccomp,      // always; the libseccomp part with LintOptions::libseccomp
  kPolicy,       // from policy files
};

absl::string_view LintFamilyName(LintFamily f);

// LintProfile
//
// Security profiles, after the Kubernetes Pod Security Standards: restricted
// includes baseline.
enum class LintProfile { kNone = 0, kBaseline = 1, kRestricted = 2 };

absl::string_view LintProfileName(LintProfile p);

// LintRule
//
// One rule of the catalogue. `profile` is the least profile that enables a
// security rule (kNone for the other families). `strict` rules become errors
// with LintOptions::strict. `severity_note` says when a finding has another
// severity than the default ("info in a template"); the catalogue prints it
// after the severity.
//
// The texts are views: the built-in rules (policy/lint/rules.h) view string
// literals, so the catalogue is constant-initialized, with no start-up code
// in any program that includes it; a policy file's rules view the texts
// their LintPolicyRule owns.
struct LintRule {
  absl::string_view id;    // "OCI121"
  absl::string_view name;  // "process-cwd-absolute"
  LintFamily family = LintFamily::kConformance;
  LintSeverity severity = LintSeverity::kError;  // the default; a finding may differ
  LintProfile profile = LintProfile::kNone;
  bool strict = false;
  absl::string_view severity_note = {};  // "" or e.g. "info in a template"
  absl::string_view title;      // one line
  absl::string_view rationale;  // why it matters
  absl::string_view reference;  // upstream reference (spec section, runtime-tools code, CVE, ...)
  absl::string_view fix;        // what to change
};

// LintFinding
//
// One problem. `message` says what is wrong and what is expected; `path` is
// the JSON path it concerns. `line`/`column` (1-based, column in bytes) are
// those of the path in the input (its key, or the element), 0 when unknown;
// `char_column` is the column in Unicode code points and `end_column` the
// byte column just after the key or value token.
struct LintFinding {
  std::string rule_id;
  LintSeverity severity = LintSeverity::kError;
  FieldPath path;
  std::string message;
  size_t line = 0;
  size_t column = 0;
  size_t char_column = 0;
  size_t end_column = 0;
  size_t char_end_column = 0;

  // "process.cwd: \"x\" is not absolute; expected ..." (the path, then the message).
  std::string Text() const { return path.empty() ? message : path.ToString() + ": " + message; }
};

struct LintPolicy;            // policy/lint/policy_file.h
struct LintRuntimeFeatures;   // policy/lint/host.h

// LintOptions
//
// What to check. The defaults run conformance, typo and seccomp checks
// (libseccomp included).
struct LintOptions {
  LintProfile profile = LintProfile::kNone;
  bool strict = false;  // TYPO3xx and unknown capabilities become errors
  bool host = false;    // HOST2xx checks against the running host
  std::string host_root;        // prefix of host paths ("" = "/"), for tests and chroots
  // A bundle's config runs as it is; a template (containerd's default spec,
  // `ocikit spec` without COMMAND, BuildKit's) gets its command later. A
  // config is linted as a template unless `bundle` is set (--bundle) or it
  // was found in a bundle directory (bundle_dir); only OCI120 differs.
  bool bundle = false;
  std::string bundle_dir;       // non-empty: the bundle the config belongs to (bundle checks; implies `bundle`)
  std::string config_path;      // the config.json file, for mode and relative-root checks
  bool libseccomp = true;       // resolve syscall names and compile the filter
  std::string seccomp_arch;     // target of the compiled filter; "" = libseccomp's native one
  std::vector<std::string> disabled;  // rule ids not to report
  std::vector<const LintPolicy*> policies;  // custom rules; not owned
  const LintRuntimeFeatures* features = nullptr;  // the target runtime's features.json; not owned

  // Whether the config is linted as a bundle's (strictly) rather than as a template.
  bool AsBundle() const { return bundle || !bundle_dir.empty(); }
};

// LintResult
//
// The findings of one config, ordered by position (then by check order).
struct LintResult {
  std::vector<LintFinding> findings;

  size_t Count(LintSeverity s) const {
    size_t n = 0;
    for (const LintFinding& f : findings) n += f.severity == s ? 1 : 0;
    return n;
  }
  // Whether a finding is at `threshold` or above.
  bool Fails(LintSeverity threshold) const {
    for (const LintFinding& f : findings) {
      if (f.severity >= threshold) return true;
    }
    return false;
  }
};

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// Where checks report: through the rule object (policy/lint/rules.h for the
// built-in ones, LintPolicyRule::rule for policy files), which carries the
// default severity. It knows the disabled ids and --strict.
class LintSink {
 public:
  LintSink(const LintOptions& options, std::vector<LintFinding>& out) : options_(options), out_(out) {
    for (const std::string& id : options.disabled) disabled_.insert(id);
  }

  const LintOptions& options() const { return options_; }

  // Whether `rule` is reported at all (not disabled); lets checks skip work.
  bool On(const LintRule& rule) const { return disabled_.empty() || !disabled_.contains(rule.id); }

  // Reports a finding of `rule` at its default severity, or `severity`.
  void Report(const LintRule& rule, FieldPath path, std::string message,
              std::optional<LintSeverity> severity = std::nullopt) {
    if (!On(rule)) return;
    LintSeverity s = severity.value_or(rule.severity);
    if (options_.strict && rule.strict) s = LintSeverity::kError;
    LintFinding& f = out_.emplace_back();
    f.rule_id = std::string(rule.id);
    f.severity = s;
    f.path = std::move(path);
    f.message = std::move(message);
  }

 private:
  const LintOptions& options_;
  std::vector<LintFinding>& out_;
  absl::flat_hash_set<std::string> disabled_;
};

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/types-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_TYPES_H_
