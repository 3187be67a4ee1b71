// The ocikit command: dispatches to its subcommands.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "executor/cli/command.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/diff_command.h"
#include "executor/cli/golden_command.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/cli/lint_command.h"
#include "executor/cli/patch_command.h"
#include "executor/cli/run_command.h"
#include "executor/cli/spec_command.h"
#include "spec/config.h"

namespace {

constexpr char kVersion[] = "0.1.0";

constexpr ocikit::cli::Command kCommands[] = {
    {"spec", "print a config.json built from flags", ocikit::cli::RunSpec},
    {"run", "run a command in a new container (-d: in the background)", ocikit::cli::RunRun},
    {"create", "create a container without starting it", ocikit::cli::RunCreate},
    {"start", "start a created container", ocikit::cli::RunStart},
    {"exec", "run a command in a running container", ocikit::cli::RunExec},
    {"state", "print a container's state as JSON", ocikit::cli::RunState},
    {"kill", "send a signal to a container", ocikit::cli::RunKill},
    {"delete", "delete containers and what crashed runs left", ocikit::cli::RunDelete},
    {"ps", "list containers (-a: also exited ones)", ocikit::cli::RunPs},
    {"list", "list containers: the same as ps", ocikit::cli::RunList},
    {"logs", "print a detached container's output (-f: follow)", ocikit::cli::RunLogs},
    {"stop", "stop containers: stop signal, then SIGKILL", ocikit::cli::RunStop},
    {"wait", "wait for containers to exit; print their exit codes", ocikit::cli::RunWait},
    {"inspect", "print a container as JSON", ocikit::cli::RunInspect},
    {"rm", "remove containers", ocikit::cli::RunRm},
    {"gc", "remove containers whose ocikit was killed", ocikit::cli::RunGc},
    {"lint", "check config.json files: conformance, typos, seccomp, security, policies", ocikit::cli::RunLint},
    {"diff", "compare two config.json files by meaning", ocikit::cli::RunDiff},
    {"patch", "apply a JSON Patch or merge patch to a config.json", ocikit::cli::RunPatch},
    {"golden", "check or update golden config.json files", ocikit::cli::RunGolden},
};

void PrintUsage(std::ostream& out) {
  out << "Usage: ocikit COMMAND [FLAGS] [ARGS...]\n\n"
      << "A toolkit for OCI runtime configuration (config.json, runtime-spec "
      << ocikit::kOciVersion << ").\n\nCommands:\n";
  for (const auto& c : kCommands) out << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ') << c.synopsis << "\n";
  out << "\nRun 'ocikit COMMAND --help' for a command's flags; 'ocikit --version' for the version.\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintUsage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "ocikit " << kVersion << " (runtime-spec " << ocikit::kOciVersion << ")\n";
    return 0;
  }
  for (const auto& c : kCommands) {
    if (args[0] == c.name) {
      return c.run(std::vector<std::string>(args.begin() + 1, args.end()), {std::cin, std::cout, std::cerr});
    }
  }
  std::vector<std::string> names;
  for (const auto& c : kCommands) names.emplace_back(c.name);
  std::cerr << "ocikit: unknown command \"" << args[0] << "\"; expected one of " << absl::StrJoin(names, ", ")
            << "\n";
  return 2;
}
