// File: spec/opts/root.h
//
// Transforms of the root filesystem.
//
// Example:
//   ApplyOpts(ctx, spec, {WithRootFSPath("/var/lib/c/rootfs"), WithRootFSReadonly()});
#ifndef OCIKIT_SPEC_OPTS_ROOT_H_
#define OCIKIT_SPEC_OPTS_ROOT_H_

#include <string>
#include <utility>

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Sets root.path (absolute, or relative to the bundle).
inline SpecOpt WithRootFSPath(std::string path) {
  return SpecOpt("WithRootFSPath", [path = std::move(path)](const SpecContext&, Spec& spec) {
    EnsureRoot(spec).path = path;
    return absl::OkStatus();
  });
}

// Makes the root filesystem read-only.
inline SpecOpt WithRootFSReadonly() {
  return SpecOpt("WithRootFSReadonly", [](const SpecContext&, Spec& spec) {
    EnsureRoot(spec).readonly = true;
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_ROOT_H_
