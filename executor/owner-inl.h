// File: executor/owner-inl.h
//
// Definitions of executor/owner.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_OWNER_INL_H_
#define OCIKIT_EXECUTOR_OWNER_INL_H_

#include "executor/owner.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/unique_fd.h"
#include "nlohmann/json.hpp"
#include "spec/file.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE std::string FormatRecordTime(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
}

// The record's field `key` as `T`, or an error naming `path` and the field.
template <class T>
absl::Status RecordField(const nlohmann::json& j, const char* key, absl::string_view path, T& out) {
  const auto it = j.find(key);
  if (it == j.end()) return absl::OkStatus();  // optional: the default stays
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": field \"", key, "\" has the wrong type"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status RecordTime(const nlohmann::json& j, const char* key, absl::string_view path,
                                      std::optional<absl::Time>& out) {
  std::string text;
  if (absl::Status s = RecordField(j, key, path, text); !s.ok() || text.empty()) return s;
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": field \"", key, "\": expected an RFC 3339 time, got \"",
                                                   text, "\""));
  }
  out = t;
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE std::string RecordToJson(const ContainerRecord& r) {
  nlohmann::json j = {{"id", r.id},
                      {"command", r.command},
                      {"created", internal::FormatRecordTime(r.created)},
                      {"status", r.status},
                      {"detached", r.detached},
                      {"ownerPid", r.owner_pid},
                      {"pid", r.pid},
                      {"stopSignal", r.stop_signal},
                      {"stopTimeoutMs", absl::ToInt64Milliseconds(r.stop_timeout)},
                      {"remove", r.remove}};
  if (r.exit_code) j["exitCode"] = *r.exit_code;
  if (r.finished) j["finished"] = internal::FormatRecordTime(*r.finished);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws
}

OCIKIT_INLINE absl::StatusOr<ContainerRecord> ParseRecord(absl::string_view json, absl::string_view path) {
  const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return absl::InvalidArgumentError(absl::StrCat(path, ": expected a JSON object"));
  ContainerRecord r;
  std::optional<absl::Time> created;
  int64_t stop_timeout_ms = absl::ToInt64Milliseconds(r.stop_timeout);
  int exit_code = 0;
  const bool has_exit = j.contains("exitCode");
  for (absl::Status s : {internal::RecordField(j, "id", path, r.id), internal::RecordField(j, "command", path, r.command),
                         internal::RecordTime(j, "created", path, created),
                         internal::RecordField(j, "status", path, r.status),
                         internal::RecordField(j, "detached", path, r.detached),
                         internal::RecordField(j, "ownerPid", path, r.owner_pid),
                         internal::RecordField(j, "pid", path, r.pid),
                         internal::RecordField(j, "stopSignal", path, r.stop_signal),
                         internal::RecordField(j, "stopTimeoutMs", path, stop_timeout_ms),
                         internal::RecordField(j, "remove", path, r.remove),
                         internal::RecordField(j, "exitCode", path, exit_code),
                         internal::RecordTime(j, "finished", path, r.finished)}) {
    if (!s.ok()) return s;
  }
  if (created) r.created = *created;
  r.stop_timeout = absl::Milliseconds(stop_timeout_ms);
  if (has_exit) r.exit_code = exit_code;
  return r;
}

OCIKIT_INLINE absl::Status WriteRecord(const std::string& path, const ContainerRecord& r) {
  return WriteFileAtomic(path, RecordToJson(r), 0600, FileSync::kAtomic);
}

OCIKIT_INLINE absl::StatusOr<ContainerRecord> ReadRecord(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  if (!text.ok()) return text.status();
  return ParseRecord(*text, path);
}

OCIKIT_INLINE absl::StatusOr<UniqueFd> TakeOwnership(const BundlePaths& b) {
  const std::string tmp = b.owner_lock + ".new";
  UniqueFd fd(::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return ErrnoStatus(errno, tmp);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0 || ::rename(tmp.c_str(), b.owner_lock.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoStatus(err, b.owner_lock);
  }
  return fd;
}

OCIKIT_INLINE absl::StatusOr<std::optional<UniqueFd>> TryLockOwner(const std::string& lock_path, bool exclusive) {
  UniqueFd fd(::open(lock_path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return ErrnoStatus(errno, lock_path);
  if (::flock(fd.get(), (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0) return std::optional<UniqueFd>(std::move(fd));
  if (errno == EWOULDBLOCK) return std::optional<UniqueFd>();
  return ErrnoStatus(errno, lock_path);
}

OCIKIT_INLINE bool IsOwned(const std::string& lock_path) {
  absl::StatusOr<std::optional<UniqueFd>> lock = TryLockOwner(lock_path, /*exclusive=*/false);
  return lock.ok() && !lock->has_value();
}

OCIKIT_INLINE bool WaitUntilUnowned(const std::string& lock_path, absl::Duration timeout) {
  // Opened once: the owner may unlink the file (removing the bundle) before
  // it lets go of the lock, which is when it has finished.
  UniqueFd fd(::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return true;
  const absl::Time until = absl::Now() + timeout;
  while (::flock(fd.get(), LOCK_SH | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) return true;
    if (absl::Now() >= until) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

OCIKIT_INLINE void WriteExitCodeToLock(int fd, int code) {
  const std::string text = absl::StrCat(code, "\n");
  // Written in place, then cut to size: truncating to 0 first would make
  // ext4 (auto_da_alloc) write the file back when it is closed, which took
  // 4 ms at the end of every `ocikit run` on a disk state root.
  if (::pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size())) {
    (void)!::ftruncate(fd, static_cast<off_t>(text.size()));
  }
}

OCIKIT_INLINE std::optional<int> ReadExitCodeFromLock(int fd) {
  char buf[32];
  const ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return std::nullopt;
  int code = 0;
  if (!absl::SimpleAtoi(absl::StripTrailingAsciiWhitespace(absl::string_view(buf, static_cast<size_t>(n))), &code)) {
    return std::nullopt;
  }
  return code;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_OWNER_INL_H_
