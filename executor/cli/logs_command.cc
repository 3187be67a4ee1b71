// File: executor/cli/logs_command.cc
//
// `ocikit logs [-f] ID`: a container's stdout and stderr (container.log).

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/container_log.h"
#include "executor/flags/arg_parser.h"
#include "executor/owner.h"

namespace ocikit::cli {

int RunLogs(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  bool follow = false;
  set.Add({"follow", 'f', "", "keep printing new output until the container exits", BoolFlag(follow)});
  absl::StatusOr<internal::OneContainer> c = internal::ParseOneContainer(args, set, f, 0, "");
  if (!c.ok()) return internal::Fail(io, "logs", c.status().message());
  if (f.help) {
    io.out << "Usage: ocikit logs [FLAGS] ID\n\nPrints the stdout and stderr of a container of `ocikit run -d` (or "
              "`ocikit create`),\ninterleaved as written. The log keeps the last 1-2 MiB: container.log is rotated to\n"
              "container.log.1 when it reaches 1 MiB.\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  const executor::BundlePaths b = executor::BundlePaths::For(f.root, c->id);
  absl::Status s;
  if (follow && executor::PathExists(b.owner_lock)) {
    s = executor::FollowLogs(b, io.out, [&b] { return !executor::WaitUntilUnowned(b.owner_lock, absl::ZeroDuration()); });
  } else {
    s = executor::PrintLogs(b, io.out);
  }
  if (absl::IsNotFound(s)) return internal::Fail(io, "logs", "no log: \"" + c->id + "\" is not a detached container (" + std::string(s.message()) + ")");
  if (!s.ok()) return internal::Fail(io, "logs", s.message());
  return kExitOk;
}
}  // namespace ocikit::cli
