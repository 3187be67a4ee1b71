// File: spec/flags/spec_flags.h
//
// The flags that build a spec, named as Docker and Podman users type them,
// each mapped to a transform. `ocikit spec`, `ocikit run` and the golden
// suites share this table, so a golden case's argument file means exactly
// what it means on the command line.
//
// Flag order does not matter: transforms run in one fixed order (base spec,
// rootfs, process, identity, filesystem, capabilities, annotations), as in
// Docker. Within a repeated flag, later values win (-e A=1 -e A=2 gives A=2).
//
// Example:
//   SpecFlags f;
//   FlagSet set;
//   AddSpecFlags(set, f);
//   f.command = *set.Parse({"--hostname", "web", "--cap-drop", "ALL", "sh"}, true);
//   absl::StatusOr<Spec> spec = BuildSpec(f);
#ifndef OCIKIT_SPEC_FLAGS_SPEC_FLAGS_H_
#define OCIKIT_SPEC_FLAGS_SPEC_FLAGS_H_

#include <algorithm>
#include <cstdlib>
#include <unistd.h>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/flags/arg_parser.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/process.h"
#include "spec/opts/root.h"
#include "spec/opts/rootless.h"
#include "spec/opts/sandbox.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"
#include "spec/opts/userns.h"

namespace ocikit {

// What the spec-building flags asked for.
struct SpecFlags {
  std::string from;  // base config.json; the default spec when empty
  std::string name;  // container id
  std::string ns = std::string(kDefaultNamespace);
  std::string rootfs;
  std::string hostname;
  std::string domainname;
  std::string workdir;
  std::optional<std::string> user;
  std::vector<std::string> group_add;
  std::optional<uint32_t> umask;
  bool lookup_command = false;
  bool hostname_env = false;
  std::vector<std::string> env;
  bool tty = false;
  bool read_only = false;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::map<std::string, std::string> annotations;
  std::vector<std::pair<std::string, std::string>> namespaces;  // (type, host|private|ns:PATH)
  std::vector<LinuxIDMapping> uid_maps;
  std::vector<LinuxIDMapping> gid_maps;
  bool rootless = false;
  bool no_process_sandbox = false;
  std::vector<std::string> command;  // process args, from the positionals
  // Relative file arguments (--from, --rootfs) are resolved against this
  // directory when set (golden cases use their own folder).
  std::string base_dir;
};

// How `ocikit spec` prints: MarshalIndent with `indent` spaces, or compact.
struct OutputFlags {
  int indent = 4;
};

namespace internal {

inline auto Assign(std::string& field) {
  return [&field](absl::string_view v) {
    field = std::string(v);
    return absl::OkStatus();
  };
}
inline auto Append(std::vector<std::string>& field) {
  return [&field](absl::string_view v) {
    field.emplace_back(v);
    return absl::OkStatus();
  };
}
inline auto SetBool(bool& field) {
  return [&field](absl::string_view v) {
    field = v == "true";
    return absl::OkStatus();
  };
}

inline std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || path[0] == '/') return path;
  return absl::StrCat(base_dir, "/", path);
}

}  // namespace internal

