// File: executor/cli/run_command.h
//
// `ocikit run` and `ocikit create`: build a spec with exactly the flags of
// `ocikit spec` (executor/cli/generate_flags.h), then run it in the
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
#ifndef OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_

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
#include "executor/cli/generate_flags.h"
#include "executor/container_id.h"
#include "executor/default_rootfs.h"
#include "executor/duration.h"
#include "executor/run.h"
#include "executor/runtime.h"
#include "executor/signals.h"
#include "spec/flags/arg_parser.h"
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
    "USR2) are forwarded to the container; the bundle and the runtime state are\n"
    "removed on every exit.\n"
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
  GenerateFlags generate;
  std::string runtime = std::string(executor::kDefaultRuntime);
  std::string root = std::string(executor::kDefaultStateRoot);
  absl::Duration timeout = absl::InfiniteDuration();
  absl::Duration stop_timeout = absl::Seconds(10);
  bool keep_bundle = false;
  bool strict_rlimits = false;
  bool interactive = false;
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
inline void AddRuntimeFlags(FlagSet& set, std::string& runtime, std::string& root) {
  set.Add({"runtime", 0, "NAME|PATH", "OCI runtime: runc (default), crun, or a path", AssignFlag(runtime)});
  set.Add({"root", 0, "DIR", "state directory for bundles and runtime state (default /run/ocikit)", AssignFlag(root)});
}

inline void AddHelpFlag(FlagSet& set, bool& help) { set.Add({"help", 0, "", "show this help", BoolFlag(help)}); }

// Registers the flags of `run` (foreground) or `create`.
inline void AddContainerFlags(FlagSet& set, ContainerFlags& f, bool foreground) {
  AddGenerateFlags(set, f.generate);
  AddRuntimeFlags(set, f.runtime, f.root);
  set.Add({"strict-rlimits", 0, "", "fail when an rlimit exceeds what this process can grant, instead of lowering it",
           BoolFlag(f.strict_rlimits)});
  if (foreground) {
    set.Add({"interactive", 'i', "", "with -t: forward stdin to the container's terminal", BoolFlag(f.interactive)});
    set.Add({"timeout", 0, "DURATION", "stop the container after DURATION (30s, 500ms, 2m): SIGTERM, then SIGKILL",
             DurationFlag(f.timeout)});
    set.Add({"stop-timeout", 0, "DURATION", "grace period between SIGTERM and SIGKILL (default 10s)",
             DurationFlag(f.stop_timeout)});
    set.Add({"keep-bundle", 0, "", "keep the bundle directory (config.json, runtime.log) for debugging",
             BoolFlag(f.keep_bundle)});
  }
  AddHelpFlag(set, f.help);
}

// A container about to be made: its spec, built into its new bundle.
struct NewContainer {
  Spec spec;
  executor::Runtime runtime;
  std::string state_root;
  std::string id;
  std::vector<std::string> warnings;  // from building the spec
};

