// File: spec/opts/devices.h
//
// Device transforms: device nodes created in the container (`linux.devices`)
// and the device cgroup rules that allow or deny access to them
// (`linux.resources.devices`). Parsers for Docker's `--device` and
// `--device-cgroup-rule` flags. Every transform creates the sections it
// writes (containerd's WithDevices dereferences a nil section instead).
//
// The default spec denies every device ({"allow":false,"access":"rwm"});
// runtimes then allow their standard set (null, zero, tty, ...) themselves.
// A rule appended later wins over an earlier one.
//
// Example:
//   absl::StatusOr<DeviceFlag> fuse = ParseDeviceFlag("/dev/fuse");
//   ApplyOpts(ctx, spec, {WithLinuxDevice(fuse->host_path, fuse->container_path, fuse->permissions),
//                         WithDeviceCgroupRule("c 10:200 rwm")});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_DEVICES_H_
#define OCIKIT_SPEC_OPTS_DEVICES_H_


#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The LinuxDevice for the node at `path`: type "c", "b" or "p", its numbers,
// fileMode (the permission bits, mode & 07777, as containerd keeps them), uid
// and gid. lstat(2) is used unless `follow_symlinks`, so by default a symlink
// is "not a device node"; the returned path is `path` as given. Anything but
// a character device, block device or FIFO is an error.
absl::StatusOr<LinuxDevice> DeviceFromPath(absl::string_view path, bool follow_symlinks = false);

// OK when `permissions` is a non-empty combination of r (read), w (write) and
// m (mknod), each at most once, in any order.
absl::Status ValidateDevicePermissions(absl::string_view permissions);

// Docker's `--device` value.
struct DeviceFlag {
  std::string host_path;
  std::string container_path;  // host_path when not given
  std::string permissions = "rwm";
};

// Parses Docker's `--device HOST[:CONTAINER][:PERMISSIONS]`: "/dev/fuse",
// "/dev/sda:/dev/xvda", "/dev/sda:r", "/dev/fuse:/dev/fuse:rwm". With two
// parts, the second is the permissions when it reads as permissions. Both
// paths must be absolute.
absl::StatusOr<DeviceFlag> ParseDeviceFlag(absl::string_view flag);

// Parses a device cgroup rule as Docker's `--device-cgroup-rule` takes it:
// "TYPE MAJOR:MINOR ACCESS" with TYPE a, b or c, numbers or "*" (absent from
// the rule, meaning any), ACCESS as ValidateDevicePermissions() reads it:
// "c 1:3 rwm", "b *:* m", "c 136:* rw". "a" alone means "a *:* rwm". The rule
// allows access.
absl::StatusOr<LinuxDeviceCgroup> ParseDeviceCgroupRule(absl::string_view rule);

namespace internal {

LinuxDeviceCgroup AllowDeviceRule(const char* type, int64_t major, std::optional<int64_t> minor);

// Replaces the device with the same path as `dev`, or appends it.
void PutDevice(std::vector<LinuxDevice>& devices, LinuxDevice dev);

absl::Status AddLinuxDevice(Spec& spec, absl::string_view host_path, absl::string_view container_path,
                                   absl::string_view permissions, bool follow_symlinks);

}  // namespace internal

// Adds the host device node `host_path` to the container at `container_path`
// (host_path when empty) and appends a cgroup rule allowing `permissions` on
// it (containerd's WithLinuxDevice, plus a container path). A device already
// at that container path is replaced in place. FIFOs get no cgroup rule: the
// device cgroup covers only character and block devices. The host path is
// lstat'ed: a symlink is an error (see WithLinuxDeviceFollowSymlinks).
SpecOpt WithLinuxDevice(std::string host_path, std::string container_path = "",
                               std::string permissions = "rwm");

// Adds a device as WithLinuxDevice does, following symlinks on the host
// (/dev/disk/by-id/...). The container path defaults to `host_path` as given,
// as in Docker; containerd uses the resolved target.
SpecOpt WithLinuxDeviceFollowSymlinks(std::string host_path, std::string container_path = "",
                                             std::string permissions = "rwm");

// Appends devices to linux.devices as given, without cgroup rules
// (containerd's WithLinuxDevices).
SpecOpt WithLinuxDevices(std::vector<LinuxDevice> devices);

// Appends an allow rule parsed by ParseDeviceCgroupRule ("c 1:3 rwm").
SpecOpt WithDeviceCgroupRule(std::string rule);

// containerd's nine default allow rules, each type c, access rwm, in order:
// 1:3 null, 1:8 random, 1:7 full, 5:0 tty, 1:5 zero, 1:9 urandom, 5:1 console,
// 136:* pts (minor absent), 5:2 ptmx.
const std::vector<LinuxDeviceCgroup>& DefaultUnixDeviceRules();

// Appends containerd's default device allow rules (DefaultUnixDeviceRules).
SpecOpt WithDefaultUnixDevices();

// The character and block devices under `dev_dir` (normally "/dev"), as
// runc's GetDevices finds them for Podman's and containerd's privileged
// containers: the tree is walked in name order, without following symlinks,
// skipping the directories pts, shm, fd, mqueue, .lxc, .lxd-mounts and .udev,
// the file "console", FIFOs and anything that is not a device node. Paths
// are given as inside the container (`dev_dir` replaced by "/dev"). A
// `dev_dir` that cannot be read is an error naming it.
absl::StatusOr<std::vector<LinuxDevice>> HostDevices(const std::string& dev_dir = "/dev");

// Podman's and containerd's --privileged devices: every host device
// (HostDevices of `dev_dir`) added to linux.devices, replacing an entry with
// the same path. The device cgroup is left to WithAllDevicesAllowed.
SpecOpt WithHostDevices(std::string dev_dir = "/dev");

// Replaces the device cgroup rules with one rule allowing every device
// ({"allow":true,"access":"rwm"}).
SpecOpt WithAllDevicesAllowed();

// Removes every device cgroup rule, so the container keeps its parent
// cgroup's device access (containerd's WithParentCgroupDevices).
SpecOpt WithParentCgroupDevices();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/devices-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_DEVICES_H_
