// File: executor/flags/spec_flags-inl.h
//
// Definitions of executor/flags/spec_flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_INL_H_

#include "executor/flags/spec_flags.h"
#include "spec/internal/compile_mode.h"
#include "spec/internal/status_macros.h"
#include "policy/seccomp/profile.h"
#include "policy/seccomp/opts.h"
#include <algorithm>
#include <cstring>
#include <cerrno>
#include <pwd.h>
#include <sys/stat.h>
#include <cstdlib>
#include <limits.h>
#include <unistd.h>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "nlohmann/json.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "spec/pathutil.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/resource_flags.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/hosts.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/mount_flags.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/privileged.h"
#include "spec/opts/process.h"
#include "spec/opts/resolvconf.h"
#include "spec/opts/root.h"
#include "spec/opts/rootless.h"
#include "spec/opts/sandbox.h"
#include "spec/opts/security.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"
#include "spec/opts/userns.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE absl::Status ApplyLabelOpt(SpecFlags& f, absl::string_view value) {
  if (value == "disable") {
    f.selinux_label = "";
    f.mount_label = "";
    return absl::OkStatus();
  }
  std::vector<std::string> process = {"system_u", "system_r", "container_t", "s0"};
  std::vector<std::string> files = {"system_u", "object_r", "container_file_t", "s0"};
  if (f.selinux_label && !f.selinux_label->empty()) process = absl::StrSplit(*f.selinux_label, absl::MaxSplits(':', 3));
  if (f.mount_label && !f.mount_label->empty()) files = absl::StrSplit(*f.mount_label, absl::MaxSplits(':', 3));
  const size_t colon = value.find(':');
  const absl::string_view key = value.substr(0, colon);
  const int field = key == "user" ? 0 : key == "role" ? 1 : key == "type" ? 2 : key == "level" ? 3 : -1;
  if (field < 0 || colon == absl::string_view::npos || colon + 1 == value.size() || process.size() != 4) {
    return absl::InvalidArgumentError("expected label=disable, user:USER, role:ROLE, type:TYPE or level:LEVEL");
  }
  process[static_cast<size_t>(field)] = std::string(value.substr(colon + 1));
  if (field != 1 && field != 2 && files.size() == 4) files[static_cast<size_t>(field)] = process[static_cast<size_t>(field)];
  f.selinux_label = absl::StrJoin(process, ":");
  f.mount_label = absl::StrJoin(files, ":");
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParseSecurityOpt(SpecFlags& f, absl::string_view opt) {
  // Docker documents the colon form (no-new-privileges:true) and Podman
  // accepts both; the other keys take '=' only.
  if (absl::StartsWith(opt, "no-new-privileges:")) {
    return ParseSecurityOpt(f, absl::StrCat("no-new-privileges=", opt.substr(sizeof("no-new-privileges:") - 1)));
  }
  const size_t eq = opt.find('=');
  const absl::string_view key = opt.substr(0, eq);
  const absl::string_view value = eq == absl::string_view::npos ? absl::string_view() : opt.substr(eq + 1);
  if (key == "no-new-privileges") {
    if (eq == absl::string_view::npos || value == "true") {
      f.no_new_privileges = true;
    } else if (value == "false") {
      f.no_new_privileges = false;
    } else {
      return absl::InvalidArgumentError(
          "expected no-new-privileges, no-new-privileges=true|false or no-new-privileges:true|false");
    }
    return absl::OkStatus();
  }
  if (eq == absl::string_view::npos || value.empty()) {
    return absl::InvalidArgumentError(
        "expected KEY=VALUE with KEY one of seccomp, apparmor, label, mask, unmask, systempaths, or no-new-privileges");
  }
  if (key == "seccomp") {
    f.seccomp = std::string(value);
  } else if (key == "apparmor") {
    f.apparmor = std::string(value);
  } else if (key == "label") {
    return ApplyLabelOpt(f, value);
  } else if (key == "mask") {
    for (absl::string_view p : absl::StrSplit(value, ':', absl::SkipEmpty())) f.mask.emplace_back(p);
  } else if (key == "unmask") {
    for (absl::string_view p : absl::StrSplit(value, ':', absl::SkipEmpty())) f.unmask.emplace_back(p);
  } else if (key == "systempaths") {
    if (value != "unconfined") return absl::InvalidArgumentError("expected systempaths=unconfined");
    f.systempaths_unconfined = true;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown security option \"", key,
        "\"; expected seccomp, apparmor, label, mask, unmask, systempaths or no-new-privileges"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || path[0] == '/') return path;
  return absl::StrCat(base_dir, "/", path);
}
// `path` made absolute against the working directory, cleaned; "" if the
// working directory cannot be read. The state dir ends up in bind-mount
// sources, which runtimes need absolute.
OCIKIT_INLINE std::string AbsolutePath(const std::string& path) {
  if (path.empty() || path[0] == '/') return path.empty() ? path : CleanPath(path);
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof(cwd)) == nullptr) return "";
  return JoinPath({cwd, path});
}
}  // namespace internal

