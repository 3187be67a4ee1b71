// File: executor/flags/generate_flags.h
//
// The whole flag table that builds a spec: spec/'s flags plus the policy
// layer's seccomp profiles (policy/ knows the profiles; spec/ does not). Used
// by `ocikit spec`, `ocikit run`, `ocikit create` and the golden suites, so a
// flag means the same everywhere.
//
// Example:
//   GenerateFlags f;
//   FlagSet set;
//   AddGenerateFlags(set, f);
//   f.spec.command = *set.Parse(args, /*stop_at_positional=*/true);
//   absl::StatusOr<Spec> spec = BuildGeneratedSpec(f, &warnings);
#ifndef OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_H_
#define OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/opts.h"
#include "policy/seccomp/profile.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_flags.h"
#include "spec/opts/security.h"

namespace ocikit {

struct GenerateFlags {
  SpecFlags spec;
  std::string seccomp_arch;    // GOARCH for generated profiles; "" = this machine's
  std::string seccomp_kernel;  // "X.Y" for minKernel filters; "" = 6.1, "host" = uname
};

// Registers every spec-building flag of `f` in `set`.
void AddGenerateFlags(FlagSet& set, GenerateFlags& f);

// The seccomp transform --security-opt seccomp= asks for, if any.
absl::StatusOr<std::vector<SpecOpt>> SeccompOptsFromFlags(const GenerateFlags& f,
                                                                 std::vector<std::string>* warnings);

// Builds the spec the flags describe, seccomp included (it runs last, so it
// sees the final capabilities). Warnings are appended to `warnings`.
absl::StatusOr<Spec> BuildGeneratedSpec(const GenerateFlags& f, std::vector<std::string>* warnings);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/generate_flags-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_H_
