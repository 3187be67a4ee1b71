// File: executor/run.h
//
// Running a container: `RunContainer` in the foreground (ocikit run) and
// `CreateContainer` detached (ocikit create). The foreground lifecycle follows
// BuildKit's runc executor and the pitfalls its users hit (field lessons
// E1-E16):
//
//   1. PrepareSpec: every input problem fails here, before anything exists,
//      with exit code 125 (executor/prepare.h); rlimits the caller cannot
//      grant are lowered with a warning, or refused with --strict-rlimits.
//   2. Handled signals are blocked and read from a signalfd; ocikit becomes a
//      child subreaper.
//   3. The bundle: config.json, the working directory in the rootfs.
//   4. A terminating signal that arrived meanwhile cancels the run here.
//   5. Without a terminal, one runtime process does the rest, as BuildKit's
//      executor runs it: `<runtime> run --bundle B --pid-file B/pid ID` in
//      the foreground, in a session of its own (Ctrl-C reaches ocikit only),
//      with ocikit's stdio (runc relays it to the container through pipes;
//      crun passes it on). The runtime creates and starts the container,
//      reaps it and its orphans (it is a subreaper too), deletes it, and exits
//      with the container's status (128+N for signal N). Supervise
//      (executor/supervise.h) waits for the runtime process:
//        - signals go to the container with `<runtime> kill ID SIG` (--all
//          without a private pid namespace), never to the runtime process
//          (E1); until the container has started (no pid file yet), they
//          are kept and sent once it has: sent during the create, they reach
//          the runtime's init process at best, which does not always act on
//          them (the container then starts without them);
//        - --timeout sends SIGTERM, then SIGKILL, the same way, and kills the
//          runtime process itself only when it is still there 5 s after its
//          container got SIGKILL;
//        - the pid file tells whether the container started: without it, a
//          failing runtime failed itself (its logged error: 125, or 126/127
//          for the command); with it, the status is the container's, unless
//          runc exited with 1 after logging "runc run failed: ..." (125);
//        - a runtime that dies (killed, crashed) leaves its container, now
//          re-parented to ocikit, running: ocikit kills it through the
//          runtime (E1), or through the pid from the pid file when the
//          runtime has no state for it; the run fails with 125.
//   5t. With a terminal (-t) the pty must come over the console socket, which
//      runc takes only when it does not wait itself: `<runtime> create
//      --bundle B --pid-file B/pid --console-socket S ID`, the pty's size
//      copied from the local terminal (raw with -i), the container's host pid
//      from the pid file, `<runtime> start ID`; Supervise then waits for the
//      container process itself (ocikit's child through the subreaper),
//      forwarding signals as above and copying the pty.
//   5d. Detached (the monitor of `ocikit run -d`, executor/monitor.h): as 5t,
//      `<runtime> create` then `start`, but the container's stdin is
//      /dev/null and its stdout and stderr one pipe, which Supervise copies
//      to `write_output` (the size-capped container.log); `on_started` is
//      told the container's pid once it runs.
//   6. On every path: the runtime state removed when there is any (a stat of
//      its state directory; `<runtime> delete --force` only when it exists:
//      after create, a failure, or a runtime that died), the bundle removed
//      (unless --keep-bundle; when the container never started, the created
//      working directory too), every child reaped.
//
// The exit code is the container's (128+N for signal N), 126/127 when the
// runtime could not run or find the command, 125 for anything else
// (executor/exit_code.h). Messages go to `messages`, one line each, prefixed
// "ocikit: run: " ("ocikit: create: " for CreateContainer). The process's
// other children must not matter to the caller: ocikit reaps every child
// while it waits.
//
// Example:
//   RunOptions o;
//   o.runtime = *ResolveRuntime("runc", o.state_root);
//   o.id = *GenerateContainerId();
//   int code = RunContainer(std::move(spec), o, std::cerr);
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_RUN_H_
#define OCIKIT_EXECUTOR_RUN_H_


#include <signal.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/setup.h"
#include "executor/prepare.h"
#include "executor/terminal.h"

