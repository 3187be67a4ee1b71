// File: executor/cli/lint_command.cc

#include "executor/cli/lint_command.h"
#include <chrono>
#include <ostream>
#include <string>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "executor/cli/command.h"
#include "policy/lint/lint.h"
#include "executor/flags/lint_flags.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/runner.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {
namespace {

// --stats: "linted 10000 configs in 4.21 s (2375 configs/s, 2 jobs)".
std::string LintStats(size_t configs, std::chrono::steady_clock::duration wall, int jobs) {
  const double seconds = std::chrono::duration<double>(wall).count();
  return absl::StrCat("linted ", configs, configs == 1 ? " config in " : " configs in ", absl::StrFormat("%.2f", seconds),
                      " s (", absl::StrFormat("%.0f", seconds > 0 ? static_cast<double>(configs) / seconds : 0.0),
                      " configs/s, ", jobs, jobs == 1 ? " job)" : " jobs)");
}

// Lints the paths, writing each file's results as soon as it and the files
// before it are done; then the I/O errors. Returns the exit status.
int LintAndReport(const std::vector<std::string>& paths, const LintSetup& setup, const std::vector<const LintRule*>& rules,
                  const std::string& base_dir, bool stats, Streams io) {
  const auto start = std::chrono::steady_clock::now();
  LintOutputStream out(setup.format, rules, io.out);
  std::vector<std::string> errors;
  size_t configs = 0;
  bool fails = false;
  StreamLintPaths(paths, setup.options, base_dir, &io.in, setup.jobs, [&](LintOutcome o) {
    if (!o.error.empty()) {
      errors.push_back(std::move(o.error));
      return;
    }
    ++configs;
    fails = fails || o.file.result.Fails(setup.fail_on);
    out.Add(std::move(o.file));
  });
  out.Finish();
  for (const std::string& e : errors) io.err << "ocikit: lint: " << e << "\n";
  if (stats) io.err << "ocikit: lint: " << LintStats(configs, std::chrono::steady_clock::now() - start, setup.jobs) << "\n";
  if (!errors.empty()) return kLintExitUsage;
  return fails ? kLintExitFindings : kExitOk;
}

}  // namespace

int RunLintIn(const std::string& base_dir, const std::vector<std::string>& args, Streams io) {
  LintFlags flags;
  FlagSet set;
  AddLintFlags(set, flags);
  absl::StatusOr<std::vector<std::string>> paths = set.Parse(args);
  if (!paths.ok()) {
    io.err << "ocikit: lint: " << paths.status().message() << "\n";
    return kLintExitUsage;
  }
  if (flags.help) {
    io.out << kLintUsage << set.Help();
    return kExitOk;
  }
  absl::StatusOr<LintSetup> setup = PrepareLint(flags, base_dir);
  if (!setup.ok()) {
    io.err << "ocikit: lint: " << setup.status().message() << "\n";
    return kLintExitUsage;
  }
  const std::vector<const LintRule*> rules = LintCatalogue(setup->options.policies);
  if (flags.list_rules) {
    io.out << (setup->format == "json"       ? FormatRuleListJson(rules)
               : setup->format == "markdown" ? FormatRuleTableMarkdown(rules)
                                             : FormatRuleList(rules));
    return kExitOk;
  }
  if (!flags.explain.empty()) {
    const LintRule* rule = FindLintRule(flags.explain, setup->options.policies);
    if (rule == nullptr) {
      std::vector<absl::string_view> ids;
      for (const LintRule* r : rules) ids.push_back(r->id);
      io.err << "ocikit: lint: --explain: unknown rule " << ::ocikit::internal::LintQuote(flags.explain)
             << (::ocikit::internal::LintDidYouMean(flags.explain, ids).empty() ? "; expected a rule id of --list-rules"
                                                                  : ::ocikit::internal::LintDidYouMean(flags.explain, ids))
             << "\n";
      return kLintExitUsage;
    }
    io.out << (setup->format == "json" ? FormatRuleListJson({rule}) : FormatRuleExplanation(*rule));
    return kExitOk;
  }
  if (paths->empty()) {
    io.err << "ocikit: lint: no PATH given; expected a config.json, a bundle directory, a directory tree or -\n";
    return kLintExitUsage;
  }
  return LintAndReport(*paths, *setup, rules, base_dir, flags.stats, io);
}

int RunLint(const std::vector<std::string>& args, Streams io) { return RunLintIn("", args, io); }
}  // namespace ocikit::cli

