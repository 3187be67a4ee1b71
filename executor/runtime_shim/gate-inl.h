// Definitions of executor/runtime_shim/gate.h: included by it in header-only
// mode (the default); compiled once in compiled mode
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_INL_H_

#include "executor/runtime_shim/gate.h"
#include "spec/internal/compile_mode.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/patch_command.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "policy/diff/patch.h"
#include "policy/lint/lint.h"
#include "spec/codec.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"

namespace ocikit::runtime_shim {

namespace internal {

OCIKIT_INLINE void SortFindings(const NodePolicy& policy, const std::vector<LintFinding>& findings, GateResult& result) {
  std::vector<const LintPolicy*> policies;
  for (const LintPolicy& p : policy.policies) policies.push_back(&p);
  for (const LintFinding& f : findings) {
    if (f.severity == LintSeverity::kInfo) continue;
    const LintRule* rule = FindLintRule(f.rule_id, policies);
    const RuleMode mode = rule == nullptr ? RuleMode::kEnforce : policy.ModeFor(*rule);
    if (mode == RuleMode::kOff) continue;
    const bool refuses = mode == RuleMode::kEnforce && f.severity == LintSeverity::kError;
    (refuses ? result.refusals : result.reports).push_back({f, mode == RuleMode::kEnforce ? RuleMode::kWarn : mode});
  }
  for (GateFinding& g : result.refusals) g.mode = RuleMode::kEnforce;
}

OCIKIT_INLINE const Exemption* ExemptionFor(const NodePolicy& policy, const absl::StatusOr<Spec>& strict,
                                            absl::string_view text, absl::string_view source) {
  if (strict.ok()) return policy.ExemptionFor(strict->annotations);
  const absl::StatusOr<Spec> go = ParseSpec(text, source, ParseOptions{.go_semantics = true});
  return go.ok() ? policy.ExemptionFor(go->annotations) : nullptr;
}

// The findings of `ocikit lint` on `text`, without their line and column (the
// gate reports paths). A file the strict reading accepted holds nothing runc
// and crun read differently, so its parse is linted as is; LintConfigText
// judges any other file under both readings.
OCIKIT_INLINE std::vector<LintFinding> Lint(const NodePolicy& policy, const absl::StatusOr<Spec>& strict,
                                            absl::string_view text) {
  const LintOptions options = policy.ToLintOptions();
  return (strict.ok() ? LintSpec(*strict, options) : LintConfigText(text, options)).findings;
}

OCIKIT_INLINE std::string LaidOutLike(std::string text, bool tabs, absl::string_view like) {
  if (tabs) text = cli::WithTabs(text);
  if (!like.empty() && like.back() == '\n') text.push_back('\n');
  return text;
}

OCIKIT_INLINE std::string MarshalLike(const Spec& spec, int indent, bool tabs, absl::string_view like) {
  return LaidOutLike(indent == 0 ? Marshal(spec) : MarshalIndent(spec, indent), tabs, like);
}

OCIKIT_INLINE absl::StatusOr<std::optional<Mutated>> Mutate(const NodePolicy& policy, const Spec& original,
                                                             absl::string_view text, absl::string_view source,
                                                             std::vector<std::string>& changed) {
  Spec mutated = original;
  SpecContext ctx;
  ctx.write_state_files = false;
  std::optional<Spec> before;  // the spec before mutation i, when i > 0 (`original` before the first)
  for (size_t i = 0; i < policy.mutations.size(); ++i) {
    const Mutation& m = policy.mutations[i];
    if (i > 0) before = mutated;
    OCIKIT_RETURN_IF_ERROR_PREFIXED(absl::StrCat("mutation ", m.name, ": "), MutationOpt(m)(ctx, mutated));
    if (mutated != (i > 0 ? *before : original)) changed.push_back(m.name);
  }
  if (mutated == original) return std::nullopt;
  const cli::Layout layout = cli::DetectLayout(text);
  // What engines write is Go's encoding of the spec, which Marshal reproduces
  // byte for byte: then the mutated file is the mutated spec's encoding, every
  // member in place and a new one where Go puts it. This costs two Marshals
  // where the patch engine below parses and writes the text with nlohmann and
  // checks it again (~0.5 ms of a create on Podman's config, gate_benchmark).
  if (MarshalLike(original, layout.indent, layout.tabs, text) == text) {
    std::string mutated_text = MarshalLike(mutated, layout.indent, layout.tabs, text);
    return Mutated{std::move(mutated_text), std::move(mutated)};
  }
  const SpecDiff diff = DiffSpecs(original, mutated);
  if (diff.patch.empty()) return std::nullopt;
  OCIKIT_ASSIGN_OR_RETURN_PREFIXED("cannot apply the mutations: ", PatchOutcome out,
                                   ApplyPatchToText(text, FormatJsonPatch(diff.patch), PatchType::kJsonPatch,
                                                    layout.indent, source, MemberOrder::kInput));
  return Mutated{LaidOutLike(std::move(out.text), layout.tabs, text), std::nullopt};
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<GateResult> EvaluateConfig(const NodePolicy& policy, absl::string_view text,
                                                       absl::string_view source) {
  GateResult result;
  // One parse serves the exemption, the mutations and the lint.
  const absl::StatusOr<Spec> strict = ParseSpec(text, source);
  if (const Exemption* e = internal::ExemptionFor(policy, strict, text, source); e != nullptr) {
    result.exempted_by = absl::StrCat(e->key_text, "=", e->value_text);
    return result;
  }
  if (!policy.mutations.empty()) {
    OCIKIT_RETURN_IF_ERROR_PREFIXED("cannot apply the mutations: ", strict.status());
    OCIKIT_ASSIGN_OR_RETURN(std::optional<internal::Mutated> mutated,
                            internal::Mutate(policy, *strict, text, source, result.mutations));
    if (mutated) {  // judged as the runtime will read it
      const absl::StatusOr<Spec> read = mutated->spec ? *std::move(mutated->spec) : ParseSpec(mutated->text);
      internal::SortFindings(policy, internal::Lint(policy, read, mutated->text), result);
      result.mutated_text = std::move(mutated->text);
      return result;
    }
  }
  internal::SortFindings(policy, internal::Lint(policy, strict, text), result);
  return result;
}

OCIKIT_INLINE absl::StatusOr<Process> ParseProcessJson(absl::string_view text, absl::string_view source) {
  const std::string wrapped = absl::StrCat(R"({"ociVersion":")", kOciVersion, R"(","process":)", text, "}");
  absl::StatusOr<Spec> spec = ParseSpec(wrapped, source);
  if (!spec.ok()) return absl::InvalidArgumentError(spec.status().message());
  if (!spec->process) return absl::InvalidArgumentError(absl::StrCat(source, ": expected a process object, got null"));
  return *std::move(spec->process);
}

OCIKIT_INLINE GateResult EvaluateProcess(const NodePolicy& policy, Spec container, Process process) {
  GateResult result;
  if (const Exemption* e = policy.ExemptionFor(container.annotations); e != nullptr) {
    result.exempted_by = absl::StrCat(e->key_text, "=", e->value_text);
    return result;
  }
  container.process = std::move(process);
  std::vector<LintFinding> findings = LintSpec(container, policy.ToLintOptions()).findings;
  std::erase_if(findings, [](const LintFinding& f) { return f.path.empty() || f.path.segments()[0].name != "process"; });
  internal::SortFindings(policy, findings, result);
  return result;
}

OCIKIT_INLINE std::string RefusalMessage(const NodePolicy& policy, const GateResult& result) {
  std::string out = absl::StrCat("ocikit: refused by policy ", policy.DisplayName(), ":");
  // The first finding of each rule, by rule id (SEC401 before SEC403 before SEC405).
  std::vector<const LintFinding*> firsts;
  for (const GateFinding& g : result.refusals) {
    if (absl::c_none_of(firsts, [&](const LintFinding* f) { return f->rule_id == g.finding.rule_id; })) {
      firsts.push_back(&g.finding);
    }
  }
  std::stable_sort(firsts.begin(), firsts.end(),
                   [](const LintFinding* a, const LintFinding* b) { return a->rule_id < b->rule_id; });
  if (firsts.size() > kRefusalRulesShown) firsts.resize(kRefusalRulesShown);
  for (const LintFinding* f : firsts) absl::StrAppend(&out, f == firsts[0] ? " " : "; ", f->Text(), " [", f->rule_id, "]");
  if (result.refusals.size() > firsts.size()) {
    absl::StrAppend(&out, " (", result.refusals.size(), " findings in all; `ocikit lint --bundle --profile ",
                    LintProfileName(policy.profile), "` lists them)");
  }
  return out;
}

}  // namespace ocikit::runtime_shim

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_GATE_INL_H_
