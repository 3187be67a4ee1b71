// File: spec/opts/namespaces-inl.h
//
// Definitions of spec/opts/namespaces.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_NAMESPACES_INL_H_
#define OCIKIT_SPEC_OPTS_NAMESPACES_INL_H_

#include "spec/opts/namespaces.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<std::string>& NamespaceTypes() {
  static const std::vector<std::string> kTypes = {"pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"};
  return kTypes;
}

OCIKIT_INLINE absl::Status CheckNamespaceType(absl::string_view type) {
  const std::vector<std::string>& types = NamespaceTypes();
  if (std::find(types.begin(), types.end(), type) != types.end()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("unknown namespace type \"", type,
                                                 "\"; expected one of pid, network, mount, ipc, uts, user, cgroup, time"));
}

OCIKIT_INLINE bool HasNamespace(const Spec& spec, absl::string_view type) {
  if (!spec.linux_section) return false;
  const auto& ns = spec.linux_section->namespaces;
  return std::any_of(ns.begin(), ns.end(), [&](const LinuxNamespace& n) { return n.type == type; });
}

OCIKIT_INLINE SpecOpt WithLinuxNamespace(std::string type, std::string path) {
  return SpecOpt("WithLinuxNamespace", [type = std::move(type), path = std::move(path)](
                                           const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(CheckNamespaceType(type));
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

OCIKIT_INLINE SpecOpt WithHostNamespace(std::string type) {
  return SpecOpt("WithHostNamespace", [type = std::move(type)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(CheckNamespaceType(type));
    if (!spec.linux_section) return absl::OkStatus();
    std::erase_if(spec.linux_section->namespaces, [&](const LinuxNamespace& n) { return n.type == type; });
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_NAMESPACES_INL_H_
