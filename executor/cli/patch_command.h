// File: executor/cli/patch_command.h
//
// `ocikit patch FILE PATCH`: applies an RFC 6902 JSON Patch or an RFC 7396
// merge patch (policy/patch.h) to a config.json and writes the result
// canonically, to standard output or, with --in-place, back to FILE
// atomically (temporary file, fsync, rename) with FILE's permission bits.
// Nothing is written unless the whole patch applies. Exit codes as patch(1):
// 0 applied, 1 the patch does not apply, 2 trouble (bad flag, unreadable or
// invalid input).
#ifndef OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "policy/patch.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/flags/arg_parser.h"

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

inline void AddPatchFlags(FlagSet& set, PatchFlags& f) {
  set.Add({"type", 0, "TYPE", "json-patch (RFC 6902) or merge-patch (RFC 7396); default: detected",
           [&f](absl::string_view v) -> absl::Status {
             absl::StatusOr<PatchType> t = ParsePatchType(v);
             if (!t.ok()) return t.status();
             f.type = *t;
             return absl::OkStatus();
           }});
  set.Add({"in-place", 'i', "", "write the result back to FILE atomically, keeping its permission bits",
           BoolFlag(f.in_place)});
  set.Add({"indent", 0, "N", "indent the output by N spaces (0: compact; default: as FILE)",
           [&f](absl::string_view v) {
             int n = 0;
             if (!absl::SimpleAtoi(v, &n) || n < 0 || n > 16) {
               return absl::InvalidArgumentError("expected a number of spaces from 0 to 16");
             }
             f.indent = n;
             return absl::OkStatus();
           }});
  set.Add({"compact", 0, "", "print compact JSON (same as --indent 0)", [&f](absl::string_view v) {
             if (v == "true") f.indent = 0;
             return absl::OkStatus();
           }});
  set.Add({"help", 'h', "", "show this help", BoolFlag(f.help)});
}

// The indentation of `text` as ocikit writes it: 0 when the document is on
// one line, else the spaces before the first indented line (tabs: 4).
inline int DetectIndent(absl::string_view text) {
  size_t nl = text.find('\n');
  while (nl != absl::string_view::npos && nl + 1 < text.size() && (text[nl + 1] == '\n' || text[nl + 1] == '\r')) {
    nl = text.find('\n', nl + 1);
  }
  if (nl == absl::string_view::npos || nl + 1 >= text.size()) return 0;
  size_t spaces = 0;
  while (nl + 1 + spaces < text.size() && text[nl + 1 + spaces] == ' ') ++spaces;
  if (spaces == 0 || spaces > 16) return 4;
  return static_cast<int>(spaces);
}

namespace internal {

inline absl::StatusOr<std::string> ReadPatchInput(const std::string& name, std::istream& in) {
  if (name != "-") return ReadRegularFile(name, kMaxSpecFileBytes);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > kMaxSpecFileBytes) {
    return absl::InvalidArgumentError(absl::StrCat("<stdin>: input exceeds ", kMaxSpecFileBytes, " bytes"));
  }
  return text;
}

// Writes `text` over the file `path` names (through a symlink to its target)
// atomically, with the file's permission bits.
inline absl::Status WriteInPlace(const std::string& path, absl::string_view text) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return ErrnoStatus(errno, path);
  struct stat st;
  if (::stat(resolved, &st) != 0) return ErrnoStatus(errno, path);
  return WriteFileAtomic(resolved, text, st.st_mode & 07777);
}

}  // namespace internal

inline int RunPatch(const std::vector<std::string>& args, Streams io) {
  PatchFlags f;
  FlagSet set;
  AddPatchFlags(set, f);
  absl::StatusOr<std::vector<std::string>> files = set.Parse(args);
  const auto trouble = [&io](absl::string_view message) {
    io.err << "ocikit patch: " << message << "\n";
    return kPatchTrouble;
  };
  if (!files.ok()) return trouble(files.status().message());
  if (f.help) {
    io.out << kPatchUsage << set.Help();
    return kPatchApplied;
  }
  if (files->size() != 2) return trouble(absl::StrCat("expected FILE and PATCH, got ", files->size(), " arguments"));
  const std::string& file = (*files)[0];
  const std::string& patch_file = (*files)[1];
  if (file == "-" && patch_file == "-") return trouble("only one of FILE and PATCH can be - (standard input)");
  if (f.in_place && file == "-") return trouble("--in-place needs a FILE, not - (standard input)");

  absl::StatusOr<std::string> text = internal::ReadPatchInput(file, io.in);
  if (!text.ok()) return trouble(text.status().message());
  absl::StatusOr<Spec> spec = ParseSpec(*text, file == "-" ? "<stdin>" : file);
  if (!spec.ok()) return trouble(spec.status().message());
  absl::StatusOr<std::string> patch = internal::ReadPatchInput(patch_file, io.in);
  if (!patch.ok()) return trouble(patch.status().message());

  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(*spec, *patch, f.type);
  if (!out.ok()) {
    const std::string where = patch_file == "-" ? "<stdin>" : patch_file;
    io.err << "ocikit patch: " << where << ": " << out.status().message() << "; " << (f.in_place ? file : "nothing")
           << (f.in_place ? " is unchanged" : " was written") << "\n";
    return out.status().code() == absl::StatusCode::kFailedPrecondition ? kPatchFailed : kPatchTrouble;
  }
  const int indent = f.indent >= 0 ? f.indent : DetectIndent(*text);
  std::string result = indent > 0 ? MarshalIndent(out->spec, indent) : Marshal(out->spec);
  result.push_back('\n');
  if (!f.in_place) {
    io.out << result;
    return kPatchApplied;
  }
  if (result == *text) return kPatchApplied;
  if (absl::Status s = internal::WriteInPlace(file, result); !s.ok()) return trouble(s.message());
  return kPatchApplied;
}

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_PATCH_COMMAND_H_
