// File: executor/supervise.h
//
// The foreground wait of `ocikit run` and `ocikit exec` for one child process
// `pid`: either the container process itself (ocikit is a child subreaper, so
// the container process is its child once the runtime command that started
// it has exited: `run -t`, `exec`), or the runtime's foreground `run`, which
// waits for its container and exits with its status (`ocikit run`). Meanwhile
// one poll(2) loop handles:
//
//   - signals (through the SignalChannel): SIGINT, SIGTERM, SIGHUP, SIGQUIT,
//     SIGUSR1 and SIGUSR2 are passed to `forward`, which reaches the container
//     (through `runc kill` for run, never by killing the runtime process: E1);
//     a signal `forward` could not deliver yet (the runtime is still creating
//     the container) is tried again every kForwardRetryInterval until it is
//     delivered or `pid` exits; SIGWINCH resizes the pty; SIGCHLD reaps every
//     exited child with WNOHANG, `pid` and any orphan re-parented to ocikit,
//     so no zombie stays;
//   - the time limit (--timeout): SIGTERM through `forward`, then SIGKILL when
//     the container is still there after the grace period (--stop-timeout);
//     and, when `kill_pid_after` is finite, SIGKILL to `pid` itself when it
//     is still there that long after the forwarded SIGKILL (a runtime stuck
//     after its container was killed through it);
//   - a second SIGINT (Ctrl-C pressed again) when `interrupt_stop_signal` is
//     set: the container got the first one and is still there, so it is
//     stopped: `interrupt_stop_signal` through `forward`, then SIGKILL after
//     stop_timeout, said through `note`, so a user can always get out;
//   - with a terminal: pty master -> stdout, and stdin -> master when stdin is
//     attached (-i); end of stdin sends ^D. The master is drained when the
//     container exits, and hung up (closed) when stdout's reader is gone.
//     The same copying serves a detached container's output pipe: `master`
//     is then the pipe's read end and `write_out` takes what it gives.
//
// Example:
//   Supervision s;
//   s.pid = pid;
//   s.forward = [&](int sig) { return RuntimeKill(...).ok(); };
//   absl::StatusOr<SupervisionResult> r = Supervise(*signals, s);
//   int code = ExitCodeFromWaitStatus(r->status);
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_SUPERVISE_H_
#define OCIKIT_EXECUTOR_SUPERVISE_H_


#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "executor/signals.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

// How often a signal `forward` could not deliver yet is tried again.
inline constexpr absl::Duration kForwardRetryInterval = absl::Milliseconds(10);

// What to wait for and how to reach it.
struct Supervision {
  pid_t pid = -1;  // the container process or the runtime's foreground `run`, a child of ocikit
  // Delivers a signal to the container; false when it cannot be delivered
  // yet and should be tried again (the container does not exist yet).
  std::function<bool(int)> forward;
  std::function<void(const std::string&)> note;  // informational lines ("timeout reached ...")
  absl::Duration timeout = absl::InfiniteDuration();  // --timeout
  absl::Duration stop_timeout = absl::Seconds(10);    // grace between SIGTERM and SIGKILL
  // After the time limit's forwarded SIGKILL: how long `pid` may still live
  // before ocikit kills it itself (infinite: never).
  absl::Duration kill_pid_after = absl::InfiniteDuration();
  // With a terminal:
  int master = -1;             // pty master, or -1 without a terminal
  int in = STDIN_FILENO;       // copied to the master when forward_stdin
  bool forward_stdin = false;  // -i
  int out = STDOUT_FILENO;     // receives the master's output
  int winsize_from = -1;       // local terminal whose size follows SIGWINCH, or -1
  std::function<void()> hang_up;  // closes the master: `out` no longer takes output
  // When set, takes the master's output instead of `out`; false when nobody
  // takes it any more.
  std::function<bool(const char*, size_t)> write_out;
  // The signal that stops the container on a second SIGINT, or 0 for none.
  int interrupt_stop_signal = 0;
};

// The Supervision fields run and exec fill alike from their options (which
// both have timeout, stop_timeout, in, out and interactive): the time limits,
// notes, and the terminal when `master` holds one. Callers add `forward`.
template <class Options>
Supervision SupervisionFor(const Options& o, pid_t pid, std::function<void(const std::string&)> note,
                           UniqueFd& master, int winsize_from) {
  Supervision sup;
  sup.pid = pid;
  sup.note = std::move(note);
  sup.timeout = o.timeout;
  sup.stop_timeout = o.stop_timeout;
  sup.master = master.get();
  sup.in = o.in;
  sup.forward_stdin = o.interactive;
  sup.out = o.out;
  sup.winsize_from = winsize_from;
  sup.hang_up = [&master] { master.Reset(); };
  return sup;
}

struct SupervisionResult {
  int status = 0;          // the waitpid status of `pid`
  bool timed_out = false;  // --timeout expired
};

namespace internal {

// Writes all of `data`; false when `fd` fails (its reader is gone: EPIPE).
bool WriteAllFd(int fd, const char* data, size_t size);

enum class MasterState { kOpen, kEnded, kOutputGone };

// Copies what the master has now to `out`, or to `write_out` when set.
MasterState PumpMaster(int master, int out, const std::function<bool(const char*, size_t)>& write_out = {});

}  // namespace internal

// Waits for `s.pid` as described in the file comment.
absl::StatusOr<SupervisionResult> Supervise(SignalChannel& signals, const Supervision& s);

// Reaps the children that have exited, waiting up to `grace` for the others
// (orphans of the container being killed by the runtime's delete).
void ReapChildren(SignalChannel& signals, absl::Duration grace);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/supervise-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_SUPERVISE_H_
