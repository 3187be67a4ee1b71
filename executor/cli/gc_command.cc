// File: executor/cli/gc_command.cc
//
// `ocikit gc`: removes the containers whose `ocikit run` or monitor was killed
// (executor/detached.h), and reports what ps and rm collect the same way.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

int RunGc(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  absl::StatusOr<std::vector<std::string>> operands = internal::ParseLifecycle(args, set, f);
  if (!operands.ok()) return internal::Fail(io, "gc", operands.status().message());
  if (f.help) {
    io.out << "Usage: ocikit gc [FLAGS]\n\nRemoves orphans: containers of `ocikit run` or `run -d` whose ocikit process "
              "was killed\n(its owner lock in the bundle is free) and that did not exit cleanly. Each one's runtime\n"
              "state (`runc delete --force`, which kills what still runs) and bundle are removed. A\n"
              "container whose ocikit still lives is never touched. `ocikit ps` and `ocikit rm` do the\nsame first.\n\n"
              "Flags:\n"
           << set.Help();
    return kExitOk;
  }
  if (!operands->empty()) return internal::Fail(io, "gc", absl::StrCat("unexpected argument \"", (*operands)[0], "\""));
  const executor::GcResult gc = executor::CollectOrphans(f.root, f.runtime);
  for (const std::string& line : gc.removed) io.out << line << "\n";
  for (const std::string& line : gc.errors) io.err << "ocikit: gc: " << line << "\n";
  return gc.errors.empty() ? kExitOk : kExitOcikitError;
}
}  // namespace ocikit::cli
