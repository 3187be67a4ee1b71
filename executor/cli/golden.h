// File: executor/cli/golden.h
//
// Golden cases for generated config.json. A case is a folder holding
//   args         the `ocikit spec` arguments, one per line ('#' lines and
//                blank lines are skipped; relative paths are relative to the
//                folder)
//   base.json    optional: the base spec, as if given with --from
//   config.json  the expected output, byte for byte
// RenderGoldenCase produces what `ocikit spec` would print for the case;
// CheckGoldenCase compares it with config.json and, with `update`, rewrites
// config.json instead (atomically). The comparison is exact; on mismatch
// the outcome carries a readable line diff.
//
// Example:
//   for (const std::string& c : *ListGoldenCases("testdata/golden")) {
//     GoldenOutcome o = CheckGoldenCase("testdata/golden/" + c, /*update=*/false);
//   }
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_CLI_GOLDEN_H_
#define OCIKIT_EXECUTOR_CLI_GOLDEN_H_


#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ocikit {

inline constexpr size_t kMaxGoldenFileBytes = 16 << 20;

// The names of the case folders under `dir` (those holding an `args` file),
// sorted.
absl::StatusOr<std::vector<std::string>> ListGoldenCases(const std::string& dir);

// One argument per line; blank lines and lines starting with '#' skipped.
absl::StatusOr<std::vector<std::string>> ReadArgsFile(const std::string& path);

// What `ocikit spec <args>` prints for the case in `case_dir`.
absl::StatusOr<std::string> RenderGoldenCase(const std::string& case_dir);

// A line diff of `want` and `got`: "-" lines only in want, "+" only in got,
// with up to `context` unchanged lines around each change.
std::string LineDiff(absl::string_view want, absl::string_view got, size_t context = 3);

struct GoldenOutcome {
  bool ok = false;      // matched (or was updated)
  bool updated = false;
  std::string detail;   // the error, or the diff of expected (-) and generated (+)
};

// Renders the case and compares it with its config.json; with `update`,
// writes config.json when it differs.
GoldenOutcome CheckGoldenCase(const std::string& case_dir, bool update);

}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_CLI_GOLDEN_H_
