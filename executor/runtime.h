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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_RUNTIME_H_
#define OCIKIT_EXECUTOR_RUNTIME_H_


#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

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
std::string CurrentDir();

// Why `path` cannot be run, or "" when it is an executable regular file.
std::string NotRunnableReason(const std::string& path);

}  // namespace internal

// `path` made absolute against the current directory, and cleaned.
std::string AbsolutePath(absl::string_view path);

// Finds an executable: `name_or_path` with a '/' is used as it is (made
// absolute); a bare name is searched in `search_path` (a PATH value; the
// environment's PATH, or a fallback, when empty). `what` names it in errors
// ("runtime").
absl::StatusOr<std::string> FindExecutable(absl::string_view name_or_path, absl::string_view what,
                                                  absl::string_view search_path = "");

// The runtime `name_or_path` ("runc", "crun", "/usr/local/bin/runc") with its
// state root inside `state_root`.
absl::StatusOr<Runtime> ResolveRuntime(absl::string_view name_or_path, absl::string_view state_root);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_H_
