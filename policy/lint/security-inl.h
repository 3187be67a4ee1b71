// File: policy/lint/security-inl.h
//
// Definitions of policy/lint/security.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_SECURITY_INL_H_
#define OCIKIT_POLICY_LINT_SECURITY_INL_H_

#include "policy/lint/security.h"
#include "spec/internal/compile_mode.h"
#include <climits>
#include <cstdint>
#include <string>
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/types.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/sysctls.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<LintRule>& SecurityLintRules() {
  const LintFamily f = LintFamily::kSecurity;
  const LintProfile b = LintProfile::kBaseline;
  const LintProfile r = LintProfile::kRestricted;
  static const std::vector<LintRule> kRules = {
      {"SEC401", "capabilities-added", f, LintSeverity::kError, b, false, "a capability beyond the default set",
       "Baseline allows only the runtime's default capabilities; anything else (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ...) "
       "widens what a compromised process can do to the host.",
       "Pod Security Standards baseline \"Capabilities\"; docker-bench 5.4; CIS Docker 5.3",
       "drop it; if the program needs it, document the exception and disable the rule for this config"},
      {"SEC402", "capability-net-raw", f, LintSeverity::kWarning, b, false, "CAP_NET_RAW is granted",
       "NET_RAW allows crafting packets (ARP and DNS spoofing inside the node's network). It is in the runtimes' "
       "default set, but Pod Security baseline does not allow adding it.",
       "Pod Security Standards baseline \"Capabilities\"; containerd defaultUnixCaps", "drop CAP_NET_RAW (ping works through net.ipv4.ping_group_range)"},
      {"SEC403", "privileged", f, LintSeverity::kError, b, false, "the capability set is privileged-like",
       "A bounding set with every capability is what --privileged gives: the process can load modules, mount, "
       "and reach the host.",
       "Pod Security Standards baseline \"Privileged Containers\"; docker-bench 5.5; containerd WithPrivileged",
       "start from the default capability set"},
      {"SEC404", "host-namespace", f, LintSeverity::kError, b, false, "a host namespace is shared",
       "Without its own pid, ipc, network or mount namespace (or when joining the host's), the container sees and "
       "can signal or reach host processes, IPC objects and network services; a shared UTS namespace lets it "
       "rename the host (warning).",
       "Pod Security Standards baseline \"Host Namespaces\"; docker-bench 5.10, 5.16, 5.17, 5.21",
       "add the namespace to linux.namespaces without a path"},
      {"SEC405", "seccomp-unconfined", f, LintSeverity::kError, b, false, "no seccomp filter, or one that allows everything",
       "Absent linux.seccomp means unconfined. An SCMP_ACT_ALLOW default with only a few blocked calls is a deny "
       "list that misses new dangerous system calls (warning).",
       "Pod Security Standards baseline \"Seccomp\"; docker-bench 5.22", "use the runtime's default profile (ocikit spec --security-opt seccomp=default)"},
      {"SEC406", "apparmor-unconfined", f, LintSeverity::kError, b, false, "AppArmor is unconfined",
       "\"unconfined\" disables AppArmor; an empty profile runs unconfined on AppArmor hosts unless the runtime "
       "fills one in (info).",
       "Pod Security Standards baseline \"AppArmor\"; docker-bench 5.2", "set process.apparmorProfile to the runtime's default profile"},
      {"SEC407", "selinux-type", f, LintSeverity::kError, b, false, "the SELinux type is not a container type",
       "Baseline allows container_t, container_init_t, container_kvm_t and container_engine_t; spc_t and others "
       "are unconfined or privileged.",
       "Pod Security Standards baseline \"SELinux\"", "use container_t"},
      {"SEC408", "masked-paths-missing", f, LintSeverity::kError, b, false, "default masked paths are missing",
       "The default masked paths hide kernel memory, keyrings, timers and firmware; without them a container can "
       "read host secrets (/sys/firmware, /proc/keys) and side channels (powercap).",
       "Pod Security Standards baseline \"/proc Mount Type\"; kubelet ConvertToRuntimeMaskedPaths; containerd #1600; CVE-2020-8694",
       "restore the runtime's default masked paths"},
      {"SEC409", "proc-writable", f, LintSeverity::kError, b, false, "default read-only /proc paths are missing",
       "Writable /proc/sys and /proc/sysrq-trigger let a container change kernel settings or reboot the host.",
       "Pod Security Standards baseline \"/proc Mount Type\"; kubelet ConvertToRuntimeReadonlyPaths",
       "restore the default readonlyPaths (/proc/bus, /proc/fs, /proc/irq, /proc/sys, /proc/sysrq-trigger)"},
      {"SEC410", "sysctl-unsafe", f, LintSeverity::kError, b, false, "a sysctl outside the safe set",
       "Baseline allows only sysctls that are namespaced and cannot affect other workloads.",
       "Pod Security Standards baseline \"Sysctls\" (up to Kubernetes 1.37)", "remove it, or run the workload under a relaxed policy"},
      {"SEC411", "sensitive-host-mount", f, LintSeverity::kError, b, false, "a sensitive host directory is mounted",
       "Bind mounts of /, /boot, /dev, /etc, /lib, /proc, /sys or /usr expose the host; writable ones let the "
       "container change it (read-only: warning).",
       "docker-bench 5.6; Pod Security Standards baseline \"HostPath Volumes\"", "mount only what the program needs, read-only"},
      {"SEC412", "host-bind-mount", f, LintSeverity::kInfo, b, false, "a host directory is bind-mounted",
       "Pod Security baseline forbids hostPath volumes; config.json cannot tell them from kubelet-managed volumes, "
       "so this is only a note.",
       "Pod Security Standards baseline \"HostPath Volumes\"", "prefer volumes managed by the engine"},
      {"SEC413", "runtime-socket-mount", f, LintSeverity::kError, b, false, "a container runtime socket is mounted",
       "Access to docker.sock, containerd.sock, crio.sock or podman.sock is root on the host.",
       "docker-bench 5.32", "remove the mount"},
      {"SEC414", "cwd-proc-fd", f, LintSeverity::kError, b, false, "process.cwd is under /proc/self/fd",
       "A working directory of /proc/self/fd/N can be a leaked host directory (Leaky Vessels).",
       "CVE-2024-21626", "use a directory of the container's filesystem"},
      {"SEC415", "inheritable-capabilities", f, LintSeverity::kWarning, b, false, "the inheritable set is not empty",
       "A binary with inheritable file capabilities can raise them into its permitted set; engines empty the set "
       "since 2022.",
       "CVE-2022-24769; CVE-2022-29162", "empty process.capabilities.inheritable"},
      {"SEC416", "ambient-capabilities", f, LintSeverity::kWarning, b, false, "ambient capabilities are set",
       "Ambient capabilities survive execve of any program, including a shell an attacker starts.",
       "capabilities(7); kubernetes #56374", "prefer file capabilities on the one binary that needs them"},
      {"SEC417", "no-new-privileges", f, LintSeverity::kWarning, b, false, "noNewPrivileges is not set",
       "Without no_new_privs, setuid binaries and file capabilities can raise privileges. Restricted requires it "
       "(error).",
       "docker-bench 5.26; Pod Security Standards restricted \"Privilege Escalation\"", "set process.noNewPrivileges to true"},
      {"SEC418", "primary-gid-missing", f, LintSeverity::kWarning, b, false, "the primary gid is not a supplementary group",
       "When the primary gid is missing from additionalGids, negative group permissions (files a group must not "
       "read) can be bypassed; engines add it since 2022-2023.",
       "CVE-2023-25173; CVE-2022-36109; CVE-2022-2989", "add process.user.gid to process.user.additionalGids"},
      {"SEC419", "shared-propagation", f, LintSeverity::kWarning, b, false, "mount propagation is shared",
       "Shared propagation lets mounts made in the container appear on the host and the reverse.",
       "docker-bench 5.20", "use private or slave propagation"},
      {"SEC420", "device-cgroup-allow-all", f, LintSeverity::kError, b, false, "the device cgroup allows every device",
       "An allow-all device rule gives access to every host device node the container can create or reach.",
       "Pod Security Standards baseline \"Privileged Containers\"; containerd WithPrivileged",
       "deny all devices first and allow only the ones needed"},
      {"SEC421", "host-devices", f, LintSeverity::kInfo, b, false, "a host device is exposed",
       "Devices give direct access to host hardware; review each one.", "docker-bench 5.18",
       "expose only the devices the workload needs"},
      {"SEC422", "sysfs-writable", f, LintSeverity::kError, b, false, "sysfs (or a cgroup filesystem) is writable",
       "A writable /sys lets the container change kernel and device settings; a writable cgroupfs lets it "
       "escape its limits (warning).",
       "containerd WithWriteableSysfs, WithWriteableCgroupfs (privileged)", "mount sysfs and cgroup filesystems with ro"},
      {"SEC423", "resource-limits", f, LintSeverity::kInfo, b, false, "no memory, CPU or pids limit",
       "Without limits one container can starve the node (memory, CPU) or fork-bomb it (pids).",
       "docker-bench 5.11, 5.12, 5.29", "set linux.resources.memory.limit, cpu.shares or quota, and pids.limit"},
      {"SEC424", "proc-mount-replaced", f, LintSeverity::kError, b, false, "something other than procfs is mounted on /proc",
       "A volume over /proc can fake /proc/self/attr and disable AppArmor (runc now refuses it).",
       "CVE-2019-16884; CVE-2023-28642", "mount only procfs at /proc"},
      {"SEC425", "uid-out-of-range", f, LintSeverity::kWarning, b, false, "uid or gid is above 2147483647",
       "runc requires ids up to MaxInt32; larger values have overflowed to 0 (root) in engines.",
       "CVE-2024-40635; CVE-2026-46680", "use an id below 2147483648"},
      {"SEC430", "run-as-root", f, LintSeverity::kError, r, false, "the process runs as uid 0",
       "Restricted requires a non-root user, unless a user namespace maps uid 0 to an unprivileged host uid.",
       "Pod Security Standards restricted \"Running as Non-root\", \"Running as Non-root user\"",
       "set process.user.uid to a non-zero uid, or use a user namespace"},
      {"SEC431", "restricted-capabilities", f, LintSeverity::kError, r, false, "a capability other than CAP_NET_BIND_SERVICE",
       "Restricted drops ALL capabilities and adds back at most NET_BIND_SERVICE.",
       "Pod Security Standards restricted \"Capabilities\"", "drop every capability but CAP_NET_BIND_SERVICE"},
      {"SEC432", "rootfs-writable", f, LintSeverity::kWarning, r, false, "the root filesystem is writable",
       "A read-only root filesystem stops an attacker from changing binaries and configuration.",
       "docker-bench 5.13", "set root.readonly to true and mount tmpfs where the program writes"},
  };
  return kRules;
}

