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
  p.env = ReplaceOrAppendEnv(std::move(p.env), req.env);
  if (!req.cwd.empty()) {
    if (req.cwd.front() != '/') {
      return absl::InvalidArgumentError(absl::StrCat("--workdir \"", req.cwd, "\": expected an absolute path"));
    }
    p.cwd = req.cwd;
  }
  if (p.cwd.empty()) p.cwd = "/";
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

OCIKIT_INLINE int ExecInContainer(const Process& process, const ExecOptions& o, std::ostream& messages) {
  const internal::Messages say(messages);
  const Runtime& rt = o.runtime;
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
  const std::string process_file = absl::StrCat(b.dir, "/process-", *tag, ".json");
  const std::string pid_file = absl::StrCat(b.dir, "/exec-", *tag, ".pid");
  const std::string socket_path = absl::StrCat(b.dir, "/exec-", *tag, ".sock");
  absl::StatusOr<std::unique_ptr<SignalChannel>> opened = SignalChannel::Open();
  if (!opened.ok()) {
    say(opened.status().message());
    return kExitOcikitError;
  }
  SignalChannel& signals = **opened;
  IgnoreSigpipe no_sigpipe;
  ChildSubreaper subreaper;
  std::unique_ptr<RawMode> raw;
  const auto finish = [&](int code) {
    raw.reset();
    ::unlink(process_file.c_str());
    ::unlink(pid_file.c_str());
    ReapChildren(signals, kReapGrace);
    return code;
  };
  if (absl::Status s = WriteFileAtomic(process_file, MarshalProcess(process), 0600); !s.ok()) {
    say(s.message());
    return finish(kExitOcikitError);
  }
  std::optional<ConsoleSocket> console;
  if (process.terminal) {
    absl::StatusOr<ConsoleSocket> listening = ConsoleSocket::Listen(socket_path);
    if (!listening.ok()) {
      say(listening.status().message());
      return finish(kExitOcikitError);
    }
    console = *std::move(listening);
  }
  UniqueFd null_in;
  RuntimeCommandOptions run;
  run.timeout = kRuntimeSetupTimeout;
  run.inherit_stdio = true;
  if (console) {
    null_in.Reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    run.stdio.in = null_in.get();
  } else {
    run.stdio.in = internal::ChildFd(o.in, STDIN_FILENO);
  }
  run.stdio.out = internal::ChildFd(o.out, STDOUT_FILENO);
  run.stdio.err = internal::ChildFd(o.err, STDERR_FILENO);
  std::vector<std::string> args = {"exec", "--detach", "--pid-file", pid_file, "--process", process_file};
  if (console) args.insert(args.end(), {"--console-socket", console->path()});
  args.push_back(o.id);
  if (absl::Status s = RunRuntimeCommand(rt, b.log, std::move(args), run).status(); !s.ok()) {
    say(s.message());
    return finish(ExitCodeForRuntimeError(s.message()));
  }
  absl::StatusOr<pid_t> pid = ReadPidFile(pid_file);
  if (!pid.ok()) {
    say(pid.status().message());
    return finish(kExitOcikitError);
  }
  UniqueFd master;
  int winsize_from = -1;
  if (console) {
    absl::StatusOr<UniqueFd> received = console->ReceiveMaster(kConsoleTimeout);
    if (!received.ok()) {
      say(received.status().message());
      ::kill(*pid, SIGKILL);
      return finish(kExitOcikitError);
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
  Supervision sup = SupervisionFor(o, *pid, [&](const std::string& line) { say(line); }, master, winsize_from);
  // The process is ocikit's child until reaped, so its pid cannot be reused.
  sup.forward = [p = *pid](int sig) {
    ::kill(p, sig);
    return true;
  };
  absl::StatusOr<SupervisionResult> result = Supervise(signals, sup);
  raw.reset();
  if (!result.ok()) {
    say(result.status().message());
    return finish(kExitOcikitError);
  }
  return finish(ExitCodeFromWaitStatus(result->status));
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_EXEC_INL_H_
