// File: spec/default_spec-inl.h
//
// Definitions of spec/default_spec.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_DEFAULT_SPEC_INL_H_
#define OCIKIT_SPEC_DEFAULT_SPEC_INL_H_

#include "spec/default_spec.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>
#include "spec/config.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<std::string>& DefaultCapabilities() {
  static const std::vector<std::string> kCaps = {
      "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",      "CAP_MKNOD",
      "CAP_NET_RAW", "CAP_SETGID",      "CAP_SETUID",           "CAP_SETFCAP",     "CAP_SETPCAP",
      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",     "CAP_AUDIT_WRITE",
  };
  return kCaps;
}

OCIKIT_INLINE const std::vector<std::string>& DefaultMaskedPaths() {
  static const std::vector<std::string> kPaths = {
      "/proc/acpi",        "/proc/asound",      "/proc/kcore",       "/proc/keys",
      "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
      "/sys/firmware",     "/sys/devices/virtual/powercap", "/proc/scsi",
  };
  return kPaths;
}

OCIKIT_INLINE const std::vector<std::string>& DefaultReadonlyPaths() {
  static const std::vector<std::string> kPaths = {
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
  };
  return kPaths;
}

OCIKIT_INLINE const std::vector<Mount>& DefaultMounts() {
  static const std::vector<Mount> kMounts = [] {
    std::vector<Mount> mounts;
    const auto add = [&](const char* destination, const char* type, const char* source,
                         std::vector<std::string> options) {
      Mount& m = mounts.emplace_back();
      m.destination = destination;
      m.type = type;
      m.source = source;
      m.options = std::move(options);
    };
    add("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"});
    add("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"});
    add("/dev/pts", "devpts", "devpts", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"});
    add("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"});
    add("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"});
    add("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"});
    add("/run", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"});
    return mounts;
  }();
  return kMounts;
}

OCIKIT_INLINE std::string NamespacedCgroupsPath(absl::string_view ns, absl::string_view id) {
  return JoinPath({"/", ns, id});
}

OCIKIT_INLINE Spec DefaultLinuxSpec(absl::string_view ns, absl::string_view id) {
  Spec s;
  s.oci_version = std::string(kOciVersion);
  Process& p = s.process.emplace();
  p.cwd = "/";
  p.no_new_privileges = true;
  LinuxCapabilities& caps = p.capabilities.emplace();
  caps.bounding = DefaultCapabilities();
  caps.effective = DefaultCapabilities();
  caps.permitted = DefaultCapabilities();
  PosixRlimit& nofile = p.rlimits.emplace_back();
  nofile.type = "RLIMIT_NOFILE";
  nofile.hard = 1024;
  nofile.soft = 1024;
  s.root.emplace().path = "rootfs";
  s.mounts = DefaultMounts();
  Linux& lx = s.linux_section.emplace();
  lx.resources.emplace().devices.emplace_back().access = "rwm";  // deny all
  lx.cgroups_path = NamespacedCgroupsPath(ns, id);
  lx.namespaces.reserve(5);
  for (absl::string_view type : {kPidNamespace, kIpcNamespace, kUtsNamespace, kMountNamespace, kNetworkNamespace}) {
    lx.namespaces.emplace_back().type = std::string(type);
  }
  lx.masked_paths = DefaultMaskedPaths();
  lx.readonly_paths = DefaultReadonlyPaths();
  return s;
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_DEFAULT_SPEC_INL_H_
