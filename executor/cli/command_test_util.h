// File: executor/cli/command_test_util.h
//
// Runs a subcommand with string streams and returns what it printed, for the
// command tests.
//
// Example:
//   CommandResult r = RunCommandForTest(RunDiff, {"a.json", "b.json"});
//   EXPECT_EQ(r.code, 1);
#ifndef OCIKIT_EXECUTOR_CLI_COMMAND_TEST_UTIL_H_
#define OCIKIT_EXECUTOR_CLI_COMMAND_TEST_UTIL_H_

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "executor/cli/command.h"

namespace ocikit::cli {

struct CommandResult {
  int code;
  std::string out;
  std::string err;
};

// Calls `command(args, streams)` with `stdin_text` as standard input.
inline CommandResult RunCommandForTest(const std::function<int(const std::vector<std::string>&, Streams)>& command,
                                       const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = command(args, {in, out, err});
  return {code, out.str(), err.str()};
}

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_COMMAND_TEST_UTIL_H_
