// File: executor/cli/inspect_command.cc
//
// `ocikit inspect ID`: one container as JSON.

#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

int RunInspect(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  absl::StatusOr<internal::OneContainer> c = internal::ParseOneContainer(args, set, f, 0, "");
  if (!c.ok()) return internal::Fail(io, "inspect", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit inspect [FLAGS] ID\n\nPrints a container as one JSON object: Id, Status, Owned, Command, "
              "Created,\nFinished, Pid, ExitCode, OwnerPid, Detached, AutoRemove, StopSignal, StopTimeout,\nRuntime, "
              "Paths (bundle, config, log, record, owner lock, runtime log and state),\nState (the runtime's, while it "
              "has one) and Config (config.json).\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  absl::StatusOr<std::string> json = executor::InspectContainer(f.root, c->id, f.runtime);
  if (!json.ok()) return internal::Fail(io, "inspect", json.status().message());
  io.out << *json;
  return kExitOk;
}
}  // namespace ocikit::cli
