// File: spec/opts/security.h
//
// Process security settings: no_new_privs, AppArmor, SELinux labels, and
// turning the seccomp filter off. The seccomp profiles themselves are in
// policy/ (policy/seccomp_opts.h).
//
// Example:
//   ApplyOpts(ctx, spec, {WithNoNewPrivileges(), WithApparmorProfile("docker-default")});
#ifndef OCIKIT_SPEC_OPTS_SECURITY_H_
#define OCIKIT_SPEC_OPTS_SECURITY_H_

#include <string>
#include <utility>

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Sets noNewPrivileges: execve cannot grant privileges (setuid, file caps).
inline SpecOpt WithNoNewPrivileges() {
  return SpecOpt("WithNoNewPrivileges", [](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).no_new_privileges = true;
    return absl::OkStatus();
  });
}

// Clears noNewPrivileges.
inline SpecOpt WithNewPrivileges() {
  return SpecOpt("WithNewPrivileges", [](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).no_new_privileges = false;
    return absl::OkStatus();
  });
}

// Sets the AppArmor profile of the process; "" removes it.
inline SpecOpt WithApparmorProfile(std::string profile) {
  return SpecOpt("WithApparmorProfile", [profile = std::move(profile)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).apparmor_profile = profile;
    return absl::OkStatus();
  });
}

// Sets the SELinux label of the process; "" removes it.
inline SpecOpt WithSelinuxLabel(std::string label) {
  return SpecOpt("WithSelinuxLabel", [label = std::move(label)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).selinux_label = label;
    return absl::OkStatus();
  });
}

// Sets the SELinux label of the container's mounts; "" removes it.
inline SpecOpt WithMountLabel(std::string label) {
  return SpecOpt("WithMountLabel", [label = std::move(label)](const SpecContext&, Spec& spec) {
    EnsureLinux(spec).mount_label = label;
    return absl::OkStatus();
  });
}

// Removes the seccomp filter (linux.seccomp).
inline SpecOpt WithSeccompUnconfined() {
  return SpecOpt("WithSeccompUnconfined", [](const SpecContext&, Spec& spec) {
    if (spec.linux_section) spec.linux_section->seccomp.reset();
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SECURITY_H_