namespace ocikit::executor {

// How long the runtime has to send the pty over the console socket.
inline constexpr absl::Duration kConsoleTimeout = absl::Seconds(10);
// How long ocikit waits for orphans to die after `delete --force`.
inline constexpr absl::Duration kReapGrace = absl::Milliseconds(200);
// How long the runtime's foreground `run` may take to exit once its container
// got SIGKILL (--timeout) before ocikit kills the runtime process too.
inline constexpr absl::Duration kRuntimeExitGrace = absl::Seconds(5);

struct RunOptions {
  std::string state_root = std::string(kDefaultStateRoot);
  Runtime runtime;   // resolved (ResolveRuntime)
  std::string id;    // validated (ValidateContainerId)
  // The caller made the bundle directory (CreateBundleDir) and built the spec
  // into it (generated resolv.conf and hosts); it is removed like the rest.
  bool bundle_created = false;
  absl::Duration timeout = absl::InfiniteDuration();  // --timeout
  absl::Duration stop_timeout = absl::Seconds(10);     // --stop-timeout
  bool keep_bundle = false;                            // --keep-bundle
  // Whether to record the runtime's path in the bundle (executor/setup.h);
  // false for the default runtime given by name, which later commands
  // (ocikit kill, exec, delete) find the same way without the file.
  bool record_runtime = true;
  bool interactive = false;                            // -i: stdin to the pty, local terminal raw
  // --stop-signal: sent on the second Ctrl-C (then SIGKILL after
  // stop_timeout), so a container that ignores SIGINT can still be left.
  int stop_signal = SIGTERM;
  // Detached (5d): takes the container's stdout and stderr; unset in the
  // foreground.
  std::function<bool(const char*, size_t)> write_output;
  // Told the container's host pid once it started (5t and 5d).
  std::function<void(pid_t)> on_started;
  // Told the exit code, and whether the container started, before the
  // runtime state and the bundle are removed.
  std::function<void(int code, bool started)> on_finished;
  PrepareOptions prepare;
  // The container's stdio without a terminal; with one, what the pty is
  // copied from and to.
  int in = STDIN_FILENO;
  int out = STDOUT_FILENO;
  int err = STDERR_FILENO;
};

namespace internal {

// A one-line writer of "ocikit: <command>: ..." messages, the style of
// every ocikit command's errors.
class Messages {
 public:
  Messages(std::ostream& out, absl::string_view command) : out_(out), command_(command) {}
  void operator()(absl::string_view line) const {
    out_ << "ocikit: " << command_ << ": " << line << "\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  absl::string_view command_;  // a string literal: "run", "create", "exec"
};

// The fd to give a spawned child for `fd`: -1 (inherit) for ocikit's own.
int ChildFd(int fd, int standard);

// Whether `sig`, forwarded, asks the container to stop.
bool IsTerminatingSignal(int sig);

int FirstTerminatingSignal(const std::vector<int>& signals);

// Readies ocikit's terminal for a container's terminal `master` (run -t and
// exec -t): raw mode, kept in `raw`, when the keys go to the container
// (`interactive`), and master's window size. Returns the fd (`in` or `out`)
// whose window size master follows, or -1.
int ShareTerminal(int in, int out, bool interactive, int master, std::unique_ptr<RawMode>& raw);

}  // namespace internal

// Runs `spec` in the foreground (see the file comment); returns the exit code.
int RunContainer(Spec spec, const RunOptions& o, std::ostream& messages);

struct CreateOptions {
  std::string state_root = std::string(kDefaultStateRoot);
  Runtime runtime;
  std::string id;
  bool bundle_created = false;  // as RunOptions::bundle_created
  PrepareOptions prepare;
};

// Creates container `spec` detached (ocikit create): the bundle and
// `<runtime> create`, and prints the id to `out`. The container's stdout and
// stderr go to <bundle>/container.log and its stdin is /dev/null: a detached
// container holding ocikit's stdout would hang whoever reads it until the
// container exits (runc #1721). A terminal needs a foreground ocikit.
int CreateContainer(Spec spec, const CreateOptions& o, std::ostream& out, std::ostream& messages);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/run-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUN_H_