// Parses the flags, makes the bundle directory and builds the spec into it.
// Errors are one sentence naming the flag, file or field; after an error
// nothing is left. With --help, returns with `f.help` set and `*help` filled.
inline absl::StatusOr<NewContainer> PrepareNewContainer(const std::vector<std::string>& args, ContainerFlags& f,
                                                        bool foreground, std::string* help) {
  FlagSet set;
  AddContainerFlags(set, f, foreground);
  absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  if (!command.ok()) return command.status();
  if (f.help) {
    *help = set.Help();
    return NewContainer();
  }
  SpecFlags& sf = f.generate.spec;
  sf.command = *std::move(command);
  NewContainer c;
  if (f.root.empty()) return absl::InvalidArgumentError("--root: expected a directory");
  c.state_root = executor::AbsolutePath(f.root);
  absl::StatusOr<executor::Runtime> rt = executor::ResolveRuntime(f.runtime, c.state_root);
  if (!rt.ok()) return rt.status();
  c.runtime = *std::move(rt);
  if (sf.rootfs.empty() && sf.from.empty()) {
    absl::StatusOr<std::string> rootfs = executor::FindDefaultRootfs();
    if (!rootfs.ok()) return rootfs.status();
    sf.rootfs = *std::move(rootfs);
  }
  if (!sf.rootfs.empty()) sf.rootfs = executor::AbsolutePath(sf.rootfs);
  const bool generated = sf.name.empty();
  if (!generated) {
    if (absl::Status s = executor::ValidateContainerId(sf.name); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--name \"", sf.name, "\": ", s.message()));
    }
  }
  // The bundle directory doubles as the id's lock: a generated id that is
  // taken (never seen in practice: 48 random bits) is simply drawn again.
  executor::BundlePaths bundle;
  for (int attempt = 0;; ++attempt) {
    if (generated) {
      absl::StatusOr<std::string> id = executor::GenerateContainerId();
      if (!id.ok()) return id.status();
      sf.name = *std::move(id);
    }
    bundle = executor::BundlePaths::For(c.state_root, sf.name);
    absl::Status s = executor::CreateBundleDir(bundle, c.state_root, sf.name);
    if (s.ok()) break;
    if (!absl::IsAlreadyExists(s)) return s;
    if (generated && attempt < 3) continue;
    const std::string state = JoinPath({c.runtime.root, sf.name});
    if (::access(state.c_str(), F_OK) == 0) {
      return absl::AlreadyExistsError(absl::StrCat("container \"", sf.name, "\" already exists (", c.runtime.name,
                                                   " state in ", state, "); remove it with \"",
                                                   executor::DeleteCommand(c.state_root, sf.name, true), "\""));
    }
    return s;
  }
  c.id = sf.name;
  if (sf.state_dir.empty()) sf.state_dir = bundle.dir;
  absl::StatusOr<Spec> spec = BuildGeneratedSpec(f.generate, &c.warnings);
  if (!spec.ok()) {
    executor::RemoveTree(bundle.dir).IgnoreError();
    return spec.status();
  }
  c.spec = *std::move(spec);
  return c;
}

inline void PrintWarnings(const std::vector<std::string>& warnings, std::ostream& err) {
  for (const std::string& w : warnings) err << "ocikit: warning: " << w << "\n";
}

}  // namespace internal

// `ocikit run`.
inline int RunRun(const std::vector<std::string>& args, Streams io) {
  // The signals ocikit forwards are blocked before the bundle exists, so one
  // that arrives while the spec is built cancels the run (RunContainer reads
  // it, removes the bundle and exits with 128+N) instead of killing ocikit
  // and leaving the bundle behind.
  absl::StatusOr<std::unique_ptr<executor::SignalChannel>> blocked = executor::SignalChannel::Open();
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c = internal::PrepareNewContainer(args, f, true, &help);
  if (!c.ok()) {
    io.err << "ocikit run: " << c.status().message() << "\n";
    return kExitOcikitError;
  }
  if (f.help) {
    io.out << kRunUsage << help;
    return kExitOk;
  }
  internal::PrintWarnings(c->warnings, io.err);
  executor::RunOptions o;
  o.state_root = c->state_root;
  o.runtime = c->runtime;
  o.id = c->id;
  o.bundle_created = true;
  o.timeout = f.timeout;
  o.stop_timeout = f.stop_timeout;
  o.keep_bundle = f.keep_bundle;
  o.record_runtime = f.runtime != executor::kDefaultRuntime;
  o.interactive = f.interactive;
  o.prepare.strict_rlimits = f.strict_rlimits;
  io.out.flush();
  return executor::RunContainer(std::move(c->spec), o, io.err);
}

// `ocikit create`.
inline int RunCreate(const std::vector<std::string>& args, Streams io) {
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c = internal::PrepareNewContainer(args, f, false, &help);
  if (!c.ok()) {
    io.err << "ocikit create: " << c.status().message() << "\n";
    return kExitOcikitError;
  }
  if (f.help) {
    io.out << kCreateUsage << help;
    return kExitOk;
  }
  internal::PrintWarnings(c->warnings, io.err);
  executor::CreateOptions o;
  o.state_root = c->state_root;
  o.runtime = c->runtime;
  o.id = c->id;
  o.bundle_created = true;
  o.prepare.strict_rlimits = f.strict_rlimits;
  return executor::CreateContainer(std::move(c->spec), o, io.out, io.err);
}

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_RUN_COMMAND_H_
