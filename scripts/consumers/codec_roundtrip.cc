// A consumer of ocikit's headers, built outside Bazel by
// scripts/consumer_check.sh (header-only and -DOCIKIT_COMPILED_LIB).
// Builds the default spec, marshals it, parses it back and compares.
#include <cstdio>
#include <string>

#include "spec/codec.h"
#include "spec/default_spec.h"

int main() {
  const ocikit::Spec spec = ocikit::DefaultLinuxSpec("default", "consumer");
  const std::string json = ocikit::Marshal(spec);
  const absl::StatusOr<ocikit::Spec> parsed = ocikit::ParseSpec(json, "consumer");
  if (!parsed.ok()) {
    std::fprintf(stderr, "ParseSpec: %s\n", parsed.status().ToString().c_str());
    return 1;
  }
  if (!(*parsed == spec) || ocikit::Marshal(*parsed) != json) {
    std::fprintf(stderr, "round trip changed the default spec\n");
    return 1;
  }
  std::printf("round trip ok (%zu bytes)\n", json.size());
  return 0;
}
