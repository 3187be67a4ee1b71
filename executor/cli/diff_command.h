// File: executor/cli/diff_command.h
//
// `ocikit diff A B` and `ocikit diff --against NAME FILE`: the semantic diff
// of two config.json files (policy/diff/diff.h) as text, JSON, an RFC 6902 patch
// or a per-section summary. Exit codes as diff(1): 0 equal, 1 different,
// 2 trouble (bad flag, unreadable or invalid file).
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_CLI_DIFF_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_DIFF_COMMAND_H_


#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "spec/codec.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

inline constexpr int kDiffEqual = 0;
inline constexpr int kDiffDifferent = 1;
inline constexpr int kDiffTrouble = 2;

inline constexpr char kDiffUsage[] =
    "Usage: ocikit diff [FLAGS] A B\n"
    "       ocikit diff [FLAGS] --against NAME FILE\n"
    "\n"
    "Compares two config.json files by meaning: mounts by destination (a reorder\n"
    "is a move), env by variable name, namespaces and rlimits by type, devices by\n"
    "path, capabilities, masked and read-only paths as sets, seccomp rules by\n"
    "(names, action, args), unknown fields generically. Field order and white\n"
    "space do not matter. A file may be - (standard input).\n"
    "\n"
    "--against compares FILE with a built-in spec: default or containerd\n"
    "(containerd v2's default spec), moby or podman (the same spec with that\n"
    "engine's masked/read-only paths, capabilities and rlimits).\n"
    "\n"
    "Exit status: 0 equal, 1 different, 2 trouble.\n"
    "\n"
    "Flags:\n";

struct DiffFlags {
  std::string format = "text";  // text, json or patch
  bool stat = false;
  bool quiet = false;
  bool no_color = false;
  bool color = false;
  bool help = false;
  std::vector<std::string> ignore;
  std::string against;
  std::vector<std::string> files;
};

void AddDiffFlags(FlagSet& set, DiffFlags& f);

// Parses and checks the arguments of `ocikit diff`.
absl::StatusOr<DiffFlags> ParseDiffArgs(const std::vector<std::string>& args, std::string* help = nullptr);

struct DiffInputs {
  Spec a;
  Spec b;
  std::string a_name;
  std::string b_name;
};

// Reads `name` ("-" for `in`) as a config.json.
absl::StatusOr<Spec> ReadDiffInput(const std::string& name, std::istream& in);

// The two specs the flags name.
absl::StatusOr<DiffInputs> LoadDiffInputs(const DiffFlags& f, std::istream& in);

// Colour only for a terminal on standard output, unless told otherwise.
bool UseDiffColor(const DiffFlags& f, const std::ostream& out);

int RunDiff(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_DIFF_COMMAND_H_
