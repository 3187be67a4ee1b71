// File: policy/lint_runner.h
//
// Linting the paths a user names, as `ocikit lint PATH...` does:
//   -              config.json text on standard input, shown as "<stdin>";
//   a file         that config.json (a FIFO or device is refused: OCI000);
//   a bundle       a directory holding config.json: the config plus the
//                  bundle checks (HOST250-HOST253, HOST201);
//   a tree         any other directory: every file named config.json below
//                  it, in sorted order, without bundle checks (symbolic links
//                  to directories are not followed).
// A path that does not exist, or a tree without a config.json, is an I/O
// error for the caller to report (exit 2); linting goes on with the others.
// Names are shown as given, so output does not depend on where it runs.
//
// Example:
//   LintRun run = LintPaths({"bundle", "-"}, options, "", &std::cin);
//   std::cout << FormatLintRun(run, "text", LintCatalogue());
#ifndef OCIKIT_POLICY_LINT_RUNNER_H_
#define OCIKIT_POLICY_LINT_RUNNER_H_

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint.h"
#include "policy/lint_flags.h"
#include "policy/lint_output.h"
#include "policy/lint_sarif.h"
#include "policy/lint_types.h"
#include "spec/codec.h"

namespace ocikit {

// LintRun
//
// The results per config, and the paths that could not be linted at all.
struct LintRun {
  std::vector<LintFileResult> files;
  std::vector<std::string> errors;  // "missing.json: No such file or directory"

  bool Fails(LintSeverity threshold) const {
    for (const LintFileResult& f : files) {
      if (f.result.Fails(threshold)) return true;
    }
    return false;
  }
};

namespace internal {

inline std::string JoinDisplay(absl::string_view dir, absl::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  return absl::StrCat(dir, absl::EndsWith(dir, "/") ? "" : "/", name);
}

// Files named config.json below `dir` (relative names), sorted.
inline void FindConfigs(const std::string& dir, const std::string& relative, std::vector<std::string>& out) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    const std::string full = absl::StrCat(dir, "/", name);
    const std::string rel = relative.empty() ? name : absl::StrCat(relative, "/", name);
    struct stat st;
    if (::lstat(full.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      FindConfigs(full, rel, out);
    } else if (name == "config.json") {
      out.push_back(rel);
    }
  }
}

}  // namespace internal

// LintPaths()
//
// Lints each path (see the file comment). Relative paths are taken from
// `base_dir` ("" = the working directory); `in` is read for "-".
inline LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                         std::istream* in) {
  LintRun run;
  for (const std::string& path : paths) {
    if (path == "-") {
      std::string text;
      char buffer[65536];
      while (in != nullptr && text.size() <= kMaxSpecFileBytes && in->read(buffer, sizeof(buffer)).gcount() > 0) {
        text.append(buffer, static_cast<size_t>(in->gcount()));
      }
      if (in == nullptr || in->bad()) {
        run.errors.push_back("<stdin>: cannot read standard input");
        continue;
      }
      if (text.size() > kMaxSpecFileBytes) {
        LintResult too_big;
        LintFinding& f = too_big.findings.emplace_back();
        f.rule_id = "OCI000";
        f.message = absl::StrCat("standard input exceeds ", kMaxSpecFileBytes, " bytes; expected a config.json");
        run.files.push_back({"<stdin>", std::move(too_big)});
        continue;
      }
      run.files.push_back({"<stdin>", LintConfigText(text, options)});
      continue;
    }
    const std::string resolved = ResolveLintPath(base_dir, path);
    struct stat st;
    if (::stat(resolved.c_str(), &st) != 0) {
      run.errors.push_back(absl::StrCat(path, ": ", std::strerror(errno)));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      run.files.push_back({path, LintConfigFile(resolved, options)});
      continue;
    }
    const std::string config = absl::StrCat(resolved, "/config.json");
    if (::stat(config.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
      LintOptions bundle = options;
      bundle.bundle_dir = resolved;
      run.files.push_back({internal::JoinDisplay(path, "config.json"), LintConfigFile(config, bundle)});
      continue;
    }
    std::vector<std::string> found;
    internal::FindConfigs(resolved, "", found);
    if (found.empty()) {
      run.errors.push_back(absl::StrCat(path, ": no config.json in this directory tree"));
      continue;
    }
    for (const std::string& rel : found) {
      run.files.push_back({internal::JoinDisplay(path, rel), LintConfigFile(absl::StrCat(resolved, "/", rel), options)});
    }
  }
  return run;
}

// FormatLintRun()
//
// The results in `format` (text, json or sarif); SARIF lists `rules`.
inline std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules) {
  if (format == "json") return FormatLintJson(run.files);
  if (format == "sarif") return FormatLintSarif(run.files, rules);
  return FormatLintText(run.files);
}

}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_RUNNER_H_
