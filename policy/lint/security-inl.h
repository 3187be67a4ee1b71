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
#include "policy/lint/patterns.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/sysctls.h"
#include "spec/pathutil.h"

namespace ocikit {

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
    ctx.Report(rules::kPrivileged, base.Field("bounding"),
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
        ctx.Report(rules::kCapabilitiesAdded, path(), absl::StrCat(LintQuote(cap), " is not in the default capability set; expected only defaults such as CAP_CHOWN"));
      } else if (cap == "CAP_NET_RAW") {
        ctx.Report(rules::kCapabilityNetRaw, path(), "CAP_NET_RAW allows raw packets (spoofing); expected it dropped");
      } else if (restricted && cap != "CAP_NET_BIND_SERVICE") {
        ctx.Report(rules::kRestrictedCapabilities, path(), absl::StrCat(LintQuote(cap), " is granted; expected no capability but CAP_NET_BIND_SERVICE"));
      }
    }
  }
  if (!c.inheritable.empty()) {
    ctx.Report(rules::kInheritableCapabilities, base.Field("inheritable"),
               absl::StrCat(c.inheritable.size(), " capabilit", c.inheritable.size() == 1 ? "y" : "ies",
                            " can be raised by binaries with inheritable file capabilities; expected an empty set"));
  }
  if (!c.ambient.empty()) {
    ctx.Report(rules::kAmbientCapabilities, base.Field("ambient"),
               absl::StrCat(absl::StrJoin(c.ambient, ", "), " survive", c.ambient.size() == 1 ? "s" : "",
                            " execve of any program; expected no ambient capabilities"));
  }
}

OCIKIT_INLINE void CheckProcessProfile(const LintContext& ctx) {
  if (!ctx.spec.process) return;
  const Process& p = *ctx.spec.process;
  if (p.capabilities) CheckCapabilityProfile(ctx, *p.capabilities);
  if (p.apparmor_profile == "unconfined") {
    ctx.Report(rules::kApparmorUnconfined, LintPath("process", "apparmorProfile"), "\"unconfined\" disables AppArmor; expected the runtime's default profile");
  } else if (p.apparmor_profile.empty()) {
    ctx.Report(rules::kApparmorUnconfined, LintPath("process"), "no apparmorProfile: the process runs unconfined on AppArmor hosts; expected a profile",
               LintSeverity::kInfo);
  }
  if (!p.selinux_label.empty()) {
    const std::vector<absl::string_view> parts = absl::StrSplit(p.selinux_label, ':');
    static const std::vector<absl::string_view> kTypes = {"container_t", "container_init_t", "container_kvm_t",
                                                          "container_engine_t"};
    if (parts.size() >= 3 && !LintContains(kTypes, parts[2])) {
      ctx.Report(rules::kSelinuxType, LintPath("process", "selinuxLabel"),
                 absl::StrCat("type ", LintQuote(parts[2]), " is not a container type; expected ", LintOneOf(kTypes)));
    }
  }
  if (absl::StrContains(p.cwd, "/fd") && IsProcFdPath(CleanPath(p.cwd))) {
    ctx.Report(rules::kCwdProcFd, LintPath("process", "cwd"),
               absl::StrCat(LintQuote(p.cwd), " is a file descriptor directory that can leak a host directory; expected a path in the container"));
  }
  const bool restricted = ctx.options.profile >= LintProfile::kRestricted;
  if (!p.no_new_privileges) {
    ctx.Report(rules::kNoNewPrivileges, LintPath("process", "noNewPrivileges"), "not set: setuid binaries can raise privileges; expected true",
               restricted ? LintSeverity::kError : LintSeverity::kWarning);
  }
  if (p.user.uid != 0 &&
      std::find(p.user.additional_gids.begin(), p.user.additional_gids.end(), p.user.gid) == p.user.additional_gids.end()) {
    ctx.Report(rules::kPrimaryGidMissing, LintPath("process", "user", "additionalGids"),
               absl::StrCat("lacks the primary gid ", p.user.gid, "; expected it among the supplementary groups"));
  }
  constexpr uint32_t kMaxId = static_cast<uint32_t>(INT32_MAX);
  if (p.user.uid > kMaxId) {
    ctx.Report(rules::kUidOutOfRange, LintPath("process", "user", "uid"), absl::StrCat(p.user.uid, " is above 2147483647; expected a smaller uid"));
  }
  if (p.user.gid > kMaxId) {
    ctx.Report(rules::kUidOutOfRange, LintPath("process", "user", "gid"), absl::StrCat(p.user.gid, " is above 2147483647; expected a smaller gid"));
  }
  if (restricted && p.user.uid == 0) {
    bool remapped = false;
    if (ctx.spec.linux_section && FindNamespace(ctx.spec, kUserNamespace) != nullptr) {
      for (const LinuxIDMapping& m : ctx.spec.linux_section->uid_mappings) {
        if (m.container_id == 0 && m.size > 0 && m.host_id != 0) remapped = true;
      }
    }
    if (!remapped) {
      ctx.Report(rules::kRunAsRoot, LintPath("process", "user", "uid"), "0 (root) without a user namespace that maps it; expected a non-zero uid");
    }
  }
}

