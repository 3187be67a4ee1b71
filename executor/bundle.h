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
//   container.log  stdout and stderr of a detached container (`run -d`: at
//                  most kContainerLogCap bytes; the previous part, as big,
//                  in container.log.1)
//   owner.lock     flocked by the process that owns the container (`ocikit
//                  run`, or the monitor of `run -d`) while it lives
//   status.json    ocikit's record of a container made by `ocikit run`
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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_BUNDLE_H_
#define OCIKIT_EXECUTOR_BUNDLE_H_


#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
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
  std::string container_log_previous;
  std::string owner_lock;
  std::string status;

  static BundlePaths For(absl::string_view state_root, absl::string_view id) {
    BundlePaths b;
    b.dir = JoinPath({state_root, "bundles", id});
    b.config = b.dir + "/config.json";
    b.runtime_file = b.dir + "/runtime";
    b.log = b.dir + "/runtime.log";
    b.pid_file = b.dir + "/pid";
    b.console_socket = b.dir + "/console.sock";
    b.container_log = b.dir + "/container.log";
    b.container_log_previous = b.dir + "/container.log.1";
    b.owner_lock = b.dir + "/owner.lock";
    b.status = b.dir + "/status.json";
    return b;
  }
};

// The command that removes container `id`'s leftovers, for messages:
// `ocikit delete x`, with --root when the state root is not the default.
std::string DeleteCommand(absl::string_view state_root, absl::string_view id, bool force = false);

// Whether anything (even a dangling symlink) is at `path`.
bool PathExists(const std::string& path);

// Creates directory `path` and its missing parents with exactly `mode`
// (umask aside); existing directories are left as they are.
absl::Status MakeDirs(const std::string& path, mode_t mode);

// Removes `path` and everything below it, never following symlinks nor
// crossing into other mounts. A missing `path` is not an error.
absl::Status RemoveTree(const std::string& path);

// Creates the bundle directory of container `id` (and the state root and
// bundles directory when missing). AlreadyExists, with the command that
// removes it, when the bundle is already there.
absl::Status CreateBundleDir(const BundlePaths& bundle, absl::string_view state_root, absl::string_view id);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/bundle-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_BUNDLE_H_
