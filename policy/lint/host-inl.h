// File: policy/lint/host-inl.h
//
// Definitions of policy/lint/host.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_HOST_INL_H_
#define OCIKIT_POLICY_LINT_HOST_INL_H_

#include "policy/lint/host.h"
#include "spec/internal/compile_mode.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/sysctls.h"
#include "spec/pathutil.h"
#include "spec/rootfs/rootfs.h"

namespace ocikit {

OCIKIT_INLINE absl::StatusOr<LintRuntimeFeatures> ParseRuntimeFeatures(absl::string_view text, absl::string_view source) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  const auto fail = [&](absl::string_view field, absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", field, field.empty() ? "" : ": ", what));
  };
  if (j.is_discarded()) return fail("", "invalid JSON; expected a features document such as `runc features` prints");
  if (!j.is_object()) return fail("", "expected a features document object");
  LintRuntimeFeatures f;
  f.source = std::string(source);
  for (const auto& [field, out] : {std::pair<const char*, std::string*>{"ociVersionMin", &f.oci_version_min},
                                   {"ociVersionMax", &f.oci_version_max}}) {
    if (!j.contains(field) || !j.at(field).is_string()) return fail(field, "missing; expected a version such as \"1.0.0\"");
    *out = j.at(field).get<std::string>();
    if (!ParseOciVersion(*out)) return fail(field, absl::StrCat(internal::LintQuote(*out), " is not a SemVer 2.0.0 version"));
  }
  // A JSON pointer-ish walk: "linux.seccomp.actions".
  const auto find = [&](absl::string_view dotted) -> const nlohmann::json* {
    const nlohmann::json* node = &j;
    for (absl::string_view part : absl::StrSplit(dotted, '.')) {
      if (!node->is_object() || !node->contains(std::string(part))) return nullptr;
      node = &node->at(std::string(part));
    }
    return node;
  };
  std::string error;
  const auto strings = [&](absl::string_view field, std::optional<std::vector<std::string>>& out) {
    const nlohmann::json* v = find(field);
    if (v == nullptr || v->is_null() || !error.empty()) return;
    if (!v->is_array()) {
      error = absl::StrCat(field, ": expected an array of strings");
      return;
    }
    out.emplace();
    for (const nlohmann::json& e : *v) {
      if (!e.is_string()) {
        error = absl::StrCat(field, ": expected an array of strings");
        return;
      }
      out->push_back(e.get<std::string>());
    }
  };
  const auto boolean = [&](absl::string_view field, std::optional<bool>& out) {
    const nlohmann::json* v = find(field);
    if (v == nullptr || v->is_null() || !error.empty()) return;
    if (!v->is_boolean()) {
      error = absl::StrCat(field, ": expected true or false");
      return;
    }
    out = v->get<bool>();
  };
  strings("hooks", f.hooks);
  strings("mountOptions", f.mount_options);
  strings("linux.namespaces", f.namespaces);
  strings("linux.capabilities", f.capabilities);
  boolean("linux.seccomp.enabled", f.seccomp_enabled);
  strings("linux.seccomp.actions", f.seccomp_actions);
  strings("linux.seccomp.operators", f.seccomp_operators);
  strings("linux.seccomp.archs", f.seccomp_archs);
  strings("linux.seccomp.knownFlags", f.seccomp_known_flags);
  boolean("linux.apparmor.enabled", f.apparmor);
  boolean("linux.selinux.enabled", f.selinux);
  boolean("linux.intelRdt.enabled", f.intel_rdt);
  boolean("linux.mountExtensions.idmap.enabled", f.idmap);
  boolean("linux.netDevices.enabled", f.net_devices);
  std::optional<std::vector<std::string>> unsafe;
  strings("potentiallyUnsafeConfigAnnotations", unsafe);
  if (!error.empty()) return absl::InvalidArgumentError(absl::StrCat(source, ": ", error));
  if (unsafe) f.unsafe_annotations = *std::move(unsafe);
  return f;
}

