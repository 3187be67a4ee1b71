// File: executor/exec-inl.h
//
// Definitions of executor/exec.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_EXEC_INL_H_
#define OCIKIT_EXECUTOR_EXEC_INL_H_

#include "executor/exec.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
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
#include "executor/container_id.h"
#include "executor/exit_code.h"
#include "executor/pidfile.h"
#include "executor/run.h"
#include "executor/runtime.h"
#include "executor/runtime_command.h"
#include "executor/signals.h"
#include "executor/subreaper.h"
#include "executor/supervise.h"
#include "executor/terminal.h"
#include "executor/unique_fd.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/json/writer.h"
#include "spec/opts/process.h"
#include "spec/json/fields.h"

namespace ocikit::executor {

OCIKIT_INLINE absl::StatusOr<Process> ExecProcessFromSpec(const Spec& spec, const ExecRequest& req) {
  if (req.args.empty()) return absl::InvalidArgumentError("no command given; expected ID COMMAND [ARG...]");
  Process p = spec.process ? *spec.process : Process();
  p.args = req.args;
  p.env = OverrideEnv(std::move(p.env), req.env);
  if (!req.cwd.empty()) {
    if (req.cwd.front() != '/') {
      return absl::InvalidArgumentError(absl::StrCat("--workdir \"", req.cwd, "\": expected an absolute path"));
    }
    p.cwd = req.cwd;
  }
  // push_back on the empty string, not `= "/"`: at -O2, g++ 12 reports a false
  // -Wrestrict for a one-character assignment (GCC bug 105329).
  if (p.cwd.empty()) p.cwd.push_back('/');
  if (req.user) p.user = *req.user;
  p.terminal = req.tty;
  p.console_size.reset();
  return p;
}

OCIKIT_INLINE std::string MarshalProcess(const Process& p) {
  std::string out;
  json::Writer writer(out, 0);
  json::Write(writer, p);
  writer.Finish();
  out.push_back('\n');
  return out;
}

namespace internal {

// The files of one exec, in the container's bundle.
struct ExecFiles {
  std::string process;  // the process.json for the runtime
  std::string pid;
  std::string socket;   // the console socket
};

OCIKIT_INLINE ExecFiles ExecFilesFor(const BundlePaths& b, absl::string_view tag) {
  return {absl::StrCat(b.dir, "/process-", tag, ".json"), absl::StrCat(b.dir, "/exec-", tag, ".pid"),
          absl::StrCat(b.dir, "/exec-", tag, ".sock")};
}

// One `ocikit exec` once its files are named.
struct ExecState {
  ExecState(const ExecOptions& o, const Messages& say, SignalChannel& signals, const BundlePaths& b,
            const ExecFiles& files)
      : o(o), say(say), signals(signals), b(b), files(files) {}

