// File: executor/cli/lifecycle_commands.cc

#include "executor/cli/lifecycle_commands.h"
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

absl::StatusOr<std::vector<std::string>> ParseLifecycle(const std::vector<std::string>& args, FlagSet& set,
                                                               LifecycleFlags& f, bool stop_at_positional) {
  AddRuntimeFlags(set, f.runtime, f.root);
  AddHelpFlag(set, f.help);
  absl::StatusOr<std::vector<std::string>> operands = set.Parse(args, stop_at_positional);
  if (!operands.ok()) return operands.status();
  if (f.root.empty()) return absl::InvalidArgumentError("--root: expected a directory");
  f.root = executor::AbsolutePath(f.root);
  return operands;
}

absl::Status CheckId(const std::string& id) {
  if (absl::Status s = executor::ValidateContainerId(id); !s.ok()) return s;
  return absl::OkStatus();
}

int Fail(Streams io, absl::string_view name, absl::string_view message, int code) {
  io.err << "ocikit: " << name << ": " << message << "\n";
  return code;
}

absl::StatusOr<OneContainer> ParseOneContainer(const std::vector<std::string>& args, FlagSet& set,
                                                      LifecycleFlags& f, size_t max_rest, absl::string_view rest_name,
                                                      bool stop_at_positional) {
  absl::StatusOr<std::vector<std::string>> operands = ParseLifecycle(args, set, f, stop_at_positional);
  if (!operands.ok()) return operands.status();
  if (f.help) return OneContainer();
  if (operands->empty()) return absl::InvalidArgumentError("expected a container ID");
  if (operands->size() - 1 > max_rest) {
    return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", (*operands)[max_rest + 1], "\"; expected ID",
                                                   rest_name.empty() ? "" : " ", rest_name));
  }
  OneContainer c;
  c.id = (*operands)[0];
  if (absl::Status s = CheckId(c.id); !s.ok()) return s;
  c.rest.assign(operands->begin() + 1, operands->end());
  absl::StatusOr<executor::Runtime> rt = executor::RuntimeForContainer(f.root, c.id, f.runtime);
  if (!rt.ok()) return rt.status();
  c.runtime = *std::move(rt);
  return c;
}
}  // namespace internal

int RunStart(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  absl::StatusOr<internal::OneContainer> c = internal::ParseOneContainer(args, set, f, 0, "");
  if (!c.ok()) return internal::Fail(io, "start", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit start [FLAGS] ID\n\nStarts a container made by `ocikit create`.\n\nFlags:\n" << set.Help();
    return kExitOk;
  }
  if (absl::Status s = executor::StartContainer(c->runtime, f.root, c->id); !s.ok()) {
    return internal::Fail(io, "start", s.message(), executor::ExitCodeForRuntimeError(s.message()));
  }
  return kExitOk;
}

