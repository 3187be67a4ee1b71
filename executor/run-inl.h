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
}  // namespace internal

OCIKIT_INLINE int RunContainer(Spec spec, const RunOptions& o, std::ostream& messages) {
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

  absl::StatusOr<BundleSetup> setup =
      SetUpBundle(spec, rt, o.state_root, o.id, o.bundle_created, o.record_runtime);
  if (!setup.ok()) {
    say(setup.status().message());
    return kExitOcikitError;
  }
  const BundlePaths& b = setup->bundle;
  std::unique_ptr<RawMode> raw;
  bool runtime_invoked = false;  // the runtime may have left state
  // Cleanup for every path from here on.
  const auto finish = [&](int code, bool started) {
    raw.reset();
    if (runtime_invoked) {
      if (absl::Status s = RemoveRuntimeState(rt, b.log, o.id); !s.ok()) {
        say(absl::StrCat(s.message(), "; remove the leftovers with \"",
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

  // A signal to stop that came during the setup cancels the run.
  const auto cancelled_by = [&]() { return internal::FirstTerminatingSignal(signals.ReadPending()); };
  const auto cancel = [&](int sig) {
    raw.reset();
    say(absl::StrCat("received ", SignalName(sig), " before the container started; removing it"));
    return finish(kExitSignalBase + sig, false);
  };

  if (!tty) {
    if (const int sig = cancelled_by(); sig != 0) return cancel(sig);
    // run: the runtime creates, starts, waits for and deletes the container.
    const SpawnStdio stdio = {internal::ChildFd(o.in, STDIN_FILENO), internal::ChildFd(o.out, STDOUT_FILENO),
                              internal::ChildFd(o.err, STDERR_FILENO)};
    const uint64_t log_offset = LogSize(b.log);
    runtime_invoked = true;
    absl::StatusOr<pid_t> runtime_pid =
        Spawn(rt.Argv(b.log, {"run", "--bundle", b.dir, "--pid-file", b.pid_file, o.id}), stdio,
              /*new_session=*/true);
    if (!runtime_pid.ok()) {
      say(runtime_pid.status().message());
      return finish(kExitOcikitError, false);
    }
    setup->SyncDir();  // while the runtime starts
    int stop_signal = 0;  // the first terminating signal sent to the container
    Supervision sup;
    sup.pid = *runtime_pid;
    sup.forward = [&](int sig) {
      if (stop_signal == 0 && internal::IsTerminatingSignal(sig)) stop_signal = sig;
      absl::Status s = RuntimeKill(rt, b.log, o.id, sig, kill_all);
      if (s.ok()) return true;
      // No container yet (being created: try again) or any more (the pid
      // file says it started, so it has ended: nothing to deliver).
      if (IsNoSuchContainerError(s.message())) return PathExists(b.pid_file);
      if (!IsNotRunningError(s.message())) say(s.message());
      return true;
    };
    sup.note = [&](const std::string& line) { say(line); };
    sup.timeout = o.timeout;
    sup.stop_timeout = o.stop_timeout;
    sup.kill_pid_after = kRuntimeExitGrace;
    absl::StatusOr<SupervisionResult> result = Supervise(signals, sup);
    const bool started = PathExists(b.pid_file);  // written once the container started
    if (!result.ok()) {
      say(result.status().message());
      RuntimeKill(rt, b.log, o.id, SIGKILL, kill_all).IgnoreError();
      return finish(kExitOcikitError, started);
    }
    const int status = result->status;
    if (!WIFEXITED(status)) {
      // The runtime died (killed, crashed) and its container, now ocikit's
      // child, may still run: kill it through the runtime (E1); when the
      // runtime has no state for it, through its pid, which cannot have been
      // reused while it is ocikit's unreaped child.
      say(absl::StrCat(rt.name, " run was killed by ", SignalName(WTERMSIG(status)),
                       "; stopping and removing the container"));
      if (!RuntimeKill(rt, b.log, o.id, SIGKILL, kill_all).ok()) {
        if (absl::StatusOr<pid_t> pid = ReadPidFile(b.pid_file, absl::ZeroDuration()); pid.ok()) {
          int ignored;
          if (::waitpid(*pid, &ignored, WNOHANG) == 0) ::kill(*pid, SIGKILL);
        }
      }
      // Killed by ocikit after the timeout's SIGKILL: the container's end.
      return finish(result->timed_out ? kExitSignalBase + SIGKILL : kExitOcikitError, started);
    }
    const int code = WEXITSTATUS(status);
    if (code != kExitSuccess && !started) {
      if (stop_signal != 0) {
        if (result->timed_out) {
          say(absl::StrCat("the container did not start within the timeout of ", absl::FormatDuration(o.timeout)));
          return finish(kExitSignalBase + stop_signal, false);
        }
        return cancel(stop_signal);
      }
      std::string why = LastRuntimeError(b.log, log_offset, rt.name);
      if (why.empty()) why = absl::StrCat("exit status ", code, " and no message");
      say(absl::StrCat(rt.name, " run failed: ", why));
      return finish(ExitCodeForRuntimeError(why), false);
    }
    // runc exits with 1 when it fails itself after the start, as when the
    // container exits with 1; only its log tells them apart.
    if (code == 1) {
      const std::string error = LastRuntimeErrorEntry(b.log, log_offset);
      if (absl::StartsWith(error, absl::StrCat(rt.name, " run failed: "))) {
        say(error);
        return finish(kExitOcikitError, true);
      }
    }
    return finish(code, true);
  }

  // With a terminal: create, start, and wait for the container process.
  setup->SyncDir();
  absl::StatusOr<ConsoleSocket> listening = ConsoleSocket::Listen(b.console_socket);
  if (!listening.ok()) {
    say(listening.status().message());
    return finish(kExitOcikitError, false);
  }
  std::optional<ConsoleSocket> console = *std::move(listening);

  // create
  UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  RuntimeCommandOptions create;
  create.timeout = kRuntimeSetupTimeout;
  create.inherit_stdio = true;
  create.stdio.in = null_in.get();
  create.stdio.out = internal::ChildFd(o.out, STDOUT_FILENO);
  create.stdio.err = internal::ChildFd(o.err, STDERR_FILENO);
  runtime_invoked = true;
  if (absl::Status s = RunRuntimeCommand(rt, b.log,
                                         {"create", "--bundle", b.dir, "--pid-file", b.pid_file, "--console-socket",
                                          console->path(), o.id},
                                         create)
                           .status();
      !s.ok()) {
    say(s.message());
    return finish(ExitCodeForRuntimeError(s.message()), false);
  }
  absl::StatusOr<pid_t> pid = ReadPidFile(b.pid_file);
  if (!pid.ok()) {
    say(pid.status().message());
    return finish(kExitOcikitError, false);
  }

  // The terminal, before the process starts.
  absl::StatusOr<UniqueFd> received = console->ReceiveMaster(kConsoleTimeout);
  if (!received.ok()) {
    say(received.status().message());
    return finish(kExitOcikitError, false);
  }
  UniqueFd master = *std::move(received);
  console.reset();
  int winsize_from = -1;
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

  if (const int sig = cancelled_by(); sig != 0) return cancel(sig);

  // start
  RuntimeCommandOptions start;
  start.timeout = kRuntimeSetupTimeout;
  if (absl::Status s = RunRuntimeCommand(rt, b.log, {"start", o.id}, start).status(); !s.ok()) {
    raw.reset();
    say(s.message());
    return finish(ExitCodeForRuntimeError(s.message()), false);
  }

  Supervision sup = SupervisionFor(o, *pid, [&](const std::string& line) { say(line); }, master, winsize_from);
  sup.forward = [&](int sig) {
    absl::Status s = RuntimeKill(rt, b.log, o.id, sig, kill_all);
    if (!s.ok() && !IsNotRunningError(s.message())) say(s.message());
    return true;
  };
  absl::StatusOr<SupervisionResult> result = Supervise(signals, sup);
  raw.reset();
  if (!result.ok()) {
    say(result.status().message());
    RuntimeKill(rt, b.log, o.id, SIGKILL, kill_all).IgnoreError();
    return finish(kExitOcikitError, true);
  }
  return finish(ExitCodeFromWaitStatus(result->status), true);
}

OCIKIT_INLINE int CreateContainer(Spec spec, const CreateOptions& o, std::ostream& out, std::ostream& messages) {
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
  setup->SyncDir();
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

#endif  // OCIKIT_EXECUTOR_RUN_INL_H_
