// File: executor/run-inl.h
//
// Definitions of executor/run.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUN_INL_H_
#define OCIKIT_EXECUTOR_RUN_INL_H_

#include "executor/run.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <sys/wait.h>
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
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/console.h"
#include "executor/exit_code.h"
#include "executor/lifecycle.h"
#include "executor/pidfile.h"
#include "executor/prepare.h"
#include "executor/runtime.h"
#include "executor/runtime_command.h"
#include "executor/runtime_log.h"
#include "executor/setup.h"
#include "executor/spawn.h"
#include "executor/signals.h"
#include "executor/subreaper.h"
#include "executor/supervise.h"
#include "executor/terminal.h"
#include "executor/unique_fd.h"
#include "spec/config.h"
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE int ChildFd(int fd, int standard) { return fd == standard ? -1 : fd; }

OCIKIT_INLINE bool IsTerminatingSignal(int sig) { return sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT; }

OCIKIT_INLINE int FirstTerminatingSignal(const std::vector<int>& signals) {
  for (int sig : signals) {
    if (IsTerminatingSignal(sig)) return sig;
  }
  return 0;
}

OCIKIT_INLINE int ShareTerminal(int in, int out, bool interactive, int master, std::unique_ptr<RawMode>& raw) {
  int winsize_from = -1;
  if (::isatty(in)) {
    winsize_from = in;
    // Raw only when the keys go to the container (-i), as Docker does:
    // otherwise Ctrl-C must stay a SIGINT for ocikit to forward.
    if (interactive) {
      if (absl::StatusOr<std::unique_ptr<RawMode>> r = RawMode::Enter(in); r.ok()) raw = *std::move(r);
    }
  } else if (::isatty(out)) {
    winsize_from = out;
  }
  if (winsize_from >= 0) CopyWindowSize(winsize_from, master);
  return winsize_from;
}
}  // namespace internal

namespace internal {

// Says why a run or create failed before its bundle was set up, removing the
// bundle directory when the caller made it.
OCIKIT_INLINE int FailBeforeSetup(const Messages& say, const std::string& state_root, const std::string& id,
                                  bool bundle_created, absl::string_view message) {
  if (bundle_created) RemoveTree(BundlePaths::For(state_root, id).dir).IgnoreError();
  say(message);
  return kExitOcikitError;
}

// Prepares `spec` for run, or for create (`detached`: no terminal), and says
// its notes.
OCIKIT_INLINE absl::Status PrepareToRun(Spec& spec, const Runtime& rt, const PrepareOptions& prepare, bool detached,
                                        const Messages& say) {
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> notes, PrepareSpec(spec, rt, prepare));
  if (detached && spec.process->terminal) {
    return absl::FailedPreconditionError(
        "process.terminal: a detached container cannot have a terminal; use ocikit run -t, or ocikit exec -t once "
        "it runs");
  }
  for (const std::string& n : notes) say(n);
  return absl::OkStatus();
}

// One `ocikit run` once its bundle is set up.
struct RunState {
  RunState(const RunOptions& o, const Messages& say, SignalChannel& signals, BundleSetup& setup, bool kill_all)
      : o(o), say(say), signals(signals), setup(setup), kill_all(kill_all) {}

  const RunOptions& o;
  const Messages& say;
  SignalChannel& signals;
  BundleSetup& setup;
  bool kill_all;  // no private pid namespace: signal every process of the container
  std::unique_ptr<RawMode> raw;
  bool runtime_invoked = false;  // the runtime may have left state

  const Runtime& rt() const { return o.runtime; }
  const BundlePaths& bundle() const { return setup.bundle; }
};

OCIKIT_INLINE absl::Status KillContainer(const RunState& r, int sig) {
  return RuntimeKill(r.rt(), r.bundle().log, r.o.id, sig, r.kill_all);
}

// The way out of every path once the bundle is set up: removes the runtime's
// state and the bundle (kept when the container started and --keep-bundle),
// reaps what is left, and returns `code`.
OCIKIT_INLINE int FinishRun(RunState& r, int code, bool started) {
  r.raw.reset();
  if (r.o.on_finished) r.o.on_finished(code, started);
  if (r.runtime_invoked) {
    if (absl::Status s = RemoveRuntimeState(r.rt(), r.bundle().log, r.o.id); !s.ok()) {
      r.say(absl::StrCat(s.message(), "; remove the leftovers with \"",
                         DeleteCommand(r.o.state_root, r.o.id, /*force=*/true), "\""));
      if (code == kExitSuccess) code = kExitOcikitError;
      ReapChildren(r.signals, kReapGrace);
      return code;  // keep the bundle: `ocikit delete` needs it to find the runtime
    }
  }
  if (started) {
    r.setup.Keep();
    if (!r.o.keep_bundle) RemoveTree(r.bundle().dir).IgnoreError();
  } else {
    r.setup.Abandon(/*remove_bundle=*/!r.o.keep_bundle);
  }
  ReapChildren(r.signals, kReapGrace);
  return code;
}

