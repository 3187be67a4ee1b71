// File: executor/flags/lint_flags-inl.h
//
// Definitions of executor/flags/lint_flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_INL_H_

#include "executor/flags/lint_flags.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "executor/flags/arg_parser.h"
#include "policy/lint/flags.h"

namespace ocikit {

OCIKIT_INLINE void AddLintFlags(FlagSet& set, LintFlags& f) {
  const auto one_of = [](std::string& field, std::vector<absl::string_view> values) {
    return [&field, values = std::move(values)](absl::string_view v) -> absl::Status {
      for (const absl::string_view ok : values) {
        if (v == ok) {
          field = std::string(v);
          return absl::OkStatus();
        }
      }
      std::string list;
      for (const absl::string_view ok : values) absl::StrAppend(&list, list.empty() ? "" : ", ", ok);
      return absl::InvalidArgumentError(absl::StrCat("expected one of ", list));
    };
  };
  set.Add({"profile", 0, "NAME", "also check a security profile: baseline or restricted", one_of(f.profile, {"baseline", "restricted"})});
  set.Add({"policy", 0, "FILE", "also check the rules of a policy file (repeatable; see docs/lint.md)", AppendFlag(f.policies)});
  set.Add({"features", 0, "FILE", "also check against a runtime's features document (`runc features > runc.json`)",
           AssignFlag(f.features)});
  set.Add({"host", 0, "", "also check against this host: root, namespace paths, devices, sysctls, capabilities, mount types, hooks; "
           "system calls and architectures its libseccomp lacks become warnings (info without --host)",
           BoolFlag(f.host)});
  set.Add({"host-root", 0, "DIR", "read host files (/proc, /sys, /dev) under DIR instead of / (with --host)", AssignFlag(f.host_root)});
  set.Add({"strict", 0, "", "report unknown fields and unknown capabilities as errors", BoolFlag(f.strict)});
  set.Add({"bundle", 0, "", "lint every config as a bundle's, to run as it is: empty process.args is an error (default for a "
           "bundle directory PATH; files and standard input are linted as templates)", BoolFlag(f.bundle)});
  set.Add({"format", 0, "FORMAT", "output format: text, json or sarif (default text); markdown with --list-rules",
           one_of(f.format, {"text", "json", "sarif", "markdown"})});
  set.Add({"fail-on", 0, "SEVERITY", "exit 1 when a finding is at least: error, warning or info (default error)",
           one_of(f.fail_on, {"error", "warning", "info"})});
  set.Add({"disable", 0, "ID", "do not report rule ID (repeatable; IDs may be comma-separated)", [&f](absl::string_view v) {
             for (absl::string_view id : absl::StrSplit(v, ',', absl::SkipWhitespace())) {
               f.disabled.emplace_back(absl::StripAsciiWhitespace(id));
             }
             return absl::OkStatus();
           }});
  set.Add({"list-rules", 0, "", "print the rule catalogue and exit", BoolFlag(f.list_rules)});
  set.Add({"explain", 0, "ID", "print a rule's title, severity, rationale, reference and fix, and exit", AssignFlag(f.explain)});
  set.Add({"no-seccomp-compile", 0, "", "do not resolve syscall names or compile the seccomp filter with libseccomp",
           BoolFlag(f.no_seccomp_compile)});
  set.Add({"seccomp-arch", 0, "ARCH", "architecture to compile the seccomp filter for (default: libseccomp's native one)",
           AssignFlag(f.seccomp_arch)});
  set.Add({"jobs", 'j', "N", "lint N files at a time, output unchanged (default: the CPUs this process may use, as nproc "
           "counts them; 1: one after another)",
           [&f](absl::string_view v) {
             int n = 0;
             if (!absl::SimpleAtoi(v, &n) || n < 1 || n > kMaxLintJobs) {
               return absl::InvalidArgumentError(absl::StrCat("expected a number of jobs from 1 to ", kMaxLintJobs));
             }
             f.jobs = n;
             return absl::OkStatus();
           }});
  set.Add({"stats", 0, "", "print to standard error how many configs were linted, in how long, configs/s and jobs",
           BoolFlag(f.stats)});
  set.Add(HelpFlag(f.help));
}
}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_LINT_FLAGS_INL_H_
