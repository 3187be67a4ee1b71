// File: executor/cli/rm_command.cc
//
// `ocikit rm [-f] ID...`: removes containers.

#include <algorithm>
#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

int RunRm(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  bool force = false;
  set.Add({"force", 'f', "", "kill a running container first (SIGKILL)", BoolFlag(force)});
  absl::StatusOr<std::vector<std::string>> ids = internal::ParseLifecycle(args, set, f);
  if (!ids.ok()) return internal::Fail(io, "rm", ids.status().message());
  if (f.help) {
    io.out << "Usage: ocikit rm [FLAGS] ID...\n\nRemoves containers: their runtime state, bundle, record and log. A "
              "running one\nneeds -f. Orphans of killed `ocikit run`s are removed first (see `ocikit gc`).\nPrints each "
              "id removed.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  const executor::GcResult gc = executor::CollectOrphans(f.root, f.runtime);
  const bool gc_ok = internal::ReportGc(gc, "rm", io);
  const int code = internal::ForEachId(*ids, "rm", io, [&](const std::string& id) -> absl::Status {
    const bool collected = std::find(gc.removed_ids.begin(), gc.removed_ids.end(), id) != gc.removed_ids.end();
    if (!collected) {
      if (absl::Status s = executor::RemoveContainer(f.root, id, f.runtime, force); !s.ok()) return s;
    }
    io.out << id << "\n";
    return absl::OkStatus();
  });
  return gc_ok ? code : kExitOcikitError;
}
}  // namespace ocikit::cli
