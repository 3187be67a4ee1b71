// A consumer of ocikit's headers, built outside Bazel by
// scripts/consumer_check.sh (header-only and -DOCIKIT_COMPILED_LIB).
// Lints the default spec (with a command to run): no findings expected.
#include <cstdio>

#include "policy/lint/lint.h"
#include "spec/default_spec.h"

int main() {
  ocikit::Spec spec = ocikit::DefaultLinuxSpec("default", "consumer");
  spec.process->args = {"/bin/sh"};
  const ocikit::LintResult result = ocikit::LintSpec(spec, ocikit::LintOptions());
  for (const ocikit::LintFinding& f : result.findings) {
    std::fprintf(stderr, "%s %s\n", f.rule_id.c_str(), f.Text().c_str());
  }
  if (!result.findings.empty()) return 1;
  std::printf("lint ok (no findings)\n");
  return 0;
}