// Registers the spec-building flags of `f` in `set`.
inline void AddSpecFlags(FlagSet& set, SpecFlags& f) {
  using internal::Append;
  using internal::Assign;
  using internal::SetBool;
  set.Add({"from", 0, "FILE", "start from this config.json instead of the default spec", Assign(f.from)});
  set.Add({"name", 0, "ID", "container id (used in cgroupsPath)", Assign(f.name)});
  set.Add({"namespace", 0, "NS", "containerd-style namespace for cgroupsPath (default \"default\")", Assign(f.ns)});
  set.Add({"rootfs", 0, "DIR", "root filesystem path (root.path)", Assign(f.rootfs)});
  set.Add({"hostname", 'h', "NAME", "container hostname", Assign(f.hostname)});
  set.Add({"domainname", 0, "NAME", "container NIS domain name", Assign(f.domainname)});
  set.Add({"workdir", 'w', "DIR", "working directory of the process", Assign(f.workdir)});
  set.Add({"user", 'u', "USER[:GROUP]", "run as this user: name or uid, optional group name or gid (looked up in the rootfs)",
           [&f](absl::string_view v) {
             f.user = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"group-add", 0, "GROUP", "add a supplementary group: name (looked up in the rootfs) or gid", Append(f.group_add)});
  set.Add({"umask", 0, "MODE", "umask of the process, octal (e.g. 0022)", [&f](absl::string_view v) {
             if (v.empty() || v.size() > 4 || v.find_first_not_of("01234567") != absl::string_view::npos) {
               return absl::InvalidArgumentError("expected an octal mode from 0000 to 0777");
             }
             uint32_t mode = 0;
             for (const char c : v) mode = mode * 8 + static_cast<uint32_t>(c - '0');
             f.umask = mode;
             return absl::OkStatus();
           }});
  set.Add({"lookup-command", 0, "", "resolve a relative COMMAND in the PATH inside the rootfs (Buildah)", SetBool(f.lookup_command)});
  set.Add({"hostname-env", 0, "", "set HOSTNAME in the environment to the hostname (Buildah)", SetBool(f.hostname_env)});
  set.Add({"env", 'e', "KEY=VALUE", "set an environment variable; KEY alone passes the host's value", Append(f.env)});
  set.Add({"tty", 't', "", "allocate a terminal (sets TERM=xterm)", SetBool(f.tty)});
  set.Add({"read-only", 0, "", "mount the root filesystem read-only", SetBool(f.read_only)});
  set.Add({"cap-add", 0, "CAP", "add a capability (CAP_X, x, or ALL)", Append(f.cap_add)});
  set.Add({"cap-drop", 0, "CAP", "drop a capability (CAP_X, x, or ALL)", Append(f.cap_drop)});
  for (const char* type : {"network", "pid", "ipc", "uts", "cgroupns"}) {
    const std::string ns = std::string(type) == "cgroupns" ? "cgroup" : type;
    set.Add({type, 0, "MODE",
             absl::StrCat(ns, " namespace: private, host, or ns:PATH to join one",
                          ns == "network" ? " (none: private with loopback only)" : ""),
             [&f, ns](absl::string_view v) {
               if (v == "host" || v == "private" || (ns == "network" && v == "none") ||
                   (absl::StartsWith(v, "ns:") && v.size() > 3)) {
                 f.namespaces.emplace_back(ns, std::string(v));
                 return absl::OkStatus();
               }
               return absl::InvalidArgumentError(
                   absl::StrCat("expected private, host", ns == "network" ? ", none" : "", " or ns:PATH"));
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
           SetBool(f.rootless)});
  set.Add({"no-process-sandbox", 0, "", "BuildKit's no-sandbox mode: host pid namespace and host /proc",
           SetBool(f.no_process_sandbox)});
  set.Add({"annotation", 0, "KEY=VALUE", "add an annotation", [&f](absl::string_view v) {
             const size_t eq = v.find('=');
             if (eq == absl::string_view::npos || eq == 0) {
               return absl::InvalidArgumentError("expected KEY=VALUE");
             }
             f.annotations[std::string(v.substr(0, eq))] = std::string(v.substr(eq + 1));
             return absl::OkStatus();
           }});
}

// Registers --indent and --compact.
inline void AddOutputFlags(FlagSet& set, OutputFlags& out) {
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

// Docker's -e semantics: "KEY" alone takes the host's value, or is dropped.
inline std::vector<std::string> ExpandEnvFlags(const std::vector<std::string>& env) {
  std::vector<std::string> out;
  for (const std::string& e : env) {
    if (e.find('=') != std::string::npos) {
      out.push_back(e);
    } else if (const char* host = std::getenv(e.c_str()); host != nullptr) {
      out.push_back(absl::StrCat(e, "=", host));
    }
  }
  return out;
}

// The transforms the flags ask for, in their fixed order.
inline std::vector<SpecOpt> SpecOptsFromFlags(const SpecFlags& f) {
  std::vector<SpecOpt> opts;
  // root.path keeps the path as typed (a runtime resolves a relative one
  // against the bundle); lookups use SpecContext::rootfs, resolved.
  if (!f.rootfs.empty()) opts.push_back(WithRootFSPath(f.rootfs));
  if (!f.command.empty()) opts.push_back(WithProcessArgs(f.command));
  if (!f.workdir.empty()) opts.push_back(WithProcessCwd(f.workdir));
  if (!f.env.empty()) opts.push_back(WithEnv(ExpandEnvFlags(f.env)));
  if (f.user) opts.push_back(WithUser(*f.user));
  if (!f.group_add.empty()) opts.push_back(WithAppendAdditionalGroups(f.group_add));
  if (f.umask) opts.push_back(WithUmask(*f.umask));
  if (f.tty) opts.push_back(WithTTY());
  if (!f.hostname.empty()) opts.push_back(WithHostname(f.hostname));
  if (!f.domainname.empty()) opts.push_back(WithDomainname(f.domainname));
  if (f.hostname_env) opts.push_back(WithHostnameEnv());
  if (f.lookup_command) opts.push_back(WithProcessPathLookup());
  if (f.read_only) opts.push_back(WithRootFSReadonly());
  // Docker: with --cap-add ALL, drops apply to the full set; otherwise drops
  // (including ALL) apply first and adds win.
  const bool add_all = std::find_if(f.cap_add.begin(), f.cap_add.end(), [](const std::string& c) {
                         return absl::AsciiStrToUpper(c) == "ALL";
                       }) != f.cap_add.end();
  if (add_all && !f.cap_add.empty()) opts.push_back(WithAddedCapabilities(f.cap_add));
  if (!f.cap_drop.empty()) opts.push_back(WithDroppedCapabilities(f.cap_drop));
  if (!add_all && !f.cap_add.empty()) opts.push_back(WithAddedCapabilities(f.cap_add));
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
  if (f.no_process_sandbox) opts.push_back(WithNoProcessSandbox());
  if (!f.annotations.empty()) opts.push_back(WithAnnotations(f.annotations));
  return opts;
}

// The context the flags describe (container id, namespace, rootfs).
inline SpecContext SpecContextFromFlags(const SpecFlags& f) {
  SpecContext ctx;
  ctx.container_id = f.name;
  ctx.ns = f.ns;
  ctx.rootfs = internal::Resolve(f.base_dir, f.rootfs);
  return ctx;
}

// Builds the spec: the base (--from or the default spec), then the transforms.
inline absl::StatusOr<Spec> BuildSpec(const SpecFlags& f) {
  Spec spec;
  if (!f.from.empty()) {
    absl::StatusOr<Spec> base = ReadSpecFile(internal::Resolve(f.base_dir, f.from));
    if (!base.ok()) return base.status();
    spec = *std::move(base);
  } else {
    spec = DefaultLinuxSpec(f.ns, f.name);
  }
  if (absl::Status s = ApplyOpts(SpecContextFromFlags(f), spec, SpecOptsFromFlags(f)); !s.ok()) return s;
  return spec;
}

// The text `ocikit spec` prints: the JSON and a final newline.
inline std::string FormatSpecOutput(const Spec& spec, const OutputFlags& out) {
  std::string text = out.indent > 0 ? MarshalIndent(spec, out.indent) : Marshal(spec);
  text.push_back('\n');
  return text;
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_FLAGS_SPEC_FLAGS_H_