namespace internal {

OCIKIT_INLINE bool IsDefaultCapability(absl::string_view cap) { return LintContains(DefaultCapabilities(), cap); }

OCIKIT_INLINE std::string CleanIfNeeded(absl::string_view path) {
  const bool clean = !path.empty() && path[0] == '/' && (path.size() == 1 || path.back() != '/') &&
                     path.find("//") == absl::string_view::npos && path.find("/.") == absl::string_view::npos;
  return clean ? std::string(path) : CleanPath(path);
}

OCIKIT_INLINE bool CoveredBy(const std::vector<std::string>& list, absl::string_view path) {
  for (const std::string& clean : list) {
    if (clean == path || (absl::StartsWith(path, clean) && path.size() > clean.size() && path[clean.size()] == '/')) return true;
  }
  return false;
}

OCIKIT_INLINE std::vector<std::string> CleanAll(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const std::string& p : list) out.push_back(CleanIfNeeded(p));
  return out;
}

OCIKIT_INLINE bool IsRuntimeSocket(absl::string_view path) {
  for (const absl::string_view sock : {"docker.sock", "containerd.sock", "crio.sock", "podman.sock", "cri-dockerd.sock"}) {
    if (absl::EndsWith(path, sock) && (path.size() == sock.size() || path[path.size() - sock.size() - 1] == '/')) return true;
  }
  for (const absl::string_view dir : {"/run/containerd", "/var/run/containerd"}) {
    if (absl::StartsWith(path, dir) && (path.size() == dir.size() || path[dir.size()] == '/')) return true;
  }
  return false;
}

