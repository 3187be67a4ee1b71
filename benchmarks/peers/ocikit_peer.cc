// ocikit's side of the peer comparison (run.sh): the same operations as
// peer.go, on the same inputs. generate_marshal: the default spec with the
// seven typical transforms, compact marshal. For each file argument:
// parse:NAME (ParseSpec of its text) and marshal:NAME (compact Marshal of the
// parsed spec). With --write-typical PATH it only writes the typical spec
// (compact, as Go's json.Marshal) to PATH, the first input of the table.
// Other flags go to Google Benchmark (--benchmark_format=json).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "benchmarks/bench_util.h"
#include "spec/codec.h"
#include "spec/file.h"

namespace ocikit {
namespace {

void GenerateMarshal(benchmark::State& state) {
  SpecContext ctx;
  ctx.container_id = "bench";
  bench::AllocationCounter allocs(state);
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = GenerateSpec(ctx, bench::TypicalOpts());
    std::string json = Marshal(*spec);
    benchmark::DoNotOptimize(json);
  }
}

void Parse(benchmark::State& state, const std::string& text) {
  bench::AllocationCounter allocs(state);
  for (auto _ : state) {
    absl::StatusOr<Spec> spec = ParseSpec(text);
    benchmark::DoNotOptimize(spec);
  }
}

void MarshalParsed(benchmark::State& state, const Spec& spec) {
  bench::AllocationCounter allocs(state);
  for (auto _ : state) {
    std::string json = Marshal(spec);
    benchmark::DoNotOptimize(json);
  }
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Registers parse:NAME and marshal:NAME for one input file.
bool RegisterFile(const std::string& path, std::vector<Spec>& specs) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, kMaxSpecFileBytes);
  absl::StatusOr<Spec> spec = text.ok() ? ParseSpec(*text, path) : absl::StatusOr<Spec>(text.status());
  if (!spec.ok()) {
    std::fprintf(stderr, "ocikit_peer: %s\n", std::string(spec.status().message()).c_str());
    return false;
  }
  specs.push_back(*std::move(spec));
  benchmark::RegisterBenchmark(("parse:" + BaseName(path)).c_str(), Parse, *text);
  benchmark::RegisterBenchmark(("marshal:" + BaseName(path)).c_str(), MarshalParsed, specs.back());
  return true;
}

int Main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--write-typical") == 0) {
    const absl::Status status = WriteSpecFile(argv[2], bench::TypicalSpec(), 0);
    if (!status.ok()) std::fprintf(stderr, "ocikit_peer: %s\n", std::string(status.message()).c_str());
    return status.ok() ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RegisterBenchmark("generate_marshal", GenerateMarshal);
  std::vector<Spec> specs;
  specs.reserve(static_cast<size_t>(argc));  // RegisterFile keeps references into it
  for (int i = 1; i < argc; ++i) {
    if (!RegisterFile(argv[i], specs)) return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace
}  // namespace ocikit

int main(int argc, char** argv) { return ocikit::Main(argc, argv); }
