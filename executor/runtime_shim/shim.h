// File: executor/runtime_shim/shim.h
//
// `ocikit-runtime`: an OCI runtime with runc's command line that gates every
// container on the node policy (node_policy.h) and hands over to a delegate
// runtime (runc by default). Engines call it in place of runc:
//
//   ocikit-runtime [--root R] [--log F] [--log-format json|text] [--debug]
//                  [--systemd-cgroup] [--rootless V] COMMAND [ARGS...]
//
// `create` and `run` read <bundle>/config.json (--bundle/-b, else the current
// directory), apply the policy's mutations, lint the result and refuse or
// hand over; `exec` judges the process of --process FILE (or of the flags
// that build it) with the process rules. Every other command, and the global
// flags, are passed to the delegate unchanged by exec(2): the shim's own
// flags, taken only before COMMAND, are removed first:
//
//   --ocikit-policy FILE    node policy file   (env OCIKIT_RUNTIME_POLICY;
//                           default /etc/ocikit/runtime.json)
//   --ocikit-delegate RT    runtime to hand over to: a name on PATH or a path
//                           (env OCIKIT_RUNTIME_DELEGATE; policy "delegate"; runc)
//   --ocikit-fail-open      run containers unchecked when the policy file is
//                           invalid (env OCIKIT_RUNTIME_FAIL_OPEN=1; policy "failOpen")
//   --ocikit-gate-socket S  the front asks the gate service (service.h) at S
//                           (env OCIKIT_RUNTIME_GATE_SOCKET; default
//                           /run/ocikit/gate.sock) when it is there
//
// A refusal exits 1 after one runc-style JSON line in --log (what containerd
// shows) and the message on stderr (what Podman shows):
//   {"level":"error","msg":"ocikit: refused by policy baseline: ... [SEC403]","time":"..."}
// Findings that do not refuse go to the --log file and to syslog (ident
// ocikit-runtime, facility daemon), never to the container's stdio.
//
// Example:
//   ShimEnv env = ShimEnv::FromProcess();
//   return RunShim({"create", "--bundle", "/b", "web"}, env);  // execs runc unless refused
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_H_

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/runtime_shim/gate.h"
#include "executor/runtime_shim/node_policy.h"
#include "spec/file.h"

namespace ocikit::runtime_shim {

inline constexpr char kShimName[] = "ocikit-runtime";

// What the shim takes from its environment, so tests can set it.
struct ShimEnv {
  std::string policy;      // OCIKIT_RUNTIME_POLICY
  std::string delegate;    // OCIKIT_RUNTIME_DELEGATE
  bool fail_open = false;  // OCIKIT_RUNTIME_FAIL_OPEN=1
  std::string cwd;         // the current directory (the default bundle)
  bool syslog = true;      // false in unit tests
  // OCIKIT_RUNTIME_FRONT: the front (front.c) that exec'd this gate, never a
  // delegate. FromProcess removes it from the environment the delegate gets.
  std::string front;

  static ShimEnv FromProcess();
};

// The command line, split as runc's would be.
struct ShimArgs {
  std::vector<std::string> global;    // runc's global flags, as given
  std::string log;                    // --log
  std::string log_format = "text";    // --log-format
  std::string command;                // "" when none (e.g. --version)
  std::vector<std::string> rest;      // the command's arguments
  // The shim's own flags.
  std::string policy;
  std::string delegate;
  bool fail_open = false;
  std::string gate_socket;  // the front's: where it asks the gate service

  // The delegate's arguments (without argv[0]): global, command, rest.
  std::vector<std::string> DelegateArgs() const;
};

// Splits `args` (argv without argv[0]); an error for a shim flag without its value.
absl::StatusOr<ShimArgs> ParseShimArgs(const std::vector<std::string>& args);

// What create/run/exec need from their arguments.
struct CommandArgs {
  std::string bundle;        // create, run: --bundle/-b ("" = cwd)
  std::string id;            // the container id ("" when absent)
  std::string process_file;  // exec: --process/-p
  // exec without --process: the flags that build the process.
  std::vector<std::string> exec_args, env, caps;
  std::string user, cwd, apparmor, process_label;
  bool no_new_privs = false, tty = false;
};

// Reads the arguments of create, run or exec.
CommandArgs ParseCommandArgs(absl::string_view command, const std::vector<std::string>& rest);

// The loaded node policy, or why it could not be loaded.
struct LoadedPolicy {
  std::optional<NodePolicy> policy;
  std::string error;       // when !policy
  bool fail_open = false;  // asked for by flag, env or the (invalid) file
};

LoadedPolicy LoadPolicy(const ShimArgs& args, const ShimEnv& env);

// Runs the shim: returns the exit code of a refusal or an error, or does not
// return (exec of the delegate). `exec` replaces the process; tests pass one
// that records the argv and returns.
using ExecFn = std::function<int(const std::string& path, const std::vector<std::string>& argv)>;
int RunShim(const std::vector<std::string>& args, const ShimEnv& env, const ExecFn& exec = nullptr);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// Where the shim reports: the --log file (runc's formats), syslog, stderr.
class Reporter {
 public:
  Reporter(const ShimArgs& args, const ShimEnv& env, std::string container);
  // One line at `level` ("error", "warning", "info") in the log file and syslog.
  void Log(absl::string_view level, absl::string_view msg) const;
  // A finding, structured, at its level.
  void Finding(absl::string_view action, const GateFinding& f) const;
  // A refusal: the log file, syslog and stderr. Returns 1.
  int Refuse(absl::string_view msg) const;

