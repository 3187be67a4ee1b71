// File: executor/runtime_command-inl.h
//
// Definitions of executor/runtime_command.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_COMMAND_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_COMMAND_INL_H_

#include "executor/runtime_command.h"
#include "spec/internal/compile_mode.h"
#include <sys/wait.h>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/runtime.h"
#include "executor/runtime_log.h"
#include "executor/signals.h"
#include "executor/spawn.h"
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE std::string LastLine(absl::string_view text) {
  std::string last;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty()) last = std::string(line);
  }
  return last;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::string> RunRuntimeCommand(const Runtime& rt, const std::string& log,
                                                     std::vector<std::string> args,
                                                     const RuntimeCommandOptions& options) {
  const std::string command = args.empty() ? "" : args.front();
  const uint64_t log_offset = LogSize(log);
  const std::vector<std::string> argv = rt.Argv(log, std::move(args));
  absl::StatusOr<CommandResult> r;
  if (options.inherit_stdio) {
    OCIKIT_ASSIGN_OR_RETURN(pid_t pid, Spawn(argv, options.stdio));
    OCIKIT_ASSIGN_OR_RETURN(WaitResult waited, WaitChild(pid, options.timeout));
    CommandResult result;
    result.status = waited.status;
    result.timed_out = waited.timed_out;
    r = std::move(result);
  } else {
    CommandOptions co;
    co.timeout = options.timeout;
    co.capture_stdout = true;
    co.capture_stderr = true;
    r = RunCommand(argv, co);
  }
  if (!r.ok()) return r.status();
  if (r->success()) return options.capture_stdout ? std::move(r->out) : std::string();
  std::string why = LastRuntimeError(log, log_offset, rt.name);
  if (why.empty()) why = StripRuntimeFailurePrefix(internal::LastLine(r->err), rt.name);
  // runc exec says "exec failed: ..." itself.
  if (absl::string_view w = why; !command.empty() && absl::ConsumePrefix(&w, absl::StrCat(command, " failed: "))) {
    why = std::string(w);
  }
  if (r->timed_out) {
    why = absl::StrCat("no answer within ", absl::FormatDuration(options.timeout), "; killed it");
  } else if (why.empty()) {
    why = WIFSIGNALED(r->status) ? absl::StrCat("killed by ", SignalName(WTERMSIG(r->status)))
                                 : absl::StrCat("exit status ", r->exit_code(), " and no message");
  }
  return absl::UnknownError(absl::StrCat(rt.name, " ", command, " failed: ", why));
}

OCIKIT_INLINE bool IsNotRunningError(absl::string_view message) {
  const std::string m = absl::AsciiStrToLower(message);
  return absl::StrContains(m, "not running") || absl::StrContains(m, "already finished") ||
         absl::StrContains(m, "does not exist") || absl::StrContains(m, "no such process") ||
         absl::StrContains(m, "container not found") || absl::StrContains(m, "is stopped");
}

OCIKIT_INLINE bool IsNoSuchContainerError(absl::string_view message) {
  const std::string m = absl::AsciiStrToLower(message);
  return absl::StrContains(m, "does not exist") || absl::StrContains(m, "container not found") ||
         (absl::StrContains(m, "error opening file") && absl::StrContains(m, "no such file or directory"));
}

OCIKIT_INLINE absl::Status RuntimeKill(const Runtime& rt, const std::string& log, const std::string& id, int sig, bool all) {
  std::vector<std::string> args = {"kill"};
  if (all) args.push_back("--all");
  args.insert(args.end(), {"--", id});
  args.push_back(absl::StrCat(sig));
  return RunRuntimeCommand(rt, log, std::move(args)).status();
}

OCIKIT_INLINE absl::Status RuntimeDelete(const Runtime& rt, const std::string& log, const std::string& id, bool force) {
  std::vector<std::string> args = {"delete"};
  if (force) args.push_back("--force");
  args.insert(args.end(), {"--", id});
  return RunRuntimeCommand(rt, log, std::move(args)).status();
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUNTIME_COMMAND_INL_H_
