// File: spec/opts/security.h
//
// Process security settings: no_new_privs, AppArmor, SELinux labels, and
// turning the seccomp filter off. The seccomp profiles themselves are in
// policy/ (policy/seccomp/opts.h).
//
// Example:
//   ApplyOpts(ctx, spec, {WithNoNewPrivileges(), WithApparmorProfile("docker-default")});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_SECURITY_H_
#define OCIKIT_SPEC_OPTS_SECURITY_H_

#include <string>
#include <utility>

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Sets noNewPrivileges: execve cannot grant privileges (setuid, file caps).
SpecOpt WithNoNewPrivileges();

// Clears noNewPrivileges.
SpecOpt WithNewPrivileges();

// Sets the AppArmor profile of the process; "" removes it.
SpecOpt WithApparmorProfile(std::string profile);

// Sets the SELinux label of the process; "" removes it.
SpecOpt WithSelinuxLabel(std::string label);

// Sets the SELinux label of the container's mounts; "" removes it.
SpecOpt WithMountLabel(std::string label);

// Removes the seccomp filter (linux.seccomp).
SpecOpt WithSeccompUnconfined();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/security-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_SECURITY_H_
