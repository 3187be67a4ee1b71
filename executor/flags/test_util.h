// File: executor/flags/test_util.h
//
// Helpers for the flag-layer tests: a file in the test's temporary
// directory, and `ocikit spec` arguments parsed into SpecFlags.
//
// Example:
//   const std::string env = WriteTemp("env.list", "A=1\n");
//   absl::StatusOr<SpecFlags> flags = ParseSpecArgs({"--env-file", env, "sh"});
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json seccomp (test-only)
#ifndef OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_
#define OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_flags.h"

namespace ocikit::testing {

// Parses `args` as `ocikit spec` does: flags, then the command.
inline absl::StatusOr<SpecFlags> ParseSpecArgs(const std::vector<std::string>& args) {
  SpecFlags flags;
  FlagSet set;
  AddSpecFlags(set, flags);
  absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  if (!command.ok()) return command.status();
  flags.command = *std::move(command);
  return flags;
}

// Writes `text` to $TEST_TMPDIR/name (or /tmp/name) and returns the path.
inline std::string WriteTemp(const std::string& name, const std::string& text) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

}  // namespace ocikit::testing

#endif  // OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_
