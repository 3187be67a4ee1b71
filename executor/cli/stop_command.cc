// File: executor/cli/stop_command.cc
//
// `ocikit stop [-t SECONDS] ID...`: the stop signal, then SIGKILL.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

int RunStop(const std::vector<std::string>& args, Streams io) {
  FlagSet set;
  internal::LifecycleFlags f;
  std::optional<absl::Duration> timeout;
  set.Add({"time", 't', "SECONDS", "seconds to wait before SIGKILL (default: the container's --stop-timeout, 10)",
           [&timeout](absl::string_view v) -> absl::Status {
             int seconds = 0;
             if (!absl::SimpleAtoi(v, &seconds) || seconds < 0) {
               return absl::InvalidArgumentError(absl::StrCat("expected a number of seconds, got \"", v, "\""));
             }
             timeout = absl::Seconds(seconds);
             return absl::OkStatus();
           }});
  absl::StatusOr<std::vector<std::string>> ids = internal::ParseLifecycle(args, set, f);
  if (!ids.ok()) return internal::Fail(io, "stop", ids.status().message());
  if (f.help) {
    io.out << "Usage: ocikit stop [FLAGS] ID...\n\nStops containers of `ocikit run`: sends the stop signal (--stop-signal "
              "of run,\ndefault TERM), then SIGKILL when the container is still there after the timeout,\nand waits "
              "until its ocikit has finished. Prints each id. A container that already\nexited is not an error.\n\n"
              "Flags:\n"
           << set.Help();
    return kExitOk;
  }
  return internal::ForEachId(*ids, "stop", io, [&](const std::string& id) -> absl::Status {
    if (absl::Status s = executor::StopContainer(f.root, id, f.runtime, timeout); !s.ok()) return s;
    io.out << id << "\n";
    return absl::OkStatus();
  });
}
}  // namespace ocikit::cli
