// File: executor/workdir-inl.h
//
// Definitions of executor/workdir.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_WORKDIR_INL_H_
#define OCIKIT_EXECUTOR_WORKDIR_INL_H_

#include "executor/workdir.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "executor/unique_fd.h"
#include "spec/pathutil.h"
#include "spec/rootfs/rootfs.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE absl::Status WorkdirError(absl::string_view cwd, absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat("process.cwd \"", cwd, "\": ", what));
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<CreatedDirs> EnsureWorkdir(const std::string& rootfs, absl::string_view cwd, uid_t uid,
                                                 gid_t gid) {
  CreatedDirs created;
  if (cwd.empty() || cwd.front() != '/') {
    return absl::InvalidArgumentError(absl::StrCat("process.cwd \"", cwd, "\": expected an absolute path"));
  }
  const std::vector<std::string> parts = absl::StrSplit(CleanPath(cwd), '/', absl::SkipEmpty());
  // The longest prefix that exists, resolved confined to the rootfs.
  size_t existing = parts.size();
  std::string resolved;
  while (true) {
    const std::string prefix = absl::StrCat("/", absl::StrJoin(parts.begin(), parts.begin() + existing, "/"));
    absl::StatusOr<std::string> r = ResolveInRoot(rootfs, prefix);
    if (r.ok()) {
      resolved = *std::move(r);
      break;
    }
    if (!absl::IsNotFound(r.status()) || existing == 0) {
      return internal::WorkdirError(cwd, r.status().message());
    }
    --existing;
  }
  // Open the resolved prefix again, component by component, never following a
  // link; this also checks that an existing cwd is a directory.
  UniqueFd dir(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir.valid()) return internal::WorkdirError(cwd, absl::StrCat("rootfs ", rootfs, ": ", std::strerror(errno)));
  for (absl::string_view name : absl::StrSplit(resolved, '/', absl::SkipEmpty())) {
    UniqueFd next(::openat(dir.get(), std::string(name).c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid()) {
      const int err = errno;
      return internal::WorkdirError(
          cwd, err == ENOTDIR ? absl::StrCat(resolved, " is not a directory in the rootfs")
                              : absl::StrCat(resolved, ": ", std::strerror(err), " (the rootfs changed meanwhile?)"));
    }
    dir = std::move(next);
  }
  std::string path = resolved == "/" ? "" : resolved;
  for (size_t i = existing; i < parts.size(); ++i) {
    const std::string& name = parts[i];
    absl::StrAppend(&path, "/", name);
    if (::mkdirat(dir.get(), name.c_str(), kWorkdirMode) != 0) {
      const int err = errno;
      created.Rollback();
      if (err == EEXIST) {
        return internal::WorkdirError(cwd, absl::StrCat(path, " exists in the rootfs but does not lead to a directory "
                                                              "(a dangling symlink?)"));
      }
      return internal::WorkdirError(cwd, absl::StrCat("cannot create ", path, " in the rootfs: ", std::strerror(err)));
    }
    UniqueFd parent(::fcntl(dir.get(), F_DUPFD_CLOEXEC, 0));
    created.Add(std::move(parent), name, path);
    UniqueFd made(::openat(dir.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!made.valid() || ::fchown(made.get(), uid, gid) != 0 || ::fchmod(made.get(), kWorkdirMode) != 0) {
      const int err = errno;
      created.Rollback();
      return internal::WorkdirError(cwd, absl::StrCat("cannot set up ", path, " in the rootfs: ", std::strerror(err)));
    }
    dir = std::move(made);
  }
  return created;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_WORKDIR_INL_H_
