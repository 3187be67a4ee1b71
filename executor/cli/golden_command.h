// File: executor/cli/golden_command.h
//
// `ocikit golden check DIR` and `ocikit golden update DIR`: golden
// config.json files for users' own CI, on the machinery of
// executor/cli/golden.h (the project's own suite uses the same). DIR holds
// one folder per case (or is itself one case):
//   args         the `ocikit spec` arguments, one per line ('#' comments)
//   base.json    optional: the base spec, as if given with --from
//   config.json  the expected output, byte for byte
// `check` regenerates every case and compares; for a mismatch it prints the
// semantic diff of expected (-) and generated (+) (policy/diff/diff.h), or the line
// diff when only the bytes differ. `update` rewrites the expected files that
// differ and prints what changed. Exit codes: 0 all match (or updated), 1 a
// case differs, 2 trouble (no cases, a case cannot be generated or written).
//
// Dependencies: absl_hash absl_status absl_strings re2
#ifndef OCIKIT_EXECUTOR_CLI_GOLDEN_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_GOLDEN_COMMAND_H_

#include <sys/stat.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "executor/cli/diff_command.h"
#include "executor/cli/golden.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

inline constexpr int kGoldenOk = 0;
inline constexpr int kGoldenMismatch = 1;
inline constexpr int kGoldenTrouble = 2;

inline constexpr char kGoldenUsage[] =
    "Usage: ocikit golden check [FLAGS] DIR\n"
    "       ocikit golden update [FLAGS] DIR\n"
    "\n"
    "Golden config.json files for CI. DIR holds one folder per case (or is one\n"
    "case folder): `args` (the `ocikit spec` arguments, one per line; lines\n"
    "starting with # are comments; relative paths are relative to the case),\n"
    "optionally `base.json` (used as --from) and the expected `config.json`.\n"
    "\n"
    "check   regenerates every case and compares it byte for byte; prints the\n"
    "        semantic diff (expected -, generated +) of each case that differs\n"
    "update  rewrites the expected config.json of each case that differs\n"
    "\n"
    "Exit status: 0 all cases match (or were updated), 1 a case differs,\n"
    "2 trouble (no cases, a case cannot be generated or written).\n"
    "\n"
    "Flags:\n";

// What changed between an expected and a generated config.json: the
// semantic diff, or the line diff when they mean the same but differ in
// bytes (layout), or when the expected file does not parse.
std::string DescribeGoldenMismatch(absl::string_view want, absl::string_view got, const std::string& want_name,
                                          const std::string& got_name, bool color);

int RunGolden(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_GOLDEN_COMMAND_H_
