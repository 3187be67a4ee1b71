// File: executor/bundle-inl.h
//
// Definitions of executor/bundle.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_BUNDLE_INL_H_
#define OCIKIT_EXECUTOR_BUNDLE_INL_H_

#include "executor/bundle.h"
#include "spec/internal/compile_mode.h"
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/pathutil.h"

namespace ocikit::executor {

OCIKIT_INLINE std::string DeleteCommand(absl::string_view state_root, absl::string_view id, bool force) {
  return absl::StrCat("ocikit delete ", force ? "--force " : "",
                      state_root == kDefaultStateRoot ? "" : absl::StrCat("--root ", state_root, " "), id);
}

OCIKIT_INLINE bool PathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

OCIKIT_INLINE absl::Status MakeDirs(const std::string& path, mode_t mode) {
  if (path.empty()) return absl::InvalidArgumentError("empty directory path");
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(path, ": exists and is not a directory"));
  }
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    OCIKIT_RETURN_IF_ERROR(MakeDirs(path.substr(0, slash), mode));
  }
  if (::mkdir(path.c_str(), mode) != 0) {
    if (errno == EEXIST) return absl::OkStatus();  // made concurrently
    return ErrnoStatus(errno, path);
  }
  if (::chmod(path.c_str(), mode) != 0) return ErrnoStatus(errno, path);
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status RemoveTree(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return ErrnoStatus(errno, path);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus(errno, path);
    return absl::OkStatus();
  }
  static thread_local int first_errno;
  static thread_local std::string* first_path;
  std::string failed;
  first_errno = 0;
  first_path = &failed;
  const auto remove_one = [](const char* p, const struct stat*, int, struct FTW*) -> int {
    if (::remove(p) != 0 && errno != ENOENT && first_errno == 0) {
      first_errno = errno;
      *first_path = p;
    }
    return 0;
  };
  if (::nftw(path.c_str(), remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0 && first_errno == 0) {
    if (errno != ENOENT) return ErrnoStatus(errno, path);
  }
  if (first_errno != 0) return ErrnoStatus(first_errno, failed);
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status CreateBundleDir(const BundlePaths& bundle, absl::string_view state_root, absl::string_view id) {
  const std::string parent = bundle.dir.substr(0, bundle.dir.find_last_of('/'));
  OCIKIT_RETURN_IF_ERROR_PREFIXED("cannot create the bundles directory: ", MakeDirs(parent, kStateDirMode));
  if (::mkdir(bundle.dir.c_str(), kStateDirMode) != 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat("bundle ", bundle.dir,
                                                   " exists: a previous run did not clean up; remove it with \"",
                                                   DeleteCommand(state_root, id), "\""));
    }
    return ErrnoStatus(errno, bundle.dir);
  }
  if (::chmod(bundle.dir.c_str(), kStateDirMode) != 0) {
    const int err = errno;
    ::rmdir(bundle.dir.c_str());
    return ErrnoStatus(err, bundle.dir);
  }
  return absl::OkStatus();
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_BUNDLE_INL_H_