 private:
  std::string log_, format_, container_;
  bool syslog_;
};

// The node policy file: the flag, the environment, or the default path.
std::string PolicyPath(const ShimArgs& args, const ShimEnv& env);

// One runc-style log line (no newline): JSON or logrus text.
std::string LogLine(absl::string_view format, absl::string_view level, absl::string_view msg);

// The delegate's path: the flag, the env, the policy, runc; never this binary
// nor its front.
absl::StatusOr<std::string> ResolveDelegate(const ShimArgs& args, const ShimEnv& env, const NodePolicy* policy);

// The delegate named in the policy file, read leniently (pass-through
// commands do not validate the policy).
std::string PolicyDelegate(const ShimArgs& args, const ShimEnv& env);

int HandOver(const ShimArgs& args, const ShimEnv& env, const NodePolicy* policy, const ExecFn& exec);
int GateCreate(const ShimArgs& args, const ShimEnv& env, const NodePolicy& policy, const Reporter& r);
int GateExec(const ShimArgs& args, const ShimEnv& env, const NodePolicy& policy, const Reporter& r);
// Logs the findings that do not refuse; refuses when one does. -1: allowed.
int Judge(const NodePolicy& policy, const GateResult& result, const Reporter& r);
// The one temporary name ReplaceFile uses, `path`.ocikit-tmp: the new file's
// until the exchange, the old file's after it.
std::string ReplacementName(const std::string& path);

// A new file in `dir` without a name (O_TMPFILE) holding `data` with `mode`
// (fsynced when `sync` is kDurable): its descriptor, or -1 with errno set.
int WriteUnnamedFile(const std::string& dir, absl::string_view data, mode_t mode, FileSync sync);

// What ReplaceFile does with the file it replaces once no name but its own
// temporary one refers to it.
enum class Replaced {
  kUnlink,              // unlinks it before returning
  kUnlinkInBackground,  // UnlinkInBackground: for a process about to exec
};

// Writes `data` over `path` atomically, with `mode`, as WriteFileAtomic does
// but crash-safe for the bundle too: the new file is written without a name
// and named ReplacementName(path) only until it is exchanged with `path`
// (renameat2 RENAME_EXCHANGE), after which that name holds the old file
// until it is unlinked, as `replaced` says. A shim killed at any moment
// leaves the old file or the new one at `path` and, but for a kill between
// the link and the unlink, no other file; that name, when a killed shim left
// it, is removed on the next write. Where the file system cannot exchange,
// a rename replaces the file; where it has no O_TMPFILE (or /proc is
// missing), WriteFileAtomic.
absl::Status ReplaceFile(const std::string& path, absl::string_view data, mode_t mode, FileSync sync,
                         Replaced replaced = Replaced::kUnlink);

// Unlinks `path` in a child process that shares this one's memory (no page
// table copy) and exits, so that freeing the file (about 0.1 ms on ext4 here,
// what a rename over a file pays) runs on another core while this
// process goes on to exec the delegate. For one-shot processes: the child is
// not waited for; whoever inherits it (the delegate, then the engine's
// subreaper or init) reaps it. It closes its copies of this process's
// descriptors first, so it holds none of the engine's pipes open. Unlinks in
// this process instead where the architecture has no raw system call here,
// the path is longer than PATH_MAX, a child is already at work, or clone
// fails. Returns the child's pid, or 0 when it unlinked here.
pid_t UnlinkInBackground(const std::string& path);

// Writes the mutated config.json atomically (and the original beside it when
// asked), with ReplaceFile.
absl::Status Rewrite(const std::string& config, absl::string_view original, const GateResult& result,
                     const NodePolicy& policy);
// The container's config.json via `<delegate> state <id>`, or a minimal spec.
Spec ContainerSpec(const ShimArgs& args, const std::string& delegate, const std::string& id);
// The process of an exec without --process.
Process ExecProcessFromFlags(const Spec& container, const CommandArgs& c);

}  // namespace internal

}  // namespace ocikit::runtime_shim

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_shim/shim-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_H_
