// File: executor/cli/lifecycle_commands.h
//
// The detached lifecycle after `ocikit create`: start, state, kill, delete
// and exec (`list` is `ocikit ps`, executor/cli/container_commands.h), delegating to the runtime's own commands with ocikit's state
// root (executor/lifecycle.h, executor/exec.h). Each takes --root and
// --runtime; by default the runtime that created the container is used.
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_CLI_LIFECYCLE_COMMANDS_H_
#define OCIKIT_EXECUTOR_CLI_LIFECYCLE_COMMANDS_H_

#include <signal.h>

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
#include "executor/cli/command.h"
#include "executor/cli/run_command.h"
#include "executor/container_id.h"
#include "executor/exec.h"
#include "executor/lifecycle.h"
#include "executor/runtime.h"
#include "executor/signals.h"
#include "spec/codec.h"
#include "executor/flags/arg_parser.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"

namespace ocikit::cli {

namespace internal {

// Flags and operands of a lifecycle command.
struct LifecycleFlags {
  std::string runtime;  // "" = the one recorded in the bundle
  std::string root = std::string(executor::kDefaultStateRoot);
  bool help = false;
};

// Parses `args` with `set` (plus --root, --runtime and --help); returns the
// operands, or an error; `usage` is printed for --help.
absl::StatusOr<std::vector<std::string>> ParseLifecycle(const std::vector<std::string>& args, FlagSet& set,
                                                               LifecycleFlags& f, bool stop_at_positional = false);

absl::Status CheckId(const std::string& id);

// Prints `message` as "ocikit NAME: message" and returns the exit code.
int Fail(Streams io, absl::string_view name, absl::string_view message, int code = kExitOcikitError);

// The shared shape of commands on one container id: parse, check the id,
// resolve the runtime.
struct OneContainer {
  std::string id;
  executor::Runtime runtime;
  std::vector<std::string> rest;  // operands after the id
};

absl::StatusOr<OneContainer> ParseOneContainer(const std::vector<std::string>& args, FlagSet& set,
                                                      LifecycleFlags& f, size_t max_rest, absl::string_view rest_name,
                                                      bool stop_at_positional = false);

}  // namespace internal

// `ocikit start ID`.
int RunStart(const std::vector<std::string>& args, Streams io);

// `ocikit state ID`: the runtime's JSON state.
int RunState(const std::vector<std::string>& args, Streams io);

// `ocikit kill [--all] ID [SIGNAL]` (SIGTERM by default).
int RunKill(const std::vector<std::string>& args, Streams io);

// `ocikit delete [--force] ID...`: runtime state and bundle, also of a crashed run.
int RunDelete(const std::vector<std::string>& args, Streams io);

// `ocikit exec [FLAGS] ID COMMAND [ARG...]`.
int RunExec(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_LIFECYCLE_COMMANDS_H_