// Says `message` (on a restored terminal) and finishes with `code`.
OCIKIT_INLINE int FailRun(RunState& r, absl::string_view message, int code, bool started) {
  r.raw.reset();
  r.say(message);
  return FinishRun(r, code, started);
}

// A signal to stop that came during the setup cancels the run: its number, or 0.
OCIKIT_INLINE int CancellingSignal(RunState& r) { return FirstTerminatingSignal(r.signals.ReadPending()); }

OCIKIT_INLINE int CancelRun(RunState& r, int sig) {
  return FailRun(r, absl::StrCat("received ", executor::SignalName(sig), " before the container started; removing it"),
                 kExitSignalBase + sig, false);
}

// Supervision of `<runtime> run` (process `runtime_pid`): signals go to the
// container through the runtime; `stop_signal` gets the first terminating one.
OCIKIT_INLINE Supervision RuntimeRunSupervision(RunState& r, pid_t runtime_pid, int& stop_signal) {
  Supervision sup;
  sup.pid = runtime_pid;
  sup.forward = [&r, &stop_signal](int sig) {
    if (stop_signal == 0 && IsTerminatingSignal(sig)) stop_signal = sig;
    // Not before the container has started (`run` writes the pid file
    // then): until then a signal reaches the runtime's init process at best,
    // which under load sometimes lets the container start without it (seen
    // with runc 1.1: the container then ran to its end). Keep it queued.
    if (!PathExists(r.bundle().pid_file)) return false;
    absl::Status s = KillContainer(r, sig);
    if (s.ok()) return true;
    // No container yet (being created: try again) or any more (the pid
    // file says it started, so it has ended: nothing to deliver).
    if (IsNoSuchContainerError(s.message())) return PathExists(r.bundle().pid_file);
    if (!IsNotRunningError(s.message())) r.say(s.message());
    return true;
  };
  sup.note = [&r](const std::string& line) { r.say(line); };
  sup.timeout = r.o.timeout;
  sup.stop_timeout = r.o.stop_timeout;
  sup.interrupt_stop_signal = r.o.stop_signal;
  sup.kill_pid_after = kRuntimeExitGrace;
  return sup;
}

// `<runtime> run` was killed (or crashed) and its container, now ocikit's
// child, may still run: kill it through the runtime (E1); when the runtime
// has no state for it, through its pid, which cannot have been reused while
// it is ocikit's unreaped child.
OCIKIT_INLINE int RuntimeRunKilled(RunState& r, const SupervisionResult& result, bool started) {
  r.say(absl::StrCat(r.rt().name, " run was killed by ", executor::SignalName(WTERMSIG(result.status)),
                     "; stopping and removing the container"));
  if (!KillContainer(r, SIGKILL).ok()) {
    if (absl::StatusOr<pid_t> pid = ReadPidFile(r.bundle().pid_file, absl::ZeroDuration()); pid.ok()) {
      int ignored;
      if (::waitpid(*pid, &ignored, WNOHANG) == 0) ::kill(*pid, SIGKILL);
    }
  }
  // Killed by ocikit after the timeout's SIGKILL: the container's end.
  return FinishRun(r, result.timed_out ? kExitSignalBase + SIGKILL : kExitOcikitError, started);
}

// `<runtime> run` exited with `code`: the container's exit code, or the
// runtime's own failure (told apart by its log after `log_offset`).
OCIKIT_INLINE int RuntimeRunExited(RunState& r, int code, const SupervisionResult& result, int stop_signal,
                                   uint64_t log_offset, bool started) {
  if (code != kExitSuccess && !started) {
    if (stop_signal != 0) {
      if (!result.timed_out) return CancelRun(r, stop_signal);
      return FailRun(r,
                     absl::StrCat("the container did not start within the timeout of ",
                                  absl::FormatDuration(r.o.timeout)),
                     kExitSignalBase + stop_signal, false);
    }
    std::string why = LastRuntimeError(r.bundle().log, log_offset, r.rt().name);
    if (why.empty()) why = absl::StrCat("exit status ", code, " and no message");
    return FailRun(r, absl::StrCat(r.rt().name, " run failed: ", why), ExitCodeForRuntimeError(why), false);
  }
  // runc exits with 1 when it fails itself after the start, as when the
  // container exits with 1; only its log tells them apart.
  if (code == 1) {
    const std::string error = LastRuntimeErrorEntry(r.bundle().log, log_offset);
    if (absl::StartsWith(error, absl::StrCat(r.rt().name, " run failed: "))) {
      return FailRun(r, error, kExitOcikitError, true);
    }
  }
  return FinishRun(r, code, true);
}

