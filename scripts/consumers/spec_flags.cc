// A consumer of ocikit's headers, built outside Bazel by
// scripts/consumer_check.sh (header-only and -DOCIKIT_COMPILED_LIB) and by
// scripts/consumer_paths.sh against the install tree (the executor layer).
// Builds a spec from Podman-style flags, with the default seccomp profile.
#include <cstdio>

#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_flags.h"

int main() {
  ocikit::SpecFlags f;
  ocikit::FlagSet set;
  ocikit::AddSpecFlags(set, f);
  absl::StatusOr<std::vector<std::string>> command = set.Parse(
      {"--hostname", "web", "--cap-drop", "ALL", "--security-opt", "seccomp=default", "sh"}, /*stop_at_positional=*/true);
  if (!command.ok()) {
    std::fprintf(stderr, "Parse: %s\n", command.status().ToString().c_str());
    return 1;
  }
  f.command = *command;
  const absl::StatusOr<ocikit::Spec> spec = ocikit::BuildSpec(f);
  if (!spec.ok()) {
    std::fprintf(stderr, "BuildSpec: %s\n", spec.status().ToString().c_str());
    return 1;
  }
  if (spec->hostname != "web" || !spec->process || spec->process->args != std::vector<std::string>{"sh"} ||
      !spec->linux_section || !spec->linux_section->seccomp) {
    std::fprintf(stderr, "BuildSpec: unexpected spec\n");
    return 1;
  }
  std::printf("spec flags ok (hostname web, seccomp profile)\n");
  return 0;
}