  const ExecOptions& o;
  const Messages& say;
  SignalChannel& signals;
  const BundlePaths& b;
  const ExecFiles& files;
  std::unique_ptr<RawMode> raw;
};

// The way out of every path once the process file may exist.
OCIKIT_INLINE int FinishExec(ExecState& e, int code) {
  e.raw.reset();
  ::unlink(e.files.process.c_str());
  ::unlink(e.files.pid.c_str());
  ReapChildren(e.signals, kReapGrace);
  return code;
}

// Says `message` (on a restored terminal) and finishes with `code`.
OCIKIT_INLINE int FailExec(ExecState& e, absl::string_view message, int code) {
  e.raw.reset();
  e.say(message);
  return FinishExec(e, code);
}

// `<runtime> exec --detach`, with the console socket `console` or none.
OCIKIT_INLINE absl::Status RuntimeExec(const ExecState& e, const ConsoleSocket* console) {
  UniqueFd null_in;
  RuntimeCommandOptions run;
  run.timeout = kRuntimeSetupTimeout;
  run.inherit_stdio = true;
  if (console != nullptr) {
    null_in.Reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    run.stdio.in = null_in.get();
  } else {
    run.stdio.in = ChildFd(e.o.in, STDIN_FILENO);
  }
  run.stdio.out = ChildFd(e.o.out, STDOUT_FILENO);
  run.stdio.err = ChildFd(e.o.err, STDERR_FILENO);
  std::vector<std::string> args = {"exec", "--detach", "--pid-file", e.files.pid, "--process", e.files.process};
  if (console != nullptr) args.insert(args.end(), {"--console-socket", console->path()});
  args.insert(args.end(), {"--", e.o.id});
  return RunRuntimeCommand(e.o.runtime, e.b.log, std::move(args), run).status();
}

// Supervises the exec'd process `pid`, ocikit's child.
OCIKIT_INLINE int SuperviseExec(ExecState& e, pid_t pid, UniqueFd& master, int winsize_from) {
  Supervision sup = SupervisionFor(e.o, pid, [&e](const std::string& line) { e.say(line); }, master, winsize_from);
  // The process is ocikit's child until reaped, so its pid cannot be reused.
  sup.forward = [pid](int sig) {
    ::kill(pid, sig);
    return true;
  };
  absl::StatusOr<SupervisionResult> result = Supervise(e.signals, sup);
  if (!result.ok()) return FailExec(e, result.status().message(), kExitOcikitError);
  return FinishExec(e, ExitCodeFromWaitStatus(result->status));
}

// Writes the process file, has the runtime start `process`, and supervises it.
OCIKIT_INLINE int ExecProcess(ExecState& e, const Process& process) {
  if (absl::Status s = WriteFileAtomic(e.files.process, MarshalProcess(process), 0600, FileSync::kAtomic); !s.ok()) {
    return FailExec(e, s.message(), kExitOcikitError);
  }
  std::optional<ConsoleSocket> console;
  if (process.terminal) {
    absl::StatusOr<ConsoleSocket> listening = ConsoleSocket::Listen(e.files.socket);
    if (!listening.ok()) return FailExec(e, listening.status().message(), kExitOcikitError);
    console = *std::move(listening);
  }
  if (absl::Status s = RuntimeExec(e, console ? &*console : nullptr); !s.ok()) {
    return FailExec(e, s.message(), ExitCodeForRuntimeError(s.message()));
  }
  absl::StatusOr<pid_t> pid = ReadPidFile(e.files.pid);
  if (!pid.ok()) return FailExec(e, pid.status().message(), kExitOcikitError);
  UniqueFd master;
  int winsize_from = -1;
  if (console) {
    absl::StatusOr<UniqueFd> received = console->ReceiveMaster(kConsoleTimeout);
    if (!received.ok()) {
      e.say(received.status().message());
      ::kill(*pid, SIGKILL);
      return FinishExec(e, kExitOcikitError);
    }
    master = *std::move(received);
    console.reset();
    winsize_from = ShareTerminal(e.o.in, e.o.out, e.o.interactive, master.get(), e.raw);
  }
  return SuperviseExec(e, *pid, master, winsize_from);
}
}  // namespace internal

OCIKIT_INLINE int ExecInContainer(const Process& process, const ExecOptions& o, std::ostream& messages) {
  const internal::Messages say(messages, "exec");
  const BundlePaths b = BundlePaths::For(o.state_root, o.id);
  struct stat st;
  if (::stat(b.dir.c_str(), &st) != 0) {
    say(absl::StrCat("no container \"", o.id, "\": its bundle ", b.dir, " does not exist"));
    return kExitOcikitError;
  }
  absl::StatusOr<std::string> tag = GenerateContainerId();
  if (!tag.ok()) {
    say(tag.status().message());
    return kExitOcikitError;
  }
  const internal::ExecFiles files = internal::ExecFilesFor(b, *tag);
  absl::StatusOr<std::unique_ptr<SignalChannel>> signals = SignalChannel::Open();
  if (!signals.ok()) {
    say(signals.status().message());
    return kExitOcikitError;
  }
  IgnoreSigpipe no_sigpipe;
  ChildSubreaper subreaper;
  internal::ExecState e(o, say, **signals, b, files);
  return internal::ExecProcess(e, process);
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_EXEC_INL_H_
