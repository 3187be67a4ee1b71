// File: spec/opts/devices-inl.h
//
// Definitions of spec/opts/devices.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_DEVICES_INL_H_
#define OCIKIT_SPEC_OPTS_DEVICES_INL_H_

#include "spec/opts/devices.h"
#include "spec/internal/compile_mode.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::StatusOr<LinuxDevice> DeviceFromPath(absl::string_view path, bool follow_symlinks) {
  const std::string p(path);
  struct stat st;
  if ((follow_symlinks ? ::stat(p.c_str(), &st) : ::lstat(p.c_str(), &st)) != 0) return ErrnoStatus(errno, path);
  LinuxDevice dev;
  switch (st.st_mode & S_IFMT) {
    case S_IFCHR:
      dev.type = "c";
      break;
    case S_IFBLK:
      dev.type = "b";
      break;
    case S_IFIFO:
      dev.type = "p";
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat("\"", path, "\" is not a device node"));
  }
  dev.path = p;
  dev.major = static_cast<int64_t>(major(st.st_rdev));
  dev.minor = static_cast<int64_t>(minor(st.st_rdev));
  dev.file_mode = static_cast<uint32_t>(st.st_mode & 07777);
  dev.uid = st.st_uid;
  dev.gid = st.st_gid;
  return dev;
}

OCIKIT_INLINE absl::Status ValidateDevicePermissions(absl::string_view permissions) {
  bool seen[3] = {false, false, false};
  bool ok = !permissions.empty();
  for (char c : permissions) {
    const size_t i = absl::string_view("rwm").find(c);
    ok = ok && i != absl::string_view::npos && !seen[i];
    if (i != absl::string_view::npos) seen[i] = true;
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("invalid device permissions \"", permissions,
                                                 "\"; expected a combination of r, w and m such as rwm"));
}

OCIKIT_INLINE absl::StatusOr<DeviceFlag> ParseDeviceFlag(absl::string_view flag) {
  const auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid device \"", flag, "\": ", why));
  };
  const std::vector<absl::string_view> parts = absl::StrSplit(flag, ':');
  if (parts.size() > 3 || parts[0].empty()) {
    return fail("expected HOST[:CONTAINER][:PERMISSIONS] such as /dev/fuse:/dev/fuse:rwm");
  }
  DeviceFlag out;
  out.host_path = std::string(parts[0]);
  if (parts.size() == 2 && ValidateDevicePermissions(parts[1]).ok()) {
    out.permissions = std::string(parts[1]);
  } else if (parts.size() >= 2) {
    out.container_path = std::string(parts[1]);
  }
  if (parts.size() == 3) {
    if (absl::Status s = ValidateDevicePermissions(parts[2]); !s.ok()) return fail(s.message());
    out.permissions = std::string(parts[2]);
  }
  if (out.container_path.empty()) out.container_path = out.host_path;
  if (out.host_path[0] != '/') return fail(absl::StrCat("host path \"", out.host_path, "\" is not absolute"));
  if (out.container_path[0] != '/') {
    return fail(absl::StrCat("container path \"", out.container_path, "\" is not absolute"));
  }
  return out;
}

