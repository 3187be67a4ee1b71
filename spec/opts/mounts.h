// File: spec/opts/mounts.h
//
// Mount transforms, containerd's WithMounts family. The parsers for the mount
// strings users type (--mount, -v, --tmpfs) are in spec/opts/mount_flags.h.
//
// Example:
//   ApplyOpts(ctx, spec, {WithoutRunMount(), WithDevShmSize(65536)});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_MOUNTS_H_
#define OCIKIT_SPEC_OPTS_MOUNTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The error WithDevShmSize returns when the spec has no /dev/shm tmpfs mount
// with source "shm" (containerd's ErrNoShmMount).
absl::Status NoShmMountError();

namespace internal {

// Replaces the first mount with the same cleaned destination as `m` and drops
// any later ones (BuildKit's dedupMounts), or appends `m`.
void ReplaceOrAppendMount(std::vector<Mount>& mounts, Mount m);

// containerd's read-only bind of a host file onto a container path.
Mount HostFileBind(std::string destination, std::string source);

// Replaces the option "ro" by "rw" in every mount of type `type`.
void MakeMountsWriteable(Spec& spec, absl::string_view type);

}  // namespace internal

// Adds mounts in order. A mount whose cleaned destination equals that of a
// mount already in the spec replaces it at the earlier position, and later
// mounts with that destination are dropped (BuildKit's dedupMounts), so every
// destination appears once. containerd only appends. Note the cost of the
// in-place rule: a replaced mount keeps its early position, so a mount listed
// after it on a parent directory hides it, where an appended one would not.
SpecOpt WithMounts(std::vector<Mount> mounts);

// Removes every mount whose cleaned destination equals one of the cleaned
// `destinations`. containerd cleans only the mount's side, so there
// WithoutMounts({"/run/"}) removes nothing; in ocikit it removes /run.
SpecOpt WithoutMounts(std::vector<std::string> destinations);

// Removes the /run mount.
SpecOpt WithoutRunMount();

// For a read-only root: adds writable tmpfs mounts on /tmp and /var/tmp
// (mode 1777) and /run (mode 755), nosuid and nodev, where the spec has no
// mount yet, as Podman's --read-only-tmpfs (default true) does. Unlike
// Podman it does not copy the image's files into them (tmpcopyup).
SpecOpt WithReadOnlyTmpfs();

// Adds a read-only cgroup filesystem on /sys/fs/cgroup, right after the /sys
// mount (appended when there is none), with Podman's options (rprivate,
// nosuid, noexec, nodev, relatime, ro), unless a mount is already there. With
// a private cgroup namespace the container sees its own cgroup as the root
// (cgroup v2), so JVMs and Go runtimes find their limits (memory.max); on a
// cgroup v1 host runc mounts each controller of the container's cgroup. Moby
// and Podman mount it too; containerd's default spec does not.
SpecOpt WithCgroupfsMount();

// Sets the size of the /dev/shm mount to `kib` KiB: in the first mount with
// cleaned destination /dev/shm, source "shm" and type "tmpfs", every size=
// option is removed and size=<kib>k appended. Fails with NoShmMountError()
// when there is no such mount (containerd).
SpecOpt WithDevShmSize(uint64_t kib);

// Binds the host's hosts file (SpecContext::host_hosts) read-only onto
// /etc/hosts, replacing a mount already there (see WithMounts).
SpecOpt WithHostHostsFile();

// Binds the host's resolv.conf (SpecContext::host_resolv_conf) read-only onto
// /etc/resolv.conf, replacing a mount already there (see WithMounts).
SpecOpt WithHostResolvconf();

// Binds the host's /etc/localtime read-only onto /etc/localtime, replacing a
// mount already there (see WithMounts).
SpecOpt WithHostLocaltime();

// Makes sysfs mounts writable: "ro" becomes "rw" in mounts of type sysfs.
SpecOpt WithWriteableSysfs();

// Makes cgroup mounts writable: "ro" becomes "rw" in mounts of type cgroup.
SpecOpt WithWriteableCgroupfs();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/mounts-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_MOUNTS_H_
