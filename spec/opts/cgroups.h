// File: spec/opts/cgroups.h
//
// The cgroup path (`linux.cgroupsPath`): a path, a parent cgroup, containerd's
// `/<namespace>/<id>`, or systemd's `SLICE:PREFIX:NAME` checked by runc's
// rules; and the OOM score (`process.oomScoreAdj`).
//
// Example:
//   ApplyOpts(ctx, spec, {WithCgroupParent("system.slice:ocikit:"), WithOOMScoreAdj(500)});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_CGROUPS_H_
#define OCIKIT_SPEC_OPTS_CGROUPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"


namespace ocikit {
// ---------------------------------------------------------------------------
// cgroupsPath
// ---------------------------------------------------------------------------

// OK when `slice` is a systemd slice name as runc expands it: NAME.slice,
// where "-" separates non-empty parent names ("machine-web.slice" lives in
// machine.slice), or "-.slice" (the root slice); no "/".
absl::Status ValidateSystemdSlice(absl::string_view slice);

// OK when `path` is a systemd cgroupsPath as runc reads it: SLICE:PREFIX:NAME,
// e.g. "system.slice:docker:web". An empty slice means runc's default
// (system.slice, or user.slice when rootless); the name may not be empty.
absl::Status ValidateSystemdCgroupsPath(absl::string_view path);

// The cgroupsPath for container `id` under `parent`, with BuildKit's rule for
// systemd: a parent that contains ".slice" and ends with ":" is a
// "SLICE:PREFIX:" prefix and gives "<parent><id>" (checked as
// SLICE:PREFIX:NAME). Any other parent is a cgroupfs directory and gives
// "/<parent>/<id>", cleaned; BuildKit inserts "buildkit" between the two,
// ocikit inserts nothing (as Docker's cgroupfs driver).
absl::StatusOr<std::string> CgroupPathForParent(absl::string_view parent, absl::string_view id);

// Sets linux.cgroupsPath as given (a cgroupfs path, or SLICE:PREFIX:NAME for
// the systemd driver).
SpecOpt WithCgroup(std::string path);

// Sets linux.cgroupsPath to CgroupPathForParent(parent, ctx.container_id).
// Example: WithCgroupParent("system.slice:ocikit:")  // "system.slice:ocikit:web"
SpecOpt WithCgroupParent(std::string parent);

// Sets linux.cgroupsPath to containerd's "/<namespace>/<id>" from the context.
SpecOpt WithNamespacedCgroup();

// Sets process.oomScoreAdj (-1000 to 1000). Lowering it below the runtime's
// own score needs CAP_SYS_RESOURCE.
SpecOpt WithOOMScoreAdj(int64_t adj);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/cgroups-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_CGROUPS_H_
