// File: executor/runtime_shim/gate.h
//
// The decision of `ocikit-runtime` on one container or exec: exemptions,
// then the node policy's mutations, then the lint of the (mutated)
// config.json, each finding sorted by the mode of its rule:
//
//   enforce + error        refuses (the container is not handed over)
//   enforce + warning      reported at level "warning"
//   warn (error, warning)  reported at level "warning"
//   audit (error, warning) reported at level "info"
//   info findings, off     not reported
//
// A mutated config.json is produced as text that keeps the input's member
// order, known and unknown fields alike (a changed value is replaced where
// it was; members the mutations add come after an object's existing ones,
// in Go's order), its empty arrays and objects and nulls and its
// indentation: the mutations are turned into a JSON Patch (policy/diff) and
// applied to the original text as `ocikit patch` does, with
// MemberOrder::kInput. A file in Go's own encoding (what engines write,
// which Marshal reproduces byte for byte) is the exception, and the fast
// case: it becomes the mutated spec's Go encoding, so an added member goes
// where Go puts it, as if the engine had written it. Only changed files are
// rewritten (by the caller).
//
// An exec is judged by the process rules: the container's config.json with
// its process replaced by the exec's, findings outside `process` ignored.
//
// Example:
//   absl::StatusOr<GateResult> r = EvaluateConfig(DefaultNodePolicy(), text, "bundle/config.json");
//   if (r->refused()) std::cerr << RefusalMessage(policy, *r) << "\n";
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/runtime_shim/node_policy.h"
#include "policy/lint/types.h"
#include "spec/config.h"

namespace ocikit::runtime_shim {

// One finding and the mode of its rule.
struct GateFinding {
  LintFinding finding;
  RuleMode mode = RuleMode::kEnforce;

  // "warning" or "info": the log level it is reported at.
  absl::string_view Level() const { return mode == RuleMode::kAudit ? "info" : "warning"; }
};

struct GateResult {
  std::string exempted_by;                  // "" or `key=value` of the matching exemption
  std::vector<GateFinding> refusals;        // enforce + error
  std::vector<GateFinding> reports;         // reported, not refusing
  std::vector<std::string> mutations;       // the names of the mutations that changed something
  std::optional<std::string> mutated_text;  // the new config.json when a mutation changed it

  bool refused() const { return !refusals.empty(); }
};

// Evaluates config.json `text` (`source` names it): see the file comment.
// An error when mutations are configured but the text cannot be parsed (or
// a mutation fails): the caller refuses.
absl::StatusOr<GateResult> EvaluateConfig(const NodePolicy& policy, absl::string_view text, absl::string_view source);

// Parses an exec's process JSON (runc exec --process FILE); errors name `source`.
absl::StatusOr<Process> ParseProcessJson(absl::string_view text, absl::string_view source);

// Evaluates `process` as if it replaced the process of `container` (the
// container's config.json, or a minimal spec when unknown).
GateResult EvaluateProcess(const NodePolicy& policy, Spec container, Process process);

// How many rules a refusal message shows: engines relay it through small
// buffers (conmon's sync pipe), so it stays short.
inline constexpr size_t kRefusalRulesShown = 3;

// "ocikit: refused by policy baseline: <finding> [SEC403]; <finding> [SEC405]"
// with the first finding of each of the first kRefusalRulesShown rules (by
// rule id), then
// "(N findings in all; ...)" when there are more.
std::string RefusalMessage(const NodePolicy& policy, const GateResult& result);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// Sorts `findings` into result.refusals and result.reports.
void SortFindings(const NodePolicy& policy, const std::vector<LintFinding>& findings, GateResult& result);

// `text` (indented with spaces) with tabs instead when `tabs`, and a final
// newline when `like` has one.
std::string LaidOutLike(std::string text, bool tabs, absl::string_view like);

// `spec` encoded with `indent` spaces (0: compact) or tabs, with a final
// newline when `like` has one.
std::string MarshalLike(const Spec& spec, int indent, bool tabs, absl::string_view like);

// The exemption of config.json `text` as runc reads it: from its strict
// parse `strict` when that succeeded (a file the strict reading accepts holds
// nothing Go's reading takes differently), else from Go's reading; null
// when none applies or neither reading succeeds.
const Exemption* ExemptionFor(const NodePolicy& policy, const absl::StatusOr<Spec>& strict, absl::string_view text,
                              absl::string_view source);

// The lint findings of config.json `text`, whose strict parse is `strict`.
std::vector<LintFinding> Lint(const NodePolicy& policy, const absl::StatusOr<Spec>& strict, absl::string_view text);

// A mutated config.json: its text and, when the text is the spec's own
// encoding (MarshalLike), the spec, which the text parses back to
// (gate_test checks it over the lint corpus).
struct Mutated {
  std::string text;
  std::optional<Spec> spec;
};

// The config.json after the policy's mutations, or nullopt when they change
// nothing; `original` is `text` parsed. The names of the mutations that
// changed something go to `changed`.
absl::StatusOr<std::optional<Mutated>> Mutate(const NodePolicy& policy, const Spec& original, absl::string_view text,
                                              absl::string_view source, std::vector<std::string>& changed);

}  // namespace internal

}  // namespace ocikit::runtime_shim

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_shim/gate-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_H_
