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
#ifndef OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_
#define OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

inline constexpr char kDefaultRootfsEnv[] = "OCIKIT_DEFAULT_ROOTFS";
inline constexpr char kRootfsInWorkspace[] = ".rootfs/busybox";
// A file of the workspace in this library's runfiles (see the BUILD file).
inline constexpr char kWorkspaceMarker[] = "ocikit/README.md";

namespace internal {

inline bool IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

inline std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return "";
  return buf;
}

inline std::string Dirname(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

inline std::string Getenv(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// Workspace directories that may hold .rootfs/busybox, in search order.
inline std::vector<std::string> WorkspaceCandidates() {
  std::vector<std::string> out;
  std::vector<std::string> runfiles;
  const std::string exe = RealPath("/proc/self/exe");
  if (!exe.empty()) runfiles.push_back(exe + ".runfiles");
  for (const char* env : {"RUNFILES_DIR", "TEST_SRCDIR"}) {
    if (std::string dir = Getenv(env); !dir.empty()) runfiles.push_back(dir);
  }
  for (const std::string& dir : runfiles) {
    const std::string marker = RealPath(absl::StrCat(dir, "/", kWorkspaceMarker));
    if (!marker.empty()) out.push_back(Dirname(marker));
  }
  if (std::string ws = Getenv("BUILD_WORKSPACE_DIRECTORY"); !ws.empty()) out.push_back(ws);
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof(cwd)) != nullptr) {
    for (std::string dir = cwd;; dir = Dirname(dir)) {
      out.push_back(dir);
      if (dir == "/") break;
    }
  }
  return out;
}

}  // namespace internal

// The default rootfs (see the file comment), or NotFound saying how to make it.
inline absl::StatusOr<std::string> FindDefaultRootfs() {
  if (std::string env = internal::Getenv(kDefaultRootfsEnv); !env.empty()) {
    if (internal::IsDir(env)) return env;
    return absl::NotFoundError(absl::StrCat("the default rootfs $", kDefaultRootfsEnv, " (", env,
                                            ") is not a directory; run scripts/setup.sh, or pass --rootfs DIR"));
  }
  std::vector<std::string> looked;
  for (const std::string& ws : internal::WorkspaceCandidates()) {
    const std::string candidate = absl::StrCat(ws == "/" ? "" : ws, "/", kRootfsInWorkspace);
    if (internal::IsDir(candidate)) return candidate;
    if (looked.size() < 4) looked.push_back(candidate);
  }
  return absl::NotFoundError(absl::StrCat("no default rootfs: ", kRootfsInWorkspace, " was not found (looked in ",
                                          absl::StrJoin(looked, ", "), looked.size() >= 4 ? ", ..." : "",
                                          "); run scripts/setup.sh to build it, set $", kDefaultRootfsEnv,
                                          ", or pass --rootfs DIR"));
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_DEFAULT_ROOTFS_H_
