// File: executor/runtime_command.h
//
// Running one runtime command (create, start, kill, delete, state, list,
// exec) to completion, with a time limit, and turning a failure into one
// sentence with the runtime's own message: from its JSON log when there is
// one (only what this command appended), else from its stderr, else its exit
// status:
//
//   runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH
//
// Example:
//   absl::StatusOr<std::string> state = RunRuntimeCommand(rt, "", {"state", "web"}, {.capture_stdout = true});
//
// Dependencies: absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_RUNTIME_COMMAND_H_
#define OCIKIT_EXECUTOR_RUNTIME_COMMAND_H_


#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/runtime.h"
#include "executor/spawn.h"

namespace ocikit::executor {

// Time limits for runtime commands: create and start set up namespaces,
// mounts and cgroups; the others only read or signal.
inline constexpr absl::Duration kRuntimeSetupTimeout = absl::Seconds(60);
inline constexpr absl::Duration kRuntimeQuickTimeout = absl::Seconds(10);

struct RuntimeCommandOptions {
  absl::Duration timeout = kRuntimeQuickTimeout;
  bool capture_stdout = false;  // return stdout (state, list); else /dev/null
  bool inherit_stdio = false;   // give the command ocikit's stdio (create: the container's stdio)
  SpawnStdio stdio;             // with inherit_stdio: descriptors to give instead of ocikit's own
};

namespace internal {

// The last non-empty line of `text`.
std::string LastLine(absl::string_view text);

}  // namespace internal

// Runs `<runtime> <global flags> args...`; returns its stdout (when captured)
// or an error "<runtime> <command> failed: <why>". `log` may be empty (no
// --log, e.g. when the bundle is gone).
absl::StatusOr<std::string> RunRuntimeCommand(const Runtime& rt, const std::string& log,
                                                     std::vector<std::string> args,
                                                     const RuntimeCommandOptions& options = {});

// Whether a runtime error says the container is already gone or stopped, as
// when a kill races with the container's exit.
bool IsNotRunningError(absl::string_view message);

// Whether a runtime error says there is no container `id` (yet, or any
// more): runc's "container does not exist", crun's failure to open its state.
bool IsNoSuchContainerError(absl::string_view message);

// Sends `sig` to container `id` with `<runtime> kill`; `all` adds --all (all
// processes of the container, needed without a private pid namespace: E6).
absl::Status RuntimeKill(const Runtime& rt, const std::string& log, const std::string& id, int sig, bool all);

// `<runtime> delete [--force] id`.
absl::Status RuntimeDelete(const Runtime& rt, const std::string& log, const std::string& id, bool force);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_command-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_COMMAND_H_
