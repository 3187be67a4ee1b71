// File: policy/lint/flags.h
//
// The settings of `ocikit lint` as typed (LintFlags) and their conversion to
// LintOptions, policy files loaded. The flag table that fills LintFlags from a
// command line is executor/flags/lint_flags.h (the flag layer); the CLI
// (executor/cli/lint_command.h) and the corpus test parse with that one table.
//
// Example:
//   FlagSet set;
//   LintFlags flags;
//   AddLintFlags(set, flags);  // executor/flags/lint_flags.h
//   absl::StatusOr<std::vector<std::string>> paths = set.Parse(args);
//   absl::StatusOr<LintSetup> setup = PrepareLint(flags, "");
//   LintRun run = LintPaths(*paths, setup->options, "", &std::cin);  // policy/lint/runner.h
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_LINT_FLAGS_H_
#define OCIKIT_POLICY_LINT_FLAGS_H_

#include <sched.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/policy_file.h"
#include "policy/lint/types.h"
#include "spec/file.h"

namespace ocikit {

// LintFlags
//
// The command line as typed; PrepareLint validates the combination.
struct LintFlags {
  std::string profile;                // "", "baseline" or "restricted"
  std::vector<std::string> policies;  // policy files
  std::string features;               // the target runtime's features.json
  bool host = false;
  std::string host_root;
  bool strict = false;
  bool bundle = false;                // lint configs as bundles' (process.args required), not as templates
  std::string format = "text";        // text, json or sarif; markdown for --list-rules
  std::string fail_on = "error";      // error, warning or info
  std::vector<std::string> disabled;  // rule ids (a value may list several, comma-separated)
  bool list_rules = false;
  std::string explain;
  bool no_seccomp_compile = false;
  std::string seccomp_arch;
  int jobs = 0;                       // files linted at a time; 0 = DefaultLintJobs()
  bool stats = false;                 // report configs/s on standard error
  bool help = false;
};

// The most --jobs accepts.
inline constexpr int kMaxLintJobs = 256;

// LintSetup
//
// Options ready for LintPaths, with the policy files they point to.
struct LintSetup {
  std::vector<std::unique_ptr<LintPolicy>> policies;
  std::unique_ptr<LintRuntimeFeatures> features;
  LintOptions options;
  LintSeverity fail_on = LintSeverity::kError;
  std::string format = "text";
  int jobs = 1;
};

// DefaultLintJobs()
//
// The CPUs this process may run on (its affinity mask, as nproc counts them),
// at least 1 and at most kMaxLintJobs: --jobs' default.
int DefaultLintJobs();

// A path as given, resolved against `base_dir` when relative ("" = the working directory).
std::string ResolveLintPath(const std::string& base_dir, const std::string& path);

// PrepareLint()
//
// Loads the policy files (relative to `base_dir`) and builds the options. A
// bad policy file, an unknown --disable id or a clash of rule ids is an error.
absl::StatusOr<LintSetup> PrepareLint(const LintFlags& f, const std::string& base_dir);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/flags-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_FLAGS_H_
