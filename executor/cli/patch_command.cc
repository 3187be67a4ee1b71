// File: executor/cli/patch_command.cc

#include "executor/cli/patch_command.h"
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <cerrno>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "policy/diff/patch.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

void AddPatchFlags(FlagSet& set, PatchFlags& f) {
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
  set.Add(HelpFlag(f.help));
}

Layout DetectLayout(absl::string_view text) {
  size_t nl = text.find('\n');
  while (nl != absl::string_view::npos && nl + 1 < text.size() && (text[nl + 1] == '\n' || text[nl + 1] == '\r')) {
    nl = text.find('\n', nl + 1);
  }
  if (nl == absl::string_view::npos || nl + 1 >= text.size()) return {};
  if (text[nl + 1] == '\t') return {1, true};
  size_t spaces = 0;
  while (nl + 1 + spaces < text.size() && text[nl + 1 + spaces] == ' ') ++spaces;
  if (spaces == 0 || spaces > 16) return {4, false};
  return {static_cast<int>(spaces), false};
}

std::string WithTabs(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool line_start = true;  // JSON strings hold no raw newline: leading blanks are indentation
  for (const char c : text) {
    out.push_back(line_start && c == ' ' ? '\t' : c);
    line_start = c == '\n' || (line_start && c == ' ');
  }
  return out;
}

namespace internal {

absl::Status WriteInPlace(const std::string& path, absl::string_view text) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return ErrnoStatus(errno, path);
  struct stat st;
  if (::stat(resolved, &st) != 0) return ErrnoStatus(errno, path);
  return WriteFileAtomic(resolved, text, st.st_mode & 07777);
}
}  // namespace internal

int RunPatch(const std::vector<std::string>& args, Streams io) {
  PatchFlags f;
  FlagSet set;
  AddPatchFlags(set, f);
  absl::StatusOr<std::vector<std::string>> files = set.Parse(args);
  const auto trouble = [&io](absl::string_view message) {
    io.err << "ocikit: patch: " << message << "\n";
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

  absl::StatusOr<std::string> text = ReadNamedInput(file, io.in, kMaxSpecFileBytes);
  if (!text.ok()) return trouble(text.status().message());
  const std::string source = InputDisplayName(file);
  if (absl::StatusOr<Spec> spec = ParseSpec(*text, source); !spec.ok()) return trouble(spec.status().message());
  absl::StatusOr<std::string> patch = ReadNamedInput(patch_file, io.in, kMaxSpecFileBytes);
  if (!patch.ok()) return trouble(patch.status().message());

  const Layout layout = f.indent >= 0 ? Layout{f.indent, false} : DetectLayout(*text);
  absl::StatusOr<PatchOutcome> out = ApplyPatchToText(*text, *patch, f.type, layout.indent, source);
  if (!out.ok()) {
    const std::string where = InputDisplayName(patch_file);
    io.err << "ocikit: patch: " << where << ": " << out.status().message() << "; " << (f.in_place ? file : "nothing")
           << (f.in_place ? " is unchanged" : " was written") << "\n";
    return out.status().code() == absl::StatusCode::kFailedPrecondition ? kPatchFailed : kPatchTrouble;
  }
  std::string result = layout.tabs ? WithTabs(out->text) : std::move(out->text);
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

