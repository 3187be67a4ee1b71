// File: executor/lifecycle.h
//
// The detached lifecycle after `ocikit create`, delegating to the runtime's
// own commands with ocikit's state root: start, state, kill, list, delete.
// Each command uses the runtime that created the container (recorded in its
// bundle) unless --runtime says otherwise, and logs to the bundle's
// runtime.log while the bundle exists.
//
// `delete` also cleans what a crashed earlier run left (E11, E12): the bundle,
// and a runtime state directory the runtime cannot delete because it has no
// state file (runc killed while creating). It reports each thing it removed.
//
// Example:
//   absl::StatusOr<Runtime> rt = RuntimeForContainer("/run/ocikit", "web", "");
//   absl::StatusOr<std::vector<std::string>> removed = DeleteContainer(*rt, "/run/ocikit", "web", true);
//
// Dependencies: absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_LIFECYCLE_H_
#define OCIKIT_EXECUTOR_LIFECYCLE_H_


#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/bundle.h"
#include "executor/runtime_command.h"

namespace ocikit::executor {

namespace internal {

// The bundle's log while the bundle exists, else "" (no --log).
std::string LogIfBundle(const BundlePaths& b);

}  // namespace internal

// The runtime for container `id`: `flag` when given (--runtime), else the one
// recorded in its bundle, else runc.
absl::StatusOr<Runtime> RuntimeForContainer(absl::string_view state_root, absl::string_view id,
                                                   absl::string_view flag);

// `<runtime> start ID`.
absl::Status StartContainer(const Runtime& rt, absl::string_view state_root, const std::string& id);

// The runtime's JSON state of container `id` (`<runtime> state ID`).
absl::StatusOr<std::string> ContainerState(const Runtime& rt, absl::string_view state_root,
                                                  const std::string& id);

// `<runtime> kill [--all] ID SIGNAL`.
absl::Status KillContainer(const Runtime& rt, absl::string_view state_root, const std::string& id, int sig,
                                  bool all);

// `<runtime> list` output: "table" or "json" format, or ids only (`quiet`).
absl::StatusOr<std::string> ListContainers(const Runtime& rt, const std::string& format, bool quiet);

// The runtime's state directory of container `id`.
std::string RuntimeStateDir(const Runtime& rt, absl::string_view id);

// Whether the runtime state directory `dir` has its state file (runc keeps
// state.json, crun "status"): without it the runtime died while creating the
// container and cannot delete it itself (E11).
bool HasRuntimeStateFile(const std::string& dir);

// Removes the runtime state container `id` left, if any: nothing to do (one
// stat) without a state directory, as after a foreground `<runtime> run`
// that deleted its container itself; else `<runtime> delete --force`, and
// the directory itself when it has no state file. An error saying the
// container is not running or gone counts as done.
absl::Status RemoveRuntimeState(const Runtime& rt, const std::string& log, const std::string& id);

// The ids of the bundles in the state root (<state_root>/bundles/*), sorted.
std::vector<std::string> ListBundleIds(absl::string_view state_root);

// Bundles in the state root whose container has no runtime state and no
// owner lock (executor/owner.h): what a crashed `ocikit create`, or a run
// killed before it took ownership, left.
std::vector<std::string> OrphanBundles(const Runtime& rt, absl::string_view state_root);

// Deletes container `id`: its runtime state (`<runtime> delete [--force]`,
// or, for a state directory without a state file, the directory itself) and
// its bundle. Returns one line per thing removed; NotFound when there was
// nothing.
absl::StatusOr<std::vector<std::string>> DeleteContainer(const Runtime& rt, absl::string_view state_root,
                                                                const std::string& id, bool force);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/lifecycle-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_LIFECYCLE_H_
