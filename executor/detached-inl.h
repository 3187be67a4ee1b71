// File: executor/detached-inl.h
//
// Definitions of executor/detached.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_DETACHED_INL_H_
#define OCIKIT_EXECUTOR_DETACHED_INL_H_

#include "executor/detached.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/lifecycle.h"
#include "executor/owner.h"
#include "executor/prepare.h"
#include "executor/runtime.h"
#include "executor/runtime_command.h"
#include "executor/signals.h"
#include "executor/unique_fd.h"
#include "nlohmann/json.hpp"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

namespace internal {

// Status, command and creation time of a container made by `ocikit create`,
// from its config.json and the runtime's state.
OCIKIT_INLINE void FillFromRuntime(ContainerInfo& info, const BundlePaths& b, absl::string_view state_root,
                                   absl::string_view runtime_flag) {
  if (absl::StatusOr<Spec> spec = ReadSpecFile(b.config); spec.ok() && spec->process) info.command = spec->process->args;
  info.status = "unknown";
  absl::StatusOr<Runtime> rt = RuntimeForContainer(state_root, info.id, runtime_flag);
  if (!rt.ok()) return;
  absl::StatusOr<std::string> state = ContainerState(*rt, state_root, info.id);
  if (!state.ok()) return;
  const nlohmann::json j = nlohmann::json::parse(*state, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  if (j.contains("status") && j["status"].is_string()) info.status = j["status"].get<std::string>();
  absl::Time created;
  std::string err;
  if (j.contains("created") && j["created"].is_string() &&
      absl::ParseTime(absl::RFC3339_full, j["created"].get<std::string>(), &created, &err)) {
    info.created = created;
  }
}

// Whether the runtime signals every process of the container (no private
// pid namespace), from its config.json.
OCIKIT_INLINE bool SignalsAll(const BundlePaths& b) {
  absl::StatusOr<Spec> spec = ReadSpecFile(b.config);
  return spec.ok() && !HasPrivatePidNamespace(*spec);
}

// Sends `sig` to container `id`; a container that is gone or not running is
// not an error.
OCIKIT_INLINE absl::Status SignalContainer(const Runtime& rt, const BundlePaths& b, const std::string& id, int sig) {
  absl::Status s = RuntimeKill(rt, LogIfBundle(b), id, sig, SignalsAll(b));
  if (s.ok() || IsNotRunningError(s.message()) || IsNoSuchContainerError(s.message())) return absl::OkStatus();
  return s;
}

OCIKIT_INLINE std::string OwnerText(const ContainerRecord& r) {
  return r.owner_pid > 0 ? absl::StrCat("process ", r.owner_pid) : std::string("its ocikit");
}

// Kills container `id` and waits until its owner has finished.
OCIKIT_INLINE absl::Status KillAndWait(const Runtime& rt, const BundlePaths& b, const std::string& id,
                                       const ContainerRecord& r) {
  OCIKIT_RETURN_IF_ERROR(SignalContainer(rt, b, id, SIGKILL));
  if (WaitUntilUnowned(b.owner_lock, kKillGrace)) return absl::OkStatus();
  return absl::DeadlineExceededError(absl::StrCat("container \"", id, "\" is still owned by ", OwnerText(r), " ",
                                                  absl::FormatDuration(kKillGrace), " after SIGKILL"));
}

// Removes the runtime state and the bundle of a container whose lock the
// caller holds.
OCIKIT_INLINE absl::Status RemoveUnowned(const Runtime& rt, const BundlePaths& b, const std::string& id) {
  OCIKIT_RETURN_IF_ERROR(RemoveRuntimeState(rt, b.log, id));
  return RemoveTree(b.dir);
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<ContainerInfo> GetContainerInfo(absl::string_view state_root, const std::string& id,
                                                             absl::string_view runtime_flag) {
  const BundlePaths b = BundlePaths::For(state_root, id);
  if (!PathExists(b.dir)) {
    return absl::NotFoundError(absl::StrCat("no container \"", id, "\" in ", JoinPath({state_root, "bundles"})));
  }
  ContainerInfo info;
  info.id = id;
  info.owned = PathExists(b.owner_lock) && IsOwned(b.owner_lock);
  absl::StatusOr<ContainerRecord> record = ReadRecord(b.status);
  if (!record.ok() && !absl::IsNotFound(record.status())) return record.status();
  if (!record.ok()) {
    if (PathExists(b.owner_lock)) {  // an `ocikit run` before it wrote its record
      info.status = info.owned ? std::string(kStatusCreated) : "orphaned";
      return info;
    }
    internal::FillFromRuntime(info, b, state_root, runtime_flag);
    return info;
  }
  info.record = *record;
  info.command = record->command;
  info.created = record->created;
  if (record->status == kStatusExited) {
    info.status = record->status;
  } else {
    info.status = info.owned ? record->status : "orphaned";
  }
  return info;
}

OCIKIT_INLINE std::vector<ContainerInfo> ListContainerInfos(absl::string_view state_root,
                                                            absl::string_view runtime_flag) {
  std::vector<ContainerInfo> infos;
  for (const std::string& id : ListBundleIds(state_root)) {
    // A bundle removed meanwhile, or with a broken record, is left out.
    if (absl::StatusOr<ContainerInfo> info = GetContainerInfo(state_root, id, runtime_flag); info.ok()) {
      infos.push_back(*std::move(info));
    }
  }
  return infos;
}

OCIKIT_INLINE GcResult CollectOrphans(absl::string_view state_root, absl::string_view runtime_flag,
                                      absl::string_view only) {
  GcResult gc;
  const std::vector<std::string> ids =
      only.empty() ? ListBundleIds(state_root) : std::vector<std::string>{std::string(only)};
  for (const std::string& id : ids) {
    const BundlePaths b = BundlePaths::For(state_root, id);
    if (!PathExists(b.owner_lock)) continue;  // `ocikit create`, or an `ocikit run` setting up
    absl::StatusOr<std::optional<UniqueFd>> lock = TryLockOwner(b.owner_lock, /*exclusive=*/true);
    if (!lock.ok() || !lock->has_value()) continue;  // owned by a live ocikit, or gone
    absl::StatusOr<ContainerRecord> record = ReadRecord(b.status);
    if (record.ok() && record->status == kStatusExited) continue;  // kept until `ocikit rm`
    absl::StatusOr<Runtime> rt = RuntimeForContainer(state_root, id, runtime_flag);
    absl::Status s = rt.ok() ? internal::RemoveUnowned(*rt, b, id) : rt.status();
    if (!s.ok()) {
      gc.errors.push_back(absl::StrCat("orphan container \"", id, "\": ", s.message()));
      continue;
    }
    gc.removed_ids.push_back(id);
    gc.removed.push_back(absl::StrCat("removed orphan container ", id, " (its owner, ",
                                      record.ok() ? internal::OwnerText(*record) : "ocikit run",
                                      ", is gone): its runtime state and bundle ", b.dir));
  }
  return gc;
}

OCIKIT_INLINE absl::Status StopContainer(absl::string_view state_root, const std::string& id,
                                         absl::string_view runtime_flag, std::optional<absl::Duration> timeout) {
  OCIKIT_ASSIGN_OR_RETURN(const ContainerInfo info, GetContainerInfo(state_root, id, runtime_flag));
  if (!info.record) {
    return absl::FailedPreconditionError(absl::StrCat("container \"", id, "\" was made by `ocikit create`, not `ocikit "
                                                      "run`; stop it with \"ocikit kill ", id, "\""));
  }
  if (!info.owned) return absl::OkStatus();  // exited already
  const BundlePaths b = BundlePaths::For(state_root, id);
  OCIKIT_ASSIGN_OR_RETURN(const Runtime rt, RuntimeForContainer(state_root, id, runtime_flag));
  OCIKIT_RETURN_IF_ERROR(internal::SignalContainer(rt, b, id, info.record->stop_signal));
  if (WaitUntilUnowned(b.owner_lock, timeout.value_or(info.record->stop_timeout))) return absl::OkStatus();
  return internal::KillAndWait(rt, b, id, *info.record);
}

OCIKIT_INLINE absl::StatusOr<int> WaitForContainer(absl::string_view state_root, const std::string& id) {
  const BundlePaths b = BundlePaths::For(state_root, id);
  UniqueFd lock(::open(b.owner_lock.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!lock.valid()) {
    if (!PathExists(b.dir)) {
      return absl::NotFoundError(absl::StrCat("no container \"", id, "\" in ", JoinPath({state_root, "bundles"})));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("container \"", id, "\" was not started by `ocikit run` (no ", b.owner_lock, ")"));
  }
  while (::flock(lock.get(), LOCK_SH) != 0) {
    if (errno != EINTR) return ErrnoStatus(errno, b.owner_lock);
  }
  absl::StatusOr<ContainerRecord> record = ReadRecord(b.status);
  if (record.ok() && record->exit_code) return *record->exit_code;
  if (std::optional<int> code = ReadExitCodeFromLock(lock.get())) return *code;
  return absl::FailedPreconditionError(absl::StrCat(
      "container \"", id, "\" has no exit code: its owner is gone without recording one (killed?); \"ocikit gc\" "
      "removes what it left"));
}

OCIKIT_INLINE absl::Status RemoveContainer(absl::string_view state_root, const std::string& id,
                                           absl::string_view runtime_flag, bool force) {
  const BundlePaths b = BundlePaths::For(state_root, id);
  OCIKIT_ASSIGN_OR_RETURN(const Runtime rt, RuntimeForContainer(state_root, id, runtime_flag));
  if (!PathExists(b.owner_lock)) return DeleteContainer(rt, state_root, id, force).status();
  if (!CollectOrphans(state_root, runtime_flag, id).removed.empty()) return absl::OkStatus();
  absl::StatusOr<std::optional<UniqueFd>> lock = TryLockOwner(b.owner_lock, /*exclusive=*/true);
  if (absl::IsNotFound(lock.status())) return absl::OkStatus();  // removed meanwhile
  OCIKIT_RETURN_IF_ERROR(lock.status());
  if (!lock->has_value()) {
    const absl::StatusOr<ContainerRecord> record = ReadRecord(b.status);
    const ContainerRecord r = record.ok() ? *record : ContainerRecord();
    if (!force) {
      return absl::FailedPreconditionError(
          absl::StrCat("container \"", id, "\" is running (owned by ", internal::OwnerText(r),
                       "); stop it first with \"ocikit stop ", id, "\", or use \"ocikit rm -f ", id, "\""));
    }
    OCIKIT_RETURN_IF_ERROR(internal::KillAndWait(rt, b, id, r));
    lock = TryLockOwner(b.owner_lock, /*exclusive=*/true);
    if (absl::IsNotFound(lock.status())) return absl::OkStatus();  // its owner removed it (--rm)
    OCIKIT_RETURN_IF_ERROR(lock.status());
    if (!lock->has_value()) return absl::FailedPreconditionError(absl::StrCat("container \"", id, "\" got a new owner"));
  }
  return internal::RemoveUnowned(rt, b, id);
}

OCIKIT_INLINE absl::StatusOr<std::string> InspectContainer(absl::string_view state_root, const std::string& id,
                                                           absl::string_view runtime_flag) {
  OCIKIT_ASSIGN_OR_RETURN(const ContainerInfo info, GetContainerInfo(state_root, id, runtime_flag));
  const BundlePaths b = BundlePaths::For(state_root, id);
  OCIKIT_ASSIGN_OR_RETURN(const Runtime rt, RuntimeForContainer(state_root, id, runtime_flag));
  nlohmann::json j = {{"Id", id}, {"Status", info.status}, {"Owned", info.owned}, {"Command", info.command},
                      {"Created", absl::FormatTime(absl::RFC3339_full, info.created, absl::UTCTimeZone())}};
  j["Pid"] = nullptr;
  j["ExitCode"] = nullptr;
  if (info.record) {
    const ContainerRecord& r = *info.record;
    if (r.pid > 0 && info.owned) j["Pid"] = r.pid;
    if (r.exit_code) j["ExitCode"] = *r.exit_code;
    if (r.finished) j["Finished"] = absl::FormatTime(absl::RFC3339_full, *r.finished, absl::UTCTimeZone());
    j["OwnerPid"] = r.owner_pid;
    j["Detached"] = r.detached;
    j["AutoRemove"] = r.remove;
    j["StopSignal"] = SignalName(r.stop_signal);
    j["StopTimeout"] = absl::FormatDuration(r.stop_timeout);
  }
  j["Runtime"] = {{"Name", rt.name}, {"Path", rt.path}, {"Root", rt.root}};
  j["Paths"] = {{"Bundle", b.dir},        {"Config", b.config},      {"Log", b.container_log},
                {"Record", b.status},     {"OwnerLock", b.owner_lock}, {"RuntimeLog", b.log},
                {"RuntimeState", RuntimeStateDir(rt, id)}};
  j["State"] = nullptr;
  if (absl::StatusOr<std::string> state = ContainerState(rt, state_root, id); state.ok()) {
    j["State"] = nlohmann::json::parse(*state, nullptr, /*allow_exceptions=*/false);
    if (j["State"].is_object() && j["State"].contains("pid") && j["Pid"].is_null()) j["Pid"] = j["State"]["pid"];
  }
  OCIKIT_ASSIGN_OR_RETURN(const std::string config, ReadRegularFile(b.config, 16 << 20));
  j["Config"] = nlohmann::json::parse(config, nullptr, /*allow_exceptions=*/false);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_DETACHED_INL_H_
