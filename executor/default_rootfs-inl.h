// File: executor/default_rootfs-inl.h
//
// Definitions of executor/default_rootfs.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_DEFAULT_ROOTFS_INL_H_
#define OCIKIT_EXECUTOR_DEFAULT_ROOTFS_INL_H_

#include "executor/default_rootfs.h"
#include "spec/internal/compile_mode.h"
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

namespace internal {

OCIKIT_INLINE bool IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

OCIKIT_INLINE std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return "";
  return buf;
}

OCIKIT_INLINE std::string Dirname(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

OCIKIT_INLINE std::string Getenv(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

OCIKIT_INLINE std::vector<std::string> WorkspaceCandidates() {
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

OCIKIT_INLINE absl::StatusOr<std::string> FindDefaultRootfs() {
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

#endif  // OCIKIT_EXECUTOR_DEFAULT_ROOTFS_INL_H_
