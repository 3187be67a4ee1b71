#include "benchmarks/bench_util.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include "spec/opts/capabilities.h"
#include "spec/opts/process.h"
#include "spec/opts/root.h"
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

namespace ocikit::bench {

uint64_t AllocationCount() { return g_allocations.load(std::memory_order_relaxed); }

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

}  // namespace ocikit::bench
