// File: spec/opts/root.h
//
// Transforms of the root filesystem.
//
// Example:
//   ApplyOpts(ctx, spec, {WithRootFSPath("/var/lib/c/rootfs"), WithRootFSReadonly()});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_ROOT_H_
#define OCIKIT_SPEC_OPTS_ROOT_H_

#include <string>
#include <utility>

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Sets root.path (absolute, or relative to the bundle).
SpecOpt WithRootFSPath(std::string path);

// Makes the root filesystem read-only.
SpecOpt WithRootFSReadonly();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/root-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_ROOT_H_
