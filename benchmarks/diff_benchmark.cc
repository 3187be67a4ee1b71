// The semantic diff (policy/diff/diff.h). Target: two default-like specs in at most
// 20 us.
//
//   BM_DiffEqualDefault        two equal typical specs (the == fast path)
//   BM_DiffDefaultLike         typical spec vs the same with a realistic change
//                              set: hostname, PATH, a capability added and one
//                              dropped, a bind mount added, /run moved first,
//                              the network namespace joined, pids limit
//   BM_DiffDefaultLikeText     the same, plus the text output
//   BM_DiffDefaultLikePatch    the same, plus the RFC 6902 patch text
//   BM_DiffSeccompProfiles     two specs with full default seccomp profiles
//                              (DefaultRuntimeSeccomp, amd64): with and without
//                              CAP_SYS_ADMIN, so rules and names differ
//   BM_DiffSeccompEqual        two equal specs with full profiles
//   BM_DiffMobyVsContainerd    moby's profile vs containerd's (amd64)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "policy/seccomp/default_profiles.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/process.h"
#include "spec/opts/resources.h"
#include "spec/opts/root.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"

namespace ocikit {
namespace {

Spec Typical() {
  SpecContext ctx;
  ctx.container_id = "bench";
  return *GenerateSpec(ctx, {WithHostname("bench"), WithEnv({"PATH=/usr/bin:/bin", "A=1", "B=2"}),
                             WithProcessArgs({"sh", "-c", "true"}), WithRootFSReadonly(),
                             WithAddedCapabilities({"sys_ptrace", "net_admin"}),
                             WithDroppedCapabilities({"mknod", "audit_write"}), WithUIDGID(1000, 1000)});
}

Spec Changed(Spec s) {
  Mount data;
  data.destination = "/data";
  data.type = "bind";
  data.source = "/srv/data";
  data.options = {"rbind", "ro"};
  (void)ApplyOpts(SpecContext(), s,
                  {WithHostname("bench-2"), WithEnv({"PATH=/usr/local/bin:/usr/bin:/bin"}),
                   WithAddedCapabilities({"sys_admin"}), WithDroppedCapabilities({"net_raw"}), WithMounts({data}),
                   WithLinuxNamespace("network", "/var/run/netns/blue"), WithPidsLimit(512)});
  auto run = std::find_if(s.mounts.begin(), s.mounts.end(), [](const Mount& m) { return m.destination == "/run"; });
  std::rotate(s.mounts.begin(), run, run + 1);
  return s;
}

Spec WithProfile(std::vector<std::string> caps, bool containerd = false) {
  Spec s = Typical();
  SeccompTarget target;
  target.arch = "amd64";
  target.bounding_caps = std::move(caps);
  s.linux_section->seccomp = containerd ? ContainerdDefaultProfile(target) : *DefaultRuntimeSeccomp(target);
  return s;
}

void BM_DiffEqualDefault(benchmark::State& state) {
  const Spec a = Typical();
  const Spec b = Typical();
  for (auto _ : state) benchmark::DoNotOptimize(DiffSpecs(a, b));
}
BENCHMARK(BM_DiffEqualDefault);

void BM_DiffDefaultLike(benchmark::State& state) {
  const Spec a = Typical();
  const Spec b = Changed(a);
  state.counters["changes"] = static_cast<double>(DiffSpecs(a, b).changes.size());
  for (auto _ : state) benchmark::DoNotOptimize(DiffSpecs(a, b));
}
BENCHMARK(BM_DiffDefaultLike);

void BM_DiffDefaultLikeText(benchmark::State& state) {
  const Spec a = Typical();
  const Spec b = Changed(a);
  DiffTextOptions options;
  options.a_name = "a.json";
  options.b_name = "b.json";
  for (auto _ : state) benchmark::DoNotOptimize(FormatDiffText(DiffSpecs(a, b).changes, options));
}
BENCHMARK(BM_DiffDefaultLikeText);

void BM_DiffDefaultLikePatch(benchmark::State& state) {
  const Spec a = Typical();
  const Spec b = Changed(a);
  for (auto _ : state) benchmark::DoNotOptimize(FormatJsonPatch(DiffSpecs(a, b).patch));
}
BENCHMARK(BM_DiffDefaultLikePatch);

void BM_DiffSeccompProfiles(benchmark::State& state) {
  std::vector<std::string> admin = DefaultCapabilities();
  admin.push_back("CAP_SYS_ADMIN");
  const Spec a = WithProfile(DefaultCapabilities());
  const Spec b = WithProfile(admin);
  state.counters["changes"] = static_cast<double>(DiffSpecs(a, b).changes.size());
  for (auto _ : state) benchmark::DoNotOptimize(DiffSpecs(a, b));
}
BENCHMARK(BM_DiffSeccompProfiles);

void BM_DiffSeccompEqual(benchmark::State& state) {
  const Spec a = WithProfile(DefaultCapabilities());
  const Spec b = WithProfile(DefaultCapabilities());
  for (auto _ : state) benchmark::DoNotOptimize(DiffSpecs(a, b));
}
BENCHMARK(BM_DiffSeccompEqual);

void BM_DiffMobyVsContainerd(benchmark::State& state) {
  const Spec a = WithProfile(DefaultCapabilities());
  const Spec b = WithProfile(DefaultCapabilities(), /*containerd=*/true);
  state.counters["changes"] = static_cast<double>(DiffSpecs(a, b).changes.size());
  for (auto _ : state) benchmark::DoNotOptimize(DiffSpecs(a, b));
}
BENCHMARK(BM_DiffMobyVsContainerd);

}  // namespace
}  // namespace ocikit
