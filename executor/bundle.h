// File: executor/bundle.h
//
// The per-container bundle directory, <state-root>/bundles/<id>:
//
//   config.json    the spec, written atomically with mode 0600
//   runtime        the runtime's path, so later lifecycle commands use the
//                  runtime that created the container (absent for the
//                  default runtime after `ocikit run`: runc from PATH)
//   runtime.log    the runtime's JSON log (--log)
//   pid            the container's host pid (--pid-file)
//   console.sock   the console socket, for a terminal
//   process-*.json `exec` processes
//   container.log  stdout and stderr of a detached container
//
// The state root and bundles directory are created 0711 (searchable, not
// listable), the bundle itself 0711. A bundle that already exists is refused:
// it is what a crashed earlier run left, and reusing it could mix two
// containers' files; `ocikit delete ID` removes it.
//
// Example:
//   BundlePaths b = BundlePaths::For("/run/ocikit", "web");
//   OCIKIT_RETURN_IF_ERROR(CreateBundleDir(b, "/run/ocikit", "web"));
//   ... RemoveTree(b.dir);
#ifndef OCIKIT_EXECUTOR_BUNDLE_H_
#define OCIKIT_EXECUTOR_BUNDLE_H_

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
#include "spec/pathutil.h"

namespace ocikit::executor {

// Where ocikit keeps bundles and runtime state unless --root says otherwise.
inline constexpr absl::string_view kDefaultStateRoot = "/run/ocikit";

// Mode of the state root, the bundles directory and each bundle.
inline constexpr mode_t kStateDirMode = 0711;

// The paths of one container's bundle.
struct BundlePaths {
  std::string dir;
  std::string config;
  std::string runtime_file;
  std::string log;
  std::string pid_file;
  std::string console_socket;
  std::string container_log;

  static BundlePaths For(absl::string_view state_root, absl::string_view id) {
    BundlePaths b;
    b.dir = JoinPath({state_root, "bundles", id});
    b.config = b.dir + "/config.json";
    b.runtime_file = b.dir + "/runtime";
    b.log = b.dir + "/runtime.log";
    b.pid_file = b.dir + "/pid";
    b.console_socket = b.dir + "/console.sock";
    b.container_log = b.dir + "/container.log";
    return b;
  }
};

// The command that removes container `id`'s leftovers, for messages:
// `ocikit delete x`, with --root when the state root is not the default.
inline std::string DeleteCommand(absl::string_view state_root, absl::string_view id, bool force = false) {
  return absl::StrCat("ocikit delete ", force ? "--force " : "",
                      state_root == kDefaultStateRoot ? "" : absl::StrCat("--root ", state_root, " "), id);
}

// Whether anything (even a dangling symlink) is at `path`.
inline bool PathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Creates directory `path` and its missing parents with exactly `mode`
// (umask aside); existing directories are left as they are.
inline absl::Status MakeDirs(const std::string& path, mode_t mode) {
  if (path.empty()) return absl::InvalidArgumentError("empty directory path");
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(path, ": exists and is not a directory"));
  }
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    if (absl::Status s = MakeDirs(path.substr(0, slash), mode); !s.ok()) return s;
  }
  if (::mkdir(path.c_str(), mode) != 0) {
    if (errno == EEXIST) return absl::OkStatus();  // made concurrently
    return ErrnoStatus(errno, path);
  }
  if (::chmod(path.c_str(), mode) != 0) return ErrnoStatus(errno, path);
  return absl::OkStatus();
}

// Removes `path` and everything below it, never following symlinks nor
// crossing into other mounts. A missing `path` is not an error.
inline absl::Status RemoveTree(const std::string& path) {
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

// Creates the bundle directory of container `id` (and the state root and
// bundles directory when missing). AlreadyExists, with the command that
// removes it, when the bundle is already there.
inline absl::Status CreateBundleDir(const BundlePaths& bundle, absl::string_view state_root, absl::string_view id) {
  const std::string parent = bundle.dir.substr(0, bundle.dir.find_last_of('/'));
  if (absl::Status s = MakeDirs(parent, kStateDirMode); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("cannot create the bundles directory: ", s.message()));
  }
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

#endif  // OCIKIT_EXECUTOR_BUNDLE_H_
