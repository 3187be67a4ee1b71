// File: spec/opts/security-inl.h
//
// Definitions of spec/opts/security.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_SECURITY_INL_H_
#define OCIKIT_SPEC_OPTS_SECURITY_INL_H_

#include "spec/opts/security.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <utility>
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE SpecOpt WithNoNewPrivileges() {
  return SpecOpt("WithNoNewPrivileges", [](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).no_new_privileges = true;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithNewPrivileges() {
  return SpecOpt("WithNewPrivileges", [](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).no_new_privileges = false;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithApparmorProfile(std::string profile) {
  return SpecOpt("WithApparmorProfile", [profile = std::move(profile)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).apparmor_profile = profile;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithSelinuxLabel(std::string label) {
  return SpecOpt("WithSelinuxLabel", [label = std::move(label)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).selinux_label = label;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithMountLabel(std::string label) {
  return SpecOpt("WithMountLabel", [label = std::move(label)](const SpecContext&, Spec& spec) {
    EnsureLinux(spec).mount_label = label;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithSeccompUnconfined() {
  return SpecOpt("WithSeccompUnconfined", [](const SpecContext&, Spec& spec) {
    if (spec.linux_section) spec.linux_section->seccomp.reset();
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SECURITY_INL_H_
