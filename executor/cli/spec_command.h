// File: executor/cli/spec_command.h
//
// `ocikit spec`: prints the config.json the flags describe.
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json seccomp
#ifndef OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "executor/flags/spec_flags.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_flags.h"

namespace ocikit::cli {

inline constexpr char kSpecUsage[] =
    "Usage: ocikit spec [FLAGS] [--] [COMMAND [ARG...]]\n"
    "\n"
    "Prints a config.json (OCI runtime-spec 1.3.0): the default Linux spec, the\n"
    "same as containerd's, with what Docker and Podman users expect of a plain run\n"
    "(moby's seccomp profile, a read-only /sys/fs/cgroup, a private cgroup\n"
    "namespace; --defaults picks another engine's), or the spec given with --from\n"
    "as it is, changed by the flags.\n"
    "COMMAND and its arguments become process.args. The output is byte for byte\n"
    "what Go's encoding/json writes for the same spec.\n"
    "\n"
    "Flags:\n";

int RunSpec(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_SPEC_COMMAND_H_
