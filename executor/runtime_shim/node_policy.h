// File: executor/runtime_shim/node_policy.h
//
// The node policy of `ocikit-runtime` (the OCI runtime shim that gates every
// container a node starts): which lint profile and policy files to enforce,
// a mode per rule group, exemptions by annotation, and the mutations applied
// to config.json before the hand-over to runc. It is a JSON file,
// /etc/ocikit/runtime.json by default (docs/runtime.md has the schema):
//
//   {
//     "version": 1,
//     "name": "acme-nodes",
//     "profile": "baseline",                       // none, baseline, restricted
//     "policies": ["acme-lint.json"],              // lint policy files (docs/lint.md)
//     "modes": {"default": "enforce", "typo": "warn", "SEC417": "audit"},
//     "exemptions": [{"annotation": "io.kubernetes.pod.namespace", "value": "kube-system"}],
//     "mutations": [{"name": "defaultSeccomp"}, {"name": "noNewPrivileges"}],
//     "keepOriginal": false,
//     "failOpen": false,
//     "delegate": "runc"
//   }
//
// Without a file the built-in default applies: the baseline profile in
// enforce mode, no mutations. Every error names the file and the field:
//   /etc/ocikit/runtime.json: modes.typo: expected enforce, warn, audit or off, got "block"
//
// Example:
//   absl::StatusOr<NodePolicy> p = ReadNodePolicyFile("/etc/ocikit/runtime.json");
//   RuleMode m = p->ModeFor(*FindLintRule("SEC403"));  // RuleMode::kEnforce
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/lint/policy_file.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/opts/spec_opt.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ocikit::runtime_shim {

// The default place of the node policy file.
inline constexpr char kDefaultNodePolicyPath[] = "/etc/ocikit/runtime.json";

// The three modes of Kubernetes Pod Security, and `off`.
//   enforce  an error finding refuses the container (warnings are logged)
//   warn     findings are logged at level "warning" (log file and syslog)
//   audit    findings are logged at level "info" (log file and syslog)
//   off      the rules are not evaluated
enum class RuleMode { kEnforce, kWarn, kAudit, kOff };

absl::string_view RuleModeName(RuleMode mode);
std::optional<RuleMode> ParseRuleMode(absl::string_view name);

// The rule groups `modes` may name (besides rule ids and "default"): lint
// families (policy/lint/types.h).
const std::vector<absl::string_view>& RuleGroupNames();

// An exemption: a container whose annotation `annotation` matches `value`
// (RE2 patterns, whole-string matches) is neither evaluated nor mutated.
struct Exemption {
  Exemption();
  ~Exemption();
  Exemption(Exemption&&) noexcept;
  Exemption& operator=(Exemption&&) noexcept;

  std::string key_text;    // as written, for the log
  std::string value_text;  // as written, for the log
  std::unique_ptr<re2::RE2> key;
  std::unique_ptr<re2::RE2> value;
};

// A named mutation (a transform of spec/opts and policy/seccomp).
struct Mutation {
  std::string name;                       // "defaultSeccomp", "maskedPaths", "dropCapabilities", "noNewPrivileges"
  std::string profile = "moby";           // defaultSeccomp: moby or containerd
  std::string defaults = "podman";        // maskedPaths: containerd, moby or podman
  std::vector<std::string> capabilities;  // dropCapabilities
};

// The names a mutation may have.
const std::vector<absl::string_view>& MutationNames();

// NodePolicy
//
// A parsed node policy file (or the built-in default).
struct NodePolicy {
  std::string source = "built-in default";  // the file, or "built-in default"
  std::string name;                          // "" = the profile's name
  LintProfile profile = LintProfile::kBaseline;
  std::vector<LintPolicy> policies;
  std::map<std::string, RuleMode> modes;  // "default", group names, rule ids
  std::vector<Exemption> exemptions;
  std::vector<Mutation> mutations;
  bool keep_original = false;
  bool fail_open = false;
  std::string delegate;  // "" = runc

  // The name refusals show: `name`, else the profile's ("baseline").
  std::string DisplayName() const;

  // The mode of `rule`: its id's, else its group's, else "default"'s, else enforce.
  RuleMode ModeFor(const LintRule& rule) const;

  // The lint options: profile, policies, the rules whose mode is off; linted
  // as a bundle's config, without the libseccomp checks (the runtime
  // compiles the filter itself and refuses one it cannot).
  LintOptions ToLintOptions() const;

  // The exemption `annotations` match, or nullptr.
  const Exemption* ExemptionFor(const std::map<std::string, std::string>& annotations) const;

  // The SpecOpts of `mutations`, in order.
  std::vector<SpecOpt> MutationOpts() const;
};

// The transform of one mutation.
SpecOpt MutationOpt(const Mutation& m);

// The built-in default: baseline, enforce, no mutations.
NodePolicy DefaultNodePolicy();

// Parses a node policy file's text; `source` names it in errors and relative
// "policies" are resolved against its directory.
absl::StatusOr<NodePolicy> ParseNodePolicy(absl::string_view text, absl::string_view source);

// Reads a node policy file (a regular file of at most 1 MiB) and parses it.
absl::StatusOr<NodePolicy> ReadNodePolicyFile(const std::string& path);

// Whether `text` is a JSON object whose "failOpen" is true: how an invalid
// file can still ask for fail-open.
bool AsksFailOpen(absl::string_view text);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

using Json = nlohmann::json;

absl::Status ParseModes(const Json& v, NodePolicy& p);
absl::Status ParseExemptions(const Json& v, NodePolicy& p);
absl::Status ParseMutations(const Json& v, NodePolicy& p);
absl::Status ParseMutation(const Json& v, Mutation& m);
absl::Status ParsePolicyFiles(const Json& v, absl::string_view source, NodePolicy& p);
absl::StatusOr<std::vector<std::string>> StringList(const Json& v, absl::string_view field);
absl::StatusOr<std::unique_ptr<re2::RE2>> Pattern(const Json& v, absl::string_view field);

}  // namespace internal

}  // namespace ocikit::runtime_shim

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_shim/node_policy-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_H_
