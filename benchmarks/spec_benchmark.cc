// Spec generation, serialisation and parsing.
//
// The "typical" spec is the default Linux spec with seven transforms: a
// hostname, 3 env vars, 3 args, a read-only rootfs, 2 capabilities added and
// 2 dropped, uid/gid 1000 (benchmarks/bench_util.h). peers/run.sh times the
// same work in containerd's Go code side by side; ocikit's target is 10x faster.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "benchmarks/bench_util.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

using bench::AllocationCounter;
using bench::TypicalOpts;
using bench::TypicalSpec;

void BM_DefaultSpec(benchmark::State& state) {
  AllocationCounter allocs(state);
  for (auto _ : state) {
    Spec spec = DefaultLinuxSpec("default", "bench");
    benchmark::DoNotOptimize(spec);
  }
}
BENCHMARK(BM_DefaultSpec);

// The whole "generate" path: default spec, seven transforms (built inside the
// loop, as a caller would), compact serialisation.
void BM_GenerateTypicalAndMarshal(benchmark::State& state) {
  SpecContext ctx;
  ctx.container_id = "bench";
  AllocationCounter allocs(state);
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = GenerateSpec(ctx, TypicalOpts());
    std::string json = Marshal(*spec);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_GenerateTypicalAndMarshal);

void BM_MarshalCompact(benchmark::State& state) {
  const Spec spec = TypicalSpec();
  AllocationCounter allocs(state);
  for (auto _ : state) {
    std::string json = Marshal(spec);
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(Marshal(spec).size()));
}
BENCHMARK(BM_MarshalCompact);

void BM_MarshalIndent(benchmark::State& state) {
  const Spec spec = TypicalSpec();
  AllocationCounter allocs(state);
  for (auto _ : state) {
    std::string json = MarshalIndent(spec, 4);
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(MarshalIndent(spec, 4).size()));
}
BENCHMARK(BM_MarshalIndent);

void BM_ParseTypical(benchmark::State& state) {
  const std::string json = Marshal(TypicalSpec());
  AllocationCounter allocs(state);
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = ParseSpec(json);
    benchmark::DoNotOptimize(spec);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_ParseTypical);

// Baseline for the design choice: building only an nlohmann::json DOM of the
// same text (without mapping it to a typed model) already costs this much.
void BM_NlohmannDomOnly(benchmark::State& state) {
  const std::string json = Marshal(TypicalSpec());
  AllocationCounter allocs(state);
  for (auto _ : state) {
    nlohmann::json dom = nlohmann::json::parse(json);
    benchmark::DoNotOptimize(dom);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_NlohmannDomOnly);

}  // namespace
}  // namespace ocikit