OCIKIT_INLINE bool IsHostNamespacePath(absl::string_view path) {
  return absl::StartsWith(path, "/proc/1/ns/") || absl::StartsWith(path, "/proc/self/ns/") ||
         absl::StartsWith(path, "/proc/thread-self/ns/");
}

OCIKIT_INLINE bool IsBindMount(const Mount& m) {
  return m.type == "bind" || LintContains(m.options, "bind") || LintContains(m.options, "rbind");
}

OCIKIT_INLINE void CheckCapabilityProfile(const LintContext& ctx, const LinuxCapabilities& c) {
  const FieldPath base = LintPath("process", "capabilities");
  if (c.bounding.size() >= KnownCapabilities().size() &&
      std::all_of(KnownCapabilities().begin(), KnownCapabilities().end(),
                  [&](const std::string& cap) { return LintContains(c.bounding, cap); })) {
    ctx.Report("SEC403", base.Field("bounding"),
               "holds every capability, as a privileged container; expected the default set or fewer");
    return;
  }
  const bool restricted = ctx.options.profile >= LintProfile::kRestricted;
  std::vector<std::string> seen;
  const std::pair<absl::string_view, const std::vector<std::string>*> sets[] = {
      {"bounding", &c.bounding}, {"permitted", &c.permitted}, {"effective", &c.effective},
      {"inheritable", &c.inheritable}, {"ambient", &c.ambient}};
  for (const auto& [name, set] : sets) {
    for (size_t i = 0; i < set->size(); ++i) {
      const std::string& cap = (*set)[i];
      if (LintContains(seen, cap)) continue;
      seen.push_back(cap);
      const auto path = [&, name = name] { return base.Field(name).Index(i); };
      if (!IsDefaultCapability(cap)) {
        ctx.Report("SEC401", path(), absl::StrCat(LintQuote(cap), " is not in the default capability set; expected only defaults such as CAP_CHOWN"));
      } else if (cap == "CAP_NET_RAW") {
        ctx.Report("SEC402", path(), "CAP_NET_RAW allows raw packets (spoofing); expected it dropped");
      } else if (restricted && cap != "CAP_NET_BIND_SERVICE") {
        ctx.Report("SEC431", path(), absl::StrCat(LintQuote(cap), " is granted; expected no capability but CAP_NET_BIND_SERVICE"));
      }
    }
  }
  if (!c.inheritable.empty()) {
    ctx.Report("SEC415", base.Field("inheritable"),
               absl::StrCat(c.inheritable.size(), " capabilit", c.inheritable.size() == 1 ? "y" : "ies",
                            " can be raised by binaries with inheritable file capabilities; expected an empty set"));
  }
  if (!c.ambient.empty()) {
    ctx.Report("SEC416", base.Field("ambient"),
               absl::StrCat(absl::StrJoin(c.ambient, ", "), " survive", c.ambient.size() == 1 ? "s" : "",
                            " execve of any program; expected no ambient capabilities"));
  }
}

