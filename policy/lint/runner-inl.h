// File: policy/lint/runner-inl.h
//
// Definitions of policy/lint/runner.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_RUNNER_INL_H_
#define OCIKIT_POLICY_LINT_RUNNER_INL_H_

#include "policy/lint/runner.h"
#include "spec/internal/compile_mode.h"
#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <string>
#include <utility>
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/sarif.h"
#include "policy/lint/types.h"
#include "spec/codec.h"
#include "spec/file.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string JoinDisplay(absl::string_view dir, absl::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  return absl::StrCat(dir, absl::EndsWith(dir, "/") ? "" : "/", name);
}

OCIKIT_INLINE void FindConfigs(const std::string& dir, const std::string& relative, std::vector<std::string>& out) {
  absl::StatusOr<std::vector<std::string>> names = ReadDirNames(dir);
  if (!names.ok()) return;
  for (const std::string& name : *names) {
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
// Lints one input read by the caller. An input that cannot be read, or is
// over the size cap, is an I/O error of the run (exit 2), not a finding; its
// message names the input as the user did (`display`), not as it was opened.
OCIKIT_INLINE void LintInput(LintRun& run, const std::string& display, const std::string& opened,
                             absl::StatusOr<std::string> text, const LintOptions& options) {
  if (text.ok()) {
    run.files.push_back({display, LintConfigText(*text, options)});
    return;
  }
  absl::string_view message = text.status().message();
  absl::ConsumePrefix(&message, absl::StrCat(opened, ": "));
  run.errors.push_back(absl::StrCat(display, ": ", message));
}
}  // namespace internal

OCIKIT_INLINE LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                         std::istream* in) {
  LintRun run;
  for (const std::string& path : paths) {
    if (path == "-") {
      absl::StatusOr<std::string> text = absl::FailedPreconditionError("no standard input");
      if (in != nullptr) text = ReadInputStream(*in, kMaxSpecFileBytes, "<stdin>");
      internal::LintInput(run, "<stdin>", "<stdin>", std::move(text), options);
      continue;
    }
    const std::string resolved = ResolveLintPath(base_dir, path);
    struct stat st;
    if (::stat(resolved.c_str(), &st) != 0) {
      run.errors.push_back(absl::StrCat(path, ": ", std::strerror(errno)));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      LintOptions file = options;
      file.config_path = resolved;
      internal::LintInput(run, path, resolved, ReadInputFile(resolved, kMaxSpecFileBytes), file);
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

OCIKIT_INLINE std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules) {
  if (format == "json") return FormatLintJson(run.files);
  if (format == "sarif") return FormatLintSarif(run.files, rules);
  return FormatLintText(run.files);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_RUNNER_INL_H_
