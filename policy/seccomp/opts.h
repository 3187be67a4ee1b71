// File: policy/seccomp/opts.h
//
// Seccomp transforms. Each sets `linux.seccomp` from a profile evaluated,
// when the transform runs, against the spec's process.capabilities.bounding:
// put it after the capability transforms (--cap-add, --cap-drop,
// --privileged) so that, for example, CAP_SYS_ADMIN allows mount(2) and lifts
// the clone/clone3 restrictions. The result is then checked against
// libseccomp (policy/seccomp/check.h): names it does not know are a warning
// by default and an error with SeccompNameCheck::kStrict.
// WithSeccompUnconfined() (no filter) is in spec/opts/security.h.
//
// Example:
//   SeccompProfileOptions options;
//   options.arch = "arm64";
//   ApplyOpts(ctx, spec, {WithAddedCapabilities({"CAP_SYS_ADMIN"}), WithDefaultSeccompProfile(options)});
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json seccomp
#ifndef OCIKIT_POLICY_SECCOMP_OPTS_H_
#define OCIKIT_POLICY_SECCOMP_OPTS_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/check.h"
#include "policy/seccomp/profile.h"
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
SpecOpt WithSeccompProfile(SeccompProfile profile, SeccompProfileOptions options = {});

// WithDefaultSeccompProfile()
//
// Docker's default profile (moby/profiles v0.2.3), as dockerd applies it.
// Example:
//   ApplyOpts(ctx, spec, {WithDefaultSeccompProfile()});  // 15 rules on amd64 with the default caps
SpecOpt WithDefaultSeccompProfile(SeccompProfileOptions options = {});

// WithContainerdSeccompProfile()
//
// containerd's default profile (contrib/seccomp DefaultProfile).
// Example:
//   ApplyOpts(ctx, spec, {WithContainerdSeccompProfile()});  // 14 rules on amd64 with the default caps
SpecOpt WithContainerdSeccompProfile(SeccompProfileOptions options = {});

// WithSeccompProfileFile()
//
// A profile file in moby's format or a plain runtime-spec linux.seccomp
// section: a regular file of at most 16 MiB, read when the transform runs.
// Example:
//   ApplyOpts(ctx, spec, {WithSeccompProfileFile("/etc/docker/seccomp.json")});
SpecOpt WithSeccompProfileFile(std::string path, SeccompProfileOptions options = {});

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

SeccompTarget SeccompTargetFor(const Spec& spec, const SeccompProfileOptions& options);

// Checks `seccomp` with libseccomp for the target's architecture, warns or
// fails as the options say, then stores it (or removes linux.seccomp when it
// is empty).
absl::Status SetCheckedSeccomp(Spec& spec, LinuxSeccomp seccomp, const SeccompTarget& target,
                                      const SeccompProfileOptions& options);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/seccomp/opts-inl.h"
#endif

#endif  // OCIKIT_POLICY_SECCOMP_OPTS_H_