OCIKIT_INLINE void CheckProcessProfile(const LintContext& ctx) {
  if (!ctx.spec.process) return;
  const Process& p = *ctx.spec.process;
  if (p.capabilities) CheckCapabilityProfile(ctx, *p.capabilities);
  if (p.apparmor_profile == "unconfined") {
    ctx.Report("SEC406", LintPath("process", "apparmorProfile"), "\"unconfined\" disables AppArmor; expected the runtime's default profile");
  } else if (p.apparmor_profile.empty()) {
    ctx.Report("SEC406", LintPath("process"), "no apparmorProfile: the process runs unconfined on AppArmor hosts; expected a profile",
               LintSeverity::kInfo);
  }
  if (!p.selinux_label.empty()) {
    const std::vector<absl::string_view> parts = absl::StrSplit(p.selinux_label, ':');
    static const std::vector<absl::string_view> kTypes = {"container_t", "container_init_t", "container_kvm_t",
                                                          "container_engine_t"};
    if (parts.size() >= 3 && !LintContains(kTypes, parts[2])) {
      ctx.Report("SEC407", LintPath("process", "selinuxLabel"),
                 absl::StrCat("type ", LintQuote(parts[2]), " is not a container type; expected ", LintOneOf(kTypes)));
    }
  }
  static const RE2 kProcFd(R"(/proc/(self|thread-self|[0-9]+)/fd(/.*)?)");
  if (absl::StrContains(p.cwd, "/fd") && RE2::FullMatch(CleanPath(p.cwd), kProcFd)) {
    ctx.Report("SEC414", LintPath("process", "cwd"),
               absl::StrCat(LintQuote(p.cwd), " is a file descriptor directory that can leak a host directory; expected a path in the container"));
  }
  const bool restricted = ctx.options.profile >= LintProfile::kRestricted;
  if (!p.no_new_privileges) {
    ctx.Report("SEC417", LintPath("process", "noNewPrivileges"), "not set: setuid binaries can raise privileges; expected true",
               restricted ? LintSeverity::kError : LintSeverity::kWarning);
  }
  if (p.user.uid != 0 &&
      std::find(p.user.additional_gids.begin(), p.user.additional_gids.end(), p.user.gid) == p.user.additional_gids.end()) {
    ctx.Report("SEC418", LintPath("process", "user", "additionalGids"),
               absl::StrCat("lacks the primary gid ", p.user.gid, "; expected it among the supplementary groups"));
  }
  constexpr uint32_t kMaxId = static_cast<uint32_t>(INT32_MAX);
  if (p.user.uid > kMaxId) {
    ctx.Report("SEC425", LintPath("process", "user", "uid"), absl::StrCat(p.user.uid, " is above 2147483647; expected a smaller uid"));
  }
  if (p.user.gid > kMaxId) {
    ctx.Report("SEC425", LintPath("process", "user", "gid"), absl::StrCat(p.user.gid, " is above 2147483647; expected a smaller gid"));
  }
  if (restricted && p.user.uid == 0) {
    bool remapped = false;
    if (ctx.spec.linux_section && FindNamespace(ctx.spec, kUserNamespace) != nullptr) {
      for (const LinuxIDMapping& m : ctx.spec.linux_section->uid_mappings) {
        if (m.container_id == 0 && m.size > 0 && m.host_id != 0) remapped = true;
      }
    }
    if (!remapped) {
      ctx.Report("SEC430", LintPath("process", "user", "uid"), "0 (root) without a user namespace that maps it; expected a non-zero uid");
    }
  }
}

