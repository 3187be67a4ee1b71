// File: executor/cli/patch_command.h
//
// `ocikit patch FILE PATCH`: applies an RFC 6902 JSON Patch or an RFC 7396
// merge patch (policy/diff/patch.h) to a config.json and writes the result
// canonically, to standard output or, with --in-place, back to FILE
// atomically (temporary file, fsync, rename) with FILE's permission bits.
// Nothing is written unless the whole patch applies. Exit codes as patch(1):
// 0 applied, 1 the patch does not apply, 2 trouble (bad flag, unreadable or
// invalid input).
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_


#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "policy/diff/patch.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

inline constexpr int kPatchApplied = 0;
inline constexpr int kPatchFailed = 1;
inline constexpr int kPatchTrouble = 2;

inline constexpr char kPatchUsage[] =
    "Usage: ocikit patch [FLAGS] FILE PATCH\n"
    "\n"
    "Applies PATCH to the config.json FILE and prints the result. PATCH is an\n"
    "RFC 6902 JSON Patch (a JSON array of operations, as `ocikit diff --format\n"
    "patch` writes) or an RFC 7396 merge patch (a JSON object; null deletes a\n"
    "member); the type is detected unless --type is given. Either file may be -\n"
    "(standard input). The result must be a valid config.json; it is written as\n"
    "ocikit writes specs, in FILE's layout (compact, or indented by the same\n"
    "number of spaces; tabs become 4 spaces) unless --indent or --compact say\n"
    "otherwise. A patch that fails changes nothing.\n"
    "\n"
    "Exit status: 0 applied, 1 the patch does not apply, 2 trouble.\n"
    "\n"
    "Flags:\n";

struct PatchFlags {
  PatchType type = PatchType::kAuto;
  bool in_place = false;
  int indent = -1;  // -1: as FILE
  bool help = false;
  std::vector<std::string> files;
};

void AddPatchFlags(FlagSet& set, PatchFlags& f);

// The indentation of `text` as ocikit writes it: 0 when the document is on
// one line, else the spaces before the first indented line (tabs: 4).
int DetectIndent(absl::string_view text);

namespace internal {

absl::StatusOr<std::string> ReadPatchInput(const std::string& name, std::istream& in);

// Writes `text` over the file `path` names (through a symlink to its target)
// atomically, with the file's permission bits.
absl::Status WriteInPlace(const std::string& path, absl::string_view text);

}  // namespace internal

int RunPatch(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_
