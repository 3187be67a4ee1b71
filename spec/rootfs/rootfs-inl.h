// File: spec/rootfs/rootfs-inl.h
//
// Definitions of spec/rootfs/rootfs.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_ROOTFS_ROOTFS_INL_H_
#define OCIKIT_SPEC_ROOTFS_ROOTFS_INL_H_

#include "spec/rootfs/rootfs.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/internal/unique_fd.h"
#include "spec/pathutil.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string RootfsDisplayName(absl::string_view path) {
  if (path.empty()) return "empty path";
  const size_t start = path.find_first_not_of('/');
  if (start == absl::string_view::npos) return "/";
  return std::string(path.substr(start));
}

OCIKIT_INLINE absl::Status RootfsErrnoStatus(int err, absl::string_view name) {
  std::string message = absl::StrCat(name, ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  return absl::FailedPreconditionError(message);
}

OCIKIT_INLINE absl::StatusOr<UniqueFd> OpenRootfs(const std::string& rootfs) {
  UniqueFd root(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root.valid()) {
    return absl::FailedPreconditionError(absl::StrCat("rootfs \"", rootfs, "\": ", std::strerror(errno)));
  }
  return root;
}

OCIKIT_INLINE absl::StatusOr<std::string> ReadLinkFd(int fd, absl::string_view name) {
  std::string target(PATH_MAX + 1, '\0');
  const ssize_t n = ::readlinkat(fd, "", target.data(), target.size());
  if (n < 0) return RootfsErrnoStatus(errno, name);
  if (static_cast<size_t>(n) >= target.size()) return RootfsErrnoStatus(ENAMETOOLONG, name);
  target.resize(static_cast<size_t>(n));
  return target;
}

OCIKIT_INLINE absl::StatusOr<RootfsEntry> WalkInRoot(int root, absl::string_view path) {
  const std::string name = RootfsDisplayName(path);
  if (path.empty()) return RootfsErrnoStatus(ENOENT, name);
  if (path.size() >= PATH_MAX) return RootfsErrnoStatus(ENAMETOOLONG, name);
  std::vector<UniqueFd> dirs;  // directories below the root, outermost first
  std::vector<std::string> names;  // their names, in step with `dirs`
  size_t depth_chars = 0;  // length of "/" + names joined by "/"
  std::string todo(path);  // what is left to resolve, from `pos` on
  size_t pos = 0;
  int links = 0;
  while (true) {
    pos = std::min(todo.find_first_not_of('/', pos), todo.size());
    if (pos == todo.size()) break;
    const size_t end = std::min(todo.find('/', pos), todo.size());
    const std::string component = todo.substr(pos, end - pos);
    pos = end;
    // A component needs to be a directory when more follows, even just "/".
    const bool need_dir = pos < todo.size();
    if (component == ".") continue;
    if (component == "..") {
      if (!dirs.empty()) {
        depth_chars -= names.back().size() + 1;
        dirs.pop_back();
        names.pop_back();
      }
      continue;
    }
    const int parent = dirs.empty() ? root : dirs.back().get();
    UniqueFd fd(::openat(parent, component.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) return RootfsErrnoStatus(errno, name);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) return RootfsErrnoStatus(errno, name);
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxRootfsSymlinks) return RootfsErrnoStatus(ELOOP, name);
      OCIKIT_ASSIGN_OR_RETURN(std::string target, ReadLinkFd(fd.get(), name));
      if (target.empty()) return RootfsErrnoStatus(ENOENT, name);
      if (target.front() == '/') {
        dirs.clear();
        names.clear();
        depth_chars = 0;
      }
      todo = absl::StrCat(target, absl::string_view(todo).substr(pos));
      pos = 0;
      continue;
    }
    depth_chars += component.size() + 1;
    if (depth_chars >= PATH_MAX) return RootfsErrnoStatus(ENAMETOOLONG, name);
    if (S_ISDIR(st.st_mode)) {
      dirs.push_back(std::move(fd));
      names.push_back(component);
      continue;
    }
    if (need_dir) return RootfsErrnoStatus(ENOTDIR, name);
    names.push_back(component);
    RootfsEntry entry;
    entry.fd = std::move(fd);
    entry.st = st;
    entry.path = absl::StrCat("/", absl::StrJoin(names, "/"));
    return entry;
  }
  // The path ends on a directory: the innermost one, or the root itself.
  RootfsEntry entry;
  entry.fd = dirs.empty() ? UniqueFd(::fcntl(root, F_DUPFD_CLOEXEC, 0)) : std::move(dirs.back());
  if (!entry.fd.valid() || ::fstat(entry.fd.get(), &entry.st) != 0) return RootfsErrnoStatus(errno, name);
  entry.path = absl::StrCat("/", absl::StrJoin(names, "/"));
  return entry;
}

