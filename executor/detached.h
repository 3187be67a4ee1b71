// File: executor/detached.h
//
// The containers of a state root as `ocikit ps`, `stop`, `wait`, `rm`,
// `inspect` and `gc` see them. A container made by `ocikit run` (foreground
// or -d) has a record and an owner lock (executor/owner.h); one made by
// `ocikit create` has neither, and its status comes from the runtime.
//
// Status: "running" while its owner lives (`created` before the start),
// "exited" once the owner recorded the exit code; a container whose owner is
// gone while its record does not say "exited" is an orphan: its `ocikit run`
// or monitor was killed (SIGKILL, OOM) before it could clean up. Collecting
// the orphans (CollectOrphans: `ocikit gc`, and first thing in `ps` and
// `rm`) takes each one's lock, so two collectors never clean the same one
// and a container whose owner lives is never touched, then removes its
// runtime state (`<runtime> delete --force`, which kills what still runs)
// and its bundle.
//
// Example:
//   GcResult gc = CollectOrphans("/run/ocikit", "");
//   std::vector<ContainerInfo> all = ListContainerInfos("/run/ocikit", "");
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_DETACHED_H_
#define OCIKIT_EXECUTOR_DETACHED_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/owner.h"
#include "executor/runtime.h"

namespace ocikit::executor {

// How long `stop` waits for the owner to finish after SIGKILL, and `rm -f`
// after its SIGKILL.
inline constexpr absl::Duration kKillGrace = absl::Seconds(10);

struct ContainerInfo {
  std::string id;
  std::optional<ContainerRecord> record;  // none: made by `ocikit create`
  std::string status;                     // created, running, exited, or the runtime's word
  bool owned = false;                     // a live owner holds its lock
  std::vector<std::string> command;       // from the record, else from config.json
  absl::Time created = absl::UnixEpoch();
};

// The containers of `state_root`, sorted by id. `runtime_flag` is --runtime
// ("" = each container's own).
std::vector<ContainerInfo> ListContainerInfos(absl::string_view state_root, absl::string_view runtime_flag);

// One container; NotFound when it has no bundle.
absl::StatusOr<ContainerInfo> GetContainerInfo(absl::string_view state_root, const std::string& id,
                                               absl::string_view runtime_flag);

struct GcResult {
  std::vector<std::string> removed;  // one line per orphan removed
  std::vector<std::string> removed_ids;
  std::vector<std::string> errors;
};

// Removes the orphans of `state_root` (all of them, or only `only` when not
// empty); see the file comment.
GcResult CollectOrphans(absl::string_view state_root, absl::string_view runtime_flag, absl::string_view only = "");

// `ocikit stop`: the recorded stop signal (SIGTERM by default), then SIGKILL
// when the container is still there after `timeout` (default: the recorded
// --stop-timeout); returns once its owner has finished. A container that is
// not running is not an error.
absl::Status StopContainer(absl::string_view state_root, const std::string& id, absl::string_view runtime_flag,
                           std::optional<absl::Duration> timeout);

// `ocikit wait`: blocks until the container's owner is gone; its exit code.
absl::StatusOr<int> WaitForContainer(absl::string_view state_root, const std::string& id);

// `ocikit rm`: removes an exited container (with `force`, a running one is
// killed first). A container made by `ocikit create` is deleted as `ocikit
// delete` does.
absl::Status RemoveContainer(absl::string_view state_root, const std::string& id, absl::string_view runtime_flag,
                             bool force);

// `ocikit inspect`: config, record, runtime state, pid, exit code and paths
// as one JSON object.
absl::StatusOr<std::string> InspectContainer(absl::string_view state_root, const std::string& id,
                                             absl::string_view runtime_flag);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/detached-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_DETACHED_H_
