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
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/sarif.h"
#include "policy/lint/types.h"
#include "spec/codec.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string JoinDisplay(absl::string_view dir, absl::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  return absl::StrCat(dir, absl::EndsWith(dir, "/") ? "" : "/", name);
}

OCIKIT_INLINE void FindConfigs(const std::string& dir, const std::string& relative, std::vector<std::string>& out) {
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

OCIKIT_INLINE LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
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
        f.rule_id = rules::kParseError.id;
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

OCIKIT_INLINE std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules) {
  if (format == "json") return FormatLintJson(run.files);
  if (format == "sarif") return FormatLintSarif(run.files, rules);
  return FormatLintText(run.files);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_RUNNER_INL_H_
