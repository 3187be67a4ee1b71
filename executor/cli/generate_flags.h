// File: executor/cli/generate_flags.h
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
#ifndef OCIKIT_EXECUTOR_CLI_GENERATE_FLAGS_H_
#define OCIKIT_EXECUTOR_CLI_GENERATE_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp_opts.h"
#include "policy/seccomp_profile.h"
#include "spec/flags/arg_parser.h"
#include "spec/flags/spec_flags.h"
#include "spec/opts/security.h"

namespace ocikit {

struct GenerateFlags {
  SpecFlags spec;
  std::string seccomp_arch;    // GOARCH for generated profiles; "" = this machine's
  std::string seccomp_kernel;  // "X.Y" for minKernel filters; "" = 6.1, "host" = uname
};

// Registers every spec-building flag of `f` in `set`.
inline void AddGenerateFlags(FlagSet& set, GenerateFlags& f) {
  AddSpecFlags(set, f.spec);
  set.Add({"seccomp-arch", 0, "ARCH", "architecture of generated seccomp profiles (amd64, arm64, ...; default: this machine's)",
           AssignFlag(f.seccomp_arch)});
  set.Add({"seccomp-kernel", 0, "X.Y", "kernel version for the profile's minKernel rules (default 6.1; host: this kernel)",
           AssignFlag(f.seccomp_kernel)});
}

// The seccomp transform --security-opt seccomp= asks for, if any.
inline absl::StatusOr<std::vector<SpecOpt>> SeccompOptsFromFlags(const GenerateFlags& f,
                                                                 std::vector<std::string>* warnings) {
  const std::string& choice = f.spec.seccomp;
  if (choice.empty()) return std::vector<SpecOpt>{};
  if (choice == "unconfined") return std::vector<SpecOpt>{WithSeccompUnconfined()};
  if (f.spec.privileged) {
    // Docker runs privileged containers without a filter whatever the option says.
    if (warnings != nullptr) warnings->push_back(absl::StrCat("--security-opt seccomp=", choice, " ignored: --privileged runs without a seccomp filter"));
    return std::vector<SpecOpt>{WithSeccompUnconfined()};
  }
  SeccompProfileOptions options;
  if (!f.seccomp_arch.empty()) {
    absl::StatusOr<std::string> arch = NormalizeGoArch(f.seccomp_arch);
    if (!arch.ok()) return absl::Status(arch.status().code(), absl::StrCat("--seccomp-arch: ", arch.status().message()));
    options.arch = *arch;
  }
  if (!f.seccomp_kernel.empty()) {
    absl::StatusOr<SeccompKernelVersion> kernel =
        f.seccomp_kernel == "host" ? HostKernelVersion() : ParseSeccompKernelVersion(f.seccomp_kernel);
    if (!kernel.ok()) {
      return absl::Status(kernel.status().code(), absl::StrCat("--seccomp-kernel: ", kernel.status().message()));
    }
    options.kernel = *kernel;
  }
  options.warn = [warnings](absl::string_view w) {
    if (warnings != nullptr) warnings->emplace_back(w);
  };
  if (choice == "default") return std::vector<SpecOpt>{WithDefaultSeccompProfile(options)};
  if (choice == "containerd") return std::vector<SpecOpt>{WithContainerdSeccompProfile(options)};
  return std::vector<SpecOpt>{WithSeccompProfileFile(internal::Resolve(f.spec.base_dir, choice), options)};
}

// Builds the spec the flags describe, seccomp included (it runs last, so it
// sees the final capabilities). Warnings are appended to `warnings`.
inline absl::StatusOr<Spec> BuildGeneratedSpec(const GenerateFlags& f, std::vector<std::string>* warnings) {
  absl::StatusOr<std::vector<SpecOpt>> seccomp = SeccompOptsFromFlags(f, warnings);
  if (!seccomp.ok()) return seccomp.status();
  SpecFlags spec_flags = f.spec;
  if (!seccomp->empty()) spec_flags.seccomp.clear();  // handled here
  return BuildSpec(spec_flags, warnings, *seccomp);
}

}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_CLI_GENERATE_FLAGS_H_
