// File: policy/seccomp_opts.h
//
// Seccomp transforms. Each sets `linux.seccomp` from a profile evaluated,
// when the transform runs, against the spec's process.capabilities.bounding:
// put it after the capability transforms (--cap-add, --cap-drop,
// --privileged) so that, for example, CAP_SYS_ADMIN allows mount(2) and lifts
// the clone/clone3 restrictions. The result is then checked against
// libseccomp (policy/seccomp_check.h): names it does not know are a warning
// by default and an error with SeccompNameCheck::kStrict.
// WithSeccompUnconfined() (no filter) is in spec/opts/security.h.
//
// Example:
//   SeccompProfileOptions options;
//   options.arch = "arm64";
//   ApplyOpts(ctx, spec, {WithAddedCapabilities({"CAP_SYS_ADMIN"}), WithDefaultSeccompProfile(options)});
#ifndef OCIKIT_POLICY_SECCOMP_OPTS_H_
#define OCIKIT_POLICY_SECCOMP_OPTS_H_

#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/default_seccomp.h"
#include "policy/seccomp_check.h"
#include "policy/seccomp_profile.h"
#include "spec/file.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The largest profile file WithSeccompProfileFile reads (moby's default is 17 KiB).
inline constexpr size_t kMaxSeccompProfileBytes = 16 << 20;

// SeccompProfileOptions
//
// The target and the libseccomp check of the seccomp transforms.
struct SeccompProfileOptions {
  std::string arch;                                                    // GOARCH; "" = NativeGoArch()
  std::optional<SeccompKernelVersion> kernel = kDefaultSeccompKernel;  // nullopt = unknown
  SeccompNameCheck check = SeccompNameCheck::kWarn;
  std::function<void(absl::string_view)> warn;  // gets each warning; nullptr = one line on stderr
};

// WithSeccompProfile()
//
// Sets linux.seccomp to `profile` converted for the options' target and the
// spec's bounding set at the time the transform runs; a profile with neither
// defaultAction nor syscalls removes linux.seccomp (as moby does).
inline SpecOpt WithSeccompProfile(SeccompProfile profile, SeccompProfileOptions options = {});

// WithDefaultSeccompProfile()
//
// Docker's default profile (moby/profiles v0.2.3), as dockerd applies it.
// Example:
//   ApplyOpts(ctx, spec, {WithDefaultSeccompProfile()});  // 15 rules on amd64 with the default caps
inline SpecOpt WithDefaultSeccompProfile(SeccompProfileOptions options = {});

// WithContainerdSeccompProfile()
//
// containerd's default profile (contrib/seccomp DefaultProfile).
// Example:
//   ApplyOpts(ctx, spec, {WithContainerdSeccompProfile()});  // 14 rules on amd64 with the default caps
inline SpecOpt WithContainerdSeccompProfile(SeccompProfileOptions options = {});

// WithSeccompProfileFile()
//
// A profile file in moby's format or a plain runtime-spec linux.seccomp
// section: a regular file of at most 16 MiB, read when the transform runs.
// Example:
//   ApplyOpts(ctx, spec, {WithSeccompProfileFile("/etc/docker/seccomp.json")});
inline SpecOpt WithSeccompProfileFile(std::string path, SeccompProfileOptions options = {});

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

inline SeccompTarget SeccompTargetFor(const Spec& spec, const SeccompProfileOptions& options) {
  SeccompTarget target;
  if (!options.arch.empty()) target.arch = options.arch;
  target.kernel = options.kernel;
  if (spec.process && spec.process->capabilities) target.bounding_caps = spec.process->capabilities->bounding;
  return target;
}

// Checks `seccomp` with libseccomp for the target's architecture, warns or
// fails as the options say, then stores it (or removes linux.seccomp when it
// is empty).
inline absl::Status SetCheckedSeccomp(Spec& spec, LinuxSeccomp seccomp, const SeccompTarget& target,
                                      const SeccompProfileOptions& options) {
  if (IsEmptySeccomp(seccomp)) {
    if (spec.linux_section) spec.linux_section->seccomp.reset();
    return absl::OkStatus();
  }
  if (options.check != SeccompNameCheck::kOff) {
    absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp, options.check, target.arch);
    if (!report.ok()) return report.status();
    if (std::string warning = report->Warning(); !warning.empty()) {
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

inline SpecOpt WithSeccompProfile(SeccompProfile profile, SeccompProfileOptions options) {
  return SpecOpt("WithSeccompProfile", [profile = std::move(profile), options = std::move(options)](
                                           const SpecContext&, Spec& spec) -> absl::Status {
    const SeccompTarget target = internal::SeccompTargetFor(spec, options);
    absl::StatusOr<LinuxSeccomp> seccomp = ToRuntimeSeccomp(profile, target);
    if (!seccomp.ok()) return seccomp.status();
    return internal::SetCheckedSeccomp(spec, *std::move(seccomp), target, options);
  });
}

inline SpecOpt WithDefaultSeccompProfile(SeccompProfileOptions options) {
  return SpecOpt("WithDefaultSeccompProfile",
                 [options = std::move(options)](const SpecContext&, Spec& spec) -> absl::Status {
                   const SeccompTarget target = internal::SeccompTargetFor(spec, options);
                   absl::StatusOr<LinuxSeccomp> seccomp = DefaultRuntimeSeccomp(target);
                   if (!seccomp.ok()) return seccomp.status();
                   return internal::SetCheckedSeccomp(spec, *std::move(seccomp), target, options);
                 });
}

inline SpecOpt WithContainerdSeccompProfile(SeccompProfileOptions options) {
  return SpecOpt("WithContainerdSeccompProfile",
                 [options = std::move(options)](const SpecContext&, Spec& spec) -> absl::Status {
                   const SeccompTarget target = internal::SeccompTargetFor(spec, options);
                   return internal::SetCheckedSeccomp(spec, ContainerdDefaultProfile(target), target, options);
                 });
}

inline SpecOpt WithSeccompProfileFile(std::string path, SeccompProfileOptions options) {
  return SpecOpt("WithSeccompProfileFile", [path = std::move(path), options = std::move(options)](
                                               const SpecContext&, Spec& spec) -> absl::Status {
    absl::StatusOr<std::string> text = ReadRegularFile(path, kMaxSeccompProfileBytes);
    if (!text.ok()) return text.status();
    absl::StatusOr<SeccompProfile> profile = ParseSeccompProfile(*text, path);
    if (!profile.ok()) return profile.status();
    const SeccompTarget target = internal::SeccompTargetFor(spec, options);
    absl::StatusOr<LinuxSeccomp> seccomp = ToRuntimeSeccomp(*profile, target);
    if (!seccomp.ok()) return absl::Status(seccomp.status().code(), absl::StrCat(path, ": ", seccomp.status().message()));
    return internal::SetCheckedSeccomp(spec, *std::move(seccomp), target, options);
  });
}

}  // namespace ocikit

#endif  // OCIKIT_POLICY_SECCOMP_OPTS_H_
