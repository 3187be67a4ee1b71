// File: executor/cli/spec_command.cc

#include "executor/cli/spec_command.h"
#include <ostream>
#include <string>
#include <vector>
#include "executor/cli/command.h"
#include "executor/flags/spec_check.h"
#include "executor/flags/spec_flags.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_flags.h"

namespace ocikit::cli {

int RunSpec(const std::vector<std::string>& args, Streams io) {
  SpecFlags flags;
  OutputFlags output;
  FlagSet set;
  AddSpecFlags(set, flags);
  AddOutputFlags(set, output);
  bool help = false;
  set.Add(HelpFlag(help));
  absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  if (!command.ok()) {
    io.err << "ocikit: spec: " << command.status().message() << "\n";
    return kExitOcikitError;
  }
  if (help) {
    io.out << kSpecUsage << set.Help();
    return kExitOk;
  }
  flags.command = *std::move(command);
  std::vector<std::string> warnings;
  absl::StatusOr<Spec> spec = BuildCheckedSpec(flags, &warnings);
  for (const std::string& w : warnings) io.err << "ocikit: spec: warning: " << w << "\n";
  if (!spec.ok()) {
    io.err << "ocikit: spec: " << spec.status().message() << "\n";
    return kExitOcikitError;
  }
  io.out << FormatSpecOutput(*spec, output);
  return kExitOk;
}
}  // namespace ocikit::cli

