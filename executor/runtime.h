// File: executor/runtime.h
//
// The OCI runtime ocikit drives (runc by default; crun supported): found early
// and explicitly, so a missing runtime is one clear error before anything is
// created (E15), and invoked with the same global flags every time:
//
//   <path> --root <state-root>/<name> --log <file> --log-format json <command> ...
//
// Each runtime keeps its containers' state under its own root inside ocikit's
// state root (/run/ocikit/runc, /run/ocikit/crun), apart from containers the
// runtime runs for other engines.
//
// Example:
//   absl::StatusOr<Runtime> rt = ResolveRuntime("runc", "/run/ocikit");
//   // rt->path "/usr/sbin/runc", rt->root "/run/ocikit/runc"
//   std::vector<std::string> argv = rt->Argv("/run/ocikit/bundles/x/runtime.log", {"start", "x"});
#ifndef OCIKIT_EXECUTOR_RUNTIME_H_
#define OCIKIT_EXECUTOR_RUNTIME_H_

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
#include "spec/pathutil.h"

namespace ocikit::executor {

inline constexpr absl::string_view kDefaultRuntime = "runc";

// The PATH searched when the environment has none (Go's and glibc's default
// for root, as in containerd).
inline constexpr absl::string_view kFallbackSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct Runtime {
  std::string name;  // "runc": the executable's file name
  std::string path;  // "/usr/sbin/runc"
  std::string root;  // the runtime's --root: "<state-root>/<name>"

  // Whether this is crun, whose command line differs in details.
  bool is_crun() const { return absl::StartsWith(name, "crun"); }

  // The command line for `args` (a runtime command and its arguments), with
  // the global flags; `log` (a file for --log, JSON format) may be empty.
  std::vector<std::string> Argv(const std::string& log, std::vector<std::string> args) const {
    std::vector<std::string> argv = {path, "--root", root};
    if (!log.empty()) {
      argv.insert(argv.end(), {"--log", log, "--log-format", "json"});
    }
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    return argv;
  }
};

namespace internal {

// The current directory, or "" when it cannot be read.
inline std::string CurrentDir() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "";
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

// Why `path` cannot be run, or "" when it is an executable regular file.
inline std::string NotRunnableReason(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "is a directory";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (::access(path.c_str(), X_OK) != 0) return "is not executable";
  return "";
}

}  // namespace internal

// `path` made absolute against the current directory, and cleaned.
inline std::string AbsolutePath(absl::string_view path) {
  if (!path.empty() && path.front() == '/') return CleanPath(path);
  return JoinPath({internal::CurrentDir(), path});
}

// Finds an executable: `name_or_path` with a '/' is used as it is (made
// absolute); a bare name is searched in `search_path` (a PATH value; the
// environment's PATH, or a fallback, when empty). `what` names it in errors
// ("runtime").
inline absl::StatusOr<std::string> FindExecutable(absl::string_view name_or_path, absl::string_view what,
                                                  absl::string_view search_path = "") {
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

// The runtime `name_or_path` ("runc", "crun", "/usr/local/bin/runc") with its
// state root inside `state_root`.
inline absl::StatusOr<Runtime> ResolveRuntime(absl::string_view name_or_path, absl::string_view state_root) {
  absl::StatusOr<std::string> path = FindExecutable(name_or_path, "runtime");
  if (!path.ok()) return path.status();
  Runtime rt;
  rt.path = *std::move(path);
  rt.name = rt.path.substr(rt.path.rfind('/') + 1);
  rt.root = JoinPath({state_root, rt.name});
  return rt;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUNTIME_H_
