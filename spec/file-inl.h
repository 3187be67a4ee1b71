// File: spec/file-inl.h
//
// Definitions of spec/file.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_FILE_INL_H_
#define OCIKIT_SPEC_FILE_INL_H_

#include "spec/file.h"
#include "spec/internal/compile_mode.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <istream>
#include <algorithm>
#include <string>
#include <vector>
#include "absl/strings/string_view.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace ocikit {

OCIKIT_INLINE absl::Status ErrnoStatus(int err, absl::string_view path) {
  std::string message = absl::StrCat(path, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    case EEXIST:
      return absl::AlreadyExistsError(message);
    default:
      return absl::FailedPreconditionError(message);
  }
}

OCIKIT_INLINE absl::StatusOr<std::string> ReadRegularFile(const std::string& path, size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return ErrnoStatus(errno, path);
  struct stat st;
  std::string data;
  absl::Status status;
  if (::fstat(fd, &st) != 0) {
    status = ErrnoStatus(errno, path);
  } else if (!S_ISREG(st.st_mode)) {
    status = absl::InvalidArgumentError(absl::StrCat(path, ": not a regular file"));
  } else if (static_cast<size_t>(st.st_size) > max_bytes) {
    status = absl::InvalidArgumentError(absl::StrCat(path, ": file exceeds ", max_bytes, " bytes"));
  } else {
    data.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (status.ok()) {
      if (got == data.size()) data.resize(got + 4096);  // the file grew
      const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = ErrnoStatus(errno, path);
      } else if (n == 0) {
        break;
      } else {
        got += static_cast<size_t>(n);
        if (got > max_bytes) {
          status = absl::InvalidArgumentError(absl::StrCat(path, ": file exceeds ", max_bytes, " bytes"));
        }
      }
    }
    data.resize(got);
  }
  ::close(fd);
  if (!status.ok()) return status;
  return data;
}

namespace internal {

OCIKIT_INLINE absl::Status InputTooLarge(absl::string_view name, size_t max_bytes) {
  return absl::InvalidArgumentError(absl::StrCat(name, ": input exceeds ", max_bytes, " bytes"));
}

// Reads `fd` to its end in chunks, failing once more than `max_bytes` came.
OCIKIT_INLINE absl::StatusOr<std::string> ReadBoundedFd(int fd, size_t max_bytes, absl::string_view name) {
  std::string data;
  constexpr size_t kChunk = 64 << 10;
  while (true) {
    const size_t got = data.size();
    data.resize(got + kChunk);
    const ssize_t n = ::read(fd, data.data() + got, kChunk);
    if (n < 0 && errno == EINTR) {
      data.resize(got);
      continue;
    }
    if (n < 0) return ErrnoStatus(errno, name);
    data.resize(got + static_cast<size_t>(n));
    if (n == 0) return data;
    if (data.size() > max_bytes) return InputTooLarge(name, max_bytes);
  }
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::string> ReadInputFile(const std::string& path, size_t max_bytes) {
  // Blocking open: a FIFO waits for its writer, as diff(1) and cat(1) do.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return ErrnoStatus(errno, path);
  struct stat st;
  absl::StatusOr<std::string> data;
  if (::fstat(fd, &st) != 0) {
    data = ErrnoStatus(errno, path);
  } else if (S_ISDIR(st.st_mode)) {
    data = absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  } else if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
    data = internal::InputTooLarge(path, max_bytes);
  } else {
    data = internal::ReadBoundedFd(fd, max_bytes, path);
  }
  ::close(fd);
  return data;
}

OCIKIT_INLINE absl::StatusOr<std::string> ReadInputStream(std::istream& in, size_t max_bytes, absl::string_view name) {
  std::string data;
  char buffer[64 << 10];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    data.append(buffer, static_cast<size_t>(in.gcount()));
    if (data.size() > max_bytes) return internal::InputTooLarge(name, max_bytes);
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(name, ": cannot read the input"));
  return data;
}

OCIKIT_INLINE std::string InputDisplayName(absl::string_view name) {
  return name == "-" ? "<stdin>" : std::string(name);
}

OCIKIT_INLINE absl::StatusOr<std::string> ReadNamedInput(const std::string& name, std::istream& in,
                                                         size_t max_bytes) {
  if (name == "-") return ReadInputStream(in, max_bytes, InputDisplayName(name));
  return ReadInputFile(name, max_bytes);
}

OCIKIT_INLINE absl::Status WriteFileAtomic(const std::string& path, absl::string_view data, mode_t mode,
                                           FileSync sync) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  std::string tmp = absl::StrCat(path, ".tmp-XXXXXX");
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, tmp);
  absl::Status status;
  if (::fchmod(fd, mode) != 0) status = ErrnoStatus(errno, tmp);
  size_t done = 0;
  while (status.ok() && done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = ErrnoStatus(errno, tmp);
    } else {
      done += static_cast<size_t>(n);
    }
  }
  if (status.ok() && sync == FileSync::kDurable && ::fsync(fd) != 0) status = ErrnoStatus(errno, tmp);
  if (::close(fd) != 0 && status.ok()) status = ErrnoStatus(errno, tmp);
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) status = ErrnoStatus(errno, path);
  if (!status.ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  if (sync == FileSync::kAtomic) return absl::OkStatus();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return absl::OkStatus();
}
OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> ReadDirNames(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ErrnoStatus(errno, dir);
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) {
    const absl::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_FILE_INL_H_
