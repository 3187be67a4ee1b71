// File: executor/owner.h
//
// Who owns a container made by `ocikit run`, and ocikit's record of it.
//
// Ownership is a flock(2): the owning process (a foreground `ocikit run`, or
// the monitor of `ocikit run -d`) holds an exclusive lock on the bundle's
// owner.lock for as long as it lives. The kernel drops the lock when the
// owner dies in any way, SIGKILL included, so a bundle whose lock can be
// taken while its record does not say "exited" is an orphan (its owner is
// gone without cleaning up), and a locked one belongs to a live ocikit and is
// never touched. The lock file is created under a temporary name, locked,
// then renamed into place, so nobody can see an owner.lock that is not held
// yet. The lock travels with the open file description: the monitor of
// `run -d` inherits it across fork(2), so the lock is never released between
// `ocikit run -d` and its monitor.
//
// The record, status.json, is written atomically (temporary file, rename)
// without fsync, as the rest of the bundle (a bundle does not outlive the
// boot; after a crash, `ocikit gc` removes a bundle whose record is lost or
// torn, as it removes any unowned one): id, command, creation and finish times, status ("created",
// "running", "exited"), the container's host pid, the owner's pid, the exit
// code, the stop signal and timeout (`ocikit stop`), and whether the
// container is removed when it exits (--rm). When the owner removes the
// bundle at the end, it first writes the exit code into owner.lock itself,
// where `ocikit wait`, holding the file open, still finds it.
//
// Example:
//   absl::StatusOr<UniqueFd> lock = TakeOwnership(bundle);
//   OCIKIT_RETURN_IF_ERROR(WriteRecord(bundle.status, record));
//   ... ownership ends when the last descriptor of `lock` is closed.
//
// Dependencies: absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_OWNER_H_
#define OCIKIT_EXECUTOR_OWNER_H_

#include <signal.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

inline constexpr absl::string_view kStatusCreated = "created";
inline constexpr absl::string_view kStatusRunning = "running";
inline constexpr absl::string_view kStatusExited = "exited";

// The default grace period between the stop signal and SIGKILL, as Podman's.
inline constexpr absl::Duration kDefaultStopTimeout = absl::Seconds(10);

// ocikit's record of a container made by `ocikit run` (status.json).
struct ContainerRecord {
  std::string id;
  std::vector<std::string> command;  // process.args
  absl::Time created = absl::UnixEpoch();
  std::string status = std::string(kStatusCreated);
  bool detached = false;  // run -d: owned by a monitor
  pid_t owner_pid = 0;    // the owning ocikit process
  pid_t pid = 0;          // the container's host pid, once running
  std::optional<int> exit_code;
  std::optional<absl::Time> finished;
  int stop_signal = SIGTERM;
  absl::Duration stop_timeout = kDefaultStopTimeout;
  bool remove = true;  // removed when it exits (--rm; always for a foreground run)
};

std::string RecordToJson(const ContainerRecord& r);

// Parses a record; errors name `path` and the field.
absl::StatusOr<ContainerRecord> ParseRecord(absl::string_view json, absl::string_view path);

// Writes `r` to `path` atomically (mode 0600).
absl::Status WriteRecord(const std::string& path, const ContainerRecord& r);

// Reads the record at `path`; NotFound when there is none.
absl::StatusOr<ContainerRecord> ReadRecord(const std::string& path);

// Creates and locks `b.owner_lock` (exclusive); the caller owns the container
// while the returned descriptor, or a copy inherited across fork, is open.
absl::StatusOr<UniqueFd> TakeOwnership(const BundlePaths& b);

// Tries to lock an existing owner.lock without waiting: the descriptor with
// the lock when it was free (the owner is gone), std::nullopt when a live
// process holds it, NotFound when there is no lock file.
absl::StatusOr<std::optional<UniqueFd>> TryLockOwner(const std::string& lock_path, bool exclusive);

// Whether a live process owns the container whose lock is at `lock_path`.
bool IsOwned(const std::string& lock_path);

// Waits until nobody owns the container (the lock is free, or there is no
// lock file), at most `timeout`; true when it happened. The owner has then
// finished, its cleanup included.
bool WaitUntilUnowned(const std::string& lock_path, absl::Duration timeout);

// Writes the exit code `code` into the lock file `fd` (for `ocikit wait` once
// the bundle is removed), and reads it back.
void WriteExitCodeToLock(int fd, int code);
std::optional<int> ReadExitCodeFromLock(int fd);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/owner-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_OWNER_H_
