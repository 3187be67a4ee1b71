#include "benchmarks/bench_util.h"

#include "spec/opts/capabilities.h"
#include "spec/opts/process.h"
#include "spec/opts/root.h"
#include "spec/opts/user.h"

namespace ocikit::bench {

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
