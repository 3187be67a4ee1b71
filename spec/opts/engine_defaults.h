// File: spec/opts/engine_defaults.h
//
// What each engine writes for a plain run (`podman run IMAGE CMD`, `docker
// run IMAGE CMD`, `ctr run IMAGE ID CMD`), as presets on top of the default
// spec: capabilities, environment, user, mounts and their options, masked and
// read-only paths, rlimits, pids limit, no_new_privs, namespaces. The flag
// layer (`ocikit spec --defaults`) adds the seccomp profile, which lives in
// policy/, and the generated resolv.conf and hosts. Fields only an engine can
// fill (its cgroup path, its network namespace file, its storage paths, its
// bookkeeping annotations) are not reproduced; docs/transforms.md lists them.
//
// Podman's preset is Podman 4.3 with containers.conf defaults, compared with
// a config.json Podman wrote here (testdata/engines/). Docker's is moby's
// oci.DefaultSpec with its daemon defaults.
//
// Example:
//   ApplyOpts(ctx, spec, {WithPodmanDefaults(), WithProcessArgs({"sh"})});
//   // 11 capabilities, PATH and TERM, umask 0022, nofile 1048576, pids 2048
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_H_
#define OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The seccomp profile Podman applies by default (containers.conf's
// seccomp_profile; Debian's containers-common installs it). The flag layer
// gives it to `--defaults podman`, as moby's profile to the others.
inline constexpr char kPodmanSeccompProfile[] = "/usr/share/containers/seccomp.json";

// Whose plain run `--defaults` reproduces. kOcikit is ocikit's own: the
// default spec (containerd's) plus a read-only /sys/fs/cgroup, a private
// cgroup namespace and moby's seccomp profile.
enum class EngineDefaults { kOcikit, kPodman, kDocker, kContainerd };

// "ocikit", "podman", "docker" or "containerd".
absl::string_view EngineDefaultsName(EngineDefaults engine);

// The inverse of EngineDefaultsName; InvalidArgument listing the names.
absl::StatusOr<EngineDefaults> ParseEngineDefaults(absl::string_view name);

// containers.conf's default capabilities (11; no MKNOD, NET_RAW or AUDIT_WRITE).
const std::vector<std::string>& PodmanCapabilities();

// The masked paths Podman 4.3 writes, in its order: containers/common's of
// its time. Later containers/common (PathDefaults::kPodman, `--path-defaults
// podman`) also masks /proc/interrupts and /sys/devices/virtual/powercap.
const std::vector<std::string>& PodmanMaskedPaths();

// The mounts Podman 4.3 writes before its generated files, in its order.
// /dev/shm is a tmpfs here; Podman binds one it mounts in its storage.
const std::vector<Mount>& PodmanMounts();

// moby's default mounts (oci.DefaultSpec): no /run tmpfs, a read-only
// /sys/fs/cgroup.
const std::vector<Mount>& DockerMounts();

// Whether `cgroupfs` (normally /sys/fs/cgroup) is a cgroup v2 (unified)
// mount. Podman makes the cgroup namespace private only there.
bool IsCgroupV2Host(const std::string& cgroupfs = "/sys/fs/cgroup");

// Podman's plain run, before the flags: PodmanCapabilities(), env PATH and
// TERM=xterm, umask 0022, PodmanMounts(), PodmanMaskedPaths() and
// containers/common's read-only paths, rlimits NOFILE 1048576 and NPROC 32768, pids limit 2048,
// no no_new_privs, namespaces in Podman's order (pid, network, ipc, uts,
// mount) and the stop signal annotation (15).
SpecOpt WithPodmanDefaults();

// Podman's plain run, after the flags: HOME from the rootfs' passwd (see
// WithHomeEnv), HOSTNAME, net.ipv4.ping_group_range "0 0" with a private
// network namespace (containers.conf default_sysctls), and the mounts in
// Podman's order (its own first, in PodmanMounts' order with the generated
// /etc/resolv.conf and /etc/hosts after /dev/mqueue; the others after them,
// in their order).
SpecOpt WithPodmanFinish();

// Docker's plain run, before the flags: DockerMounts(), moby's masked paths,
// no rlimits (the daemon's apply), no no_new_privs.
SpecOpt WithDockerDefaults();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/engine_defaults-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_H_