OCIKIT_INLINE void CheckNamespaceProfile(const LintContext& ctx, const Linux& l) {
  for (const absl::string_view type : {kPidNamespace, kIpcNamespace, kNetworkNamespace, kMountNamespace, kUtsNamespace}) {
    const LinuxNamespace* ns = FindNamespace(ctx.spec, type);
    const LintSeverity severity = type == kUtsNamespace ? LintSeverity::kWarning : LintSeverity::kError;
    if (ns == nullptr) {
      ctx.Report("SEC404", LinuxPath("namespaces"),
                 absl::StrCat("no ", type, " namespace: the container shares the host's; expected {\"type\": \"", type, "\"}"),
                 severity);
    } else if (IsHostNamespacePath(ns->path)) {
      const size_t i = static_cast<size_t>(ns - l.namespaces.data());
      ctx.Report("SEC404", LinuxPath("namespaces").Index(i).Field("path"),
                 absl::StrCat(LintQuote(ns->path), " joins the host's ", type, " namespace; expected a new one"), severity);
    }
  }
}

OCIKIT_INLINE void CheckPathsProfile(const LintContext& ctx, const Linux& l) {
  const std::vector<std::string> masked = CleanAll(l.masked_paths);
  const std::vector<std::string> readonly = CleanAll(l.readonly_paths);
  std::vector<std::string> missing;
  for (const std::string& path : DefaultMaskedPaths()) {
    if (CoveredBy(masked, path)) continue;
    if (path == "/proc/asound" && CoveredBy(readonly, path)) continue;  // Podman makes it read-only
    missing.push_back(path);
  }
  if (!missing.empty()) {
    ctx.Report("SEC408", LinuxPath("maskedPaths"),
               absl::StrCat("does not mask ", absl::StrJoin(missing, ", "), "; expected the default masked paths"));
  }
  missing.clear();
  for (const std::string& path : DefaultReadonlyPaths()) {
    if (!CoveredBy(readonly, path) && !CoveredBy(masked, path)) missing.push_back(path);
  }
  if (!missing.empty()) {
    ctx.Report("SEC409", LinuxPath("readonlyPaths"),
               absl::StrCat("does not make ", absl::StrJoin(missing, ", "), " read-only; expected the default read-only paths"));
  }
}

