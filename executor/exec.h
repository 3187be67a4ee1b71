// File: executor/exec.h
//
// Running another process in a running container (ocikit exec). The process
// starts from the container's own process in its config.json (user, env,
// cwd, capabilities, rlimits...), with the command, extra environment,
// working directory, user and terminal changed as asked. It is written
// atomically to <bundle>/process-<rand>.json and run with
//
//   <runtime> exec --detach --pid-file P --process F [--console-socket S] ID
//
// so that, with ocikit a child subreaper, the process becomes ocikit's child
// when the runtime exits: ocikit waits for it, forwards signals to its host
// pid from the pid file (never to the runtime: E4), copies a pty like `run`,
// and returns its exit code. The process, pid and socket files are removed
// afterwards.
//
// Example:
//   ExecRequest req;
//   req.args = {"sh", "-c", "echo hi"};
//   absl::StatusOr<Process> p = ExecProcessFromSpec(spec, req);
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json re2
#ifndef OCIKIT_EXECUTOR_EXEC_H_
#define OCIKIT_EXECUTOR_EXEC_H_


#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "executor/run.h"

namespace ocikit::executor {

// What `ocikit exec` changes in the container's process.
struct ExecRequest {
  std::vector<std::string> args;  // required
  std::vector<std::string> env;   // KEY=VALUE (later wins, one entry per key; KEY alone unsets): OverrideEnv
  std::string cwd;                // "" keeps the container's
  std::optional<User> user;       // keeps the container's when absent
  bool tty = false;
};

// The process to exec: the container's own, changed by `req`.
absl::StatusOr<Process> ExecProcessFromSpec(const Spec& spec, const ExecRequest& req);

// The JSON of a process, as the runtime's --process reads it.
std::string MarshalProcess(const Process& p);

struct ExecOptions {
  std::string state_root = std::string(kDefaultStateRoot);
  Runtime runtime;
  std::string id;
  absl::Duration timeout = absl::InfiniteDuration();
  absl::Duration stop_timeout = absl::Seconds(10);
  bool interactive = false;
  int in = STDIN_FILENO;
  int out = STDOUT_FILENO;
  int err = STDERR_FILENO;
};

// Runs `process` in container `o.id` in the foreground; returns its exit code.
int ExecInContainer(const Process& process, const ExecOptions& o, std::ostream& messages);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/exec-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_EXEC_H_
