// Transforms that read the rootfs, and the common "docker run" shape.
//
//   bazel run //benchmarks:spec_opts_benchmark
//
// User lookups read testdata/rootfs/basic through the confined reader; the
// file system cache is warm after the first iteration.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "policy/seccomp/opts.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/process.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"

namespace ocikit {
namespace {

SpecContext FixtureContext() {
  SpecContext ctx;
  ctx.container_id = "bench";
  ctx.rootfs = "testdata/rootfs/basic";
  return ctx;
}

// WithUser("alice"): confined reads of /etc/passwd and /etc/group, parsing,
// supplementary groups, HOME.
void BM_UserLookupWarm(benchmark::State& state) {
  const SpecContext ctx = FixtureContext();
  const Spec base = DefaultLinuxSpec();
  for (auto _ : state) {
    Spec spec = base;
    absl::Status s = ApplyOpts(ctx, spec, {WithUser("alice")});
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(spec);
  }
}
BENCHMARK(BM_UserLookupWarm);

// The whole identity pipeline: default spec, user by name with groups, extra
// group, umask, capability changes for a non-root user, compact output.
void BM_IdentityPipeline(benchmark::State& state) {
  const SpecContext ctx = FixtureContext();
  for (auto _ : state) {
    absl::StatusOr<Spec> spec =
        GenerateSpec(ctx, {WithUser("alice"), WithAppendAdditionalGroups({"users"}), WithUmask(0027),
                           WithDroppedCapabilities({"net_raw"}), WithNonRootCapabilitiesCleared()});
    if (!spec.ok()) state.SkipWithError(std::string(spec.status().message()).c_str());
    std::string json = Marshal(*spec);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_IdentityPipeline);

// The common "docker run" shape: default spec, moby's default seccomp profile
// for amd64 evaluated against the capabilities, compact output.
void BM_DefaultSpecWithSeccompAndMarshal(benchmark::State& state) {
  SpecContext ctx;
  ctx.container_id = "bench";
  SeccompProfileOptions options;
  options.arch = "amd64";
  options.check = SeccompNameCheck::kOff;
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = GenerateSpec(ctx, {WithDefaultSeccompProfile(options)});
    std::string json = Marshal(*spec);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_DefaultSpecWithSeccompAndMarshal);

}  // namespace
}  // namespace ocikit
