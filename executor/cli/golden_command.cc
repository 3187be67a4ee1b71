// File: executor/cli/golden_command.cc

#include "executor/cli/golden_command.h"
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

std::string DescribeGoldenMismatch(absl::string_view want, absl::string_view got, const std::string& want_name,
                                          const std::string& got_name, bool color) {
  absl::StatusOr<Spec> a = ParseSpec(want, want_name);
  absl::StatusOr<Spec> b = ParseSpec(got, got_name);
  if (!a.ok() || !b.ok()) {
    return absl::StrCat(a.ok() ? b.status().message() : a.status().message(), "\n", LineDiff(want, got));
  }
  const SpecDiff d = DiffSpecs(*a, *b);
  if (d.changes.empty()) return absl::StrCat("same spec, other bytes (layout):\n", LineDiff(want, got));
  DiffTextOptions text;
  text.color = color;
  text.a_name = want_name;
  text.b_name = got_name;
  return FormatDiffText(d.changes, text);
}

int RunGolden(const std::vector<std::string>& args, Streams io) {
  bool help = false;
  bool quiet = false;
  DiffFlags color_flags;  // --no-color / --color, as `ocikit diff`
  FlagSet set;
  set.Add({"quiet", 'q', "", "print only the cases that differ and the summary", BoolFlag(quiet)});
  set.Add({"no-color", 0, "", "never colour the diffs", BoolFlag(color_flags.no_color)});
  set.Add({"color", 0, "", "colour the diffs even when the output is not a terminal", BoolFlag(color_flags.color)});
  set.Add(HelpFlag(help));
  absl::StatusOr<std::vector<std::string>> rest = set.Parse(args);
  const auto trouble = [&io](absl::string_view message) {
    io.err << "ocikit: golden: " << message << "\n";
    return kGoldenTrouble;
  };
  if (!rest.ok()) return trouble(rest.status().message());
  if (help) {
    io.out << kGoldenUsage << set.Help();
    return kGoldenOk;
  }
  if (rest->size() != 2 || ((*rest)[0] != "check" && (*rest)[0] != "update")) {
    return trouble("expected `check DIR` or `update DIR`");
  }
  const bool update = (*rest)[0] == "update";
  std::string dir = (*rest)[1];
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const bool color = UseDiffColor(color_flags, io.out);

  absl::StatusOr<std::vector<std::string>> cases = ListGoldenCases(dir);
  if (!cases.ok()) return trouble(cases.status().message());
  std::vector<std::string> case_dirs;
  for (const std::string& c : *cases) case_dirs.push_back(absl::StrCat(dir, "/", c));
  struct stat st;
  if (case_dirs.empty() && ::stat(absl::StrCat(dir, "/args").c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    case_dirs.push_back(dir);
  }
  if (case_dirs.empty()) return trouble(absl::StrCat(dir, ": no golden cases (folders holding an args file)"));

  size_t differ = 0, updated = 0, errors = 0;
  for (const std::string& case_dir : case_dirs) {
    const std::string expected_path = absl::StrCat(case_dir, "/config.json");
    const absl::StatusOr<std::string> want = ReadRegularFile(expected_path, kMaxGoldenFileBytes);
    const GoldenOutcome outcome = CheckGoldenCase(case_dir, update);
    if (outcome.ok && !outcome.updated) {
      if (!quiet) io.out << "ok      " << case_dir << "\n";
      continue;
    }
    absl::StatusOr<std::string> got = RenderGoldenCase(case_dir);
    if (!got.ok() || (update && !outcome.ok)) {
      ++errors;
      io.out << "error   " << case_dir << ": " << (got.ok() ? outcome.detail : std::string(got.status().message()))
             << "\n";
      continue;
    }
    const std::string got_name = absl::StrCat("generated from ", case_dir, "/args");
    if (outcome.updated) {
      ++updated;
      io.out << "updated " << expected_path << "\n";
      if (want.ok()) io.out << DescribeGoldenMismatch(*want, *got, expected_path, got_name, color);
      continue;
    }
    ++differ;
    io.out << "FAIL    " << case_dir << "\n";
    if (want.ok()) {
      io.out << DescribeGoldenMismatch(*want, *got, expected_path, got_name, color);
    } else {
      io.out << want.status().message() << " (create it with `ocikit golden update`)\n";
    }
  }
  io.out << "golden: " << case_dirs.size() << (case_dirs.size() == 1 ? " case" : " cases");
  if (update) {
    io.out << ", " << updated << " updated";
  } else {
    io.out << ", " << differ << " differ";
  }
  if (errors > 0) io.out << ", " << errors << (errors == 1 ? " error" : " errors");
  io.out << "\n";
  if (errors > 0) return kGoldenTrouble;
  if (differ > 0) {
    io.out << "review the changes, then accept them with: ocikit golden update " << dir << "\n";
    return kGoldenMismatch;
  }
  return kGoldenOk;
}
}  // namespace ocikit::cli