OCIKIT_INLINE absl::StatusOr<LinuxDeviceCgroup> ParseDeviceCgroupRule(absl::string_view rule) {
  const auto fail = [&] {
    return absl::InvalidArgumentError(absl::StrCat("invalid device cgroup rule \"", rule,
                                                   "\"; expected TYPE MAJOR:MINOR ACCESS such as \"c 1:3 rwm\" or "
                                                   "\"b *:* m\", or \"a\""));
  };
  LinuxDeviceCgroup out;
  out.allow = true;
  const std::vector<absl::string_view> fields = absl::StrSplit(rule, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (fields.size() == 1 && fields[0] == "a") {
    out.type = "a";
    out.access = "rwm";
    return out;
  }
  if (fields.size() != 3 || (fields[0] != "a" && fields[0] != "b" && fields[0] != "c")) return fail();
  out.type = std::string(fields[0]);
  const std::vector<absl::string_view> numbers = absl::StrSplit(fields[1], ':');
  if (numbers.size() != 2) return fail();
  std::optional<int64_t>* targets[2] = {&out.major, &out.minor};
  for (int i = 0; i < 2; ++i) {
    if (numbers[i] == "*") continue;
    int64_t n = 0;
    const bool digits = !numbers[i].empty() && std::all_of(numbers[i].begin(), numbers[i].end(),
                                                           [](char c) { return absl::ascii_isdigit(c); });
    if (!digits || !absl::SimpleAtoi(numbers[i], &n)) return fail();
    *targets[i] = n;
  }
  if (!ValidateDevicePermissions(fields[2]).ok()) return fail();
  out.access = std::string(fields[2]);
  return out;
}

namespace internal {

OCIKIT_INLINE LinuxDeviceCgroup AllowDeviceRule(const char* type, int64_t major, std::optional<int64_t> minor) {
  LinuxDeviceCgroup r;
  r.allow = true;
  r.type = type;
  r.major = major;
  r.minor = minor;
  r.access = "rwm";
  return r;
}

// Replaces the device with the same path as `dev`, or appends it.
OCIKIT_INLINE void PutDevice(std::vector<LinuxDevice>& devices, LinuxDevice dev) {
  auto it = std::find_if(devices.begin(), devices.end(), [&](const LinuxDevice& d) { return d.path == dev.path; });
  if (it != devices.end()) {
    *it = std::move(dev);
  } else {
    devices.push_back(std::move(dev));
  }
}

OCIKIT_INLINE absl::Status AddLinuxDevice(Spec& spec, absl::string_view host_path, absl::string_view container_path,
                                   absl::string_view permissions, bool follow_symlinks) {
  OCIKIT_RETURN_IF_ERROR(ValidateDevicePermissions(permissions));
  if (!container_path.empty() && container_path[0] != '/') {
    return absl::InvalidArgumentError(absl::StrCat("container path \"", container_path, "\" is not absolute"));
  }
  OCIKIT_ASSIGN_OR_RETURN(LinuxDevice dev, DeviceFromPath(host_path, follow_symlinks));
  dev.path = CleanPath(container_path.empty() ? host_path : container_path);
  // Only character and block devices go through the device cgroup.
  if (dev.type == "c" || dev.type == "b") {
    LinuxDeviceCgroup rule;
    rule.allow = true;
    rule.type = dev.type;
    rule.major = dev.major;
    rule.minor = dev.minor;
    rule.access = std::string(permissions);
    std::vector<LinuxDeviceCgroup>& rules = EnsureLinuxResources(spec).devices;
    if (rules.empty() || !(rules.back() == rule)) rules.push_back(std::move(rule));
  }
  PutDevice(EnsureLinux(spec).devices, std::move(dev));
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithLinuxDevice(std::string host_path, std::string container_path,
                               std::string permissions) {
  return SpecOpt("WithLinuxDevice", [host_path = std::move(host_path), container_path = std::move(container_path),
                                     permissions = std::move(permissions)](const SpecContext&, Spec& spec) {
    return internal::AddLinuxDevice(spec, host_path, container_path, permissions, false);
  });
}

OCIKIT_INLINE SpecOpt WithLinuxDeviceFollowSymlinks(std::string host_path, std::string container_path,
                                             std::string permissions) {
  return SpecOpt("WithLinuxDeviceFollowSymlinks",
                 [host_path = std::move(host_path), container_path = std::move(container_path),
                  permissions = std::move(permissions)](const SpecContext&, Spec& spec) {
                   return internal::AddLinuxDevice(spec, host_path, container_path, permissions, true);
                 });
}

OCIKIT_INLINE SpecOpt WithLinuxDevices(std::vector<LinuxDevice> devices) {
  return SpecOpt("WithLinuxDevices", [devices = std::move(devices)](const SpecContext&, Spec& spec) -> absl::Status {
    std::vector<LinuxDevice>& out = EnsureLinux(spec).devices;
    out.insert(out.end(), devices.begin(), devices.end());
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithDeviceCgroupRule(std::string rule) {
  return SpecOpt("WithDeviceCgroupRule", [rule = std::move(rule)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(LinuxDeviceCgroup parsed, ParseDeviceCgroupRule(rule));
    EnsureLinuxResources(spec).devices.push_back(std::move(parsed));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE const std::vector<LinuxDeviceCgroup>& DefaultUnixDeviceRules() {
  static const std::vector<LinuxDeviceCgroup> kRules = {
      internal::AllowDeviceRule("c", 1, 3),   internal::AllowDeviceRule("c", 1, 8),
      internal::AllowDeviceRule("c", 1, 7),   internal::AllowDeviceRule("c", 5, 0),
      internal::AllowDeviceRule("c", 1, 5),   internal::AllowDeviceRule("c", 1, 9),
      internal::AllowDeviceRule("c", 5, 1),   internal::AllowDeviceRule("c", 136, std::nullopt),
      internal::AllowDeviceRule("c", 5, 2),
  };
  return kRules;
}

OCIKIT_INLINE SpecOpt WithDefaultUnixDevices() {
  return SpecOpt("WithDefaultUnixDevices", [](const SpecContext&, Spec& spec) -> absl::Status {
    std::vector<LinuxDeviceCgroup>& rules = EnsureLinuxResources(spec).devices;
    rules.insert(rules.end(), DefaultUnixDeviceRules().begin(), DefaultUnixDeviceRules().end());
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAllDevicesAllowed() {
  return SpecOpt("WithAllDevicesAllowed", [](const SpecContext&, Spec& spec) -> absl::Status {
    LinuxDeviceCgroup all;
    all.allow = true;
    all.access = "rwm";
    EnsureLinuxResources(spec).devices = {all};
    return absl::OkStatus();
  });
}

namespace internal {

OCIKIT_INLINE absl::Status CollectHostDevices(const std::string& dir, const std::string& container_dir,
                                              std::vector<LinuxDevice>& out) {
  static constexpr absl::string_view kSkippedDirs[] = {"pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"};
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> names, ReadDirNames(dir));
  for (const std::string& name : names) {
    const std::string path = JoinPath({dir, name});
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;  // gone meanwhile
    if (S_ISDIR(st.st_mode)) {
      if (std::find(std::begin(kSkippedDirs), std::end(kSkippedDirs), name) != std::end(kSkippedDirs)) continue;
      OCIKIT_RETURN_IF_ERROR(CollectHostDevices(path, JoinPath({container_dir, name}), out));
      continue;
    }
    if (name == "console" || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) continue;
    absl::StatusOr<LinuxDevice> dev = DeviceFromPath(path, false);
    if (!dev.ok()) continue;
    dev->path = JoinPath({container_dir, name});
    out.push_back(*std::move(dev));
  }
  return absl::OkStatus();
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<LinuxDevice>> HostDevices(const std::string& dev_dir) {
  std::vector<LinuxDevice> out;
  OCIKIT_RETURN_IF_ERROR(internal::CollectHostDevices(dev_dir, "/dev", out));
  return out;
}

OCIKIT_INLINE SpecOpt WithHostDevices(std::string dev_dir) {
  return SpecOpt("WithHostDevices", [dev_dir = std::move(dev_dir)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::vector<LinuxDevice> found, HostDevices(dev_dir));
    std::vector<LinuxDevice>& devices = EnsureLinux(spec).devices;
    for (LinuxDevice& dev : found) internal::PutDevice(devices, std::move(dev));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithParentCgroupDevices() {
  return SpecOpt("WithParentCgroupDevices", [](const SpecContext&, Spec& spec) -> absl::Status {
    EnsureLinuxResources(spec).devices.clear();
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_DEVICES_INL_H_
