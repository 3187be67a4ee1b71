// File: executor/cli/container_commands.h
//
// The commands around containers made by `ocikit run` (foreground or -d),
// one translation unit each: ps (alias list), logs, stop, wait, inspect, rm
// and gc (executor/detached.h, executor/container_log.h). Each takes --root
// and --runtime like the lifecycle commands; `ps` and `rm` first remove the
// orphans that killed `ocikit run`s left, as `gc` does, saying so on stderr.
//
// Example:
//   ocikit run -d --name web -- httpd -f
//   ocikit logs -f web; ocikit stop web; ocikit wait web; ocikit rm web
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_CLI_CONTAINER_COMMANDS_H_
#define OCIKIT_EXECUTOR_CLI_CONTAINER_COMMANDS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "executor/detached.h"

namespace ocikit::cli {

namespace internal {

// Prints what CollectOrphans removed and could not remove, as "ocikit NAME: ...";
// false when something could not be removed.
bool ReportGc(const executor::GcResult& gc, absl::string_view name, Streams io);

// Runs `each` on every id, checked first; each failure is one line
// "ocikit: NAME: ..." and makes the exit code 125. No id is an error.
int ForEachId(const std::vector<std::string>& ids, absl::string_view name, Streams io,
              const std::function<absl::Status(const std::string&)>& each);

}  // namespace internal

// `ocikit ps [-a] [-q] [--format table|json]` (also `ocikit list`).
int RunPs(const std::vector<std::string>& args, Streams io);
int RunList(const std::vector<std::string>& args, Streams io);

// `ocikit logs [-f] ID`.
int RunLogs(const std::vector<std::string>& args, Streams io);

// `ocikit stop [-t SECONDS] ID...`.
int RunStop(const std::vector<std::string>& args, Streams io);

// `ocikit wait ID...`: prints each exit code.
int RunWait(const std::vector<std::string>& args, Streams io);

// `ocikit inspect ID`: JSON.
int RunInspect(const std::vector<std::string>& args, Streams io);

// `ocikit rm [-f] ID...`.
int RunRm(const std::vector<std::string>& args, Streams io);

// `ocikit gc`: removes orphans.
int RunGc(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_CONTAINER_COMMANDS_H_
