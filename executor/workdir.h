// File: executor/workdir.h
//
// Creating the process's working directory inside the rootfs before the
// runtime starts, owned by the process's user (as Docker and Podman create a
// WORKDIR), so a non-root process can write to it; runc would create it owned
// by root.
//
// The rootfs may be hostile, so the path is resolved as if chrooted into it:
// the longest existing prefix with ResolveInRoot (spec/rootfs/rootfs.h: each
// component opened with O_NOFOLLOW, symlinks spliced in and re-rooted at the
// rootfs, ".." stopping at its root); that prefix is then opened again one
// component at a time with O_NOFOLLOW|O_DIRECTORY, and the missing components
// are created with mkdirat under the descriptor of their parent, opened with
// O_NOFOLLOW, and chowned and chmodded through their own descriptor. No step
// follows a symlink out of the rootfs, and a component swapped for a symlink
// meanwhile makes the open fail instead of escaping.
//
// What was created can be removed again (Rollback) when the container never
// starts, so a failed run leaves nothing behind.
//
// Example:
//   absl::StatusOr<CreatedDirs> made = EnsureWorkdir("/var/lib/c/rootfs", "/work/app", 1000, 1000);
//   ... on failure before start: made->Rollback();
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_WORKDIR_H_
#define OCIKIT_EXECUTOR_WORKDIR_H_

#include <fcntl.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

// Mode of the directories EnsureWorkdir creates.
inline constexpr mode_t kWorkdirMode = 0755;

// The directories EnsureWorkdir created, each as its parent's descriptor and
// its name, outermost first.
class CreatedDirs {
 public:
  CreatedDirs() = default;
  CreatedDirs(CreatedDirs&&) = default;
  CreatedDirs& operator=(CreatedDirs&&) = default;

  void Add(UniqueFd parent, std::string name, std::string path) {
    dirs_.push_back({std::move(parent), std::move(name)});
    paths_.push_back(std::move(path));
  }
  // In-rootfs paths of the created directories ("/work", "/work/app").
  const std::vector<std::string>& paths() const { return paths_; }

  // Removes the created directories, innermost first (only while empty).
  void Rollback() {
    for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) ::unlinkat(it->parent.get(), it->name.c_str(), AT_REMOVEDIR);
    Release();
  }
  // Keeps the directories; closes the descriptors.
  void Release() {
    dirs_.clear();
    paths_.clear();
  }

 private:
  struct Dir {
    UniqueFd parent;
    std::string name;
  };
  std::vector<Dir> dirs_;
  std::vector<std::string> paths_;
};

namespace internal {

absl::Status WorkdirError(absl::string_view cwd, absl::string_view what);

}  // namespace internal

// Makes sure directory `cwd` (absolute, in-container) exists inside `rootfs`,
// creating the missing components with mode 0755 owned by host ids
// `uid`:`gid`. Existing components are left as they are.
absl::StatusOr<CreatedDirs> EnsureWorkdir(const std::string& rootfs, absl::string_view cwd, uid_t uid,
                                                 gid_t gid);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/workdir-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_WORKDIR_H_
