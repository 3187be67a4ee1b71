// Counts the heap allocations of a benchmark or scaling test: linking
// //benchmarks:allocations replaces the global operator new (every form)
// with one that counts calls and bytes, for the whole binary.
//
//   const uint64_t before = ocikit::bench::AllocatedBytes();
//   Work();
//   const uint64_t bytes = ocikit::bench::AllocatedBytes() - before;
//
// The replacement lives in allocations.cc, its own translation unit: inlined
// into code that also allocates, g++ 12 -O2 reports a false
// -Wmismatched-new-delete.
//
// Dependencies: (none)
#ifndef OCIKIT_BENCHMARKS_ALLOCATIONS_H_
#define OCIKIT_BENCHMARKS_ALLOCATIONS_H_

#include <cstdint>

namespace ocikit::bench {

// Heap allocations made by this process so far.
uint64_t AllocationCount();

// Bytes requested from the heap by this process so far (never decreases).
uint64_t AllocatedBytes();

}  // namespace ocikit::bench

#endif  // OCIKIT_BENCHMARKS_ALLOCATIONS_H_
