// File: executor/cli/run_command.cc

#include "executor/cli/run_command.h"
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
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/cli/command.h"
#include "executor/flags/spec_check.h"
#include "executor/flags/spec_flags.h"
#include "executor/container_id.h"
#include "executor/default_rootfs.h"
#include "executor/duration.h"
#include "executor/run.h"
#include "executor/monitor.h"
#include "executor/owner.h"
#include "executor/runtime.h"
#include "executor/unique_fd.h"
#include "executor/signals.h"
#include "executor/flags/arg_parser.h"
#include "spec/pathutil.h"

namespace ocikit::cli {

namespace internal {

void AddRuntimeFlags(FlagSet& set, std::string& runtime, std::string& root) {
  set.Add({"runtime", 0, "NAME|PATH", "OCI runtime: runc (default), crun, or a path", AssignFlag(runtime), true});
  set.Add({"root", 0, "DIR", "state directory for bundles and runtime state (default /run/ocikit)", AssignFlag(root),
           true});
}

void AddHelpFlag(FlagSet& set, bool& help) { set.Add(HelpFlag(help)); }

void AddContainerFlags(FlagSet& set, ContainerFlags& f, bool foreground) {
  AddSpecFlags(set, f.spec);
  AddRuntimeFlags(set, f.runtime, f.root);
  set.Add({"strict-rlimits", 0, "", "fail when an rlimit exceeds what this process can grant, instead of lowering it",
           BoolFlag(f.strict_rlimits)});
  if (foreground) {
    set.Add({"interactive", 'i', "", "with -t: forward stdin to the container's terminal", BoolFlag(f.interactive)});
    set.Add({"timeout", 0, "DURATION", "stop the container after DURATION (30s, 500ms, 2m): SIGTERM, then SIGKILL",
             DurationFlag(f.timeout)});
    set.Add({"stop-timeout", 0, "DURATION",
             "grace period between the stop signal and SIGKILL (default 10s): --timeout, the second Ctrl-C, "
             "ocikit stop",
             DurationFlag(f.stop_timeout)});
    set.Add({"detach", 'd', "", "run in the background, owned by a monitor process: print the id and return",
             BoolFlag(f.detach)});
    set.Add({"keep-bundle", 0, "", "keep the bundle directory (config.json, runtime.log) for debugging",
             BoolFlag(f.keep_bundle)});
    // As Podman: a detached container stays (exited) until `ocikit rm`
    // unless --rm; a foreground run always removes its container and bundle
    // when it exits (unless --keep-bundle).
    set.Add({"rm", 0, "", "with -d: remove the container when it exits (a foreground run always does)",
             BoolFlag(f.remove)});
  }
  AddHelpFlag(set, f.help);
}

absl::StatusOr<NewContainer> PrepareNewContainer(const std::vector<std::string>& args, ContainerFlags& f,
                                                        bool foreground, std::string* help) {
  FlagSet set;
  AddContainerFlags(set, f, foreground);
  absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  if (!command.ok()) return command.status();
  if (f.help) {
    *help = set.Help();
    return NewContainer();
  }
  SpecFlags& sf = f.spec;
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
    if (absl::StatusOr<executor::ContainerRecord> taken = executor::ReadRecord(bundle.status); taken.ok()) {
      return absl::AlreadyExistsError(absl::StrCat("--name \"", sf.name, "\": the name is in use by a container (",
                                                   taken->status, "); choose another name, or remove it with \"ocikit rm",
                                                   taken->status == executor::kStatusExited ? " " : " -f ",
                                                   RootFlag(c.state_root), sf.name, "\""));
    }
    const std::string state = JoinPath({c.runtime.root, sf.name});
    if (::access(state.c_str(), F_OK) == 0) {
      return absl::AlreadyExistsError(absl::StrCat("container \"", sf.name, "\" already exists (", c.runtime.name,
                                                   " state in ", state, "); remove it with \"",
                                                   executor::DeleteCommand(c.state_root, sf.name, true), "\""));
    }
    return s;
  }
  c.id = sf.name;
  if (foreground) {
    absl::StatusOr<executor::UniqueFd> lock = executor::TakeOwnership(bundle);
    if (!lock.ok()) {
      executor::RemoveTree(bundle.dir).IgnoreError();
      return lock.status();
    }
    c.owner_lock = *std::move(lock);
  }
  if (sf.state_dir.empty()) sf.state_dir = bundle.dir;
  absl::StatusOr<Spec> spec = BuildCheckedSpec(f.spec, &c.warnings);
  if (!spec.ok()) {
    executor::RemoveTree(bundle.dir).IgnoreError();
    return spec.status();
  }
  c.spec = *std::move(spec);
  return c;
}

void PrintWarnings(const std::vector<std::string>& warnings, absl::string_view command, std::ostream& err) {
  for (const std::string& w : warnings) err << "ocikit: " << command << ": warning: " << w << "\n";
}

std::string RootFlag(absl::string_view state_root) {
  return state_root == executor::kDefaultStateRoot ? "" : absl::StrCat("--root ", state_root, " ");
}

executor::ContainerRecord NewRecord(const NewContainer& c, const ContainerFlags& f) {
  executor::ContainerRecord r;
  r.id = c.id;
  if (c.spec.process) r.command = c.spec.process->args;
  r.created = absl::Now();
  r.owner_pid = ::getpid();
  r.stop_signal = f.spec.stop_signal.value_or(SIGTERM);
  r.stop_timeout = f.stop_timeout;
  r.remove = !f.detach || f.remove;
  return r;
}

executor::RunOptions NewRunOptions(const NewContainer& c, const ContainerFlags& f) {
  executor::RunOptions o;
  o.state_root = c.state_root;
  o.runtime = c.runtime;
  o.id = c.id;
  o.bundle_created = true;
  o.timeout = f.timeout;
  o.stop_timeout = f.stop_timeout;
  o.stop_signal = f.spec.stop_signal.value_or(SIGTERM);
  o.keep_bundle = f.keep_bundle;
  o.record_runtime = f.runtime != executor::kDefaultRuntime;
  o.interactive = f.interactive;
  o.prepare.strict_rlimits = f.strict_rlimits;
  return o;
}
}  // namespace internal

