// File: policy/diff/baselines.h
//
// The built-in specs `ocikit diff --against NAME FILE` compares a file with.
// Each is ocikit's default Linux spec (spec/default_spec.h: containerd v2's
// populateDefaultUnixSpec, container id "", namespace "default") with only
// the engine's own defaults for four things changed:
//
//   name        masked / read-only paths     capabilities            rlimits
//   default     containerd v2                containerd's 14         RLIMIT_NOFILE 1024:1024
//   containerd  (the same as default)
//   moby        moby (Docker 28)             the same 14 (moby has   none: Docker's default
//               (spec/opts/masked_paths.h)   them in the same order) spec sets none
//   podman      containers/common            containers/common's 11  none: default_ulimits is
//               (spec/opts/masked_paths.h)   (no MKNOD, NET_RAW,      empty
//                                            AUDIT_WRITE)
//
// Capabilities go to the bounding, effective and permitted sets, as in the
// default spec. Everything else (mounts, namespaces, devices, cgroupsPath
// "/default") is containerd's in all four, so a diff against `moby` or
// `podman` shows the differences in those four areas plus whatever the file
// changes; it is not a full model of those engines' specs (which depend on
// their flags, storage and networking). Sources:
// anchors-spec-generation.md §1 (containerd), §7 (containers/common
// pkg/config/default.go @ f437c58a), field-lessons.md R38 (Docker sets no
// rlimits).
//
// Example:
//   absl::StatusOr<Spec> moby = BaselineSpec("moby");
//   SpecDiff d = DiffSpecs(*moby, *ReadSpecFile("config.json"));
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_POLICY_DIFF_BASELINES_H_
#define OCIKIT_POLICY_DIFF_BASELINES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The names BaselineSpec accepts, in the order help text lists them.
inline constexpr absl::string_view kDiffBaselineNames[] = {"default", "containerd", "moby", "podman"};

// containers/common's DefaultCapabilities (11, alphabetical).
const std::vector<std::string>& PodmanDefaultCapabilities();

// A one-line description, for the "---" line of the text output.
std::string DescribeBaseline(absl::string_view name);

// The built-in spec called `name`; an unknown name is an InvalidArgument
// error listing the known ones.
absl::StatusOr<Spec> BaselineSpec(absl::string_view name);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/baselines-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_BASELINES_H_
