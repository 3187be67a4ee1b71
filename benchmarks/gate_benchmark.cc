// ocikit-runtime's work on a create, without its process start: the node
// policy evaluated on the config.json Podman 4.3 writes for a plain
// `podman run` (testdata/engines/podman-4.3-plain-run.json, 10 KB).
//
//   BM_Gate_CheckOnly     the baseline profile, enforce (lint only)
//   BM_Gate_Mutation      + the maskedPaths mutation docs/runtime.md recommends
//                         for Podman 4.3: parse, mutate, diff, patch the text,
//                         lint the result (what benchmarks/
//                         runtime_shim_overhead.sh times inside podman run)
//
//   bazel run -c opt //benchmarks:gate_benchmark
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "executor/runtime_shim/gate.h"
#include "executor/runtime_shim/node_policy.h"

namespace ocikit::runtime_shim {
namespace {

std::string PodmanConfig() {
  const char* dir = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  const std::string path = std::string(dir != nullptr ? dir : ".") + "/testdata/engines/podman-4.3-plain-run.json";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) std::cerr << "gate_benchmark: cannot read " << path << "\n";
  return text.str();
}

void RunGate(benchmark::State& state, const char* policy_json) {
  const std::string config = PodmanConfig();
  const absl::StatusOr<NodePolicy> policy = ParseNodePolicy(policy_json, "policy.json");
  if (!policy.ok()) {
    state.SkipWithError(std::string(policy.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    absl::StatusOr<GateResult> result = EvaluateConfig(*policy, config, "config.json");
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * config.size()));
}

void BM_Gate_CheckOnly(benchmark::State& state) { RunGate(state, R"({"version":1,"profile":"baseline"})"); }
BENCHMARK(BM_Gate_CheckOnly);

void BM_Gate_Mutation(benchmark::State& state) {
  RunGate(state, R"({"version":1,"profile":"baseline","mutations":[{"name":"maskedPaths","defaults":"podman"}]})");
}
BENCHMARK(BM_Gate_Mutation);

}  // namespace
}  // namespace ocikit::runtime_shim
