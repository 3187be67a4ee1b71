// File: spec/opts/cgroups-inl.h
//
// Definitions of spec/opts/cgroups.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_CGROUPS_INL_H_
#define OCIKIT_SPEC_OPTS_CGROUPS_INL_H_

#include "spec/opts/cgroups.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
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
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/default_spec.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::Status ValidateSystemdSlice(absl::string_view slice) {
  absl::string_view name = slice;
  bool ok = absl::ConsumeSuffix(&name, ".slice") && !name.empty() && !absl::StrContains(slice, "/");
  if (ok && name != "-") {
    for (absl::string_view part : absl::StrSplit(name, '-')) ok = ok && !part.empty();
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid systemd slice \"", slice,
                   "\"; expected NAME.slice with \"-\" between non-empty parent names, e.g. system.slice"));
}

OCIKIT_INLINE absl::Status ValidateSystemdCgroupsPath(absl::string_view path) {
  const std::vector<absl::string_view> parts = absl::StrSplit(path, ':');
  if (parts.size() != 3 || parts[2].empty() || absl::StrContains(parts[1], "/") || absl::StrContains(parts[2], "/")) {
    return absl::InvalidArgumentError(absl::StrCat("invalid systemd cgroupsPath \"", path,
                                                   "\"; expected SLICE:PREFIX:NAME such as system.slice:docker:web"));
  }
  if (parts[0].empty()) return absl::OkStatus();
  return ValidateSystemdSlice(parts[0]);
}

OCIKIT_INLINE absl::StatusOr<std::string> CgroupPathForParent(absl::string_view parent, absl::string_view id) {
  if (parent.empty()) return absl::InvalidArgumentError("cgroup parent is empty");
  if (id.empty() || absl::StrContains(id, "/") || absl::StrContains(id, ":") || id == "." || id == "..") {
    return absl::InvalidArgumentError(absl::StrCat("container id \"", id, "\" cannot name a cgroup under parent \"",
                                                   parent, "\"; expected a non-empty id without \"/\" or \":\""));
  }
  if (absl::StrContains(parent, ".slice") && absl::EndsWith(parent, ":")) {
    std::string path = absl::StrCat(parent, id);
    if (absl::Status s = ValidateSystemdCgroupsPath(path); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid systemd cgroup parent \"", parent, "\"; expected SLICE:PREFIX: such as system.slice:ocikit:"));
    }
    return path;
  }
  return JoinPath({"/", parent, id});
}

OCIKIT_INLINE SpecOpt WithCgroup(std::string path) {
  return SpecOpt("WithCgroup", [path = std::move(path)](const SpecContext&, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = path;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCgroupParent(std::string parent) {
  return SpecOpt("WithCgroupParent", [parent = std::move(parent)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::string path, CgroupPathForParent(parent, ctx.container_id));
    EnsureLinux(spec).cgroups_path = std::move(path);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithNamespacedCgroup() {
  return SpecOpt("WithNamespacedCgroup", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = NamespacedCgroupsPath(ctx.ns, ctx.container_id);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithOOMScoreAdj(int64_t adj) {
  return SpecOpt("WithOOMScoreAdj", [adj](const SpecContext&, Spec& spec) -> absl::Status {
    if (adj < -1000 || adj > 1000) {
      return absl::InvalidArgumentError(absl::StrCat("oom score adj ", adj, " is out of range; expected -1000 to 1000"));
    }
    EnsureProcess(spec).oom_score_adj = adj;
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_CGROUPS_INL_H_
