// File: spec/opts/engine_defaults-inl.h
//
// Definitions of spec/opts/engine_defaults.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_INL_H_
#define OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_INL_H_

#include "spec/opts/engine_defaults.h"
#include "spec/internal/compile_mode.h"
#include <sys/statfs.h>
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "spec/config.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/process.h"
#include "spec/opts/resources.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/security.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view EngineDefaultsName(EngineDefaults engine) {
  switch (engine) {
    case EngineDefaults::kPodman:
      return "podman";
    case EngineDefaults::kDocker:
      return "docker";
    case EngineDefaults::kContainerd:
      return "containerd";
    case EngineDefaults::kOcikit:
      break;
  }
  return "ocikit";
}

OCIKIT_INLINE absl::StatusOr<EngineDefaults> ParseEngineDefaults(absl::string_view name) {
  for (EngineDefaults e : {EngineDefaults::kOcikit, EngineDefaults::kPodman, EngineDefaults::kDocker,
                           EngineDefaults::kContainerd}) {
    if (EngineDefaultsName(e) == name) return e;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown defaults \"", name, "\"; expected one of ocikit, podman, docker, containerd"));
}

OCIKIT_INLINE const std::vector<std::string>& PodmanCapabilities() {
  static const std::vector<std::string> kCaps = {
      "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",     "CAP_NET_BIND_SERVICE",
      "CAP_SETFCAP", "CAP_SETGID",      "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT",
  };
  return kCaps;
}

OCIKIT_INLINE const std::vector<std::string>& PodmanMaskedPaths() {
  static const std::vector<std::string> kPaths = {
      "/proc/acpi",        "/proc/kcore", "/proc/keys",    "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
      "/proc/sched_debug", "/proc/scsi",  "/sys/firmware", "/sys/fs/selinux",     "/sys/dev/block",
  };
  return kPaths;
}

namespace internal {

OCIKIT_INLINE Mount EngineMount(const char* destination, const char* type, const char* source,
                                std::vector<std::string> options) {
  Mount m;
  m.destination = destination;
  m.type = type;
  m.source = source;
  m.options = std::move(options);
  return m;
}

// Replaces the spec's mounts with `mounts`.
OCIKIT_INLINE SpecOpt WithMountList(const char* name, const std::vector<Mount>& mounts) {
  return SpecOpt(name, [&mounts](const SpecContext&, Spec& spec) {
    spec.mounts = mounts;
    return absl::OkStatus();
  });
}

// Puts the namespaces in `order` (types not listed keep their place after them).
OCIKIT_INLINE SpecOpt WithNamespaceOrder(std::vector<std::string> order) {
  return SpecOpt("WithNamespaceOrder", [order = std::move(order)](const SpecContext&, Spec& spec) {
    std::vector<LinuxNamespace>& ns = EnsureLinux(spec).namespaces;
    const auto rank = [&order](const LinuxNamespace& n) {
      return static_cast<size_t>(std::find(order.begin(), order.end(), n.type) - order.begin());
    };
    std::stable_sort(ns.begin(), ns.end(), [&rank](const LinuxNamespace& a, const LinuxNamespace& b) {
      return rank(a) < rank(b);
    });
    return absl::OkStatus();
  });
}

// Podman's mount order: its own mounts in PodmanMounts' order, with the
// generated files after /dev/mqueue; every other mount after them.
OCIKIT_INLINE SpecOpt WithPodmanMountOrder() {
  return SpecOpt("WithPodmanMountOrder", [](const SpecContext&, Spec& spec) {
    static const std::vector<std::string> kOrder = {"/proc",      "/dev",        "/sys",     "/dev/pts",
                                                    "/dev/mqueue", "/etc/resolv.conf", "/etc/hosts", "/dev/shm",
                                                    "/sys/fs/cgroup"};
    const auto rank = [](const Mount& m) {
      return static_cast<size_t>(std::find(kOrder.begin(), kOrder.end(), CleanPath(m.destination)) - kOrder.begin());
    };
    std::stable_sort(spec.mounts.begin(), spec.mounts.end(),
                     [&rank](const Mount& a, const Mount& b) { return rank(a) < rank(b); });
    return absl::OkStatus();
  });
}

// containers.conf's default_sysctls, which Podman sets only with a private
// network namespace.
OCIKIT_INLINE SpecOpt WithPodmanSysctls() {
  return SpecOpt("WithPodmanSysctls", [](const SpecContext&, Spec& spec) {
    if (!HasNamespace(spec, "network")) return absl::OkStatus();
    std::map<std::string, std::string>& sysctl = EnsureLinux(spec).sysctl;
    sysctl.emplace("net.ipv4.ping_group_range", "0 0");  // a --sysctl value wins
    return absl::OkStatus();
  });
}

OCIKIT_INLINE PosixRlimit Rlimit(const char* type, uint64_t value) {
  PosixRlimit r;
  r.type = type;
  r.hard = value;
  r.soft = value;
  return r;
}

}  // namespace internal

