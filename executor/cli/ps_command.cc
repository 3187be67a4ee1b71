// File: executor/cli/ps_command.cc
//
// `ocikit ps` (alias `list`): the containers of the state root.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/detached.h"
#include "executor/flags/arg_parser.h"
#include "executor/lifecycle.h"
#include "executor/runtime.h"
#include "nlohmann/json.hpp"

namespace ocikit::cli {

namespace {

// "5 seconds ago", "3 minutes ago": Podman's CREATED column.
std::string Ago(absl::Time t) {
  const int64_t s = std::max<int64_t>(0, absl::ToInt64Seconds(absl::Now() - t));
  const auto unit = [](int64_t n, const char* name) { return absl::StrCat(n, " ", name, n == 1 ? "" : "s", " ago"); };
  if (s < 60) return unit(s, "second");
  if (s < 3600) return unit(s / 60, "minute");
  if (s < 86400) return unit(s / 3600, "hour");
  return unit(s / 86400, "day");
}

std::string ShortCommand(const std::vector<std::string>& command) {
  std::string text = absl::StrJoin(command, " ");
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

std::string ExitCode(const executor::ContainerInfo& c) {
  return c.record && c.record->exit_code ? absl::StrCat(*c.record->exit_code) : "";
}

void PrintTable(const std::vector<executor::ContainerInfo>& infos, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"CONTAINER ID", "COMMAND", "CREATED", "STATUS", "EXIT CODE"}};
  for (const executor::ContainerInfo& c : infos) {
    rows.push_back({c.id, ShortCommand(c.command), Ago(c.created), c.status, ExitCode(c)});
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&line, row[i], i + 1 < row.size() ? std::string(width[i] - row[i].size() + 2, ' ') : "");
    }
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
}

void PrintJson(const std::vector<executor::ContainerInfo>& infos, std::ostream& out) {
  nlohmann::json all = nlohmann::json::array();
  for (const executor::ContainerInfo& c : infos) {
    nlohmann::json j = {{"Id", c.id},
                        {"Command", c.command},
                        {"Created", absl::FormatTime(absl::RFC3339_full, c.created, absl::UTCTimeZone())},
                        {"Status", c.status},
                        {"Owned", c.owned}};
    j["ExitCode"] = c.record && c.record->exit_code ? nlohmann::json(*c.record->exit_code) : nlohmann::json();
    all.push_back(std::move(j));
  }
  out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";  // never throws
}
// `ocikit ps`, or its alias `name` ("list"), which its messages name.
int Ps(const std::vector<std::string>& args, Streams io, absl::string_view name) {
  FlagSet set;
  internal::LifecycleFlags f;
  std::string format = "table";
  bool all = false;
  bool quiet = false;
  set.Add({"all", 'a', "", "also containers that are not running (exited, created)", BoolFlag(all)});
  set.Add({"format", 0, "table|json", "output format (default table)", [&format](absl::string_view v) {
             if (v != "table" && v != "json") return absl::InvalidArgumentError("expected table or json");
             format = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"quiet", 'q', "", "print the ids only", BoolFlag(quiet)});
  absl::StatusOr<std::vector<std::string>> operands = internal::ParseLifecycle(args, set, f);
  if (!operands.ok()) return internal::Fail(io, name, operands.status().message());
  if (f.help) {
    io.out << "Usage: ocikit " << name << " [FLAGS]\n\n`ocikit ps` and `ocikit list` are the same command. Lists the containers of the state root: id, command, "
              "creation, status (running,\nexited, or the runtime's word for those of `ocikit create`) and exit code. "
              "Only running\ncontainers unless -a. Orphans of killed `ocikit run`s are removed first (see `ocikit "
              "gc`).\n\nFlags:\n"
           << set.Help();
    return kExitOk;
  }
  if (!operands->empty()) return internal::Fail(io, name, absl::StrCat("unexpected argument \"", (*operands)[0], "\""));
  internal::ReportGc(executor::CollectOrphans(f.root, f.runtime), name, io);
  std::vector<executor::ContainerInfo> infos = executor::ListContainerInfos(f.root, f.runtime);
  if (!all) {
    infos.erase(std::remove_if(infos.begin(), infos.end(), [](const executor::ContainerInfo& c) { return c.status != "running"; }),
                infos.end());
  }
  if (quiet) {
    for (const executor::ContainerInfo& c : infos) io.out << c.id << "\n";
  } else if (format == "json") {
    PrintJson(infos, io.out);
  } else {
    PrintTable(infos, io.out);
  }
  if (absl::StatusOr<executor::Runtime> rt =
          executor::ResolveRuntime(f.runtime.empty() ? executor::kDefaultRuntime : f.runtime, f.root);
      rt.ok()) {
    for (const std::string& id : executor::OrphanBundles(*rt, f.root)) {
      io.err << "ocikit: " << name << ": bundle of \"" << id << "\" has no " << rt->name
             << " state (a crashed run?); remove it with \"" << executor::DeleteCommand(f.root, id) << "\"\n";
    }
  }
  return kExitOk;
}
}  // namespace

int RunPs(const std::vector<std::string>& args, Streams io) { return Ps(args, io, "ps"); }

int RunList(const std::vector<std::string>& args, Streams io) { return Ps(args, io, "list"); }
}  // namespace ocikit::cli
