// File: spec/opts/rootless.h
//
// Rootless conversion: makes a spec runnable by an unprivileged user. The
// rules are the union of BuildKit's (util/rootless/specconv) and runc's
// `runc spec --rootless`, with fixes for the problems field lessons record:
//   1. user namespace with the given mappings (default: container root is the
//      calling user, one id);
//   2. every mount at or under /sys (by path component, so /sysroot stays) is
//      replaced by a read-only rbind of the host /sys, plus a read-only
//      /sys/fs/cgroup: "ro" on an rbind is not recursive (runc #1869);
//   3. linux.resources and cgroupsPath are dropped (no delegated cgroup);
//   4. devpts loses gid=5 when container gid 5 is not mapped (crun #234);
//   5. /dev/mqueue becomes a bind of the host's when there is no private ipc
//      namespace (Buildah);
//   6. a private pid namespace is kept or added, so the container can still
//      be killed as a whole (BuildKit #5512).
// The network namespace is left as it is: a private one has loopback only.
//
// Example:
//   ApplyOpts(ctx, spec, {WithRootless(RootlessMappings(getuid(), getgid()))});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_ROOTLESS_H_
#define OCIKIT_SPEC_OPTS_ROOTLESS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "spec/opts/userns.h"

namespace ocikit {

struct RootlessMappings {
  std::vector<LinuxIDMapping> uid_mappings;
  std::vector<LinuxIDMapping> gid_mappings;
};

// Container root mapped to one host user and group: the mapping an
// unprivileged user can write without newuidmap.
RootlessMappings SingleIDMappings(uint32_t host_uid, uint32_t host_gid);

// Converts the spec for a rootless runtime (rules in the file comment). Any
// uid/gid mappings already in the spec are replaced by `mappings`.
SpecOpt WithRootless(RootlessMappings mappings);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/rootless-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_ROOTLESS_H_