int RunRun(const std::vector<std::string>& args, Streams io) {
  // The signals ocikit forwards are blocked before the bundle exists, so one
  // that arrives while the spec is built cancels the run (RunContainer reads
  // it, removes the bundle and exits with 128+N) instead of killing ocikit
  // and leaving the bundle behind.
  absl::StatusOr<std::unique_ptr<executor::SignalChannel>> blocked = executor::SignalChannel::Open();
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c = internal::PrepareNewContainer(args, f, true, &help);
  if (!c.ok()) {
    io.err << "ocikit: run: " << c.status().message() << "\n";
    return kExitOcikitError;
  }
  if (f.help) {
    io.out << kRunUsage << help;
    return kExitOk;
  }
  internal::PrintWarnings(c->warnings, "run", io.err);
  executor::ContainerRecord record = internal::NewRecord(*c, f);
  executor::RunOptions o = internal::NewRunOptions(*c, f);
  io.out.flush();
  if (f.detach) {
    executor::DetachOptions d{std::move(o), std::move(record)};
    return executor::RunDetached(std::move(c->spec), std::move(d), std::move(c->owner_lock), io.out, io.err);
  }
  // The foreground run owns its container: ps shows it, gc finds it when
  // this process is killed.
  record.status = std::string(executor::kStatusRunning);
  const std::string record_path = executor::BundlePaths::For(c->state_root, c->id).status;
  if (absl::Status s = executor::WriteRecord(record_path, record); !s.ok()) {
    executor::RemoveTree(executor::BundlePaths::For(c->state_root, c->id).dir).IgnoreError();
    io.err << "ocikit: run: " << s.message() << "\n";
    return kExitOcikitError;
  }
  const int owner_lock = c->owner_lock.get();
  o.on_finished = [owner_lock](int code, bool) { executor::WriteExitCodeToLock(owner_lock, code); };
  return executor::RunContainer(std::move(c->spec), o, io.err);
}

int RunCreate(const std::vector<std::string>& args, Streams io) {
  ContainerFlags f;
  std::string help;
  absl::StatusOr<internal::NewContainer> c = internal::PrepareNewContainer(args, f, false, &help);
  if (!c.ok()) {
    io.err << "ocikit: create: " << c.status().message() << "\n";
    return kExitOcikitError;
  }
  if (f.help) {
    io.out << kCreateUsage << help;
    return kExitOk;
  }
  internal::PrintWarnings(c->warnings, "create", io.err);
  executor::CreateOptions o;
  o.state_root = c->state_root;
  o.runtime = c->runtime;
  o.id = c->id;
  o.bundle_created = true;
  o.prepare.strict_rlimits = f.strict_rlimits;
  return executor::CreateContainer(std::move(c->spec), o, io.out, io.err);
}
}  // namespace ocikit::cli