OCIKIT_INLINE void CheckNamespaceProfile(const LintContext& ctx, const Linux& l) {
  for (const absl::string_view type : {kPidNamespace, kIpcNamespace, kNetworkNamespace, kMountNamespace, kUtsNamespace}) {
    const LinuxNamespace* ns = FindNamespace(ctx.spec, type);
    const LintSeverity severity = type == kUtsNamespace ? LintSeverity::kWarning : LintSeverity::kError;
    if (ns == nullptr) {
      ctx.Report(rules::kHostNamespace, LinuxPath("namespaces"),
                 absl::StrCat("no ", type, " namespace: the container shares the host's; expected {\"type\": \"", type, "\"}"),
                 severity);
    } else if (IsHostNamespacePath(ns->path)) {
      const size_t i = static_cast<size_t>(ns - l.namespaces.data());
      ctx.Report(rules::kHostNamespace, LinuxPath("namespaces").Index(i).Field("path"),
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
    ctx.Report(rules::kMaskedPathsMissing, LinuxPath("maskedPaths"),
               absl::StrCat("does not mask ", absl::StrJoin(missing, ", "), "; expected the default masked paths"));
  }
  missing.clear();
  for (const std::string& path : DefaultReadonlyPaths()) {
    if (!CoveredBy(readonly, path) && !CoveredBy(masked, path)) missing.push_back(path);
  }
  if (!missing.empty()) {
    ctx.Report(rules::kProcWritable, LinuxPath("readonlyPaths"),
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
      ctx.Report(rules::kSysctlUnsafe, LinuxPath("sysctl").Key(key),
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
      ctx.Report(rules::kRuntimeSocketMount, path().Field("source"),
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
        ctx.Report(rules::kSensitiveHostMount, path().Field("source"),
                   absl::StrCat("host ", LintQuote(src), " is mounted", writable ? " writable" : " read-only",
                                "; expected no sensitive host directory", writable ? " (at least \"ro\")" : ""),
                   writable ? LintSeverity::kError : LintSeverity::kWarning);
      } else {
        ctx.Report(rules::kHostBindMount, path().Field("source"), absl::StrCat("host ", LintQuote(src), " is bind-mounted; expected engine-managed volumes"));
      }
    }
    if (m.type != "proc" && CleanIfNeeded(m.destination) == "/proc") {
      ctx.Report(rules::kProcMountReplaced, path().Field("type"), absl::StrCat(LintQuote(m.type), " is mounted on /proc; expected only procfs there"));
    }
    if ((m.type == "sysfs" || m.type == "cgroup" || m.type == "cgroup2") && writable) {
      ctx.Report(rules::kSysfsWritable, path().Field("options"),
                 absl::StrCat(m.type, " at ", LintQuote(m.destination), " is writable; expected \"ro\""),
                 m.type == "sysfs" ? LintSeverity::kError : LintSeverity::kWarning);
    }
    for (size_t k = 0; k < m.options.size(); ++k) {
      if (m.options[k] == "shared" || m.options[k] == "rshared") {
        ctx.Report(rules::kSharedPropagation, path().Field("options").Index(k),
                   absl::StrCat(LintQuote(m.options[k]), " propagates mounts between container and host; expected private or slave"));
      }
    }
  }
}

OCIKIT_INLINE void CheckLinuxProfile(const LintContext& ctx) {
  if (!ctx.spec.linux_section) {
    ctx.Report(rules::kHostNamespace, FieldPath(), "no linux section: the container shares every host namespace; expected a linux section with namespaces");
    ctx.Report(rules::kSeccompUnconfined, FieldPath(), "no linux section and so no seccomp filter; expected linux.seccomp");
    return;
  }
  const Linux& l = *ctx.spec.linux_section;
  CheckNamespaceProfile(ctx, l);
  if (!l.seccomp) {
    ctx.Report(rules::kSeccompUnconfined, FieldPath().Field("linux"), "no seccomp filter: the process is unconfined; expected linux.seccomp (the runtime's default profile)");
  } else if (l.seccomp->default_action == "SCMP_ACT_ALLOW" || l.seccomp->default_action == "SCMP_ACT_LOG") {
    const bool blocks = std::any_of(l.seccomp->syscalls.begin(), l.seccomp->syscalls.end(), [](const LinuxSyscall& r) {
      return r.action != "SCMP_ACT_ALLOW" && r.action != "SCMP_ACT_LOG";
    });
    ctx.Report(rules::kSeccompUnconfined, LinuxPath("seccomp").Field("defaultAction"),
               absl::StrCat(LintQuote(l.seccomp->default_action),
                            blocks ? " makes the filter a deny list that misses new system calls"
                                   : " with no blocking rule allows every system call",
                            "; expected an allow list (SCMP_ACT_ERRNO default)"),
               blocks ? LintSeverity::kWarning : LintSeverity::kError);
  }
  CheckPathsProfile(ctx, l);
  CheckSysctlProfile(ctx, l);
  if (l.rootfs_propagation == "shared" || l.rootfs_propagation == "rshared") {
    ctx.Report(rules::kSharedPropagation, LinuxPath("rootfsPropagation"),
               absl::StrCat(LintQuote(l.rootfs_propagation), " propagates mounts between container and host; expected private or slave"));
  }
  for (size_t i = 0; i < l.devices.size(); ++i) {
    ctx.Report(rules::kHostDevices, LinuxPath("devices").Index(i),
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
      ctx.Report(rules::kDeviceCgroupAllowAll, ResourcesPath("devices").Index(*last_all),
                 absl::StrCat("allows every device (", LintQuote(r->devices[*last_all].access), "); expected a deny-all rule and specific allows"));
    }
  }
  const FieldPath resources = ResourcesPath("memory").Parent();
  if (r == nullptr || !r->memory || !r->memory->limit || *r->memory->limit <= 0) {
    ctx.Report(rules::kResourceLimits, r != nullptr && r->memory ? ResourcesPath("memory") : resources, "no memory limit; expected linux.resources.memory.limit");
  }
  if (r == nullptr || !r->cpu || ((!r->cpu->shares || *r->cpu->shares == 0) && (!r->cpu->quota || *r->cpu->quota <= 0))) {
    ctx.Report(rules::kResourceLimits, r != nullptr && r->cpu ? ResourcesPath("cpu") : resources, "no CPU shares or quota; expected linux.resources.cpu.shares or quota");
  }
  if (r == nullptr || !r->pids || !r->pids->limit || *r->pids->limit <= 0) {
    ctx.Report(rules::kResourceLimits, r != nullptr && r->pids ? ResourcesPath("pids") : resources, "no pids limit; expected linux.resources.pids.limit above 0");
  }
}
}  // namespace internal

OCIKIT_INLINE void CheckSecurityProfile(const internal::LintContext& ctx) {
  if (ctx.options.profile == LintProfile::kNone || ctx.platform != LintPlatform::kLinux) return;
  internal::CheckProcessProfile(ctx);
  internal::CheckLinuxProfile(ctx);
  internal::CheckMountsProfile(ctx);
  if (ctx.options.profile >= LintProfile::kRestricted && (!ctx.spec.root || !ctx.spec.root->readonly)) {
    ctx.Report(rules::kRootfsWritable, ctx.spec.root ? internal::LintPath("root", "readonly") : internal::LintPath("root"),
               "the root filesystem is writable; expected root.readonly: true");
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_SECURITY_INL_H_