OCIKIT_INLINE void AddSpecFlags(FlagSet& set, SpecFlags& f) {
  set.RequireUtf8();
  set.Add({"from", 0, "FILE", "start from this config.json instead of the default spec", AssignFlag(f.from), true});
  set.Add({"go-semantics", 0, "",
           "read --from as runc does (Go's encoding/json: keys that differ only in case bind, the last duplicate "
           "wins); without it such a file is refused",
           BoolFlag(f.go_semantics)});
  set.Add({"name", 0, "ID", "container id (used in cgroupsPath)", AssignFlag(f.name)});
  set.Add({"namespace", 0, "NS", "containerd-style namespace for cgroupsPath (default \"default\")", AssignFlag(f.ns)});
  set.Add({"rootfs", 0, "DIR", "root filesystem path (root.path)", AssignFlag(f.rootfs)});
  set.Add({"hostname", 0, "NAME", "container hostname (no -h: that is --help on every ocikit command)",
           AssignFlag(f.hostname)});
  set.Add({"domainname", 0, "NAME", "container NIS domain name", AssignFlag(f.domainname)});
  set.Add({"workdir", 'w', "DIR", "working directory of the process (absolute)", WorkdirFlag(f.workdir)});
  set.Add({"user", 'u', "USER[:GROUP]", "run as this user: name or uid, optional group name or gid (looked up in the rootfs)",
           [&f](absl::string_view v) {
             f.user = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"group-add", 0, "GROUP", "add a supplementary group: name (looked up in the rootfs) or gid", AppendFlag(f.group_add)});
  set.Add({"umask", 0, "MODE", "umask of the process, octal (e.g. 0022)", [&f](absl::string_view v) {
             if (v.empty() || v.size() > 4 || v.find_first_not_of("01234567") != absl::string_view::npos) {
               return absl::InvalidArgumentError("expected an octal mode from 0000 to 0777");
             }
             uint32_t mode = 0;
             for (const char c : v) mode = mode * 8 + static_cast<uint32_t>(c - '0');
             f.umask = mode;
             return absl::OkStatus();
           }});
  set.Add({"default-path", 0, "", "set PATH to the default search path, replacing any PATH", BoolFlag(f.default_path)});
  set.Add({"console-size", 0, "WIDTHxHEIGHT", "terminal size, e.g. 120x40", [&f](absl::string_view v) {
             const std::vector<absl::string_view> parts = absl::StrSplit(v, 'x');
             uint64_t width = 0;
             uint64_t height = 0;
             if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &width) || !absl::SimpleAtoi(parts[1], &height) ||
                 width == 0 || height == 0) {
               return absl::InvalidArgumentError("expected WIDTHxHEIGHT with two positive numbers, e.g. 120x40");
             }
             f.console_size.emplace(width, height);
             return absl::OkStatus();
           }});
  set.Add({"remove-mount", 0, "DEST", "remove the mount at DEST (e.g. /run); repeatable", AppendFlag(f.remove_mounts)});
  set.Add({"lookup-command", 0, "", "resolve a relative COMMAND in the PATH inside the rootfs (Buildah)", BoolFlag(f.lookup_command)});
  set.Add({"hostname-env", 0, "", "set HOSTNAME in the environment to the hostname (Buildah)", BoolFlag(f.hostname_env)});
  set.Add({"env", 'e', "KEY=VALUE", "set an environment variable (later wins); KEY alone passes the host's value, or unsets KEY",
           EnvFlag(f.env)});
  set.Add({"env-file", 0, "FILE", "read KEY=VALUE lines (# comments) as -e, before the -e flags; repeatable",
           AppendFlag(f.env_files), true});
  set.Add({"tty", 't', "", "allocate a terminal (sets TERM=xterm)", BoolFlag(f.tty)});
  set.Add({"read-only", 0, "", "mount the root filesystem read-only", BoolFlag(f.read_only)});
  set.Add({"read-only-tmpfs", 0, "", "with --read-only: writable tmpfs on /tmp, /var/tmp and /run (default true; "
           "--read-only-tmpfs=false for none)", BoolFlag(f.read_only_tmpfs)});
  set.Add({"cap-add", 0, "CAP", "add a capability (CAP_X, x, or ALL)", AppendFlag(f.cap_add)});
  set.Add({"cap-drop", 0, "CAP", "drop a capability (CAP_X, x, or ALL)", AppendFlag(f.cap_drop)});
  // --net is Docker's and Podman's alias of --network.
  for (const char* type : {"network", "net", "pid", "ipc", "uts", "cgroupns"}) {
    const std::string flag = type;
    const std::string ns = flag == "cgroupns" ? "cgroup" : flag == "net" ? "network" : flag;
    set.Add({type, 0, "MODE",
             flag == "net" ? std::string("the same as --network")
                           : absl::StrCat(ns, " namespace: private, host, or ns:PATH (absolute) to join one",
                                          ns == "network" ? " (none: private with loopback only)" : ""),
             [&f, ns](absl::string_view v) {
               if (v == "host" || v == "private" || (ns == "network" && v == "none") ||
                   absl::StartsWith(v, "ns:/")) {
                 f.namespaces.emplace_back(ns, std::string(v));
                 return absl::OkStatus();
               }
               return absl::InvalidArgumentError(absl::StrCat("expected private, host", ns == "network" ? ", none" : "",
                                                              " or ns:PATH with an absolute PATH"));
             }});
  }
  set.Add({"uidmap", 0, "C:H:S", "map container uids C.. to host uids H.. (S ids); repeatable", [&f](absl::string_view v) {
             absl::StatusOr<std::vector<LinuxIDMapping>> maps = ParseIDMappings(v);
             if (!maps.ok()) return maps.status();
             f.uid_maps.insert(f.uid_maps.end(), maps->begin(), maps->end());
             return absl::OkStatus();
           }});
  set.Add({"gidmap", 0, "C:H:S", "map container gids C.. to host gids H.. (S ids); repeatable", [&f](absl::string_view v) {
             absl::StatusOr<std::vector<LinuxIDMapping>> maps = ParseIDMappings(v);
             if (!maps.ok()) return maps.status();
             f.gid_maps.insert(f.gid_maps.end(), maps->begin(), maps->end());
             return absl::OkStatus();
           }});
  set.Add({"rootless", 0, "", "convert for an unprivileged runtime (user namespace; --uidmap/--gidmap or the caller's ids)",
           BoolFlag(f.rootless)});
  set.Add({"no-process-sandbox", 0, "", "BuildKit's no-sandbox mode: host pid namespace and host /proc",
           BoolFlag(f.no_process_sandbox)});
  const auto add_mount = [&f](absl::StatusOr<Mount> m) {
    if (!m.ok()) return m.status();
    f.mounts.push_back(*std::move(m));
    return absl::OkStatus();
  };
  set.Add({"mount", 0, "SPEC", "add a mount: type=bind|tmpfs,source=...,destination=...[,ro][,...]",
           [add_mount](absl::string_view v) { return add_mount(ParseMountFlag(v)); }});
  set.Add({"volume", 'v', "SRC:DST[:OPTS]", "bind-mount a host path (OPTS: ro, rw, propagation, nosuid, idmap, ...)",
           [add_mount](absl::string_view v) { return add_mount(ParseVolumeFlag(v)); }});
  set.Add({"tmpfs", 0, "DST[:OPTS]", "mount a tmpfs (default noexec,nosuid,nodev; e.g. size=64m,mode=1777)",
           [add_mount](absl::string_view v) { return add_mount(ParseTmpfsFlag(v)); }});
  set.Add({"defaults", 0, "ENGINE",
           "what a plain run of ENGINE writes: ocikit (default: containerd's spec, read-only /sys/fs/cgroup, private "
           "cgroup namespace, moby's seccomp), podman (with Podman's seccomp profile file), docker or containerd (ctr run: "
           "no seccomp, no cgroupfs)",
           [&f](absl::string_view v) {
             OCIKIT_ASSIGN_OR_RETURN(f.defaults, ParseEngineDefaults(v));
             return absl::OkStatus();
           }});
  set.Add({"path-defaults", 0, "SET", "only the masked and read-only paths of a --defaults engine: containerd "
           "(default), moby or podman; applies after --defaults",
           [&f](absl::string_view v) {
             absl::StatusOr<PathDefaults> d = ParsePathDefaults(v);
             if (!d.ok()) return d.status();
             f.path_defaults = *d;
             return absl::OkStatus();
           }});
  set.Add({"mask-thermal-throttle", 0, "", "mask the per-CPU thermal_throttle directories found under --sysfs",
           BoolFlag(f.mask_thermal_throttle)});
  set.Add({"sysfs", 0, "DIR", "host sysfs root for host-derived paths (default /sys)", AssignFlag(f.sysfs), true});
  set.Add({"proc-status", 0, "FILE", "status file with the caller's capabilities (default /proc/self/status)",
           AssignFlag(f.proc_status), true});
  set.Add({"privileged", 0, "", "all of the caller's capabilities, no masked paths, writable sysfs, no LSM or seccomp",
           BoolFlag(f.privileged)});
  set.Add({"ambient-caps", 0, "", "make --cap-add capabilities ambient for a non-root user", BoolFlag(f.ambient_caps)});
  set.Add({"drop-nonroot-caps", 0, "", "for a non-root user keep only ambient capabilities effective (Buildah)",
           BoolFlag(f.drop_nonroot_caps)});
  set.Add({"security-opt", 0, "OPT",
           "seccomp=default|containerd|unconfined|FILE, apparmor=PROFILE, label=disable|user:U|role:R|type:T|level:L, "
           "no-new-privileges[=true|false] (or :true|:false), mask=P1:P2, unmask=ALL|P1:P2, systempaths=unconfined",
           [&f](absl::string_view v) { return internal::ParseSecurityOpt(f, v); }});
  set.Add({"state-dir", 0, "DIR", "write generated resolv.conf and hosts files here and bind-mount them",
           AssignFlag(f.state_dir)});
  set.Add({"dns", 0, "IP", "nameserver for the generated resolv.conf (needs --state-dir); repeatable", AppendFlag(f.dns)});
  set.Add({"dns-search", 0, "DOMAIN", "search domain for the generated resolv.conf; repeatable", AppendFlag(f.dns_search)});
  set.Add({"dns-option", 0, "OPT", "resolver option, merged by key with the host's (e.g. ndots:2); repeatable",
           AppendFlag(f.dns_options)});
  set.Add({"add-host", 0, "NAME:IP", "add a line to the generated hosts file; repeatable", AppendFlag(f.add_hosts)});
  set.Add({"no-hosts", 0, "", "do not generate /etc/hosts", BoolFlag(f.no_hosts)});
  AddResourceFlags(set, f.resources);
  set.Add({"annotation", 0, "KEY=VALUE", "add an annotation", AnnotationFlag(f.annotations)});
  set.Add({"label", 'l', "KEY=VALUE", "add a label; labels become annotations, as in Podman (KEY alone: empty value)",
           AnnotationFlag(f.annotations, /*value_optional=*/true)});
  AddProcessStartFlags(set, f);
  set.Add({"seccomp-arch", 0, "ARCH", "architecture of generated seccomp profiles (amd64, arm64, ...; default: this machine's)",
           AssignFlag(f.seccomp_arch)});
  set.Add({"seccomp-kernel", 0, "X.Y", "kernel version for the profile's minKernel rules (default 6.1; host: this kernel)",
           AssignFlag(f.seccomp_kernel)});
}

