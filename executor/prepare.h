// File: executor/prepare.h
//
// Checks and adjustments that make a spec runnable by a given runtime, done
// before anything is created so a bad input fails alone (exit 125):
//
//   - root.path made absolute (a relative path is resolved against the
//     caller's directory, not the bundle's) and checked to be a directory;
//   - process.args required; process.cwd "/" when empty;
//   - PATH added to process.env when absent (the default spec has none, and
//     the runtime looks the command up in the container's PATH), as Docker,
//     Podman and containerd do;
//   - crun 1.x rejects ociVersion above 1.1 ("unknown version specified"), so
//     a newer version is written as 1.1.0 for crun, with a note;
//   - rlimits fitted to what the caller can grant (executor/rlimits.h).
//
// What it changes is written to config.json: the bundle shows what runs.
//
// Example:
//   absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec, rt, options);
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_PREPARE_H_
#define OCIKIT_EXECUTOR_PREPARE_H_


#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/rlimits.h"
#include "executor/runtime.h"

namespace ocikit::executor {

// The newest ociVersion crun 1.x accepts.
inline constexpr absl::string_view kCrunMaxOciVersion = "1.1.0";

struct PrepareOptions {
  std::string caller_dir;      // relative root.path is resolved against it; "" = current directory
  bool strict_rlimits = false;  // fail instead of lowering rlimits
  bool require_args = true;     // process.args must be set (run, create)
  const CallerLimits* caller_limits = nullptr;  // nullptr: read this process's
};

namespace internal {

// major*1000+minor of "1.3.0", or -1.
int MajorMinor(absl::string_view version);

}  // namespace internal

// Adjusts `spec` for running with `rt` (see the file comment). Returns notes
// (warning lines without prefix) describing each change that alters
// behaviour; fails with a sentence naming the field when the spec cannot run.
absl::StatusOr<std::vector<std::string>> PrepareSpec(Spec& spec, const Runtime& rt,
                                                            const PrepareOptions& options);

// Whether the container has its own pid namespace (not joined from a path):
// then killing its init kills all its processes; otherwise signals and kills
// must go to all of them (`kill --all`).
bool HasPrivatePidNamespace(const Spec& spec);

// The host id of container id `id` under `maps` (the spec's uid or gid
// mappings); `id` itself without a user namespace or outside every range.
uint32_t HostId(uint32_t id, const std::vector<LinuxIDMapping>& maps);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/prepare-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_PREPARE_H_