// Without a terminal: `<runtime> run` creates, starts, waits for and deletes
// the container.
OCIKIT_INLINE int RunWithoutTerminal(RunState& r) {
  if (const int sig = CancellingSignal(r); sig != 0) return CancelRun(r, sig);
  const BundlePaths& b = r.bundle();
  const SpawnStdio stdio = {ChildFd(r.o.in, STDIN_FILENO), ChildFd(r.o.out, STDOUT_FILENO),
                            ChildFd(r.o.err, STDERR_FILENO)};
  const uint64_t log_offset = LogSize(b.log);
  r.runtime_invoked = true;
  absl::StatusOr<pid_t> runtime_pid =
      Spawn(r.rt().Argv(b.log, {"run", "--bundle", b.dir, "--pid-file", b.pid_file, "--", r.o.id}), stdio,
            /*new_session=*/true);
  if (!runtime_pid.ok()) return FailRun(r, runtime_pid.status().message(), kExitOcikitError, false);
  int stop_signal = 0;  // the first terminating signal sent to the container
  absl::StatusOr<SupervisionResult> result =
      Supervise(r.signals, RuntimeRunSupervision(r, *runtime_pid, stop_signal));
  const bool started = PathExists(b.pid_file);  // written once the container started
  if (!result.ok()) {
    r.say(result.status().message());
    KillContainer(r, SIGKILL).IgnoreError();
    return FinishRun(r, kExitOcikitError, started);
  }
  if (!WIFEXITED(result->status)) return RuntimeRunKilled(r, *result, started);
  return RuntimeRunExited(r, WEXITSTATUS(result->status), *result, stop_signal, log_offset, started);
}

// `<runtime> create` with the console socket at `console_path`.
OCIKIT_INLINE absl::Status CreateWithConsole(RunState& r, const std::string& console_path) {
  const BundlePaths& b = r.bundle();
  UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  RuntimeCommandOptions create;
  create.timeout = kRuntimeSetupTimeout;
  create.inherit_stdio = true;
  create.stdio.in = null_in.get();
  create.stdio.out = ChildFd(r.o.out, STDOUT_FILENO);
  create.stdio.err = ChildFd(r.o.err, STDERR_FILENO);
  r.runtime_invoked = true;
  return RunRuntimeCommand(r.rt(), b.log,
                           {"create", "--bundle", b.dir, "--pid-file", b.pid_file, "--console-socket", console_path,
                            "--", r.o.id},
                           create)
      .status();
}

// Starts the created container `pid` and supervises it through `master`.
OCIKIT_INLINE int StartAndSupervise(RunState& r, pid_t pid, UniqueFd& master, int winsize_from) {
  RuntimeCommandOptions start;
  start.timeout = kRuntimeSetupTimeout;
  if (absl::Status s = RunRuntimeCommand(r.rt(), r.bundle().log, {"start", "--", r.o.id}, start).status(); !s.ok()) {
    return FailRun(r, s.message(), ExitCodeForRuntimeError(s.message()), false);
  }
  if (r.o.on_started) r.o.on_started(pid);
  Supervision sup = SupervisionFor(r.o, pid, [&r](const std::string& line) { r.say(line); }, master, winsize_from);
  sup.write_out = r.o.write_output;
  sup.interrupt_stop_signal = r.o.write_output ? 0 : r.o.stop_signal;
  sup.forward = [&r](int sig) {
    absl::Status s = KillContainer(r, sig);
    if (!s.ok() && !IsNotRunningError(s.message())) r.say(s.message());
    return true;
  };
  absl::StatusOr<SupervisionResult> result = Supervise(r.signals, sup);
  if (!result.ok()) {
    r.raw.reset();
    r.say(result.status().message());
    KillContainer(r, SIGKILL).IgnoreError();
    return FinishRun(r, kExitOcikitError, true);
  }
  return FinishRun(r, ExitCodeFromWaitStatus(result->status), true);
}

// `<runtime> create` with /dev/null as stdin and `output` as stdout and stderr.
OCIKIT_INLINE absl::Status CreateWithOutput(RunState& r, int output) {
  const BundlePaths& b = r.bundle();
  UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!null_in.valid()) return absl::InternalError(absl::StrCat("/dev/null: ", std::strerror(errno)));
  RuntimeCommandOptions create;
  create.timeout = kRuntimeSetupTimeout;
  create.inherit_stdio = true;
  create.stdio = {null_in.get(), output, output};
  r.runtime_invoked = true;
  return RunRuntimeCommand(r.rt(), b.log, {"create", "--bundle", b.dir, "--pid-file", b.pid_file, "--", r.o.id}, create)
      .status();
}