namespace internal {

// --entrypoint: a JSON array of strings (Podman's and Docker's exec form), or
// one program; "" runs the COMMAND alone (Podman's way to clear an image's).
OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> ParseEntrypoint(absl::string_view v) {
  if (v.empty()) return std::vector<std::string>{};
  if (!absl::StartsWith(absl::StripLeadingAsciiWhitespace(v), "[")) return std::vector<std::string>{std::string(v)};
  const nlohmann::json j = nlohmann::json::parse(v.begin(), v.end(), nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!j.is_array()) return absl::InvalidArgumentError("expected a JSON array of strings, e.g. [\"sh\",\"-c\"]");
  for (const nlohmann::json& e : j) {
    if (!e.is_string()) return absl::InvalidArgumentError("expected a JSON array of strings, e.g. [\"sh\",\"-c\"]");
    out.push_back(e.get<std::string>());
  }
  return out;
}

// --userns: host, or keep-id with optional uid=U and gid=G.
OCIKIT_INLINE absl::Status CheckUsernsMode(absl::string_view v) {
  if (v == "host" || v == "keep-id") return absl::OkStatus();
  if (absl::StartsWith(v, "keep-id:")) {
    for (absl::string_view opt : absl::StrSplit(v.substr(8), ',')) {
      uint32_t id = 0;
      const bool known = absl::StartsWith(opt, "uid=") || absl::StartsWith(opt, "gid=");
      if (!known || !absl::SimpleAtoi(opt.substr(4), &id) || id > 2147483647u) {
        return absl::InvalidArgumentError(absl::StrCat("keep-id option \"", opt, "\"; expected uid=N or gid=N"));
      }
    }
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError("expected host, keep-id or keep-id:uid=N,gid=N");
}

}  // namespace internal

OCIKIT_INLINE std::function<absl::Status(absl::string_view)> AnnotationFlag(std::map<std::string, std::string>& out,
                                                                           bool value_optional) {
  return [&out, value_optional](absl::string_view v) {
    const size_t eq = v.find('=');
    if ((eq == absl::string_view::npos && !value_optional) || eq == 0 || v.empty()) {
      return absl::InvalidArgumentError(value_optional ? "expected KEY=VALUE or KEY" : "expected KEY=VALUE");
    }
    const absl::string_view key = v.substr(0, eq);
    if (absl::StartsWith(key, "org.opencontainers.") && !absl::StartsWith(key, "org.opencontainers.image.")) {
      return absl::InvalidArgumentError(
          "org.opencontainers.* keys are reserved by the runtime-spec (only org.opencontainers.image.* "
          "may be set); expected your own prefix");
    }
    out[std::string(key)] = eq == absl::string_view::npos ? "" : std::string(v.substr(eq + 1));
    return absl::OkStatus();
  };
}

OCIKIT_INLINE void AddProcessStartFlags(FlagSet& set, SpecFlags& f) {
  set.Add({"entrypoint", 0, "CMD", "run CMD (one program, or a JSON array) with the COMMAND arguments after it",
           [&f](absl::string_view v) {
             OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> e, internal::ParseEntrypoint(v));
             f.entrypoint = std::move(e);
             return absl::OkStatus();
           }});
  set.Add({"init", 0, "", "run a small init as PID 1 that reaps zombies and forwards signals (tini-static, bound "
           "read-only at /run/ocikit-init)", BoolFlag(f.init)});
  set.Add({"init-path", 0, "FILE", "the static init binary for --init (default /usr/bin/tini-static)",
           AssignFlag(f.init_path), true});
  set.Add({"userns", 0, "MODE", "user namespace: host (none), or keep-id[:uid=N,gid=N] (the caller's uid and gid "
           "mapped to themselves, or to N, and the process runs as them)", [&f](absl::string_view v) {
             OCIKIT_RETURN_IF_ERROR(internal::CheckUsernsMode(v));
             f.userns = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"stop-signal", 0, "SIGNAL", "signal that stops the container (name or number; default TERM): the second Ctrl-C "
           "and ocikit stop send it; recorded as the org.opencontainers.image.stopSignal annotation, as Podman does", [&f](absl::string_view v) {
             OCIKIT_ASSIGN_OR_RETURN(const int sig, executor::ParseSignal(v));
             f.stop_signal = sig;
             return absl::OkStatus();
           }});
  set.Add({"host-dev", 0, "DIR", "host /dev whose devices --privileged adds (default /dev)", AssignFlag(f.dev_dir), true});
  set.Add({"host-cgroupfs", 0, "DIR", "host cgroupfs whose version (v2: a private cgroup namespace) --defaults "
           "podman|docker follow (default /sys/fs/cgroup)", AssignFlag(f.cgroupfs), true});
}

OCIKIT_INLINE void AddOutputFlags(FlagSet& set, OutputFlags& out) {
  set.Add({"indent", 0, "N", "indent JSON by N spaces (0: compact; default 4)", [&out](absl::string_view v) {
             int n = 0;
             if (!absl::SimpleAtoi(v, &n) || n < 0 || n > 16) {
               return absl::InvalidArgumentError("expected a number of spaces from 0 to 16");
             }
             out.indent = n;
             return absl::OkStatus();
           }});
  set.Add({"compact", 0, "", "print compact JSON (same as --indent 0)", [&out](absl::string_view v) {
             if (v == "true") out.indent = 0;
             return absl::OkStatus();
           }});
}

OCIKIT_INLINE std::vector<std::string> ExpandEnvFlags(const std::vector<std::string>& env) {
  std::vector<std::string> out;
  for (const std::string& e : env) {
    const char* host = e.find('=') == std::string::npos ? std::getenv(e.c_str()) : nullptr;
    out.push_back(host != nullptr ? absl::StrCat(e, "=", host) : e);
  }
  return out;
}

OCIKIT_INLINE std::function<absl::Status(absl::string_view)> WorkdirFlag(std::string& workdir) {
  return [&workdir](absl::string_view v) {
    if (!absl::StartsWith(v, "/")) {
      return absl::InvalidArgumentError("expected an absolute path: the working directory in the container");
    }
    workdir = std::string(v);
    return absl::OkStatus();
  };
}

OCIKIT_INLINE std::function<absl::Status(absl::string_view)> EnvFlag(std::vector<std::string>& env) {
  return [&env](absl::string_view v) {
    if (v.empty() || v[0] == '=') {
      return absl::InvalidArgumentError("expected KEY=VALUE or KEY, with a non-empty KEY");
    }
    env.emplace_back(v);
    return absl::OkStatus();
  };
}

namespace internal {

// One line of an env file, trimmed on the left; "" for a line to skip.
OCIKIT_INLINE absl::StatusOr<std::string> EnvFileLine(absl::string_view line, size_t number) {
  line = absl::StripLeadingAsciiWhitespace(line);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line[0] == '#') return std::string();
  const auto at = [number](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("line ", number, ": ", what));
  };
  if (const size_t bad = FirstInvalidUtf8(line); bad != absl::string_view::npos) {
    return at(absl::StrCat(DescribeInvalidUtf8(line, bad), "; config.json holds UTF-8 only"));
  }
  if (line.find('\0') != absl::string_view::npos) return at("contains a NUL byte, which no runtime accepts in env");
  const absl::string_view key = line.substr(0, line.find('='));
  if (key.empty()) return at("no variable name before '='");
  if (std::any_of(key.begin(), key.end(), absl::ascii_isspace)) {
    return at(absl::StrCat("variable name \"", key, "\" contains white space"));
  }
  return std::string(line);
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> ReadEnvFile(const std::string& path) {
  constexpr size_t kMaxEnvFile = 1 << 20;
  OCIKIT_ASSIGN_OR_RETURN(std::string text, ReadRegularFile(path, kMaxEnvFile));
  absl::string_view rest = text;
  if (absl::StartsWith(rest, "\xef\xbb\xbf")) rest.remove_prefix(3);
  std::vector<std::string> entries;
  size_t number = 0;
  for (absl::string_view line : absl::StrSplit(rest, '\n')) {
    OCIKIT_ASSIGN_OR_RETURN(std::string entry, internal::EnvFileLine(line, ++number));
    if (!entry.empty()) entries.push_back(std::move(entry));
  }
  return ExpandEnvFlags(entries);
}

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> EnvFromFlags(const SpecFlags& f) {
  std::vector<std::string> env;
  for (const std::string& file : f.env_files) {
    absl::StatusOr<std::vector<std::string>> entries = ReadEnvFile(internal::Resolve(f.base_dir, file));
    if (!entries.ok()) {
      return absl::Status(entries.status().code(),
                          absl::StrCat("--env-file \"", file, "\": ", entries.status().message()));
    }
    env.insert(env.end(), entries->begin(), entries->end());
  }
  const std::vector<std::string> flags = ExpandEnvFlags(f.env);
  env.insert(env.end(), flags.begin(), flags.end());
  return env;
}

namespace internal {

// The engine whose plain-run defaults apply: none (containerd's, which is
// the default spec as it is) for a --from file, which is taken as it is.
OCIKIT_INLINE EngineDefaults EngineFor(const SpecFlags& f) {
  return f.from.empty() ? f.defaults : EngineDefaults::kContainerd;
}

// Podman and Docker make the cgroup namespace private on cgroup v2 hosts
// only (their presets follow the host's `cgroupfs`); ocikit's own defaults
// everywhere.
OCIKIT_INLINE bool PrivateCgroupnsByDefault(EngineDefaults engine, const std::string& cgroupfs) {
  if (engine == EngineDefaults::kPodman || engine == EngineDefaults::kDocker) return IsCgroupV2Host(cgroupfs);
  return engine == EngineDefaults::kOcikit;
}

// The seccomp profile of a plain run of `engine`: none for containerd's
// `ctr run`, Podman's profile file for Podman (moby's, with a warning, when
// the file is missing), moby's ("default") otherwise.
OCIKIT_INLINE std::string ImplicitSeccompChoice(EngineDefaults engine, std::vector<std::string>* warnings) {
  if (engine == EngineDefaults::kContainerd) return "";
  if (engine != EngineDefaults::kPodman) return "default";
  if (::access(kPodmanSeccompProfile, R_OK) == 0) return kPodmanSeccompProfile;
  if (warnings != nullptr) {
    warnings->push_back(absl::StrCat("--defaults podman: Podman's seccomp profile ", kPodmanSeccompProfile,
                                     " is missing (Debian package containers-common); moby's default applies"));
  }
  return "default";
}

// The seccomp profile the flags ask for: --security-opt seccomp=, else the
// engine's implicit choice ("": a --from file keeps its own section).
OCIKIT_INLINE std::string SeccompChoice(const SpecFlags& f, std::vector<std::string>* warnings) {
  return f.seccomp.empty() ? ImplicitSeccompChoice(EngineFor(f), warnings) : f.seccomp;
}

// The caller's subordinate ids in `path` (by user name or uid); none when
// the file or the entry is missing.
OCIKIT_INLINE std::optional<SubordinateIDs> CallerSubordinateIDs(const std::string& path, uint32_t uid) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  if (!text.ok()) return std::nullopt;
  std::string name;
  struct passwd pw;
  struct passwd* found = nullptr;
  char buf[4096];
  if (::getpwuid_r(static_cast<uid_t>(uid), &pw, buf, sizeof(buf), &found) == 0 && found != nullptr) name = pw.pw_name;
  return FindSubordinateIDs(*text, name, uid);
}

// --userns keep-id[:uid=U,gid=G]: the caller's ids, mapped to U and G (by
// default to themselves), with the caller's subordinate ids around them.
// CheckUsernsMode has checked the form.
OCIKIT_INLINE SpecOpt KeepIDOpt(const SpecFlags& f) {
  const uint32_t host_uid = static_cast<uint32_t>(::getuid());
  const uint32_t host_gid = static_cast<uint32_t>(::getgid());
  uint32_t uid = host_uid;
  uint32_t gid = host_gid;
  const absl::string_view mode = f.userns;
  if (absl::StartsWith(mode, "keep-id:")) {
    for (absl::string_view opt : absl::StrSplit(mode.substr(8), ',')) {
      uint32_t& id = absl::StartsWith(opt, "uid=") ? uid : gid;
      if (!absl::SimpleAtoi(opt.substr(4), &id)) continue;  // CheckUsernsMode refused it
    }
  }
  return WithKeepIDUserNamespace(host_uid, host_gid, uid, gid, CallerSubordinateIDs(f.subuid_file, host_uid),
                                 CallerSubordinateIDs(f.subgid_file, host_uid));
}

// The address "host-gateway" stands for, when an --add-host uses it.
OCIKIT_INLINE absl::StatusOr<std::string> GatewayFor(const std::vector<std::string>& add_hosts) {
  const bool used = std::any_of(add_hosts.begin(), add_hosts.end(), [](const std::string& h) {
    return absl::EndsWith(h, absl::StrCat(":", kHostGateway)) || absl::EndsWith(h, absl::StrCat("=", kHostGateway));
  });
  if (!used) return std::string();
  absl::StatusOr<std::string> address = HostGatewayAddress();
  if (!address.ok()) return absl::Status(address.status().code(), absl::StrCat("--add-host: ", address.status().message()));
  return address;
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<SpecOpt>> SpecOptsFromFlags(const SpecFlags& f,
                                                              std::vector<std::string>* warnings) {
  std::vector<SpecOpt> opts;
  const EngineDefaults engine = internal::EngineFor(f);
  if (engine == EngineDefaults::kPodman) opts.push_back(WithPodmanDefaults());
  if (engine == EngineDefaults::kDocker) opts.push_back(WithDockerDefaults());
  if (f.path_defaults) opts.push_back(WithPathDefaults(*f.path_defaults));
  // root.path keeps the path as typed (a runtime resolves a relative one
  // against the bundle); lookups use SpecContext::rootfs, resolved.
  if (!f.rootfs.empty()) opts.push_back(WithRootFSPath(f.rootfs));
  // The process.
  if (f.entrypoint) {
    std::vector<std::string> args = *f.entrypoint;
    args.insert(args.end(), f.command.begin(), f.command.end());
    opts.push_back(WithProcessArgs(std::move(args)));
  } else if (!f.command.empty()) {
    opts.push_back(WithProcessArgs(f.command));
  }
  if (!f.workdir.empty()) opts.push_back(WithProcessCwd(f.workdir));
  OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> env, EnvFromFlags(f));
  if (!env.empty()) opts.push_back(WithEnvOverrides(std::move(env)));
  if (f.user) opts.push_back(WithUser(*f.user));
  if (!f.group_add.empty()) opts.push_back(WithAppendAdditionalGroups(f.group_add));
  if (f.umask) opts.push_back(WithUmask(*f.umask));
  if (f.default_path) opts.push_back(WithDefaultPathEnv());
  if (f.tty) opts.push_back(WithTTY());
  if (f.console_size) opts.push_back(WithTTYSize(f.console_size->first, f.console_size->second));
  if (!f.hostname.empty()) opts.push_back(WithHostname(f.hostname));
  if (!f.domainname.empty()) opts.push_back(WithDomainname(f.domainname));
  if (f.hostname_env) opts.push_back(WithHostnameEnv());
  if (f.lookup_command) opts.push_back(WithProcessPathLookup());
  // The filesystem.
  if (f.read_only) opts.push_back(WithRootFSReadonly());
  if (!f.remove_mounts.empty()) opts.push_back(WithoutMounts(f.remove_mounts));
  if (!f.mounts.empty()) opts.push_back(WithMounts(f.mounts));
  if (f.read_only && f.read_only_tmpfs) opts.push_back(WithReadOnlyTmpfs());  // after the user's own mounts
  if (engine != EngineDefaults::kContainerd) opts.push_back(WithCgroupfsMount());
  if (f.init) opts.push_back(WithInit(f.init_path));
  // Privileges: --privileged first, so explicit capability changes still apply.
  if (f.privileged) {
    opts.push_back(WithPrivileged());
    opts.push_back(WithHostDevices(internal::Resolve(f.base_dir, f.dev_dir)));
    opts.push_back(WithAllDevicesAllowed());
  }
  // Docker: with --cap-add ALL, drops apply to the full set; otherwise drops
  // (including ALL) apply first and adds win.
  const bool add_all = std::find_if(f.cap_add.begin(), f.cap_add.end(), [](const std::string& c) {
                         return absl::AsciiStrToUpper(c) == "ALL";
                       }) != f.cap_add.end();
  if (add_all) opts.push_back(WithAddedCapabilities(f.cap_add));
  if (!f.cap_drop.empty()) opts.push_back(WithDroppedCapabilities(f.cap_drop));
  if (!add_all && !f.cap_add.empty()) opts.push_back(WithAddedCapabilities(f.cap_add));
  if (f.ambient_caps && !f.cap_add.empty() && !add_all) opts.push_back(WithAmbientAddedCapabilities(f.cap_add));
  if (f.drop_nonroot_caps) opts.push_back(WithNonRootCapabilitiesCleared());
  // Namespaces (the cgroup namespace is private by default, as in Podman on
  // cgroup v2) and the user namespace.
  if (internal::PrivateCgroupnsByDefault(engine, f.cgroupfs)) opts.push_back(WithLinuxNamespace("cgroup"));
  for (const auto& [type, mode] : f.namespaces) {
    if (mode == "host") {
      opts.push_back(WithHostNamespace(type));
    } else {
      opts.push_back(WithLinuxNamespace(type, absl::StartsWith(mode, "ns:") ? mode.substr(3) : ""));
    }
  }
  // Podman: when only one of --uidmap/--gidmap is given, it maps both.
  const std::vector<LinuxIDMapping>& uid_maps = f.uid_maps.empty() ? f.gid_maps : f.uid_maps;
  const std::vector<LinuxIDMapping>& gid_maps = f.gid_maps.empty() ? f.uid_maps : f.gid_maps;
  if (f.rootless) {
    RootlessMappings maps = SingleIDMappings(static_cast<uint32_t>(::getuid()), static_cast<uint32_t>(::getgid()));
    if (!uid_maps.empty()) {
      maps.uid_mappings = uid_maps;
      maps.gid_mappings = gid_maps;
    }
    opts.push_back(WithRootless(std::move(maps)));
  } else if (!uid_maps.empty()) {
    opts.push_back(WithUserNamespace(uid_maps, gid_maps));
  }
  if (absl::StartsWith(f.userns, "keep-id")) opts.push_back(internal::KeepIDOpt(f));
  if (f.no_process_sandbox) opts.push_back(WithNoProcessSandbox());
  // Limits, devices and sysctls (which check the namespaces above).
  absl::StatusOr<std::vector<SpecOpt>> resource_opts = ResourceOptsFromFlags(f.resources);
  if (!resource_opts.ok()) return resource_opts.status();
  opts.insert(opts.end(), resource_opts->begin(), resource_opts->end());
  // Masked and read-only paths; unmask last, so it also removes late additions.
  const bool unconfined_paths = f.privileged || f.systempaths_unconfined;
  if (f.mask_thermal_throttle && !unconfined_paths) opts.push_back(WithThermalThrottleMasked(internal::Resolve(f.base_dir, f.sysfs)));
  if (!f.mask.empty()) opts.push_back(WithAddedMaskedPaths(f.mask));
  if (f.systempaths_unconfined) {
    opts.push_back(WithMaskedPaths({}));
    opts.push_back(WithReadonlyPaths({}));
  }
  if (!f.unmask.empty()) {
    opts.push_back(WithoutMaskedPaths(f.unmask));
    opts.push_back(WithoutReadonlyPaths(f.unmask));
  }
  // LSMs and no_new_privs.
  if (f.no_new_privileges) opts.push_back(*f.no_new_privileges ? WithNoNewPrivileges() : WithNewPrivileges());
  if (f.apparmor) opts.push_back(WithApparmorProfile(*f.apparmor));
  if (f.selinux_label) opts.push_back(WithSelinuxLabel(*f.selinux_label));
  if (f.mount_label) opts.push_back(WithMountLabel(*f.mount_label));
  // Generated files, after hostname and namespaces are final.
  if (!f.state_dir.empty()) {
    ResolvConfOptions dns;
    dns.nameservers = f.dns;
    dns.search = f.dns_search;
    dns.options = f.dns_options;
    dns.warnings = warnings;
    opts.push_back(WithResolvConf(std::move(dns)));
    if (f.no_hosts) {
      opts.push_back(WithoutHostsFile());
    } else {
      HostsOptions hosts;
      hosts.extra_hosts = f.add_hosts;
      OCIKIT_ASSIGN_OR_RETURN(hosts.gateway_address, internal::GatewayFor(f.add_hosts));
      opts.push_back(WithHostsFile(std::move(hosts)));
    }
  }
  if (engine == EngineDefaults::kPodman) opts.push_back(WithPodmanFinish());
  std::map<std::string, std::string> annotations = f.annotations;
  if (f.stop_signal) annotations["org.opencontainers.image.stopSignal"] = absl::StrCat(*f.stop_signal);
  if (!annotations.empty()) opts.push_back(WithAnnotations(std::move(annotations)));
  return opts;
}

OCIKIT_INLINE SpecContext SpecContextFromFlags(const SpecFlags& f) {
  SpecContext ctx;
  ctx.container_id = f.name;
  ctx.ns = f.ns;
  ctx.rootfs = internal::Resolve(f.base_dir, f.rootfs);
  ctx.proc_self_status = internal::Resolve(f.base_dir, f.proc_status);
  ctx.state_dir = internal::AbsolutePath(f.state_dir);
  ctx.write_state_files = f.write_state_files;
  return ctx;
}

OCIKIT_INLINE absl::Status CheckSpecFlags(const SpecFlags& f) {
  if (f.state_dir.empty() && (!f.dns.empty() || !f.dns_search.empty() || !f.dns_options.empty() ||
                              !f.add_hosts.empty())) {
    return absl::InvalidArgumentError("--dns, --dns-search, --dns-option and --add-host need --state-dir DIR, "
                                      "where the generated resolv.conf and hosts files are written");
  }
  if (f.no_hosts && !f.add_hosts.empty()) return absl::InvalidArgumentError("--no-hosts and --add-host conflict");
  if (!f.userns.empty() && (f.rootless || !f.uid_maps.empty() || !f.gid_maps.empty())) {
    return absl::InvalidArgumentError("--userns conflicts with --uidmap, --gidmap and --rootless; expected one of them");
  }
  const auto last_uts = std::find_if(f.namespaces.rbegin(), f.namespaces.rend(),
                                     [](const std::pair<std::string, std::string>& n) { return n.first == "uts"; });
  if (last_uts != f.namespaces.rend() && last_uts->second == "host" && (!f.hostname.empty() || !f.domainname.empty())) {
    return absl::InvalidArgumentError(
        "--hostname and --domainname need a private UTS namespace; with --uts host they would rename the host");
  }
  if (!f.state_dir.empty() && internal::AbsolutePath(f.state_dir).empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--state-dir \"", f.state_dir, "\": cannot resolve it: the working directory is unknown"));
  }
  if (!f.state_dir.empty() && f.write_state_files) {
    struct stat st;
    if (::stat(f.state_dir.c_str(), &st) != 0) {
      const absl::Status s = ErrnoStatus(errno, absl::StrCat("--state-dir \"", f.state_dir, "\""));
      return absl::Status(s.code(), absl::StrCat(s.message(), "; expected an existing directory for the generated "
                                                              "resolv.conf and hosts"));
    }
    if (!S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(absl::StrCat("--state-dir \"", f.state_dir, "\": not a directory"));
    }
  }
  return absl::OkStatus();
}

