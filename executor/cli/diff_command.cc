// File: executor/cli/diff_command.cc

#include "executor/cli/diff_command.h"
#include <unistd.h>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/cli/command.h"
#include "policy/diff/diff.h"
#include "policy/diff/baselines.h"
#include "policy/diff/format.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

void AddDiffFlags(FlagSet& set, DiffFlags& f) {
  set.Add({"format", 0, "FORMAT",
           "text (default), json (structured changes) or patch (RFC 6902 JSON Patch turning A into B)",
           [&f](absl::string_view v) {
             if (v != "text" && v != "json" && v != "patch") {
               return absl::InvalidArgumentError("expected text, json or patch");
             }
             f.format = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"stat", 0, "", "print the number of changes per section instead of the changes", BoolFlag(f.stat)});
  set.Add({"ignore", 0, "PATTERN", "leave out changes whose path matches this RE2 pattern (repeatable)",
           AppendFlag(f.ignore)});
  set.Add({"against", 0, "NAME", "compare FILE with a built-in spec: default, containerd, moby or podman",
           AssignFlag(f.against)});
  set.Add({"quiet", 'q', "", "print nothing; only the exit status tells", BoolFlag(f.quiet)});
  set.Add({"no-color", 0, "", "never colour the text output (also when NO_COLOR is set)", BoolFlag(f.no_color)});
  set.Add({"color", 0, "", "colour the text output even when it is not a terminal", BoolFlag(f.color)});
  set.Add(HelpFlag(f.help));
}

absl::StatusOr<DiffFlags> ParseDiffArgs(const std::vector<std::string>& args, std::string* help) {
  DiffFlags f;
  FlagSet set;
  AddDiffFlags(set, f);
  absl::StatusOr<std::vector<std::string>> files = set.Parse(args);
  if (!files.ok()) return files.status();
  if (help != nullptr) *help = set.Help();
  f.files = *std::move(files);
  if (f.help) return f;
  const size_t want = f.against.empty() ? 2 : 1;
  if (f.files.size() != want) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected ", f.against.empty() ? "two files (A B)" : "one file with --against", ", got ", f.files.size()));
  }
  if (f.files.size() == 2 && f.files[0] == "-" && f.files[1] == "-") {
    return absl::InvalidArgumentError("only one file can be - (standard input)");
  }
  if (f.stat && f.format != "text") {
    return absl::InvalidArgumentError(absl::StrCat("--stat prints text; it cannot be combined with --format ", f.format));
  }
  if (!f.ignore.empty() && f.format == "patch") {
    return absl::InvalidArgumentError(
        "--ignore cannot be combined with --format patch: the patch always turns A into B exactly");
  }
  return f;
}

absl::StatusOr<Spec> ReadDiffInput(const std::string& name, std::istream& in) {
  OCIKIT_ASSIGN_OR_RETURN(const std::string text, ReadNamedInput(name, in, kMaxSpecFileBytes));
  return ParseSpec(text, InputDisplayName(name));
}

absl::StatusOr<DiffInputs> LoadDiffInputs(const DiffFlags& f, std::istream& in) {
  DiffInputs inputs;
  size_t next = 0;
  if (!f.against.empty()) {
    absl::StatusOr<Spec> base = BaselineSpec(f.against);
    if (!base.ok()) return absl::Status(base.status().code(), absl::StrCat("--against: ", base.status().message()));
    inputs.a = *std::move(base);
    inputs.a_name = DescribeBaseline(f.against);
  } else {
    absl::StatusOr<Spec> a = ReadDiffInput(f.files[next], in);
    if (!a.ok()) return a.status();
    inputs.a = *std::move(a);
    inputs.a_name = f.files[next++];
  }
  absl::StatusOr<Spec> b = ReadDiffInput(f.files[next], in);
  if (!b.ok()) return b.status();
  inputs.b = *std::move(b);
  inputs.b_name = f.files[next];
  return inputs;
}

bool UseDiffColor(const DiffFlags& f, const std::ostream& out) {
  if (f.no_color) return false;
  if (f.color) return true;
  if (&out != &std::cout) return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0') return false;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

int RunDiff(const std::vector<std::string>& args, Streams io) {
  std::string help;
  absl::StatusOr<DiffFlags> flags = ParseDiffArgs(args, &help);
  if (!flags.ok()) {
    io.err << "ocikit: diff: " << flags.status().message() << "\n";
    return kDiffTrouble;
  }
  if (flags->help) {
    io.out << kDiffUsage << help;
    return kDiffEqual;
  }
  absl::StatusOr<DiffInputs> inputs = LoadDiffInputs(*flags, io.in);
  if (!inputs.ok()) {
    io.err << "ocikit: diff: " << inputs.status().message() << "\n";
    return kDiffTrouble;
  }
  SpecDiff diff = DiffSpecs(inputs->a, inputs->b);
  absl::StatusOr<std::vector<Change>> changes = FilterChanges(std::move(diff.changes), flags->ignore);
  if (!changes.ok()) {
    io.err << "ocikit: diff: --ignore: " << changes.status().message() << "\n";
    return kDiffTrouble;
  }
  const int code = changes->empty() ? kDiffEqual : kDiffDifferent;
  if (flags->quiet) return code;
  if (flags->format == "json") {
    io.out << FormatDiffJson(*changes, inputs->a_name, inputs->b_name);
  } else if (flags->format == "patch") {
    io.out << FormatJsonPatch(diff.patch);
  } else if (flags->stat) {
    io.out << FormatDiffStat(*changes, UseDiffColor(*flags, io.out));
  } else {
    DiffTextOptions text;
    text.color = UseDiffColor(*flags, io.out);
    text.a_name = inputs->a_name;
    text.b_name = inputs->b_name;
    io.out << FormatDiffText(*changes, text);
  }
  return code;
}
}  // namespace ocikit::cli

