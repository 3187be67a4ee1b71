// File: policy/lint/runner.h
//
// Linting the paths a user names, as `ocikit lint PATH...` does:
//   -              config.json text on standard input, shown as "<stdin>";
//   a file         that config.json; pipes and FIFOs too (`<(cmd)`);
//   a bundle       a directory holding config.json: the config plus the
//                  bundle checks (HOST250-HOST253, HOST201);
//   a tree         any other directory: every file named config.json below
//                  it, in sorted order, without bundle checks (symbolic links
//                  to directories are not followed).
// A path that does not exist or cannot be read, an input over the 16 MiB cap
// (standard input and pipes stop being read there), or a tree without a
// config.json is an I/O error for the caller to report (exit 2); linting goes
// on with the others.
// Names are shown as given, so output does not depend on where it runs.
//
// Example:
//   LintRun run = LintPaths({"bundle", "-"}, options, "", &std::cin);
//   std::cout << FormatLintRun(run, "text", LintCatalogue());
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_LINT_RUNNER_H_
#define OCIKIT_POLICY_LINT_RUNNER_H_

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/sarif.h"
#include "policy/lint/types.h"
#include "spec/codec.h"

namespace ocikit {

// LintRun
//
// The results per config, and the paths that could not be linted at all.
struct LintRun {
  std::vector<LintFileResult> files;
  std::vector<std::string> errors;  // "missing.json: No such file or directory"

  bool Fails(LintSeverity threshold) const {
    for (const LintFileResult& f : files) {
      if (f.result.Fails(threshold)) return true;
    }
    return false;
  }
};

namespace internal {

std::string JoinDisplay(absl::string_view dir, absl::string_view name);

// Lints `text` (read from `opened`) into `run`, or records its read error.
void LintInput(LintRun& run, const std::string& display, const std::string& opened,
               absl::StatusOr<std::string> text, const LintOptions& options);

// Files named config.json below `dir` (relative names), sorted.
void FindConfigs(const std::string& dir, const std::string& relative, std::vector<std::string>& out);

}  // namespace internal

// LintPaths()
//
// Lints each path (see the file comment). Relative paths are taken from
// `base_dir` ("" = the working directory); `in` is read for "-".
LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                         std::istream* in);

// FormatLintRun()
//
// The results in `format` (text, json or sarif); SARIF lists `rules`.
std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/runner-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_RUNNER_H_
