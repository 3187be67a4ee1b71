// File: executor/cli/run_command.h
//
// `ocikit run` and `ocikit create`: build a spec with exactly the flags of
// `ocikit spec` (executor/flags/spec_flags.h), then run it in the
// foreground with the OCI runtime, or create it detached (executor/run.h).
//
// The bundle directory is made before the spec is built, so the generated
// /etc/resolv.conf and /etc/hosts land in it (--state-dir defaults to the
// bundle); whatever fails afterwards removes it again.
//
// The container's stdio is the process's own descriptors 0, 1 and 2, given to
// the runtime (runc relays them to the container through pipes, as it does
// for a bare `runc run`; crun and `create` hand them on as they are);
// ocikit's own messages go to `io.err`.
//
// Exit codes: the container's status (128+N for signal N); 125 for an ocikit
// error (bad flag, bad input, runtime failure), 126 when the command cannot
// be invoked, 127 when it is not found.
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_

#include <signal.h>
#include <unistd.h>

#include <memory>
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
#include "executor/flags/spec_flags.h"
#include "executor/container_id.h"
#include "executor/default_rootfs.h"
#include "executor/duration.h"
#include "executor/run.h"
#include "executor/owner.h"
#include "executor/runtime.h"
#include "executor/unique_fd.h"
#include "executor/signals.h"
#include "executor/flags/arg_parser.h"
#include "spec/pathutil.h"

namespace ocikit::cli {

inline constexpr char kRunUsage[] =
    "Usage: ocikit run [FLAGS] [--] COMMAND [ARG...]\n"
    "\n"
    "Runs COMMAND in a new container in the foreground with the OCI runtime (runc\n"
    "by default) and exits with its status (128+N when killed by signal N; 125 when\n"
    "ocikit or the runtime fails, 126 when COMMAND cannot be invoked, 127 when it is\n"
    "not found). The spec is what `ocikit spec` prints for the same flags, with\n"
    "generated /etc/resolv.conf and /etc/hosts. Without --rootfs, the busybox rootfs\n"
    "that scripts/setup.sh builds is used. Signals (INT, TERM, HUP, QUIT, USR1,\n"
    "USR2) are forwarded to the container; on a second Ctrl-C the container is\n"
    "stopped (--stop-signal, then SIGKILL after --stop-timeout). The bundle and the\n"
    "runtime state are removed on every exit.\n"
    "\n"
    "With -d the container runs in the background, owned by a monitor process:\n"
    "ocikit prints its id and returns 0 once it runs. Its stdout and stderr go to\n"
    "a log of at most 2 x 1 MiB (`ocikit logs`); when it exits, it stays until\n"
    "`ocikit rm` (as Podman; --rm removes it at once). See `ocikit ps`, `logs`,\n"
    "`stop`, `wait`, `inspect`, `exec`, `rm` and `gc`.\n"
    "\n"
    "Flags:\n";

inline constexpr char kCreateUsage[] =
    "Usage: ocikit create [FLAGS] [--] COMMAND [ARG...]\n"
    "\n"
    "Creates a container without starting it and prints its id; continue with\n"
    "`ocikit start ID`, `ocikit state ID`, `ocikit exec ID ...`, `ocikit kill ID`\n"
    "and `ocikit delete ID`. Its stdout and stderr go to <root>/bundles/ID/container.log.\n"
    "\n"
    "Flags:\n";

// The flags of run and create: the spec-building table plus the runtime's.
struct ContainerFlags {
  SpecFlags spec;
  std::string runtime = std::string(executor::kDefaultRuntime);
  std::string root = std::string(executor::kDefaultStateRoot);
  absl::Duration timeout = absl::InfiniteDuration();
  absl::Duration stop_timeout = absl::Seconds(10);
  bool keep_bundle = false;
  bool strict_rlimits = false;
  bool interactive = false;
  bool detach = false;                            // -d
  bool remove = false;                            // --rm (with -d)
  bool help = false;
};

namespace internal {

inline auto DurationFlag(absl::Duration& field) {
  return [&field](absl::string_view v) -> absl::Status {
    absl::StatusOr<absl::Duration> d = executor::ParseFlagDuration(v);
    if (!d.ok()) return d.status();
    field = *d;
    return absl::OkStatus();
  };
}

// Registers --runtime and --root, shared by every container command.
void AddRuntimeFlags(FlagSet& set, std::string& runtime, std::string& root);

void AddHelpFlag(FlagSet& set, bool& help);

// Registers the flags of `run` (foreground) or `create`.
void AddContainerFlags(FlagSet& set, ContainerFlags& f, bool foreground);

// A container about to be made: its spec, built into its new bundle.
struct NewContainer {
  Spec spec;
  executor::Runtime runtime;
  std::string state_root;
  std::string id;
  std::vector<std::string> warnings;  // from building the spec
  // `ocikit run` owns the container from the start (executor/owner.h); the
  // monitor of `run -d` inherits this lock.
  executor::UniqueFd owner_lock;
};

// Parses the flags, makes the bundle directory and builds the spec into it.
// Errors are one sentence naming the flag, file or field; after an error
// nothing is left. With --help, returns with `f.help` set and `*help` filled.
absl::StatusOr<NewContainer> PrepareNewContainer(const std::vector<std::string>& args, ContainerFlags& f,
                                                        bool foreground, std::string* help);

void PrintWarnings(const std::vector<std::string>& warnings, absl::string_view command, std::ostream& err);

// "--root DIR " when `state_root` is not the default, for commands in messages.
std::string RootFlag(absl::string_view state_root);

// The record and the run options of a new container of `ocikit run`.
executor::ContainerRecord NewRecord(const NewContainer& c, const ContainerFlags& f);
executor::RunOptions NewRunOptions(const NewContainer& c, const ContainerFlags& f);

}  // namespace internal

// `ocikit run`.
int RunRun(const std::vector<std::string>& args, Streams io);

// `ocikit create`.
int RunCreate(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_
