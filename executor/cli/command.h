// File: executor/cli/command.h
//
// A subcommand of the ocikit CLI: a plain function over its arguments and
// injected streams, returning the process exit code, so tests can drive it
// with string streams.
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_CLI_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace ocikit::cli {

// Exit codes shared by the subcommands that build or run containers, as
// Podman's: 125 when ocikit itself fails (bad flag, bad input).
inline constexpr int kExitOk = 0;
inline constexpr int kExitOcikitError = 125;

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using CommandFn = int (*)(const std::vector<std::string>& args, Streams streams);

struct Command {
  const char* name;
  const char* synopsis;  // one line: what it does
  CommandFn run;
};

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_COMMAND_H_