OCIKIT_INLINE void CheckSysctlProfile(const LintContext& ctx, const Linux& l) {
  static const std::vector<absl::string_view> kSafe = {
      "kernel.shm_rmid_forced",          "net.ipv4.ip_local_port_range",   "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",       "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time",     "net.ipv4.tcp_fin_timeout",       "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes",   "net.ipv4.tcp_rmem",              "net.ipv4.tcp_wmem",
      "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"};
  for (const auto& [key, value] : l.sysctl) {
    if (!LintContains(kSafe, NormalizeSysctlKey(key))) {
      ctx.Report("SEC410", LinuxPath("sysctl").Key(key),
                 absl::StrCat(LintQuote(key), " is not in the Pod Security baseline's safe set; expected only safe sysctls such as net.ipv4.ip_local_port_range"));
    }
  }
}

OCIKIT_INLINE void CheckMountsProfile(const LintContext& ctx) {
  static const std::vector<absl::string_view> kSensitive = {"/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"};
  const Spec& s = ctx.spec;
  for (size_t i = 0; i < s.mounts.size(); ++i) {
    const Mount& m = s.mounts[i];
    const auto path = [&] { return FieldPath().Field("mounts").Index(i); };
    const bool writable = !LintContains(m.options, "ro");
    const bool bind = IsBindMount(m);
    if (IsRuntimeSocket(m.source) || IsRuntimeSocket(m.destination)) {
      ctx.Report("SEC413", path().Field("source"),
                 absl::StrCat(LintQuote(m.source), " is a container runtime socket; whoever reaches it is root on the host; expected no such mount"));
      continue;
    }
    if (bind && !m.source.empty() && m.source[0] == '/') {
      const std::string src = CleanIfNeeded(m.source);
      bool sensitive = src == "/";
      for (const absl::string_view dir : kSensitive) {
        sensitive = sensitive || src == dir || (absl::StartsWith(src, dir) && src[dir.size()] == '/');
      }
      if (sensitive) {
        ctx.Report("SEC411", path().Field("source"),
                   absl::StrCat("host ", LintQuote(src), " is mounted", writable ? " writable" : " read-only",
                                "; expected no sensitive host directory", writable ? " (at least \"ro\")" : ""),
                   writable ? LintSeverity::kError : LintSeverity::kWarning);
      } else {
        ctx.Report("SEC412", path().Field("source"), absl::StrCat("host ", LintQuote(src), " is bind-mounted; expected engine-managed volumes"));
      }
    }
    if (m.type != "proc" && CleanIfNeeded(m.destination) == "/proc") {
      ctx.Report("SEC424", path().Field("type"), absl::StrCat(LintQuote(m.type), " is mounted on /proc; expected only procfs there"));
    }
    if ((m.type == "sysfs" || m.type == "cgroup" || m.type == "cgroup2") && writable) {
      ctx.Report("SEC422", path().Field("options"),
                 absl::StrCat(m.type, " at ", LintQuote(m.destination), " is writable; expected \"ro\""),
                 m.type == "sysfs" ? LintSeverity::kError : LintSeverity::kWarning);
    }
    for (size_t k = 0; k < m.options.size(); ++k) {
      if (m.options[k] == "shared" || m.options[k] == "rshared") {
        ctx.Report("SEC419", path().Field("options").Index(k),
                   absl::StrCat(LintQuote(m.options[k]), " propagates mounts between container and host; expected private or slave"));
      }
    }
  }
}

