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
    "ocikit writes specs (Go's member order and escaping), keeping the empty\n"
    "arrays and objects and the nulls FILE had, in FILE's layout (compact, or\n"
    "indented by the same number of spaces or by tabs) unless --indent or\n"
    "--compact say otherwise. A patch that fails changes nothing.\n"
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

// The layout of a JSON document: compact (indent 0), or indented by
// `indent` spaces or tabs per level.
struct Layout {
  int indent = 0;
  bool tabs = false;
  bool operator==(const Layout&) const = default;
};

// The layout of `text`: compact when the document is on one line, else the
// white space before its first indented line.
Layout DetectLayout(absl::string_view text);

// `text` written with one space per level turned into `layout` (tabs).
std::string WithTabs(absl::string_view text);

namespace internal {

// Writes `text` over the file `path` names (through a symlink to its target)
// atomically, with the file's permission bits.
absl::Status WriteInPlace(const std::string& path, absl::string_view text);

}  // namespace internal

int RunPatch(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_