int RunState(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  absl::StatusOr<internal::OneContainer> c = internal::ParseOneContainer(args, set, f, 0, "");
  if (!c.ok()) return internal::Fail(io, "state", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit state [FLAGS] ID\n\nPrints the runtime's JSON state of a container.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  absl::StatusOr<std::string> state = executor::ContainerState(c->runtime, f.root, c->id);
  if (!state.ok()) return internal::Fail(io, "state", state.status().message());
  io.out << *state;
  return kExitOk;
}

int RunKill(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  bool all = false;
  set.Add({"all", 'a', "", "signal every process of the container, not only its init",
           BoolFlag(all)});
  absl::StatusOr<internal::OneContainer> c = internal::ParseOneContainer(args, set, f, 1, "[SIGNAL]");
  if (!c.ok()) return internal::Fail(io, "kill", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit kill [FLAGS] ID [SIGNAL]\n\nSends SIGNAL (default TERM; a name or number) to a "
              "container.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  int sig = SIGTERM;
  if (!c->rest.empty()) {
    absl::StatusOr<int> parsed = executor::ParseSignal(c->rest[0]);
    if (!parsed.ok()) return internal::Fail(io, "kill", parsed.status().message());
    sig = *parsed;
  }
  if (absl::Status s = executor::KillContainer(c->runtime, f.root, c->id, sig, all); !s.ok()) {
    return internal::Fail(io, "kill", s.message());
  }
  return kExitOk;
}

int RunDelete(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  bool force = false;
  set.Add({"force", 'f', "", "kill the container first when it still runs", BoolFlag(force)});
  absl::StatusOr<std::vector<std::string>> ids = internal::ParseLifecycle(args, set, f);
  if (!ids.ok()) return internal::Fail(io, "delete", ids.status().message());
  if (f.help) {
    io.out << "Usage: ocikit delete [FLAGS] ID...\n\nDeletes containers: their runtime state and their bundle, also "
              "what a crashed run left.\nPrints what it removed.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  if (ids->empty()) return internal::Fail(io, "delete", "expected a container ID");
  int code = kExitOk;
  for (const std::string& id : *ids) {
    if (absl::Status s = internal::CheckId(id); !s.ok()) {
      code = internal::Fail(io, "delete", s.message());
      continue;
    }
    absl::StatusOr<executor::Runtime> rt = executor::RuntimeForContainer(f.root, id, f.runtime);
    if (!rt.ok()) {
      code = internal::Fail(io, "delete", rt.status().message());
      continue;
    }
    absl::StatusOr<std::vector<std::string>> removed = executor::DeleteContainer(*rt, f.root, id, force);
    if (!removed.ok()) {
      code = internal::Fail(io, "delete", removed.status().message());
      continue;
    }
    for (const std::string& line : *removed) io.out << line << "\n";
  }
  return code;
}

int RunExec(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  executor::ExecRequest req;
  bool interactive = false;
  std::string user;
  absl::Duration timeout = absl::InfiniteDuration();
  set.RequireUtf8();  // the values end in the process the runtime runs, as with `ocikit run`
  set.Add({"tty", 't', "", "allocate a terminal", BoolFlag(req.tty)});
  set.Add({"interactive", 'i', "", "with -t: forward stdin to the terminal", BoolFlag(interactive)});
  set.Add({"env", 'e', "KEY=VALUE", "set an environment variable (later wins); KEY alone passes the host's value, or unsets KEY",
           EnvFlag(req.env)});
  set.Add({"workdir", 'w', "DIR", "working directory of the process (absolute)", WorkdirFlag(req.cwd)});
  set.Add({"user", 'u', "USER[:GROUP]", "user and group, by name (looked up in the rootfs) or number",
           AssignFlag(user)});
  set.Add({"timeout", 0, "DURATION", "stop the process after DURATION: SIGTERM, then SIGKILL 10s later",
           internal::DurationFlag(timeout)});
  absl::StatusOr<internal::OneContainer> c =
      internal::ParseOneContainer(args, set, f, static_cast<size_t>(-2), "COMMAND [ARG...]", true);
  if (!c.ok()) return internal::Fail(io, "exec", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit exec [FLAGS] ID COMMAND [ARG...]\n\nRuns COMMAND in a running container and exits "
              "with its status.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  req.args = c->rest;
  req.env = ExpandEnvFlags(req.env);
  const executor::BundlePaths b = executor::BundlePaths::For(f.root, c->id);
  absl::StatusOr<Spec> spec = ReadSpecFile(b.config);
  if (!spec.ok()) {
    return internal::Fail(io, "exec", absl::StrCat("no container \"", c->id, "\": ", spec.status().message()));
  }
  if (!user.empty()) {
    SpecContext ctx;
    ctx.rootfs = spec->root ? spec->root->path : "";
    if (absl::Status s = ApplyOpts(ctx, *spec, {WithUser(user)}); !s.ok()) {
      return internal::Fail(io, "exec", absl::StrCat("--user \"", user, "\": ", s.message()));
    }
  }
  absl::StatusOr<Process> process = executor::ExecProcessFromSpec(*spec, req);
  if (!process.ok()) return internal::Fail(io, "exec", process.status().message());
  executor::ExecOptions o;
  o.state_root = f.root;
  o.runtime = c->runtime;
  o.id = c->id;
  o.timeout = timeout;
  o.interactive = interactive;
  io.out.flush();
  return executor::ExecInContainer(*process, o, io.err);
}
}  // namespace ocikit::cli

