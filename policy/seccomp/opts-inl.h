// File: policy/seccomp/opts-inl.h
//
// Definitions of policy/seccomp/opts.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_SECCOMP_OPTS_INL_H_
#define OCIKIT_POLICY_SECCOMP_OPTS_INL_H_

#include "policy/seccomp/opts.h"
#include "spec/internal/compile_mode.h"
#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/default_profiles.h"
#include "policy/seccomp/check.h"
#include "policy/seccomp/profile.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE SeccompTarget SeccompTargetFor(const Spec& spec, const SeccompProfileOptions& options) {
  SeccompTarget target;
  if (!options.arch.empty()) target.arch = options.arch;
  target.kernel = options.kernel;
  if (spec.process && spec.process->capabilities) target.bounding_caps = spec.process->capabilities->bounding;
  return target;
}

OCIKIT_INLINE absl::Status SetCheckedSeccomp(Spec& spec, LinuxSeccomp seccomp, const SeccompTarget& target,
                                      const SeccompProfileOptions& options) {
  if (IsEmptySeccomp(seccomp)) {
    if (spec.linux_section) spec.linux_section->seccomp.reset();
    return absl::OkStatus();
  }
  if (options.check != SeccompNameCheck::kOff) {
    OCIKIT_ASSIGN_OR_RETURN(SeccompSyscallReport report, CheckSeccompSyscalls(seccomp, options.check, target.arch));
    if (std::string warning = report.Warning(); !warning.empty()) {
      if (options.warn) {
        options.warn(warning);
      } else {
        std::fprintf(stderr, "warning: linux.seccomp: %s\n", warning.c_str());
      }
    }
  }
  EnsureLinux(spec).seccomp = std::move(seccomp);
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithSeccompProfile(SeccompProfile profile, SeccompProfileOptions options) {
  return SpecOpt("WithSeccompProfile", [profile = std::move(profile), options = std::move(options)](
                                           const SpecContext&, Spec& spec) -> absl::Status {
    const SeccompTarget target = internal::SeccompTargetFor(spec, options);
    OCIKIT_ASSIGN_OR_RETURN(LinuxSeccomp seccomp, ToRuntimeSeccomp(profile, target));
    return internal::SetCheckedSeccomp(spec, std::move(seccomp), target, options);
  });
}

OCIKIT_INLINE SpecOpt WithDefaultSeccompProfile(SeccompProfileOptions options) {
  return SpecOpt("WithDefaultSeccompProfile",
                 [options = std::move(options)](const SpecContext&, Spec& spec) -> absl::Status {
                   const SeccompTarget target = internal::SeccompTargetFor(spec, options);
                   OCIKIT_ASSIGN_OR_RETURN(LinuxSeccomp seccomp, DefaultRuntimeSeccomp(target));
                   return internal::SetCheckedSeccomp(spec, std::move(seccomp), target, options);
                 });
}

OCIKIT_INLINE SpecOpt WithContainerdSeccompProfile(SeccompProfileOptions options) {
  return SpecOpt("WithContainerdSeccompProfile",
                 [options = std::move(options)](const SpecContext&, Spec& spec) -> absl::Status {
                   const SeccompTarget target = internal::SeccompTargetFor(spec, options);
                   return internal::SetCheckedSeccomp(spec, ContainerdDefaultProfile(target), target, options);
                 });
}

OCIKIT_INLINE SpecOpt WithSeccompProfileFile(std::string path, SeccompProfileOptions options) {
  return SpecOpt("WithSeccompProfileFile", [path = std::move(path), options = std::move(options)](
                                               const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::string text, ReadRegularFile(path, kMaxSeccompProfileBytes));
    OCIKIT_ASSIGN_OR_RETURN(SeccompProfile profile, ParseSeccompProfile(text, path));
    const SeccompTarget target = internal::SeccompTargetFor(spec, options);
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED(absl::StrCat(path, ": "), LinuxSeccomp seccomp, ToRuntimeSeccomp(profile, target));
    return internal::SetCheckedSeccomp(spec, std::move(seccomp), target, options);
  });
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_SECCOMP_OPTS_INL_H_
