// File: executor/cli/lint_command.h
//
// `ocikit lint`: checks config.json files for conformance with runtime-spec
// v1.3.0, typos, seccomp problems, and optionally security profiles, custom
// policy files and the host. A thin layer over policy/lint_runner.h.
//
// Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O
// error (bad flag, bad policy file, a PATH that does not exist). Unreadable or
// non-JSON input is a finding (OCI000) of that file, not an I/O error.
#ifndef OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "executor/cli/command.h"
#include "policy/lint.h"
#include "policy/lint_flags.h"
#include "policy/lint_output.h"
#include "policy/lint_runner.h"
#include "spec/flags/arg_parser.h"

namespace ocikit::cli {

inline constexpr int kLintExitFindings = 1;
inline constexpr int kLintExitUsage = 2;

inline constexpr char kLintUsage[] =
    "Usage: ocikit lint [FLAGS] PATH...\n"
    "\n"
    "Checks config.json files (OCI runtime-spec 1.3.0 and every released 1.x\n"
    "version they declare): conformance with the specification and its schema,\n"
    "unknown fields and typos, seccomp (libseccomp resolves and compiles the\n"
    "filter), and with flags security profiles, policy files and this host.\n"
    "PATH is a config.json, a bundle directory (adds bundle checks), a directory\n"
    "tree to search for config.json files, or - for standard input.\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O\n"
    "error. Rules: ocikit lint --list-rules; ocikit lint --explain ID.\n"
    "\n"
    "Flags:\n";

// RunLintIn()
//
// `ocikit lint` with relative paths (PATHs, --policy, --host-root) taken from
// `base_dir` ("" = the working directory); names are shown as given.
inline int RunLintIn(const std::string& base_dir, const std::vector<std::string>& args, Streams io) {
  LintFlags flags;
  FlagSet set;
  AddLintFlags(set, flags);
  absl::StatusOr<std::vector<std::string>> paths = set.Parse(args);
  if (!paths.ok()) {
    io.err << "ocikit lint: " << paths.status().message() << "\n";
    return kLintExitUsage;
  }
  if (flags.help) {
    io.out << kLintUsage << set.Help();
    return kExitOk;
  }
  absl::StatusOr<LintSetup> setup = PrepareLint(flags, base_dir);
  if (!setup.ok()) {
    io.err << "ocikit lint: " << setup.status().message() << "\n";
    return kLintExitUsage;
  }
  const std::vector<const LintRule*> rules = LintCatalogue(setup->options.policies);
  if (flags.list_rules) {
    io.out << (setup->format == "json" ? FormatRuleListJson(rules) : FormatRuleList(rules));
    return kExitOk;
  }
  if (!flags.explain.empty()) {
    const LintRule* rule = FindLintRule(flags.explain, setup->options.policies);
    if (rule == nullptr) {
      std::vector<absl::string_view> ids;
      for (const LintRule* r : rules) ids.push_back(r->id);
      io.err << "ocikit lint: --explain: unknown rule " << ::ocikit::internal::LintQuote(flags.explain)
             << (::ocikit::internal::LintDidYouMean(flags.explain, ids).empty() ? "; expected a rule id of --list-rules"
                                                                  : ::ocikit::internal::LintDidYouMean(flags.explain, ids))
             << "\n";
      return kLintExitUsage;
    }
    io.out << (setup->format == "json" ? FormatRuleListJson({rule}) : FormatRuleExplanation(*rule));
    return kExitOk;
  }
  if (paths->empty()) {
    io.err << "ocikit lint: no PATH given; expected a config.json, a bundle directory, a directory tree or -\n";
    return kLintExitUsage;
  }
  const LintRun run = LintPaths(*paths, setup->options, base_dir, &io.in);
  io.out << FormatLintRun(run, setup->format, rules);
  for (const std::string& e : run.errors) io.err << "ocikit lint: " << e << "\n";
  if (!run.errors.empty()) return kLintExitUsage;
  return run.Fails(setup->fail_on) ? kLintExitFindings : kExitOk;
}

// RunLint()
//
// The `lint` command of the ocikit CLI.
inline int RunLint(const std::vector<std::string>& args, Streams io) { return RunLintIn("", args, io); }

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_
