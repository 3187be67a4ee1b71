// File: executor/default_rootfs.h
//
// The rootfs `ocikit run` uses without --rootfs: the busybox tree that
// scripts/setup.sh (through scripts/make_rootfs.sh) assembles in the
// git-ignored <workspace>/.rootfs/busybox. It is looked for, in order:
//
//   1. $OCIKIT_DEFAULT_ROOTFS (set by scripts, or by users with their own tree);
//   2. the workspace of the binary: this library's runfiles carry a marker
//      file of the workspace (//:README.md), whose symlink leads back to the
//      source tree: <exe>.runfiles/ocikit/README.md, $RUNFILES_DIR, $TEST_SRCDIR;
//   3. $BUILD_WORKSPACE_DIRECTORY (`bazel run`);
//   4. the current directory and its parents (running bazel-bin/... from a
//      checkout).
//
// Example:
//   absl::StatusOr<std::string> rootfs = FindDefaultRootfs();
//   // "/home/me/ocikit/.rootfs/busybox", or an error saying to run scripts/setup.sh
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_
#define OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_


#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

inline constexpr char kDefaultRootfsEnv[] = "OCIKIT_DEFAULT_ROOTFS";
inline constexpr char kRootfsInWorkspace[] = ".rootfs/busybox";
// A file of the workspace in this library's runfiles (see the BUILD file).
inline constexpr char kWorkspaceMarker[] = "ocikit/README.md";

namespace internal {

bool IsDir(const std::string& path);

std::string RealPath(const std::string& path);

std::string Dirname(const std::string& path);

std::string Getenv(const char* name);

// Workspace directories that may hold .rootfs/busybox, in search order.
std::vector<std::string> WorkspaceCandidates();

}  // namespace internal

// The default rootfs (see the file comment), or NotFound saying how to make it.
absl::StatusOr<std::string> FindDefaultRootfs();

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/default_rootfs-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_
