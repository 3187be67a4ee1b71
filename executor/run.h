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
//   4. `<runtime> create --bundle B --pid-file B/pid [--console-socket S] ID`,
//      with the container's stdio (ocikit's own, or a pty via the console
//      socket: its size copied from the local terminal, which goes raw with
//      -i); the container's host pid from the pid file.
//   5. A terminating signal that arrived meanwhile cancels the run here.
//   6. `<runtime> start ID`, then Supervise (executor/supervise.h): waitpid
//      on the container's pid, signals forwarded with `<runtime> kill ID SIG`
//      (--all without a private pid namespace), --timeout, pty copying.
//   7. On every path: `<runtime> delete --force ID`, the bundle removed
//      (unless --keep-bundle; before the start, the created working
//      directory too), every child reaped.
//
// The exit code is the container's (128+N for signal N), 126/127 when the
// runtime could not run or find the command, 125 for anything else
// (executor/exit_code.h). Messages go to `messages`, one line each, prefixed
// "ocikit: ". The process's other children must not matter to the caller:
// ocikit reaps every child while it waits.
//
// Example:
//   RunOptions o;
//   o.runtime = *ResolveRuntime("runc", o.state_root);
//   o.id = *GenerateContainerId();
//   int code = RunContainer(std::move(spec), o, std::cerr);
#ifndef OCIKIT_EXECUTOR_RUN_H_
#define OCIKIT_EXECUTOR_RUN_H_

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/console.h"
#include "executor/exit_code.h"
#include "executor/pidfile.h"
#include "executor/prepare.h"
#include "executor/runtime.h"
#include "executor/runtime_command.h"
#include "executor/setup.h"
#include "executor/signals.h"
#include "executor/subreaper.h"
#include "executor/supervise.h"
#include "executor/terminal.h"
#include "executor/unique_fd.h"
#include "spec/config.h"

namespace ocikit::executor {

// How long the runtime has to send the pty over the console socket.
inline constexpr absl::Duration kConsoleTimeout = absl::Seconds(10);
// How long ocikit waits for orphans to die after `delete --force`.
inline constexpr absl::Duration kReapGrace = absl::Milliseconds(200);

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
  bool interactive = false;                            // -i: stdin to the pty, local terminal raw
  PrepareOptions prepare;
  // The container's stdio without a terminal; with one, what the pty is
  // copied from and to.
  int in = STDIN_FILENO;
  int out = STDOUT_FILENO;
  int err = STDERR_FILENO;
};

namespace internal {

// A one-line writer of "ocikit: ..." messages.
class Messages {
 public:
  explicit Messages(std::ostream& out) : out_(out) {}
  void operator()(absl::string_view line) const {
    out_ << "ocikit: " << line << "\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
};

// The fd to give a spawned child for `fd`: -1 (inherit) for ocikit's own.
inline int ChildFd(int fd, int standard) { return fd == standard ? -1 : fd; }

inline int FirstTerminatingSignal(const std::vector<int>& signals) {
  for (int sig : signals) {
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT) return sig;
  }
  return 0;
}

}  // namespace internal

