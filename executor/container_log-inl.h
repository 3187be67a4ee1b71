// File: executor/container_log-inl.h
//
// Definitions of executor/container_log.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_CONTAINER_LOG_INL_H_
#define OCIKIT_EXECUTOR_CONTAINER_LOG_INL_H_

#include "executor/container_log.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/unique_fd.h"
#include "spec/file.h"

namespace ocikit::executor {

OCIKIT_INLINE ContainerLog::ContainerLog(const BundlePaths& b, uint64_t cap)
    : path_(b.container_log), previous_(b.container_log_previous), cap_(cap) {
  Open();
}

OCIKIT_INLINE void ContainerLog::Open() {
  fd_.Reset(::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
  struct stat st;
  size_ = fd_.valid() && ::fstat(fd_.get(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

OCIKIT_INLINE void ContainerLog::Rotate() {
  ::rename(path_.c_str(), previous_.c_str());
  Open();
}

OCIKIT_INLINE void ContainerLog::Write(const char* data, size_t size) {
  while (size > 0) {
    if (size_ >= cap_) Rotate();
    if (!fd_.valid()) return;
    const size_t chunk = static_cast<size_t>(std::min<uint64_t>(size, cap_ - size_));
    const ssize_t n = ::write(fd_.get(), data, chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    size_ += static_cast<uint64_t>(n);
    data += n;
    size -= static_cast<size_t>(n);
  }
}

namespace internal {

// Copies what `fd` has from its offset to `out`.
OCIKIT_INLINE void CopyRest(int fd, std::ostream& out) {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.write(buf, n);
  }
  out.flush();
}

// Whether `fd` is still the file at `path` (not rotated away).
OCIKIT_INLINE bool SameFile(int fd, const std::string& path) {
  struct stat a;
  struct stat b;
  return ::fstat(fd, &a) == 0 && ::stat(path.c_str(), &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}
}  // namespace internal

OCIKIT_INLINE absl::Status PrintLogs(const BundlePaths& b, std::ostream& out) {
  UniqueFd previous(::open(b.container_log_previous.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  UniqueFd current(::open(b.container_log.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!current.valid()) return ErrnoStatus(errno, b.container_log);
  if (previous.valid()) internal::CopyRest(previous.get(), out);
  internal::CopyRest(current.get(), out);
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status FollowLogs(const BundlePaths& b, std::ostream& out, const std::function<bool()>& running) {
  UniqueFd previous(::open(b.container_log_previous.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (previous.valid()) internal::CopyRest(previous.get(), out);
  UniqueFd fd(::open(b.container_log.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return ErrnoStatus(errno, b.container_log);
  while (true) {
    const bool more = running();  // asked first: what it wrote before ending is read below
    internal::CopyRest(fd.get(), out);
    if (!internal::SameFile(fd.get(), b.container_log)) {
      UniqueFd next(::open(b.container_log.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
      if (next.valid()) {
        internal::CopyRest(fd.get(), out);
        fd = std::move(next);
        continue;
      }
    }
    if (!more) return absl::OkStatus();
    absl::SleepFor(kFollowInterval);
  }
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_CONTAINER_LOG_INL_H_
