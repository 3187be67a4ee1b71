// What the spec benchmarks share: a heap-allocation counter reported per
// iteration, and the "typical" spec (the default Linux spec with seven
// transforms) that spec_benchmark and the peer comparison (peers/) time.
//
//   void BM_X(benchmark::State& state) {
//     ocikit::bench::AllocationCounter allocs(state);  // reports "allocs"
//     for (auto _ : state) { ... }
//   }
//
// Linking //benchmarks:bench_util replaces the global operator new with a
// counting one (benchmarks/allocations.h), for the whole benchmark binary.
//
// Dependencies: absl_status benchmark
#ifndef OCIKIT_BENCHMARKS_BENCH_UTIL_H_
#define OCIKIT_BENCHMARKS_BENCH_UTIL_H_

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "benchmarks/allocations.h"
#include "spec/config.h"
#include "spec/opts/spec_opt.h"

namespace ocikit::bench {

// Reports the allocations made between its construction and destruction as
// the counter "allocs", per iteration.
class AllocationCounter {
 public:
  explicit AllocationCounter(benchmark::State& state) : state_(state), start_(AllocationCount()) {}
  ~AllocationCounter() {
    state_.counters["allocs"] = benchmark::Counter(static_cast<double>(AllocationCount() - start_),
                                                   benchmark::Counter::kAvgIterations);
  }
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

 private:
  benchmark::State& state_;
  uint64_t start_;
};

// A hostname, 3 env vars, 3 args, a read-only rootfs, 2 capabilities added
// and 2 dropped, uid/gid 1000: the same seven SpecOpts peers/peer.go gives
// containerd's oci.GenerateSpec.
std::vector<SpecOpt> TypicalOpts();

// The default Linux spec of container "bench" with TypicalOpts() applied.
Spec TypicalSpec();

}  // namespace ocikit::bench

#endif  // OCIKIT_BENCHMARKS_BENCH_UTIL_H_