OCIKIT_INLINE void CheckLinuxProfile(const LintContext& ctx) {
  if (!ctx.spec.linux_section) {
    ctx.Report("SEC404", FieldPath(), "no linux section: the container shares every host namespace; expected a linux section with namespaces");
    ctx.Report("SEC405", FieldPath(), "no linux section and so no seccomp filter; expected linux.seccomp");
    return;
  }
  const Linux& l = *ctx.spec.linux_section;
  CheckNamespaceProfile(ctx, l);
  if (!l.seccomp) {
    ctx.Report("SEC405", FieldPath().Field("linux"), "no seccomp filter: the process is unconfined; expected linux.seccomp (the runtime's default profile)");
  } else if (l.seccomp->default_action == "SCMP_ACT_ALLOW" || l.seccomp->default_action == "SCMP_ACT_LOG") {
    const bool blocks = std::any_of(l.seccomp->syscalls.begin(), l.seccomp->syscalls.end(), [](const LinuxSyscall& r) {
      return r.action != "SCMP_ACT_ALLOW" && r.action != "SCMP_ACT_LOG";
    });
    ctx.Report("SEC405", LinuxPath("seccomp").Field("defaultAction"),
               absl::StrCat(LintQuote(l.seccomp->default_action),
                            blocks ? " makes the filter a deny list that misses new system calls"
                                   : " with no blocking rule allows every system call",
                            "; expected an allow list (SCMP_ACT_ERRNO default)"),
               blocks ? LintSeverity::kWarning : LintSeverity::kError);
  }
  CheckPathsProfile(ctx, l);
  CheckSysctlProfile(ctx, l);
  if (l.rootfs_propagation == "shared" || l.rootfs_propagation == "rshared") {
    ctx.Report("SEC419", LinuxPath("rootfsPropagation"),
               absl::StrCat(LintQuote(l.rootfs_propagation), " propagates mounts between container and host; expected private or slave"));
  }
  for (size_t i = 0; i < l.devices.size(); ++i) {
    ctx.Report("SEC421", LinuxPath("devices").Index(i),
               absl::StrCat(LintQuote(l.devices[i].path), " (", l.devices[i].type, " ", l.devices[i].major, ":", l.devices[i].minor,
                            ") gives access to host hardware; expected only devices the workload needs"));
  }
  const LinuxResources* r = l.resources ? &*l.resources : nullptr;
  if (r != nullptr) {
    // The last rule matching every device decides (later rules override earlier ones).
    std::optional<size_t> last_all;
    for (size_t i = 0; i < r->devices.size(); ++i) {
      const LinuxDeviceCgroup& d = r->devices[i];
      if ((d.type.empty() || d.type == "a") && (!d.major || *d.major == -1) && (!d.minor || *d.minor == -1)) last_all = i;
    }
    if (last_all && r->devices[*last_all].allow) {
      ctx.Report("SEC420", ResourcesPath("devices").Index(*last_all),
                 absl::StrCat("allows every device (", LintQuote(r->devices[*last_all].access), "); expected a deny-all rule and specific allows"));
    }
  }
  const FieldPath resources = ResourcesPath("memory").Parent();
  if (r == nullptr || !r->memory || !r->memory->limit || *r->memory->limit <= 0) {
    ctx.Report("SEC423", r != nullptr && r->memory ? ResourcesPath("memory") : resources, "no memory limit; expected linux.resources.memory.limit");
  }
  if (r == nullptr || !r->cpu || ((!r->cpu->shares || *r->cpu->shares == 0) && (!r->cpu->quota || *r->cpu->quota <= 0))) {
    ctx.Report("SEC423", r != nullptr && r->cpu ? ResourcesPath("cpu") : resources, "no CPU shares or quota; expected linux.resources.cpu.shares or quota");
  }
  if (r == nullptr || !r->pids || !r->pids->limit || *r->pids->limit <= 0) {
    ctx.Report("SEC423", r != nullptr && r->pids ? ResourcesPath("pids") : resources, "no pids limit; expected linux.resources.pids.limit above 0");
  }
}
}  // namespace internal

OCIKIT_INLINE void CheckSecurityProfile(const internal::LintContext& ctx) {
  if (ctx.options.profile == LintProfile::kNone || ctx.platform != LintPlatform::kLinux) return;
  internal::CheckProcessProfile(ctx);
  internal::CheckLinuxProfile(ctx);
  internal::CheckMountsProfile(ctx);
  if (ctx.options.profile >= LintProfile::kRestricted && (!ctx.spec.root || !ctx.spec.root->readonly)) {
    ctx.Report("SEC432", ctx.spec.root ? internal::LintPath("root", "readonly") : internal::LintPath("root"),
               "the root filesystem is writable; expected root.readonly: true");
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_SECURITY_INL_H_
