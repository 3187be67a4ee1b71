// File: executor/cli/spec_command.h
//
// `ocikit spec`: prints the config.json the flags describe.
#ifndef OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "executor/cli/generate_flags.h"
#include "spec/flags/arg_parser.h"
#include "spec/flags/spec_flags.h"

namespace ocikit::cli {

inline constexpr char kSpecUsage[] =
    "Usage: ocikit spec [FLAGS] [--] [COMMAND [ARG...]]\n"
    "\n"
    "Prints a config.json (OCI runtime-spec 1.3.0): the default Linux spec, the\n"
    "same as containerd's, or the spec given with --from, changed by the flags.\n"
    "COMMAND and its arguments become process.args. The output is byte for byte\n"
    "what Go's encoding/json writes for the same spec.\n"
    "\n"
    "Flags:\n";

inline int RunSpec(const std::vector<std::string>& args, Streams io) {
  GenerateFlags flags;
  OutputFlags output;
  FlagSet set;
  AddGenerateFlags(set, flags);
  AddOutputFlags(set, output);
  bool help = false;
  set.Add({"help", 0, "", "show this help", [&help](absl::string_view v) {
             help = v == "true";
             return absl::OkStatus();
           }});
  absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  if (!command.ok()) {
    io.err << "ocikit spec: " << command.status().message() << "\n";
    return kExitOcikitError;
  }
  if (help) {
    io.out << kSpecUsage << set.Help();
    return kExitOk;
  }
  flags.spec.command = *std::move(command);
  std::vector<std::string> warnings;
  absl::StatusOr<Spec> spec = BuildGeneratedSpec(flags, &warnings);
  for (const std::string& w : warnings) io.err << "ocikit spec: warning: " << w << "\n";
  if (!spec.ok()) {
    io.err << "ocikit spec: " << spec.status().message() << "\n";
    return kExitOcikitError;
  }
  io.out << FormatSpecOutput(*spec, output);
  return kExitOk;
}

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_