// Detached (5d): create with the output pipe, start, and wait for the
// container process, copying the pipe to `write_output`.
OCIKIT_INLINE int RunDetachedWithPipe(RunState& r) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return FailRun(r, absl::StrCat("pipe: ", std::strerror(errno)), kExitOcikitError, false);
  UniqueFd output(fds[0]);
  UniqueFd output_in(fds[1]);
  absl::Status created = CreateWithOutput(r, output_in.get());
  output_in.Reset();  // the container holds the write end now
  if (!created.ok()) return FailRun(r, created.message(), ExitCodeForRuntimeError(created.message()), false);
  absl::StatusOr<pid_t> pid = ReadPidFile(r.bundle().pid_file);
  if (!pid.ok()) return FailRun(r, pid.status().message(), kExitOcikitError, false);
  if (const int sig = CancellingSignal(r); sig != 0) return CancelRun(r, sig);
  return StartAndSupervise(r, *pid, output, -1);
}

// With a terminal: create, start, and wait for the container process.
OCIKIT_INLINE int RunWithTerminal(RunState& r) {
  absl::StatusOr<ConsoleSocket> listening = ConsoleSocket::Listen(r.bundle().console_socket);
  if (!listening.ok()) return FailRun(r, listening.status().message(), kExitOcikitError, false);
  std::optional<ConsoleSocket> console = *std::move(listening);
  if (absl::Status s = CreateWithConsole(r, console->path()); !s.ok()) {
    return FailRun(r, s.message(), ExitCodeForRuntimeError(s.message()), false);
  }
  absl::StatusOr<pid_t> pid = ReadPidFile(r.bundle().pid_file);
  if (!pid.ok()) return FailRun(r, pid.status().message(), kExitOcikitError, false);
  // The terminal, before the process starts.
  absl::StatusOr<UniqueFd> received = console->ReceiveMaster(kConsoleTimeout);
  if (!received.ok()) return FailRun(r, received.status().message(), kExitOcikitError, false);
  UniqueFd master = *std::move(received);
  console.reset();
  const int winsize_from = ShareTerminal(r.o.in, r.o.out, r.o.interactive, master.get(), r.raw);
  if (const int sig = CancellingSignal(r); sig != 0) return CancelRun(r, sig);
  return StartAndSupervise(r, *pid, master, winsize_from);
}
}  // namespace internal

OCIKIT_INLINE int RunContainer(Spec spec, const RunOptions& o, std::ostream& messages) {
  const internal::Messages say(messages, "run");
  const auto fail_early = [&](absl::string_view message) {
    return internal::FailBeforeSetup(say, o.state_root, o.id, o.bundle_created, message);
  };
  const bool detached = static_cast<bool>(o.write_output);
  if (absl::Status s = internal::PrepareToRun(spec, o.runtime, o.prepare, detached, say); !s.ok()) {
    return fail_early(s.message());
  }

  absl::StatusOr<std::unique_ptr<SignalChannel>> signals = SignalChannel::Open();
  if (!signals.ok()) return fail_early(signals.status().message());
  IgnoreSigpipe no_sigpipe;
  ChildSubreaper subreaper;
  if (!subreaper.ok()) {
    return fail_early(
        "cannot become a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so the container's exit status would be lost");
  }

  absl::StatusOr<BundleSetup> setup =
      SetUpBundle(spec, o.runtime, o.state_root, o.id, o.bundle_created, o.record_runtime);
  if (!setup.ok()) {
    say(setup.status().message());
    return kExitOcikitError;
  }
  internal::RunState run(o, say, **signals, *setup, /*kill_all=*/!HasPrivatePidNamespace(spec));
  if (spec.process->terminal) return internal::RunWithTerminal(run);
  return detached ? internal::RunDetachedWithPipe(run) : internal::RunWithoutTerminal(run);
}

OCIKIT_INLINE int CreateContainer(Spec spec, const CreateOptions& o, std::ostream& out, std::ostream& messages) {
  const internal::Messages say(messages, "create");
  const Runtime& rt = o.runtime;
  if (absl::Status s = internal::PrepareToRun(spec, rt, o.prepare, /*detached=*/true, say); !s.ok()) {
    return internal::FailBeforeSetup(say, o.state_root, o.id, o.bundle_created, s.message());
  }
  absl::StatusOr<std::unique_ptr<SignalChannel>> signals = SignalChannel::Open();
  if (!signals.ok()) {
    return internal::FailBeforeSetup(say, o.state_root, o.id, o.bundle_created, signals.status().message());
  }
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
      RunRuntimeCommand(rt, b.log, {"create", "--bundle", b.dir, "--pid-file", b.pid_file, "--", o.id}, create).status();
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

#endif  // OCIKIT_EXECUTOR_RUN_INL_H_