namespace internal {

OCIKIT_INLINE std::string HostPath(const LintOptions& o, absl::string_view path) {
  if (o.host_root.empty()) return std::string(path);
  return absl::StrCat(o.host_root, absl::StartsWith(path, "/") ? "" : "/", path);
}

OCIKIT_INLINE bool StatPath(const std::string& path, struct stat& st) { return ::stat(path.c_str(), &st) == 0; }

OCIKIT_INLINE std::string BundleBase(const LintOptions& o) {
  if (!o.bundle_dir.empty()) return o.bundle_dir;
  const size_t slash = o.config_path.rfind('/');
  return slash == std::string::npos ? "." : o.config_path.substr(0, slash == 0 ? 1 : slash);
}

OCIKIT_INLINE std::string RootfsOnHost(const LintContext& ctx) {
  const std::string& path = ctx.spec.root->path;
  if (!path.empty() && path[0] == '/') return HostPath(ctx.options, path);
  return absl::StrCat(BundleBase(ctx.options), "/", path);
}

OCIKIT_INLINE char DeviceType(mode_t mode) {
  if (S_ISCHR(mode)) return 'c';
  if (S_ISBLK(mode)) return 'b';
  if (S_ISFIFO(mode)) return 'p';
  return '?';
}

OCIKIT_INLINE void CheckHostDevices(const LintContext& ctx, const Linux& l) {
  const LintOptions& o = ctx.options;
  struct stat st;
  for (size_t i = 0; i < l.devices.size(); ++i) {
    const LinuxDevice& d = l.devices[i];
    if (d.path.empty() || d.path[0] != '/' || d.type == "p") continue;
    const FieldPath path = LinuxPath("devices").Index(i);
    if (!StatPath(HostPath(o, d.path), st)) {
      ctx.Report(rules::kDeviceHostMismatch, path.Field("path"), absl::StrCat(LintQuote(d.path), " does not exist on this host; expected a device the host has"),
                 LintSeverity::kInfo);
      continue;
    }
    const char want = d.type == "u" ? 'c' : d.type.empty() ? '?' : d.type[0];
    if (DeviceType(st.st_mode) != want) {
      ctx.Report(rules::kDeviceHostMismatch, path.Field("type"), absl::StrCat(LintQuote(d.path), " on this host is not a ", d.type == "b" ? "block" : "character",
                                                             " device; expected a matching node"));
    } else if (static_cast<int64_t>(major(st.st_rdev)) != d.major || static_cast<int64_t>(minor(st.st_rdev)) != d.minor) {
      ctx.Report(rules::kDeviceHostMismatch, path.Field("major"),
                 absl::StrCat(d.major, ":", d.minor, " differs from the host's ", LintQuote(d.path), " (", major(st.st_rdev), ":",
                              minor(st.st_rdev), "); expected the host's numbers"));
    }
  }
}

OCIKIT_INLINE void CheckHostCapabilities(const LintContext& ctx) {
  const Spec& s = ctx.spec;
  const LintOptions& o = ctx.options;
  if (s.process && s.process->capabilities) {
    absl::StatusOr<std::string> last = ReadRegularFile(HostPath(o, "/proc/sys/kernel/cap_last_cap"), 64);
    size_t last_cap = 0;
    if (last.ok() && absl::SimpleAtoi(absl::StripAsciiWhitespace(*last), &last_cap)) {
      const std::vector<std::string>& known = KnownCapabilities();
      const LinuxCapabilities& c = *s.process->capabilities;
      const auto sets = CapabilitySets(c);
      for (const auto& [name, set] : sets) {
        for (size_t i = 0; i < set->size(); ++i) {
          const size_t bit = static_cast<size_t>(std::find(known.begin(), known.end(), (*set)[i]) - known.begin());
          if (bit < known.size() && bit > last_cap) {
            ctx.Report(rules::kCapabilityUnsupported, LintPath("process", "capabilities", name).Index(i),
                       absl::StrCat(LintQuote((*set)[i]), " (", bit, ") is above this kernel's cap_last_cap ", last_cap,
                                    "; expected a capability the kernel has"));
          }
        }
      }
    }
  }
}

OCIKIT_INLINE void CheckHostMountTypes(const LintContext& ctx) {
  const Spec& s = ctx.spec;
  const LintOptions& o = ctx.options;
  absl::StatusOr<std::string> filesystems = ReadRegularFile(HostPath(o, "/proc/filesystems"), 1 << 20);
  if (filesystems.ok()) {
    std::vector<std::string> types = {"bind", "none"};
    for (absl::string_view line : absl::StrSplit(*filesystems, '\n')) {
      const size_t tab = line.rfind('\t');
      const absl::string_view type = absl::StripAsciiWhitespace(tab == absl::string_view::npos ? line : line.substr(tab + 1));
      if (!type.empty()) types.emplace_back(type);
    }
    for (size_t i = 0; i < s.mounts.size(); ++i) {
      const std::string& type = s.mounts[i].type;
      if (!type.empty() && !LintContains(types, type)) {
        ctx.Report(rules::kMountTypeUnsupported, FieldPath().Field("mounts").Index(i).Field("type"),
                   absl::StrCat(LintQuote(type), " is not in /proc/filesystems; expected a filesystem this kernel supports"));
      }
    }
  }
}

OCIKIT_INLINE void CheckHostHooks(const LintContext& ctx) {
  if (!ctx.spec.hooks) return;
  const LintOptions& o = ctx.options;
  struct stat st;
  const Hooks& h = *ctx.spec.hooks;
  const auto kinds = HookKinds(h);
  for (const auto& [kind, hooks] : kinds) {
    for (size_t i = 0; i < hooks->size(); ++i) {
      const std::string& path = (*hooks)[i].path;
      if (path.empty() || path[0] != '/') continue;
      const std::string host = HostPath(o, path);
      if (!StatPath(host, st)) {
        ctx.Report(rules::kHookNotExecutable, LintPath("hooks", kind).Index(i).Field("path"), absl::StrCat(LintQuote(path), " does not exist; expected an installed hook program"));
      } else if (!S_ISREG(st.st_mode) || (st.st_mode & 0111) == 0) {
        ctx.Report(rules::kHookNotExecutable, LintPath("hooks", kind).Index(i).Field("path"), absl::StrCat(LintQuote(path), " is not an executable file; expected mode with x bits"));
      }
    }
  }
}

OCIKIT_INLINE void CheckHostMachine(const LintContext& ctx) {
  const Spec& s = ctx.spec;
  const LintOptions& o = ctx.options;
  struct stat st;
  if (s.linux_section) {
    const Linux& l = *s.linux_section;
    for (size_t i = 0; i < l.namespaces.size(); ++i) {
      const std::string& path = l.namespaces[i].path;
      if (!path.empty() && path[0] == '/' && !StatPath(HostPath(o, path), st)) {
        ctx.Report(rules::kNamespacePathMissing, LinuxPath("namespaces").Index(i).Field("path"),
                   absl::StrCat(LintQuote(path), ": ", std::strerror(errno), "; expected an existing namespace file"));
      }
    }
    CheckHostDevices(ctx, l);
    for (const auto& [key, value] : l.sysctl) {
      std::string file = NormalizeSysctlKey(key);
      for (char& c : file) c = c == '.' ? '/' : c == '/' ? '.' : c;
      if (!StatPath(HostPath(o, absl::StrCat("/proc/sys/", file)), st)) {
        ctx.Report(rules::kSysctlUnknown, LinuxPath("sysctl").Key(key), absl::StrCat("/proc/sys/", file, " does not exist on this kernel; expected a sysctl it has"));
      }
    }
    std::vector<std::pair<FieldPath, std::string>> interfaces;
    if (l.resources && l.resources->network) {
      for (size_t i = 0; i < l.resources->network->priorities.size(); ++i) {
        interfaces.emplace_back(ResourcesPath("network").Field("priorities").Index(i).Field("name"),
                                l.resources->network->priorities[i].name);
      }
    }
    for (const auto& [name, dev] : l.net_devices) interfaces.emplace_back(LinuxPath("netDevices").Key(name), name);
    for (const auto& [path, name] : interfaces) {
      if (!name.empty() && name.find('/') == std::string::npos && !StatPath(HostPath(o, absl::StrCat("/sys/class/net/", name)), st)) {
        ctx.Report(rules::kNetworkInterfaceMissing, path, absl::StrCat("interface ", LintQuote(name), " does not exist on this host; expected one of /sys/class/net"));
      }
    }
  }
  CheckHostCapabilities(ctx);
  CheckHostMountTypes(ctx);
  CheckHostHooks(ctx);
}

OCIKIT_INLINE void CheckRootExists(const LintContext& ctx) {
  if (!ctx.spec.root || ctx.spec.root->path.empty() || ctx.platform == LintPlatform::kWindows) return;
  const std::string rootfs = RootfsOnHost(ctx);
  struct stat st;
  if (!StatPath(rootfs, st)) {
    ctx.Report(rules::kRootPathMissing, LintPath("root", "path"), absl::StrCat(LintQuote(ctx.spec.root->path), ": ", std::strerror(errno), "; expected the root filesystem directory"));
  } else if (!S_ISDIR(st.st_mode)) {
    ctx.Report(rules::kRootPathMissing, LintPath("root", "path"), absl::StrCat(LintQuote(ctx.spec.root->path), " is not a directory; expected the root filesystem directory"));
  }
}

OCIKIT_INLINE void CheckBundleArgs(const LintContext& ctx, int root_fd) {
  const Spec& s = ctx.spec;
  if (s.process && !s.process->args.empty() && absl::StartsWith(s.process->args[0], "/")) {
    const std::string& arg0 = s.process->args[0];
    const FieldPath path = LintPath("process", "args").Index(0);
    absl::StatusOr<RootfsEntry> e = WalkInRoot(root_fd, arg0);
    if (absl::IsNotFound(e.status())) {
      ctx.Report(rules::kBundleArgsNotExecutable, path, absl::StrCat(LintQuote(arg0), " is not in the root filesystem (a mount may provide it); expected the program there"),
                 LintSeverity::kWarning);
    } else if (!e.ok()) {
      ctx.Report(rules::kBundleArgsNotExecutable, path, absl::StrCat(e.status().message(), "; expected an executable file"));
    } else if (!S_ISREG(e->st.st_mode) || (e->st.st_mode & 0111) == 0) {
      ctx.Report(rules::kBundleArgsNotExecutable, path,
                 absl::StrCat(LintQuote(arg0), S_ISREG(e->st.st_mode) ? " has no execute bit" : " is not a regular file",
                              "; expected an executable file"));
    }
  }
}

OCIKIT_INLINE void CheckBundleDevices(const LintContext& ctx, int root_fd) {
  const Spec& s = ctx.spec;
  if (!s.linux_section) return;
  for (size_t i = 0; i < s.linux_section->devices.size(); ++i) {
    const LinuxDevice& d = s.linux_section->devices[i];
    if (!absl::StartsWith(d.path, "/")) continue;
    absl::StatusOr<RootfsEntry> e = WalkInRoot(root_fd, d.path);
    if (!e.ok()) continue;  // created by the runtime
    const FieldPath path = LinuxPath("devices").Index(i);
    const char want = d.type == "u" ? 'c' : d.type.empty() ? '?' : d.type[0];
    if (DeviceType(e->st.st_mode) != want) {
      ctx.Report(rules::kBundleDeviceMismatch, path,
                 absl::StrCat(LintQuote(d.path), " already exists in the rootfs and is not a ",
                              want == 'b' ? "block device" : want == 'p' ? "FIFO" : "character device",
                              "; expected a node matching the entry, or none"));
      continue;
    }
    std::vector<std::string> diffs;
    if (want != 'p' && (static_cast<int64_t>(major(e->st.st_rdev)) != d.major || static_cast<int64_t>(minor(e->st.st_rdev)) != d.minor)) {
      diffs.push_back(absl::StrCat("numbers ", major(e->st.st_rdev), ":", minor(e->st.st_rdev)));
    }
    if (d.file_mode && (e->st.st_mode & 0777) != (*d.file_mode & 0777)) {
      diffs.push_back(absl::StrCat("mode 0", absl::StrFormat("%o", e->st.st_mode & 0777)));
    }
    if (d.uid && e->st.st_uid != *d.uid) diffs.push_back(absl::StrCat("uid ", e->st.st_uid));
    if (d.gid && e->st.st_gid != *d.gid) diffs.push_back(absl::StrCat("gid ", e->st.st_gid));
    if (!diffs.empty()) {
      ctx.Report(rules::kBundleDeviceMismatch, path,
                 absl::StrCat(LintQuote(d.path), " already exists in the rootfs with ", absl::StrJoin(diffs, ", "),
                              "; expected a node matching the entry"));
    }
  }
}

OCIKIT_INLINE void CheckBundle(const LintContext& ctx) {
  const LintOptions& o = ctx.options;
  const Spec& s = ctx.spec;
  struct stat st;
  if (!o.config_path.empty() && StatPath(o.config_path, st) && (st.st_mode & 022) != 0) {
    ctx.Report(rules::kBundleConfigWritable, FieldPath(), absl::StrCat("config.json has mode 0", absl::StrFormat("%o", st.st_mode & 07777),
                                                   ", writable by ", (st.st_mode & 002) ? "anyone" : "its group",
                                                   "; expected 0600"));
  }
  if (!s.root || s.root->path.empty() || ctx.platform == LintPlatform::kWindows) return;
  char* bundle_real = ::realpath(o.bundle_dir.c_str(), nullptr);
  const std::string bundle = bundle_real != nullptr ? bundle_real : CleanPath(o.bundle_dir);
  ::free(bundle_real);
  const std::string root = s.root->path[0] == '/' ? CleanPath(s.root->path) : CleanPath(absl::StrCat(bundle, "/", s.root->path));
  const std::string parent = root.substr(0, root.rfind('/') == 0 ? 1 : root.rfind('/'));
  if (root == "/" || parent != bundle) {
    ctx.Report(rules::kBundleRootOutside, LintPath("root", "path"),
               absl::StrCat(LintQuote(s.root->path), " is not a child of the bundle directory",
                            "; expected a directory inside the bundle, such as \"rootfs\""));
  }
  absl::StatusOr<UniqueFd> root_fd = OpenRootfs(RootfsOnHost(ctx));
  if (!root_fd.ok()) return;  // HOST201 says why
  CheckBundleArgs(ctx, root_fd->get());
  CheckBundleDevices(ctx, root_fd->get());
}

OCIKIT_INLINE bool IsRuntimeMountOption(absl::string_view o) {
  static const std::vector<absl::string_view> kOptions = {
      "acl", "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion", "lazytime", "loud",
      "mand", "noacl", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime", "nomand", "norelatime",
      "nostrictatime", "nosuid", "nosymfollow", "private", "ratime", "rbind", "rdev", "rdiratime", "relatime", "remount",
      "rexec", "rnoatime", "rnodev", "rnodiratime", "rnoexec", "rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow",
      "ro", "rprivate", "rrelatime", "rro", "rrw", "rshared", "rslave", "rstrictatime", "rsuid", "rsymfollow",
      "runbindable", "rw", "shared", "silent", "slave", "strictatime", "suid", "symfollow", "sync", "tmpcopyup",
      "unbindable", "idmap", "ridmap"};
  return LintContains(kOptions, o);
}

OCIKIT_INLINE std::string RuntimeName(const LintRuntimeFeatures& f) { return absl::StrCat("the runtime (", f.source, ")"); }

OCIKIT_INLINE void ReportUnsupported(const LintContext& ctx, const LintRuntimeFeatures& f, FieldPath path, absl::string_view what,
                                     absl::string_view list, LintSeverity severity) {
  ctx.Report(rules::kRuntimeUnsupported, std::move(path),
             absl::StrCat(what, " is not supported by ", RuntimeName(f), "; expected one of its ", list), severity);
}

OCIKIT_INLINE void ReportDisabled(const LintContext& ctx, const LintRuntimeFeatures& f, FieldPath path, absl::string_view what,
                                  absl::string_view feature, absl::string_view field) {
  ctx.Report(rules::kRuntimeUnsupported, std::move(path),
             absl::StrCat(what, " but ", RuntimeName(f), " reports ", feature, " disabled; expected ", feature, " enabled, or no ",
                          field));
}

OCIKIT_INLINE void CheckRuntimeHooksAndMounts(const LintContext& ctx, const LintRuntimeFeatures& f) {
  const Spec& s = ctx.spec;
  if (f.hooks && s.hooks) {
    const Hooks& h = *s.hooks;
    const auto kinds = HookKinds(h);
    for (const auto& [kind, hooks] : kinds) {
      if (!hooks->empty() && !LintContains(*f.hooks, kind)) ReportUnsupported(ctx, f, LintPath("hooks", kind), absl::StrCat(kind, " hooks"), "hooks");
    }
  }
  bool idmapped = false;
  for (size_t i = 0; i < s.mounts.size(); ++i) {
    const Mount& m = s.mounts[i];
    idmapped = idmapped || !m.uid_mappings.empty() || LintContains(m.options, "idmap") || LintContains(m.options, "ridmap");
    if (!f.mount_options) continue;
    for (size_t k = 0; k < m.options.size(); ++k) {
      if (IsRuntimeMountOption(m.options[k]) && !LintContains(*f.mount_options, m.options[k])) {
        ReportUnsupported(ctx, f, FieldPath().Field("mounts").Index(i).Field("options").Index(k),
                    absl::StrCat("the mount option ", LintQuote(m.options[k])), "mountOptions");
      }
    }
  }
  if (idmapped && f.idmap && !*f.idmap) ReportDisabled(ctx, f, FieldPath().Field("mounts"), "a mount is idmapped", "mountExtensions.idmap", "idmapped mount");
}

OCIKIT_INLINE void CheckRuntimeAnnotations(const LintContext& ctx, const LintRuntimeFeatures& f) {
  const Spec& s = ctx.spec;
  for (const auto& [key, value] : s.annotations) {
    for (const std::string& u : f.unsafe_annotations) {
      if (key == u || (absl::EndsWith(u, ".") && absl::StartsWith(key, u))) {
        ctx.Report(rules::kRuntimeUnsafeAnnotation, FieldPath().Field("annotations").Key(key),
                   absl::StrCat(LintQuote(key), " is listed by ", RuntimeName(f), " as potentially unsafe (", LintQuote(u),
                                "); expected it only from a trusted source"));
        break;
      }
    }
  }
}

OCIKIT_INLINE void CheckRuntimeProcess(const LintContext& ctx, const LintRuntimeFeatures& f) {
  const Spec& s = ctx.spec;
  if (s.process) {
    const Process& p = *s.process;
    if (!p.apparmor_profile.empty() && f.apparmor && !*f.apparmor) {
      ReportDisabled(ctx, f, LintPath("process", "apparmorProfile"), "an AppArmor profile is set", "AppArmor", "apparmorProfile");
    }
    if (!p.selinux_label.empty() && f.selinux && !*f.selinux) ReportDisabled(ctx, f, LintPath("process", "selinuxLabel"), "an SELinux label is set", "SELinux", "selinuxLabel");
    if (p.capabilities && f.capabilities) {
      const LinuxCapabilities& c = *p.capabilities;
      const auto sets = CapabilitySets(c);
      for (const auto& [name, set] : sets) {
        for (size_t i = 0; i < set->size(); ++i) {
          if (!LintContains(*f.capabilities, (*set)[i])) {
            ReportUnsupported(ctx, f, LintPath("process", "capabilities", name).Index(i), LintQuote((*set)[i]), "capabilities (runtimes skip the others)",
                        LintSeverity::kWarning);
          }
        }
      }
    }
  }
}

OCIKIT_INLINE void CheckRuntimeLinux(const LintContext& ctx, const LintRuntimeFeatures& f, const Linux& l) {
  if (f.namespaces) {
    for (size_t i = 0; i < l.namespaces.size(); ++i) {
      if (!LintContains(*f.namespaces, l.namespaces[i].type)) {
        ReportUnsupported(ctx, f, LinuxPath("namespaces").Index(i).Field("type"), absl::StrCat("the ", LintQuote(l.namespaces[i].type), " namespace"),
                    "namespaces");
      }
    }
  }
  if (l.intel_rdt && f.intel_rdt && !*f.intel_rdt) ReportDisabled(ctx, f, LinuxPath("intelRdt"), "intelRdt is set", "Intel RDT", "intelRdt");
  if (!l.net_devices.empty() && f.net_devices && !*f.net_devices) ReportDisabled(ctx, f, LinuxPath("netDevices"), "netDevices are set", "netDevices", "netDevices");
}

OCIKIT_INLINE void CheckRuntimeSeccomp(const LintContext& ctx, const LintRuntimeFeatures& f, const Linux& l) {
  if (!l.seccomp) return;
  const LinuxSeccomp& sc = *l.seccomp;
  const FieldPath base = LinuxPath("seccomp");
  if (f.seccomp_enabled && !*f.seccomp_enabled) {
    ReportDisabled(ctx, f, base, "a seccomp filter is set", "seccomp", "linux.seccomp");
    return;
  }
  const auto check = [&](const std::optional<std::vector<std::string>>& list, const std::string& value, FieldPath path,
                         absl::string_view what, absl::string_view list_name, LintSeverity severity = LintSeverity::kError) {
    if (list && !value.empty() && !LintContains(*list, value)) ReportUnsupported(ctx, f, std::move(path), absl::StrCat(what, " ", LintQuote(value)), list_name, severity);
  };
  check(f.seccomp_actions, sc.default_action, base.Field("defaultAction"), "the action", "seccomp.actions");
  for (size_t i = 0; i < sc.architectures.size(); ++i) {
    check(f.seccomp_archs, sc.architectures[i], base.Field("architectures").Index(i), "the architecture", "seccomp.archs");
  }
  for (size_t i = 0; i < sc.flags.size(); ++i) {
    check(f.seccomp_known_flags, sc.flags[i], base.Field("flags").Index(i), "the flag", "seccomp.knownFlags", LintSeverity::kWarning);
  }
  for (size_t i = 0; i < sc.syscalls.size(); ++i) {
    check(f.seccomp_actions, sc.syscalls[i].action, base.Field("syscalls").Index(i).Field("action"), "the action", "seccomp.actions");
    for (size_t k = 0; k < sc.syscalls[i].args.size(); ++k) {
      check(f.seccomp_operators, sc.syscalls[i].args[k].op, base.Field("syscalls").Index(i).Field("args").Index(k).Field("op"),
            "the operator", "seccomp.operators");
    }
  }
}

OCIKIT_INLINE void CheckRuntimeFeatures(const LintContext& ctx, const LintRuntimeFeatures& f) {
  const Spec& s = ctx.spec;
  const std::optional<OciVersion> v = ParseOciVersion(s.oci_version);
  const std::optional<OciVersion> lo = ParseOciVersion(f.oci_version_min);
  const std::optional<OciVersion> hi = ParseOciVersion(f.oci_version_max);
  if (v && lo && hi && (!v->AtLeast(*lo) || (v->AtLeast(*hi) && v->Release() != hi->Release()))) {
    ctx.Report(rules::kRuntimeVersionRange, FieldPath().Field("ociVersion"),
               absl::StrCat(LintQuote(s.oci_version), " is outside the versions ", RuntimeName(f), " implements (", f.oci_version_min,
                            " to ", f.oci_version_max, "); expected a version in that range"));
  }
  CheckRuntimeHooksAndMounts(ctx, f);
  CheckRuntimeAnnotations(ctx, f);
  CheckRuntimeProcess(ctx, f);
  if (!s.linux_section) return;
  const Linux& l = *s.linux_section;
  CheckRuntimeLinux(ctx, f, l);
  CheckRuntimeSeccomp(ctx, f, l);
}
}  // namespace internal

OCIKIT_INLINE void CheckRuntime(const internal::LintContext& ctx) {
  if (ctx.options.features != nullptr) internal::CheckRuntimeFeatures(ctx, *ctx.options.features);
}

OCIKIT_INLINE void CheckHost(const internal::LintContext& ctx) {
  const bool bundle = !ctx.options.bundle_dir.empty();
  if (!ctx.options.host && !bundle) return;
  internal::CheckRootExists(ctx);
  if (ctx.options.host) internal::CheckHostMachine(ctx);
  if (bundle) internal::CheckBundle(ctx);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_HOST_INL_H_
