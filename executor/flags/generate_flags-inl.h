// File: executor/flags/generate_flags-inl.h
//
// Definitions of executor/flags/generate_flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_INL_H_

#include "executor/flags/generate_flags.h"
#include "spec/internal/compile_mode.h"
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

OCIKIT_INLINE void AddGenerateFlags(FlagSet& set, GenerateFlags& f) {
  AddSpecFlags(set, f.spec);
  set.Add({"seccomp-arch", 0, "ARCH", "architecture of generated seccomp profiles (amd64, arm64, ...; default: this machine's)",
           AssignFlag(f.seccomp_arch)});
  set.Add({"seccomp-kernel", 0, "X.Y", "kernel version for the profile's minKernel rules (default 6.1; host: this kernel)",
           AssignFlag(f.seccomp_kernel)});
}

OCIKIT_INLINE absl::StatusOr<std::vector<SpecOpt>> SeccompOptsFromFlags(const GenerateFlags& f,
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

OCIKIT_INLINE absl::StatusOr<Spec> BuildGeneratedSpec(const GenerateFlags& f, std::vector<std::string>* warnings) {
  absl::StatusOr<std::vector<SpecOpt>> seccomp = SeccompOptsFromFlags(f, warnings);
  if (!seccomp.ok()) return seccomp.status();
  SpecFlags spec_flags = f.spec;
  if (!seccomp->empty()) spec_flags.seccomp.clear();  // handled here
  return BuildSpec(spec_flags, warnings, *seccomp);
}
}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_GENERATE_FLAGS_INL_H_
