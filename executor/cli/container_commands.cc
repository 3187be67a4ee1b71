// File: executor/cli/container_commands.cc
//
// What the commands of executor/cli/container_commands.h share; each command
// is in its own translation unit (ps_command.cc, rm_command.cc, ...).

#include "executor/cli/container_commands.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"

namespace ocikit::cli::internal {

bool ReportGc(const executor::GcResult& gc, absl::string_view name, Streams io) {
  for (const std::string& line : gc.removed) io.err << "ocikit: " << name << ": " << line << "\n";
  for (const std::string& line : gc.errors) io.err << "ocikit: " << name << ": " << line << "\n";
  return gc.errors.empty();
}

int ForEachId(const std::vector<std::string>& ids, absl::string_view name, Streams io,
              const std::function<absl::Status(const std::string&)>& each) {
  if (ids.empty()) return Fail(io, name, "expected a container ID");
  int code = kExitOk;
  for (const std::string& id : ids) {
    absl::Status s = CheckId(id);
    if (s.ok()) s = each(id);
    if (!s.ok()) code = Fail(io, name, s.message());
    io.out.flush();
  }
  return code;
}
}  // namespace ocikit::cli::internal