namespace internal {

// The spec the flags start from: --from FILE, or the default spec.
OCIKIT_INLINE absl::StatusOr<Spec> BaseSpec(const SpecFlags& f) {
  if (f.from.empty()) {
    if (f.go_semantics) return absl::InvalidArgumentError("--go-semantics: applies to --from FILE; expected --from");
    return DefaultLinuxSpec(f.ns, f.name);
  }
  ParseOptions options;
  options.go_semantics = f.go_semantics;
  return ReadSpecFile(Resolve(f.base_dir, f.from), options);
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<SpecOpt>> SeccompOptsFromFlags(const SpecFlags& f,
                                                                 std::vector<std::string>* warnings) {
  // Without --security-opt seccomp=, the default spec gets moby's profile, as
  // in Docker, and --defaults podman Podman's own profile file; a --from
  // file keeps its own seccomp section.
  const bool implicit = f.seccomp.empty();
  const std::string choice = internal::SeccompChoice(f, warnings);
  if (choice.empty()) return std::vector<SpecOpt>{};
  if (choice == "unconfined" || (implicit && f.privileged)) return std::vector<SpecOpt>{WithSeccompUnconfined()};
  if (f.privileged) {
    // Docker runs privileged containers without a filter whatever the option says.
    if (warnings != nullptr) warnings->push_back(absl::StrCat("--security-opt seccomp=", choice, " ignored: --privileged runs without a seccomp filter"));
    return std::vector<SpecOpt>{WithSeccompUnconfined()};
  }
  SeccompProfileOptions options;
  if (!f.seccomp_arch.empty()) {
    absl::StatusOr<std::string> arch = NormalizeGoArch(f.seccomp_arch);
    if (!arch.ok()) return absl::Status(arch.status().code(), absl::StrCat("--seccomp-arch: ", arch.status().message()));
    options.arch = *arch;
  }
  if (!f.seccomp_kernel.empty()) {
    absl::StatusOr<SeccompKernelVersion> kernel =
        f.seccomp_kernel == "host" ? HostKernelVersion() : ParseSeccompKernelVersion(f.seccomp_kernel);
    if (!kernel.ok()) {
      return absl::Status(kernel.status().code(), absl::StrCat("--seccomp-kernel: ", kernel.status().message()));
    }
    options.kernel = *kernel;
  }
  // Names the host's libseccomp does not know are reported when the profile
  // was asked for by name; the implicit default stays quiet (ocikit lint
  // --host reports them).
  if (implicit) options.check = SeccompNameCheck::kOff;
  options.warn = [warnings](absl::string_view w) {
    if (warnings != nullptr) warnings->emplace_back(w);
  };
  if (choice == "default") return std::vector<SpecOpt>{WithDefaultSeccompProfile(options)};
  if (choice == "containerd") return std::vector<SpecOpt>{WithContainerdSeccompProfile(options)};
  return std::vector<SpecOpt>{WithSeccompProfileFile(internal::Resolve(f.base_dir, choice), options)};
}

OCIKIT_INLINE bool SeccompFromBuiltInProfile(const SpecFlags& f) {
  const std::string choice = internal::SeccompChoice(f, nullptr);
  if (f.privileged || choice == "unconfined") return true;
  if (choice.empty()) return f.from.empty();  // the base spec's section stays
  return choice == "default" || choice == "containerd";
}

OCIKIT_INLINE absl::StatusOr<Spec> BuildSpec(const SpecFlags& f, std::vector<std::string>* warnings) {
  // Seccomp flags are checked first, as before the flag table was one layer.
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<SpecOpt> seccomp, SeccompOptsFromFlags(f, warnings));
  OCIKIT_RETURN_IF_ERROR(CheckSpecFlags(f));
  OCIKIT_ASSIGN_OR_RETURN(Spec spec, internal::BaseSpec(f));
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<SpecOpt> opts, SpecOptsFromFlags(f, warnings));
  const SpecContext ctx = SpecContextFromFlags(f);
  OCIKIT_RETURN_IF_ERROR(ApplyOpts(ctx, spec, opts));
  OCIKIT_RETURN_IF_ERROR(ApplyOpts(ctx, spec, seccomp));
  return spec;
}

OCIKIT_INLINE std::string FormatSpecOutput(const Spec& spec, const OutputFlags& out) {
  std::string text = out.indent > 0 ? MarshalIndent(spec, out.indent) : Marshal(spec);
  text.push_back('\n');
  return text;
}
}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_INL_H_
