// File: spec/opts/cgroups.h
//
// The cgroup path (`linux.cgroupsPath`): a path, a parent cgroup, containerd's
// `/<namespace>/<id>`, or systemd's `SLICE:PREFIX:NAME` checked by runc's
// rules; and the OOM score (`process.oomScoreAdj`).
//
// Example:
//   ApplyOpts(ctx, spec, {WithCgroupParent("system.slice:ocikit:"), WithOOMScoreAdj(500)});
#ifndef OCIKIT_SPEC_OPTS_CGROUPS_H_
#define OCIKIT_SPEC_OPTS_CGROUPS_H_

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
#include "spec/opts/spec_opt.h"


namespace ocikit {
// ---------------------------------------------------------------------------
// cgroupsPath
// ---------------------------------------------------------------------------

// OK when `slice` is a systemd slice name as runc expands it: NAME.slice,
// where "-" separates non-empty parent names ("machine-web.slice" lives in
// machine.slice), or "-.slice" (the root slice); no "/".
inline absl::Status ValidateSystemdSlice(absl::string_view slice) {
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

// OK when `path` is a systemd cgroupsPath as runc reads it: SLICE:PREFIX:NAME,
// e.g. "system.slice:docker:web". An empty slice means runc's default
// (system.slice, or user.slice when rootless); the name may not be empty.
inline absl::Status ValidateSystemdCgroupsPath(absl::string_view path) {
  const std::vector<absl::string_view> parts = absl::StrSplit(path, ':');
  if (parts.size() != 3 || parts[2].empty() || absl::StrContains(parts[1], "/") || absl::StrContains(parts[2], "/")) {
    return absl::InvalidArgumentError(absl::StrCat("invalid systemd cgroupsPath \"", path,
                                                   "\"; expected SLICE:PREFIX:NAME such as system.slice:docker:web"));
  }
  if (parts[0].empty()) return absl::OkStatus();
  return ValidateSystemdSlice(parts[0]);
}

// The cgroupsPath for container `id` under `parent`, with BuildKit's rule for
// systemd: a parent that contains ".slice" and ends with ":" is a
// "SLICE:PREFIX:" prefix and gives "<parent><id>" (checked as
// SLICE:PREFIX:NAME). Any other parent is a cgroupfs directory and gives
// "/<parent>/<id>", cleaned; BuildKit inserts "buildkit" between the two,
// ocikit inserts nothing (as Docker's cgroupfs driver).
inline absl::StatusOr<std::string> CgroupPathForParent(absl::string_view parent, absl::string_view id) {
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

// Sets linux.cgroupsPath as given (a cgroupfs path, or SLICE:PREFIX:NAME for
// the systemd driver).
inline SpecOpt WithCgroup(std::string path) {
  return SpecOpt("WithCgroup", [path = std::move(path)](const SpecContext&, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = path;
    return absl::OkStatus();
  });
}

// Sets linux.cgroupsPath to CgroupPathForParent(parent, ctx.container_id).
// Example: WithCgroupParent("system.slice:ocikit:")  // "system.slice:ocikit:web"
inline SpecOpt WithCgroupParent(std::string parent) {
  return SpecOpt("WithCgroupParent", [parent = std::move(parent)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    absl::StatusOr<std::string> path = CgroupPathForParent(parent, ctx.container_id);
    if (!path.ok()) return path.status();
    EnsureLinux(spec).cgroups_path = *std::move(path);
    return absl::OkStatus();
  });
}

// Sets linux.cgroupsPath to containerd's "/<namespace>/<id>" from the context.
inline SpecOpt WithNamespacedCgroup() {
  return SpecOpt("WithNamespacedCgroup", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = NamespacedCgroupsPath(ctx.ns, ctx.container_id);
    return absl::OkStatus();
  });
}

// Sets process.oomScoreAdj (-1000 to 1000). Lowering it below the runtime's
// own score needs CAP_SYS_RESOURCE.
inline SpecOpt WithOOMScoreAdj(int64_t adj) {
  return SpecOpt("WithOOMScoreAdj", [adj](const SpecContext&, Spec& spec) -> absl::Status {
    if (adj < -1000 || adj > 1000) {
      return absl::InvalidArgumentError(absl::StrCat("oom score adj ", adj, " is out of range; expected -1000 to 1000"));
    }
    EnsureProcess(spec).oom_score_adj = adj;
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_CGROUPS_H_
