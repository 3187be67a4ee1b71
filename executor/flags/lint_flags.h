// File: executor/flags/lint_flags.h
//
// The flag table of `ocikit lint`: fills policy/lint/flags.h's LintFlags from
// a command line, with the parser Docker users know (repeatable --policy and
// --disable). It lives in the flag layer, above policy/, so the linter itself
// does not depend on the command-line parser.
//
// Example:
//   FlagSet set;
//   LintFlags flags;
//   AddLintFlags(set, flags);
//   absl::StatusOr<std::vector<std::string>> paths = set.Parse(args);
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_H_
#define OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_H_

#include "executor/flags/arg_parser.h"
#include "policy/lint/flags.h"

namespace ocikit {

// Adds the flags to `set`; values of enumerated flags are checked as they are parsed.
void AddLintFlags(FlagSet& set, LintFlags& f);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/lint_flags-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_H_