OCIKIT_INLINE const std::vector<Mount>& PodmanMounts() {
  using internal::EngineMount;
  static const std::vector<Mount> kMounts = {
      EngineMount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}),
      EngineMount("/dev", "tmpfs", "tmpfs", {"nosuid", "noexec", "strictatime", "mode=755", "size=65536k"}),
      EngineMount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
      EngineMount("/dev/pts", "devpts", "devpts",
                  {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
      EngineMount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
      EngineMount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
      EngineMount("/sys/fs/cgroup", "cgroup", "cgroup", {"rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"}),
  };
  return kMounts;
}

OCIKIT_INLINE const std::vector<Mount>& DockerMounts() {
  using internal::EngineMount;
  static const std::vector<Mount> kMounts = {
      EngineMount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}),
      EngineMount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
      EngineMount("/dev/pts", "devpts", "devpts",
                  {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
      EngineMount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
      EngineMount("/sys/fs/cgroup", "cgroup", "cgroup", {"ro", "nosuid", "noexec", "nodev"}),
      EngineMount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
      EngineMount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
  };
  return kMounts;
}

OCIKIT_INLINE bool IsCgroupV2Host(const std::string& cgroupfs) {
  constexpr long kCgroup2SuperMagic = 0x63677270;
  struct statfs fs;
  return ::statfs(cgroupfs.c_str(), &fs) == 0 && static_cast<long>(fs.f_type) == kCgroup2SuperMagic;
}

OCIKIT_INLINE SpecOpt WithPodmanDefaults() {
  return Compose({
      WithCapabilities(PodmanCapabilities()),
      WithEnv({"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"}),
      WithUmask(0022),
      internal::WithMountList("WithPodmanMounts", PodmanMounts()),
      WithPathDefaults(PathDefaults::kPodman),
      WithMaskedPaths(PodmanMaskedPaths()),  // Podman 4.3's, before containers/common added more
      WithRlimits({internal::Rlimit("RLIMIT_NOFILE", 1048576), internal::Rlimit("RLIMIT_NPROC", 32768)}),
      WithPidsLimit(2048),
      WithNewPrivileges(),
      internal::WithNamespaceOrder({"pid", "network", "ipc", "uts", "mount"}),
      WithAnnotations({{"org.opencontainers.image.stopSignal", "15"}}),
  });
}

OCIKIT_INLINE SpecOpt WithPodmanFinish() {
  return Compose({WithHomeEnv(), WithHostnameEnv(), internal::WithPodmanSysctls(), internal::WithPodmanMountOrder()});
}

OCIKIT_INLINE SpecOpt WithDockerDefaults() {
  return Compose({
      internal::WithMountList("WithDockerMounts", DockerMounts()),
      WithPathDefaults(PathDefaults::kMoby),
      WithoutRlimits(),
      WithNewPrivileges(),
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_ENGINE_DEFAULTS_INL_H_
