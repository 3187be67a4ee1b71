// File: spec/opts/privileged.h
//
// WithPrivileged: containerd's composition, in its order: every capability
// the caller has, no masked or read-only paths, writable sysfs and cgroupfs,
// no SELinux label, no AppArmor profile, no seccomp filter. Devices and
// namespaces are left as they are.
//
// Example:
//   ApplyOpts(ctx, spec, {WithPrivileged()});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_PRIVILEGED_H_
#define OCIKIT_SPEC_OPTS_PRIVILEGED_H_

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Gives the container the caller's privileges (see the file comment).
SpecOpt WithPrivileged();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/privileged-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_PRIVILEGED_H_
