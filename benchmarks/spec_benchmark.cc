// Spec generation, serialisation and parsing.
//
// The "typical" spec is the default Linux spec with seven transforms: a
// hostname, 3 env vars, 3 args, a read-only rootfs, 2 capabilities added and
// 2 dropped, uid/gid 1000. containerd's Go code for the same work measures
// 12-19 us (generate + transforms + json.Marshal) and 39-52 us (json.Unmarshal)
// on this machine type; ocikit's target is 10x faster.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/process.h"
#include "spec/opts/root.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"

// Counts heap allocations so each benchmark can report allocations per
// iteration: the model is made of std::string and std::vector, and malloc/free
// pairs are most of what generation costs.
static std::atomic<uint64_t> g_allocations{0};

void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace ocikit {
namespace {

// Reports the allocations made inside the timed loop.
class AllocationCounter {
 public:
  explicit AllocationCounter(benchmark::State& state) : state_(state), start_(g_allocations.load()) {}
  ~AllocationCounter() {
    state_.counters["allocs"] = benchmark::Counter(static_cast<double>(g_allocations.load() - start_),
                                                   benchmark::Counter::kAvgIterations);
  }

 private:
  benchmark::State& state_;
  uint64_t start_;
};

std::vector<SpecOpt> TypicalOpts() {
  return {
      WithHostname("bench"),
      WithEnv({"A=1", "B=2", "C=3"}),
      WithProcessArgs({"sh", "-c", "true"}),
      WithRootFSReadonly(),
      WithAddedCapabilities({"CAP_SYS_PTRACE", "CAP_NET_ADMIN"}),
      WithDroppedCapabilities({"CAP_NET_RAW", "CAP_MKNOD"}),
      WithUIDGID(1000, 1000),
  };
}

Spec TypicalSpec() {
  SpecContext ctx;
  ctx.container_id = "bench";
  return *GenerateSpec(ctx, TypicalOpts());
}

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
