// `ocikit lint` throughput: configs linted per second on one core.
//
// The "default-like" config is the default Linux spec with a command, uid and
// gid 1000, a read-only root and dockerd's default seccomp profile for amd64
// (about 370 syscall names in three architectures): what `ocikit spec
// --security-opt seccomp=default` gives. Target: at least 50,000 configs per
// second with conformance + the baseline profile (no libseccomp).
//
//   BM_LintSpec_ConformanceBaseline       parsed spec, no positions
//   BM_LintText_ConformanceBaseline       parse + lint + positions of findings
//   BM_ParseText_DefaultLike              ParseSpec of the same text alone: the
//                                         per-file lint/parse ratio of issue 16
//                                         (target ≤ 2) is the two's quotient
//                                         (benchmarks/lint_tree.sh reports it)
//   BM_LintSpec_ConformanceBaseline_NoSeccompSection   the same config without seccomp
//   BM_LintSpec_WithSeccompCompile        + libseccomp name resolution and BPF compilation
//   BM_LintSpec_Restricted                restricted profile (more findings)
#include <benchmark/benchmark.h>

#include <string>

#include "policy/seccomp/default_profiles.h"
#include "policy/lint/lint.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

Spec DefaultLikeSpec(bool with_seccomp) {
  Spec spec = DefaultLinuxSpec("default", "bench");
  spec.hostname = "bench";
  spec.process->args = {"/usr/local/bin/server", "--port", "8080"};
  spec.process->env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/app"};
  spec.process->user.uid = 1000;
  spec.process->user.gid = 1000;
  spec.process->user.additional_gids = {1000};
  spec.root->readonly = true;
  if (with_seccomp) {
    SeccompTarget target;
    target.arch = "amd64";
    target.bounding_caps = spec.process->capabilities->bounding;
    spec.linux_section->seccomp = *DefaultRuntimeSeccomp(target);
  }
  return spec;
}

LintOptions Options(LintProfile profile, bool libseccomp) {
  LintOptions o;
  o.profile = profile;
  o.libseccomp = libseccomp;
  o.seccomp_arch = "x86_64";
  return o;
}

void RunLintSpec(benchmark::State& state, const Spec& spec, const LintOptions& options) {
  size_t findings = 0;
  for (auto _ : state) {
    LintResult r = LintSpec(spec, options);
    findings = r.findings.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_LintSpec_ConformanceBaseline(benchmark::State& state) {
  RunLintSpec(state, DefaultLikeSpec(true), Options(LintProfile::kBaseline, false));
}
BENCHMARK(BM_LintSpec_ConformanceBaseline);

void BM_LintSpec_ConformanceBaseline_NoSeccompSection(benchmark::State& state) {
  RunLintSpec(state, DefaultLikeSpec(false), Options(LintProfile::kBaseline, false));
}
BENCHMARK(BM_LintSpec_ConformanceBaseline_NoSeccompSection);

void BM_LintText_ConformanceBaseline(benchmark::State& state) {
  const std::string text = MarshalIndent(DefaultLikeSpec(true), 4);
  const LintOptions options = Options(LintProfile::kBaseline, false);
  for (auto _ : state) {
    LintResult r = LintConfigText(text, options);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LintText_ConformanceBaseline);

void BM_ParseText_DefaultLike(benchmark::State& state) {
  const std::string text = MarshalIndent(DefaultLikeSpec(true), 4);
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = ParseSpec(text);
    benchmark::DoNotOptimize(spec);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseText_DefaultLike);

void BM_LintSpec_Restricted(benchmark::State& state) {
  RunLintSpec(state, DefaultLikeSpec(true), Options(LintProfile::kRestricted, false));
}
BENCHMARK(BM_LintSpec_Restricted);

void BM_LintSpec_WithSeccompCompile(benchmark::State& state) {
  RunLintSpec(state, DefaultLikeSpec(true), Options(LintProfile::kBaseline, true));
}
BENCHMARK(BM_LintSpec_WithSeccompCompile);

}  // namespace
}  // namespace ocikit
