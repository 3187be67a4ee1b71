// File: spec/opts/namespaces.h
//
// Namespace transforms: create a private namespace, share the host's, or join
// one by path.
//
// Example:
//   ApplyOpts(ctx, spec, {WithHostNamespace("network"),
//                         WithLinuxNamespace("cgroup")});
#ifndef OCIKIT_SPEC_OPTS_NAMESPACES_H_
#define OCIKIT_SPEC_OPTS_NAMESPACES_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The namespace types config.json knows, in the spec's order.
inline const std::vector<std::string>& NamespaceTypes() {
  static const std::vector<std::string> kTypes = {"pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"};
  return kTypes;
}

// OK when `type` is a namespace type config.json knows.
inline absl::Status CheckNamespaceType(absl::string_view type) {
  const std::vector<std::string>& types = NamespaceTypes();
  if (std::find(types.begin(), types.end(), type) != types.end()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("unknown namespace type \"", type,
                                                 "\"; expected one of pid, network, mount, ipc, uts, user, cgroup, time"));
}

// Whether the spec gives the container its own (or a joined) namespace of `type`.
inline bool HasNamespace(const Spec& spec, absl::string_view type) {
  if (!spec.linux_section) return false;
  const auto& ns = spec.linux_section->namespaces;
  return std::any_of(ns.begin(), ns.end(), [&](const LinuxNamespace& n) { return n.type == type; });
}

// Sets the namespace of `type` (joined when `path` is set): an existing entry
// of that type is replaced in place, keeping the order; otherwise appended.
inline SpecOpt WithLinuxNamespace(std::string type, std::string path = "") {
  return SpecOpt("WithLinuxNamespace", [type = std::move(type), path = std::move(path)](
                                           const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = CheckNamespaceType(type); !s.ok()) return s;
    auto& namespaces = EnsureLinux(spec).namespaces;
    LinuxNamespace entry;
    entry.type = type;
    entry.path = path;
    const auto it = std::find_if(namespaces.begin(), namespaces.end(),
                                 [&](const LinuxNamespace& n) { return n.type == type; });
    if (it != namespaces.end()) {
      *it = std::move(entry);
    } else {
      namespaces.push_back(std::move(entry));
    }
    return absl::OkStatus();
  });
}

// Shares the host's namespace of `type`: removes every entry of that type
// (containerd removes only the first; a duplicate would keep it private).
inline SpecOpt WithHostNamespace(std::string type) {
  return SpecOpt("WithHostNamespace", [type = std::move(type)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = CheckNamespaceType(type); !s.ok()) return s;
    if (!spec.linux_section) return absl::OkStatus();
    std::erase_if(spec.linux_section->namespaces, [&](const LinuxNamespace& n) { return n.type == type; });
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_NAMESPACES_H_
