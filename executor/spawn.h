// File: executor/spawn.h
//
// Starting and waiting for helper processes (the OCI runtime's commands).
// Children start with an empty signal mask and default dispositions for every
// signal, whatever the supervising ocikit blocks or ignores, so a runtime
// never inherits a blocked SIGTERM or an ignored SIGPIPE. They get the given
// stdio (or ocikit's own) and no other descriptor: ocikit opens everything
// else O_CLOEXEC.
//
// Output is captured into memfds rather than pipes, so a chatty child can
// never block on a full pipe while ocikit waits for it (runc #2530), and
// waiting has a time limit after which the child is killed.
//
// Example:
//   absl::StatusOr<CommandResult> r = RunCommand({"/usr/sbin/runc", "--version"}, {});
//   if (r.ok() && r->exit_code() == 0) std::cout << r->out;
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_SPAWN_H_
#define OCIKIT_EXECUTOR_SPAWN_H_


#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "executor/exit_code.h"
#include "executor/unique_fd.h"

extern char** environ;

namespace ocikit::executor {

// Where a spawned child's stdio goes: a descriptor of ours, or -1 to inherit
// ocikit's own.
struct SpawnStdio {
  int in = -1;
  int out = -1;
  int err = -1;
};

// Starts argv[0] (an absolute path; no PATH search) with `argv` and the
// current environment. With `new_session`, the child leads a session of its
// own (setsid): signals the terminal sends to ocikit's process group (Ctrl-C)
// do not reach it, and it has no controlling terminal, so reading or writing
// ocikit's terminal never stops it with SIGTTIN or SIGTTOU.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv, const SpawnStdio& stdio = {},
                                   bool new_session = false);

// How a waited-for child ended.
struct WaitResult {
  int status = 0;          // waitpid(2) status
  bool timed_out = false;  // killed with SIGKILL after the time limit
};

namespace internal {

int PidfdOpen(pid_t pid);

int PollTimeoutMs(absl::Time deadline);

pid_t WaitPidNoIntr(pid_t pid, int* status, int flags);

}  // namespace internal

// Waits for child `pid` to exit, at most `timeout`; then kills it with
// SIGKILL and reaps it. Reaps only `pid`, never another child.
absl::StatusOr<WaitResult> WaitChild(pid_t pid, absl::Duration timeout = absl::InfiniteDuration());

// What RunCommand returns: how the command ended and what it printed.
struct CommandResult {
  int status = 0;
  bool timed_out = false;
  std::string out;  // captured stdout (when asked for)
  std::string err;  // captured stderr (when asked for)

  bool success() const { return !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0; }
  int exit_code() const { return ExitCodeFromWaitStatus(status); }
};

struct CommandOptions {
  absl::Duration timeout = absl::InfiniteDuration();
  int stdin_fd = -1;             // -1: /dev/null
  bool capture_stdout = true;    // else inherit ocikit's stdout
  bool capture_stderr = true;    // else inherit ocikit's stderr
  size_t max_output = 16 << 20;  // bytes kept of each captured stream
};

namespace internal {

absl::StatusOr<UniqueFd> MemFd(const char* name);

std::string ReadBack(int fd, size_t max);

}  // namespace internal

// Runs `argv` to completion (see Spawn and WaitChild).
absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv, const CommandOptions& options);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/spawn-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_SPAWN_H_