OCIKIT_INLINE absl::StatusOr<std::string> ReadRootfsEntry(const RootfsEntry& entry, absl::string_view name,
                                                   size_t max_bytes) {
  const auto too_large = [&] {
    return absl::InvalidArgumentError(absl::StrCat("\"", name, "\" exceeds ", max_bytes, " bytes"));
  };
  const auto not_regular = [&] { return absl::InvalidArgumentError(absl::StrCat(name, ": not a regular file")); };
  // Decide on the O_PATH descriptor, before any open that could block.
  if (!S_ISREG(entry.st.st_mode)) return not_regular();
  if (static_cast<size_t>(entry.st.st_size) > max_bytes) return too_large();
  const std::string proc_path = absl::StrCat("/proc/self/fd/", entry.fd.get());
  UniqueFd fd(::open(proc_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd.valid()) {
    // Never NotFound: the file exists, so a caller must not take it as absent.
    return absl::FailedPreconditionError(
        absl::StrCat(name, ": cannot reopen through ", proc_path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return RootfsErrnoStatus(errno, name);
  if (!S_ISREG(st.st_mode) || st.st_dev != entry.st.st_dev || st.st_ino != entry.st.st_ino) return not_regular();
  std::string data;
  data.resize(std::min(static_cast<size_t>(st.st_size), max_bytes) + 1);
  size_t got = 0;
  while (true) {
    if (got == data.size()) {
      if (got > max_bytes) return too_large();  // the file grew past the cap
      data.resize(std::min(data.size() * 2, max_bytes + 1));
    }
    const ssize_t n = ::read(fd.get(), data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return RootfsErrnoStatus(errno, name);
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  if (got > max_bytes) return too_large();
  data.resize(got);
  return data;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::string> ReadFileInRoot(const std::string& rootfs, absl::string_view path,
                                                  size_t max_bytes) {
  OCIKIT_ASSIGN_OR_RETURN(internal::UniqueFd root, internal::OpenRootfs(rootfs));
  OCIKIT_ASSIGN_OR_RETURN(internal::RootfsEntry entry, internal::WalkInRoot(root.get(), path));
  return internal::ReadRootfsEntry(entry, internal::RootfsDisplayName(path), max_bytes);
}

OCIKIT_INLINE absl::StatusOr<std::string> ResolveInRoot(const std::string& rootfs, absl::string_view path) {
  OCIKIT_ASSIGN_OR_RETURN(internal::UniqueFd root, internal::OpenRootfs(rootfs));
  OCIKIT_ASSIGN_OR_RETURN(internal::RootfsEntry entry, internal::WalkInRoot(root.get(), path));
  return std::move(entry.path);
}

OCIKIT_INLINE absl::StatusOr<std::string> LookPathInRoot(const std::string& rootfs, absl::string_view command,
                                                  absl::string_view path_list) {
  if (absl::StrContains(command, '/')) {
    return absl::InvalidArgumentError(
        absl::StrCat("command \"", command, "\" contains a slash; only bare names are looked up in $PATH"));
  }
  OCIKIT_ASSIGN_OR_RETURN(internal::UniqueFd root, internal::OpenRootfs(rootfs));
  absl::ConsumePrefix(&path_list, "PATH=");
  if (!command.empty()) {
    for (absl::string_view dir : absl::StrSplit(path_list, ':')) {
      if (dir.empty() || dir.front() != '/') continue;
      const std::string candidate = JoinPath({dir, command});
      absl::StatusOr<internal::RootfsEntry> entry = internal::WalkInRoot(root.get(), candidate);
      if (entry.ok() && S_ISREG(entry->st.st_mode) && (entry->st.st_mode & 0111) != 0) return candidate;
    }
  }
  return absl::NotFoundError(absl::StrCat("executable file \"", command, "\" not found in $PATH inside the rootfs"));
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_ROOTFS_ROOTFS_INL_H_