// Runs `spec` in the foreground (see the file comment); returns the exit code.
inline int RunContainer(Spec spec, const RunOptions& o, std::ostream& messages) {
  const internal::Messages say(messages);
  const Runtime& rt = o.runtime;
  const auto fail_early = [&](absl::string_view message) {
    if (o.bundle_created) RemoveTree(BundlePaths::For(o.state_root, o.id).dir).IgnoreError();
    say(message);
    return kExitOcikitError;
  };
  absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec, rt, o.prepare);
  if (!notes.ok()) return fail_early(notes.status().message());
  for (const std::string& n : *notes) say(n);
  const bool tty = spec.process->terminal;
  const bool kill_all = !HasPrivatePidNamespace(spec);

  absl::StatusOr<std::unique_ptr<SignalChannel>> opened = SignalChannel::Open();
  if (!opened.ok()) return fail_early(opened.status().message());
  SignalChannel& signals = **opened;
  IgnoreSigpipe no_sigpipe;
  ChildSubreaper subreaper;
  if (!subreaper.ok()) {
    return fail_early(
        "cannot become a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so the container's exit status would be lost");
  }

  absl::StatusOr<BundleSetup> setup = SetUpBundle(spec, rt, o.state_root, o.id, o.bundle_created);
  if (!setup.ok()) {
    say(setup.status().message());
    return kExitOcikitError;
  }
  const BundlePaths& b = setup->bundle;
  std::unique_ptr<RawMode> raw;
  bool runtime_has_state = false;
  // Cleanup for every path from here on.
  const auto finish = [&](int code, bool started) {
    raw.reset();
    if (runtime_has_state) {
      absl::Status deleted = RuntimeDelete(rt, b.log, o.id, /*force=*/true);
      if (!deleted.ok() && !IsNotRunningError(deleted.message())) {
        say(absl::StrCat(deleted.message(), "; remove the leftovers with \"",
                         DeleteCommand(o.state_root, o.id, /*force=*/true), "\""));
        if (code == kExitSuccess) code = kExitOcikitError;
        ReapChildren(signals, kReapGrace);
        return code;  // keep the bundle: `ocikit delete` needs it to find the runtime
      }
    }
    if (started) {
      setup->Keep();
      if (!o.keep_bundle) RemoveTree(b.dir).IgnoreError();
    } else {
      setup->Abandon(/*remove_bundle=*/!o.keep_bundle);
    }
    ReapChildren(signals, kReapGrace);
    return code;
  };

  std::optional<ConsoleSocket> console;
  if (tty) {
    absl::StatusOr<ConsoleSocket> listening = ConsoleSocket::Listen(b.console_socket);
    if (!listening.ok()) {
      say(listening.status().message());
      return finish(kExitOcikitError, false);
    }
    console = *std::move(listening);
  }

  // create
  UniqueFd null_in;
  RuntimeCommandOptions create;
  create.timeout = kRuntimeSetupTimeout;
  create.inherit_stdio = true;
  if (tty) {
    null_in.Reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    create.stdio.in = null_in.get();
  } else {
    create.stdio.in = internal::ChildFd(o.in, STDIN_FILENO);
  }
  create.stdio.out = internal::ChildFd(o.out, STDOUT_FILENO);
  create.stdio.err = internal::ChildFd(o.err, STDERR_FILENO);
  std::vector<std::string> args = {"create", "--bundle", b.dir, "--pid-file", b.pid_file};
  if (console) args.insert(args.end(), {"--console-socket", console->path()});
  args.push_back(o.id);
  runtime_has_state = true;
  if (absl::Status s = RunRuntimeCommand(rt, b.log, std::move(args), create).status(); !s.ok()) {
    say(s.message());
    return finish(ExitCodeForRuntimeError(s.message()), false);
  }
  absl::StatusOr<pid_t> pid = ReadPidFile(b.pid_file);
  if (!pid.ok()) {
    say(pid.status().message());
    return finish(kExitOcikitError, false);
  }

  // The terminal, before the process starts.
  UniqueFd master;
  int winsize_from = -1;
  if (console) {
    absl::StatusOr<UniqueFd> received = console->ReceiveMaster(kConsoleTimeout);
    if (!received.ok()) {
      say(received.status().message());
      return finish(kExitOcikitError, false);
    }
    master = *std::move(received);
    console.reset();
    if (::isatty(o.in)) {
      winsize_from = o.in;
      // Raw only when the keys go to the container (-i), as Docker does:
      // otherwise Ctrl-C must stay a SIGINT for ocikit to forward.
      if (o.interactive) {
        if (absl::StatusOr<std::unique_ptr<RawMode>> r = RawMode::Enter(o.in); r.ok()) raw = *std::move(r);
      }
    } else if (::isatty(o.out)) {
      winsize_from = o.out;
    }
    if (winsize_from >= 0) CopyWindowSize(winsize_from, master.get());
  }

  // A signal to stop that came during the setup cancels the run.
  if (const int sig = internal::FirstTerminatingSignal(signals.ReadPending()); sig != 0) {
    raw.reset();
    say(absl::StrCat("received ", SignalName(sig), " before the container started; removing it"));
    return finish(kExitSignalBase + sig, false);
  }

  // start
  RuntimeCommandOptions start;
  start.timeout = kRuntimeSetupTimeout;
  if (absl::Status s = RunRuntimeCommand(rt, b.log, {"start", o.id}, start).status(); !s.ok()) {
    raw.reset();
    say(s.message());
    return finish(ExitCodeForRuntimeError(s.message()), false);
  }

  Supervision sup;
  sup.pid = *pid;
  sup.forward = [&](int sig) {
    absl::Status s = RuntimeKill(rt, b.log, o.id, sig, kill_all);
    if (!s.ok() && !IsNotRunningError(s.message())) say(s.message());
  };
  sup.note = [&](const std::string& line) { say(line); };
  sup.timeout = o.timeout;
  sup.stop_timeout = o.stop_timeout;
  sup.master = master.get();
  sup.in = o.in;
  sup.forward_stdin = o.interactive;
  sup.out = o.out;
  sup.winsize_from = winsize_from;
  sup.hang_up = [&master] { master.Reset(); };
  absl::StatusOr<SupervisionResult> result = Supervise(signals, sup);
  raw.reset();
  if (!result.ok()) {
    say(result.status().message());
    RuntimeKill(rt, b.log, o.id, SIGKILL, kill_all).IgnoreError();
    return finish(kExitOcikitError, true);
  }
  return finish(ExitCodeFromWaitStatus(result->status), true);
}

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
inline int CreateContainer(Spec spec, const CreateOptions& o, std::ostream& out, std::ostream& messages) {
  const internal::Messages say(messages);
  const Runtime& rt = o.runtime;
  const auto fail_early = [&](absl::string_view message) {
    if (o.bundle_created) RemoveTree(BundlePaths::For(o.state_root, o.id).dir).IgnoreError();
    say(message);
    return kExitOcikitError;
  };
  absl::StatusOr<std::vector<std::string>> notes = PrepareSpec(spec, rt, o.prepare);
  if (!notes.ok()) return fail_early(notes.status().message());
  if (spec.process->terminal) {
    return fail_early("process.terminal: a detached container cannot have a terminal; use ocikit run -t, or "
                      "ocikit exec -t once it runs");
  }
  for (const std::string& n : *notes) say(n);
  absl::StatusOr<std::unique_ptr<SignalChannel>> signals = SignalChannel::Open();
  if (!signals.ok()) return fail_early(signals.status().message());
  absl::StatusOr<BundleSetup> setup = SetUpBundle(spec, rt, o.state_root, o.id, o.bundle_created);
  if (!setup.ok()) {
    say(setup.status().message());
    return kExitOcikitError;
  }
  const BundlePaths& b = setup->bundle;
  const auto abandon = [&](int code) {
    RuntimeDelete(rt, b.log, o.id, /*force=*/true).IgnoreError();
    setup->Abandon(/*remove_bundle=*/true);
    return code;
  };
  UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  UniqueFd log(::open(b.container_log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!null_in.valid() || !log.valid()) {
    say(absl::StrCat(b.container_log, ": ", std::strerror(errno)));
    return abandon(kExitOcikitError);
  }
  RuntimeCommandOptions create;
  create.timeout = kRuntimeSetupTimeout;
  create.inherit_stdio = true;
  create.stdio = {null_in.get(), log.get(), log.get()};
  absl::Status s =
      RunRuntimeCommand(rt, b.log, {"create", "--bundle", b.dir, "--pid-file", b.pid_file, o.id}, create).status();
  if (!s.ok()) {
    say(s.message());
    return abandon(ExitCodeForRuntimeError(s.message()));
  }
  if (const int sig = internal::FirstTerminatingSignal((*signals)->ReadPending()); sig != 0) {
    say(absl::StrCat("received ", SignalName(sig), " while creating the container; removing it"));
    return abandon(kExitSignalBase + sig);
  }
  setup->Keep();
  out << o.id << "\n";
  out.flush();
  return kExitSuccess;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUN_H_
