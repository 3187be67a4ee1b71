// File: executor/runtime-inl.h
//
// Definitions of executor/runtime.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_INL_H_

#include "executor/runtime.h"
#include "spec/internal/compile_mode.h"
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/pathutil.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE std::string CurrentDir() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "";
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

OCIKIT_INLINE std::string NotRunnableReason(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "is a directory";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (::access(path.c_str(), X_OK) != 0) return "is not executable";
  return "";
}
}  // namespace internal

OCIKIT_INLINE std::string AbsolutePath(absl::string_view path) {
  if (!path.empty() && path.front() == '/') return CleanPath(path);
  return JoinPath({internal::CurrentDir(), path});
}

OCIKIT_INLINE absl::StatusOr<std::string> FindExecutable(absl::string_view name_or_path, absl::string_view what,
                                                  absl::string_view search_path) {
  if (name_or_path.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " name is empty"));
  if (absl::StrContains(name_or_path, '/')) {
    const std::string path = AbsolutePath(name_or_path);
    if (std::string why = internal::NotRunnableReason(path); !why.empty()) {
      return absl::NotFoundError(absl::StrCat(what, " \"", name_or_path, "\": ", why));
    }
    return path;
  }
  std::string searched(search_path);
  if (searched.empty()) {
    const char* env = std::getenv("PATH");
    searched = env != nullptr && *env != '\0' ? env : std::string(kFallbackSearchPath);
  }
  for (absl::string_view dir : absl::StrSplit(searched, ':')) {
    if (dir.empty() || dir.front() != '/') continue;  // never relative to the current directory
    const std::string candidate = JoinPath({dir, name_or_path});
    if (internal::NotRunnableReason(candidate).empty()) return candidate;
  }
  return absl::NotFoundError(absl::StrCat(what, " \"", name_or_path, "\" not found in PATH (", searched,
                                          "); install it or give its full path"));
}

OCIKIT_INLINE absl::StatusOr<Runtime> ResolveRuntime(absl::string_view name_or_path, absl::string_view state_root) {
  OCIKIT_ASSIGN_OR_RETURN(std::string path, FindExecutable(name_or_path, "runtime"));
  Runtime rt;
  rt.path = std::move(path);
  rt.name = rt.path.substr(rt.path.rfind('/') + 1);
  rt.root = JoinPath({state_root, rt.name});
  return rt;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUNTIME_INL_H_
