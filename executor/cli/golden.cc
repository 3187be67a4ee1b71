// File: executor/cli/golden.cc

#include "executor/cli/golden.h"
#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/file.h"
#include "executor/flags/spec_check.h"
#include "executor/flags/spec_flags.h"
#include "executor/flags/arg_parser.h"

namespace ocikit {

absl::StatusOr<std::vector<std::string>> ListGoldenCases(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ErrnoStatus(errno, dir);
  std::vector<std::string> cases;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st;
    if (::stat(absl::StrCat(dir, "/", name, "/args").c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      cases.push_back(name);
    }
  }
  ::closedir(d);
  std::sort(cases.begin(), cases.end());
  return cases;
}

absl::StatusOr<std::vector<std::string>> ReadArgsFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, kMaxGoldenFileBytes);
  if (!text.ok()) return text.status();
  std::vector<std::string> args;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    args.emplace_back(line);
  }
  return args;
}

absl::StatusOr<std::string> RenderGoldenCase(const std::string& case_dir) {
  absl::StatusOr<std::vector<std::string>> args = ReadArgsFile(absl::StrCat(case_dir, "/args"));
  if (!args.ok()) return args.status();
  SpecFlags flags;
  OutputFlags output;
  FlagSet set;
  AddSpecFlags(set, flags);
  AddOutputFlags(set, output);
  absl::StatusOr<std::vector<std::string>> command = set.Parse(*args, /*stop_at_positional=*/true);
  if (!command.ok()) return absl::InvalidArgumentError(absl::StrCat(case_dir, "/args: ", command.status().message()));
  flags.command = *std::move(command);
  flags.base_dir = case_dir;
  flags.write_state_files = false;  // golden files are config.json only: check and update write nothing else
  struct stat st;
  if (flags.from.empty() && ::stat(absl::StrCat(case_dir, "/base.json").c_str(), &st) == 0) {
    flags.from = "base.json";
  }
  std::vector<std::string> warnings;  // not part of the expected output
  absl::StatusOr<Spec> spec = BuildCheckedSpec(flags, &warnings);
  if (!spec.ok()) return spec.status();
  return FormatSpecOutput(*spec, output);
}

std::string LineDiff(absl::string_view want, absl::string_view got, size_t context) {
  const std::vector<absl::string_view> a = absl::StrSplit(want, '\n');
  const std::vector<absl::string_view> b = absl::StrSplit(got, '\n');
  // Longest common subsequence table, from the end.
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  struct Line {
    char tag;
    absl::string_view text;
    size_t line;  // 1-based line in `want` (for ' ' and '-') or `got` ('+')
  };
  std::vector<Line> ops;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ops.push_back({' ', a[i], i + 1});
      ++i, ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push_back({'-', a[i], i + 1});
      ++i;
    } else {
      ops.push_back({'+', b[j], j + 1});
      ++j;
    }
  }
  std::vector<bool> keep(ops.size(), false);
  for (size_t k = 0; k < ops.size(); ++k) {
    if (ops[k].tag == ' ') continue;
    for (size_t m = (k > context ? k - context : 0); m < std::min(ops.size(), k + context + 1); ++m) keep[m] = true;
  }
  std::string out;
  bool gap = false;
  for (size_t k = 0; k < ops.size(); ++k) {
    if (!keep[k]) {
      gap = true;
      continue;
    }
    if (gap || out.empty()) absl::StrAppend(&out, "@@ line ", ops[k].line, " @@\n");
    gap = false;
    absl::StrAppend(&out, std::string(1, ops[k].tag), ops[k].text, "\n");
  }
  return out;
}

GoldenOutcome CheckGoldenCase(const std::string& case_dir, bool update) {
  GoldenOutcome outcome;
  absl::StatusOr<std::string> got = RenderGoldenCase(case_dir);
  if (!got.ok()) {
    outcome.detail = std::string(got.status().message());
    return outcome;
  }
  const std::string expected_path = absl::StrCat(case_dir, "/config.json");
  absl::StatusOr<std::string> want = ReadRegularFile(expected_path, kMaxGoldenFileBytes);
  if (want.ok() && *want == *got) {
    outcome.ok = true;
    return outcome;
  }
  if (update) {
    absl::Status s = WriteFileAtomic(expected_path, *got, 0644);
    outcome.ok = s.ok();
    outcome.updated = s.ok();
    if (!s.ok()) outcome.detail = std::string(s.message());
    return outcome;
  }
  outcome.detail = want.ok() ? LineDiff(*want, *got)
                             : absl::StrCat(want.status().message(), " (create it with the update mode)");
  return outcome;
}
}  // namespace ocikit

