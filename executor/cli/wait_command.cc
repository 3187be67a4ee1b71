// File: executor/cli/wait_command.cc
//
// `ocikit wait ID...`: blocks until each container exits; prints its exit code.

#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

int RunWait(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  absl::StatusOr<std::vector<std::string>> ids = internal::ParseLifecycle(args, set, f);
  if (!ids.ok()) return internal::Fail(io, "wait", ids.status().message());
  if (f.help) {
    io.out << "Usage: ocikit wait [FLAGS] ID...\n\nWaits until containers of `ocikit run` exit and prints each exit "
              "code (128+N when\nkilled by signal N), also for one that already exited or was removed with --rm.\n\n"
              "Flags:\n"
           << set.Help();
    return kExitOk;
  }
  return internal::ForEachId(*ids, "wait", io, [&](const std::string& id) -> absl::Status {
    absl::StatusOr<int> exit_code = executor::WaitForContainer(f.root, id);
    if (!exit_code.ok()) return exit_code.status();
    io.out << *exit_code << "\n";
    return absl::OkStatus();
  });
}
}  // namespace ocikit::cli
