// File: spec/opts/rootless-inl.h
//
// Definitions of spec/opts/rootless.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_ROOTLESS_INL_H_
#define OCIKIT_SPEC_OPTS_ROOTLESS_INL_H_

#include "spec/opts/rootless.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/sandbox.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/userns.h"

namespace ocikit {

OCIKIT_INLINE RootlessMappings SingleIDMappings(uint32_t host_uid, uint32_t host_gid) {
  RootlessMappings m;
  LinuxIDMapping& u = m.uid_mappings.emplace_back();
  u.host_id = host_uid;
  u.size = 1;
  LinuxIDMapping& g = m.gid_mappings.emplace_back();
  g.host_id = host_gid;
  g.size = 1;
  return m;
}

OCIKIT_INLINE SpecOpt WithRootless(RootlessMappings mappings) {
  return SpecOpt("WithRootless", [mappings = std::move(mappings)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(ValidateIDMappings(mappings.uid_mappings));
    OCIKIT_RETURN_IF_ERROR(ValidateIDMappings(mappings.gid_mappings));
    Linux& lx = EnsureLinux(spec);
    lx.uid_mappings.clear();
    lx.gid_mappings.clear();
    OCIKIT_RETURN_IF_ERROR(WithUserNamespace(mappings.uid_mappings, mappings.gid_mappings)(ctx, spec));

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

#endif  // OCIKIT_SPEC_OPTS_ROOTLESS_INL_H_
