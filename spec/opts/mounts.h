// File: spec/opts/mounts.h
//
// Mount transforms, containerd's WithMounts family. The parsers for the mount
// strings users type (--mount, -v, --tmpfs) are in spec/opts/mount_flags.h.
//
// Example:
//   ApplyOpts(ctx, spec, {WithoutRunMount(), WithDevShmSize(65536)});
#ifndef OCIKIT_SPEC_OPTS_MOUNTS_H_
#define OCIKIT_SPEC_OPTS_MOUNTS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/linux.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

// The error WithDevShmSize returns when the spec has no /dev/shm tmpfs mount
// with source "shm" (containerd's ErrNoShmMount).
inline absl::Status NoShmMountError() { return absl::FailedPreconditionError("no /dev/shm mount specified"); }

namespace internal {

// Replaces the first mount with the same cleaned destination as `m` and drops
// any later ones (BuildKit's dedupMounts), or appends `m`.
inline void ReplaceOrAppendMount(std::vector<Mount>& mounts, Mount m) {
  const std::string dest = CleanPath(m.destination);
  const auto same = [&dest](const Mount& x) { return CleanPath(x.destination) == dest; };
  const auto first = std::find_if(mounts.begin(), mounts.end(), same);
  if (first == mounts.end()) {
    mounts.push_back(std::move(m));
    return;
  }
  *first = std::move(m);
  mounts.erase(std::remove_if(first + 1, mounts.end(), same), mounts.end());
}

// containerd's read-only bind of a host file onto a container path.
inline Mount HostFileBind(std::string destination, std::string source) {
  Mount m;
  m.destination = std::move(destination);
  m.type = "bind";
  m.source = std::move(source);
  m.options = {"rbind", "ro"};
  return m;
}

// Replaces the option "ro" by "rw" in every mount of type `type`.
inline void MakeMountsWriteable(Spec& spec, absl::string_view type) {
  for (Mount& m : spec.mounts) {
    if (m.type != type) continue;
    for (std::string& option : m.options) {
      if (option == "ro") option = "rw";
    }
  }
}

}  // namespace internal

// Adds mounts in order. A mount whose cleaned destination equals that of a
// mount already in the spec replaces it at the earlier position, and later
// mounts with that destination are dropped (BuildKit's dedupMounts), so every
// destination appears once. containerd only appends. Note the cost of the
// in-place rule: a replaced mount keeps its early position, so a mount listed
// after it on a parent directory hides it, where an appended one would not.
inline SpecOpt WithMounts(std::vector<Mount> mounts) {
  return SpecOpt("WithMounts", [mounts = std::move(mounts)](const SpecContext&, Spec& spec) {
    for (const Mount& m : mounts) internal::ReplaceOrAppendMount(spec.mounts, m);
    return absl::OkStatus();
  });
}

// Removes every mount whose cleaned destination equals one of the cleaned
// `destinations`. containerd cleans only the mount's side, so there
// WithoutMounts({"/run/"}) removes nothing; in ocikit it removes /run.
inline SpecOpt WithoutMounts(std::vector<std::string> destinations) {
  return SpecOpt("WithoutMounts", [destinations = std::move(destinations)](const SpecContext&, Spec& spec) {
    std::vector<std::string> clean;
    clean.reserve(destinations.size());
    for (const std::string& d : destinations) clean.push_back(CleanPath(d));
    std::erase_if(spec.mounts, [&clean](const Mount& m) {
      return std::find(clean.begin(), clean.end(), CleanPath(m.destination)) != clean.end();
    });
    return absl::OkStatus();
  });
}

// Removes the /run mount.
inline SpecOpt WithoutRunMount() {
  return SpecOpt("WithoutRunMount", [](const SpecContext&, Spec& spec) {
    std::erase_if(spec.mounts, [](const Mount& m) { return CleanPath(m.destination) == "/run"; });
    return absl::OkStatus();
  });
}

// Sets the size of the /dev/shm mount to `kib` KiB: in the first mount with
// cleaned destination /dev/shm, source "shm" and type "tmpfs", every size=
// option is removed and size=<kib>k appended. Fails with NoShmMountError()
// when there is no such mount (containerd).
inline SpecOpt WithDevShmSize(uint64_t kib) {
  return SpecOpt("WithDevShmSize", [kib](const SpecContext&, Spec& spec) -> absl::Status {
    for (Mount& m : spec.mounts) {
      if (CleanPath(m.destination) != "/dev/shm" || m.source != "shm" || m.type != "tmpfs") continue;
      std::erase_if(m.options, [](const std::string& o) { return absl::StartsWith(o, "size="); });
      m.options.push_back(absl::StrCat("size=", kib, "k"));
      return absl::OkStatus();
    }
    return NoShmMountError();
  });
}

// Binds the host's hosts file (SpecContext::host_hosts) read-only onto
// /etc/hosts, replacing a mount already there (see WithMounts).
inline SpecOpt WithHostHostsFile() {
  return SpecOpt("WithHostHostsFile", [](const SpecContext& ctx, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/hosts", ctx.host_hosts));
    return absl::OkStatus();
  });
}

// Binds the host's resolv.conf (SpecContext::host_resolv_conf) read-only onto
// /etc/resolv.conf, replacing a mount already there (see WithMounts).
inline SpecOpt WithHostResolvconf() {
  return SpecOpt("WithHostResolvconf", [](const SpecContext& ctx, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/resolv.conf", ctx.host_resolv_conf));
    return absl::OkStatus();
  });
}

// Binds the host's /etc/localtime read-only onto /etc/localtime, replacing a
// mount already there (see WithMounts).
inline SpecOpt WithHostLocaltime() {
  return SpecOpt("WithHostLocaltime", [](const SpecContext&, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/localtime", "/etc/localtime"));
    return absl::OkStatus();
  });
}

// Makes sysfs mounts writable: "ro" becomes "rw" in mounts of type sysfs.
inline SpecOpt WithWriteableSysfs() {
  return SpecOpt("WithWriteableSysfs", [](const SpecContext&, Spec& spec) {
    internal::MakeMountsWriteable(spec, "sysfs");
    return absl::OkStatus();
  });
}

// Makes cgroup mounts writable: "ro" becomes "rw" in mounts of type cgroup.
inline SpecOpt WithWriteableCgroupfs() {
  return SpecOpt("WithWriteableCgroupfs", [](const SpecContext&, Spec& spec) {
    internal::MakeMountsWriteable(spec, "cgroup");
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_MOUNTS_H_
