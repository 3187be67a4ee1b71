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
#ifndef OCIKIT_SPEC_OPTS_ROOTLESS_H_
#define OCIKIT_SPEC_OPTS_ROOTLESS_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/sandbox.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/userns.h"

namespace ocikit {

struct RootlessMappings {
  std::vector<LinuxIDMapping> uid_mappings;
  std::vector<LinuxIDMapping> gid_mappings;
};

// Container root mapped to one host user and group: the mapping an
// unprivileged user can write without newuidmap.
inline RootlessMappings SingleIDMappings(uint32_t host_uid, uint32_t host_gid) {
  RootlessMappings m;
  LinuxIDMapping& u = m.uid_mappings.emplace_back();
  u.host_id = host_uid;
  u.size = 1;
  LinuxIDMapping& g = m.gid_mappings.emplace_back();
  g.host_id = host_gid;
  g.size = 1;
  return m;
}

// Converts the spec for a rootless runtime (rules in the file comment). Any
// uid/gid mappings already in the spec are replaced by `mappings`.
inline SpecOpt WithRootless(RootlessMappings mappings) {
  return SpecOpt("WithRootless", [mappings = std::move(mappings)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    if (absl::Status s = ValidateIDMappings(mappings.uid_mappings); !s.ok()) return s;
    if (absl::Status s = ValidateIDMappings(mappings.gid_mappings); !s.ok()) return s;
    Linux& lx = EnsureLinux(spec);
    lx.uid_mappings.clear();
    lx.gid_mappings.clear();
    if (absl::Status s = WithUserNamespace(mappings.uid_mappings, mappings.gid_mappings)(ctx, spec); !s.ok()) return s;

    // /sys: host bind, read-only, at the position of the first /sys mount.
    auto& mounts = spec.mounts;
    size_t sys_at = mounts.size();
    for (size_t i = 0; i < mounts.size(); ++i) {
      if (IsPathUnder(mounts[i].destination, "/sys")) {
        sys_at = i;
        break;
      }
    }
    std::erase_if(mounts, [](const Mount& m) { return IsPathUnder(m.destination, "/sys"); });
    Mount sys;
    sys.destination = "/sys";
    sys.type = "bind";
    sys.source = "/sys";
    sys.options = {"rbind", "nosuid", "noexec", "nodev", "ro"};
    Mount cgroup;
    cgroup.destination = "/sys/fs/cgroup";
    cgroup.type = "cgroup";
    cgroup.source = "cgroup";
    cgroup.options = {"nosuid", "noexec", "nodev", "relatime", "ro"};
    sys_at = std::min(sys_at, mounts.size());
    mounts.insert(mounts.begin() + static_cast<std::ptrdiff_t>(sys_at), {std::move(sys), std::move(cgroup)});

    lx.resources.reset();
    lx.cgroups_path.clear();

    const bool gid5_mapped = IDToHost(5, lx.gid_mappings).ok();
    const bool private_ipc = HasNamespace(spec, kIpcNamespace);
    for (Mount& m : mounts) {
      if (m.type == "devpts" && !gid5_mapped) std::erase(m.options, std::string("gid=5"));
      if (m.type == "mqueue" && !private_ipc) {
        m.type = "bind";
        m.source = "/dev/mqueue";
        m.options = {"rbind", "nosuid", "noexec", "nodev"};
      }
    }
    if (!HasNamespace(spec, kPidNamespace)) lx.namespaces.emplace_back().type = std::string(kPidNamespace);
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_ROOTLESS_H_
