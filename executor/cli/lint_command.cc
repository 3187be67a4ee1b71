// File: executor/cli/lint_command.cc

#include "executor/cli/lint_command.h"
#include <ostream>
#include <string>
#include <vector>
#include "executor/cli/command.h"
#include "policy/lint/lint.h"
#include "executor/flags/lint_flags.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/runner.h"
#include "executor/flags/arg_parser.h"

namespace ocikit::cli {

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
  const LintRun run = LintPaths(*paths, setup->options, base_dir, &io.in);
  io.out << FormatLintRun(run, setup->format, rules);
  for (const std::string& e : run.errors) io.err << "ocikit: lint: " << e << "\n";
  if (!run.errors.empty()) return kLintExitUsage;
  return run.Fails(setup->fail_on) ? kLintExitFindings : kExitOk;
}

int RunLint(const std::vector<std::string>& args, Streams io) { return RunLintIn("", args, io); }
}  // namespace ocikit::cli

