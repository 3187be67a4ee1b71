// File: policy/lint/flags-inl.h
//
// Definitions of policy/lint/flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_FLAGS_INL_H_
#define OCIKIT_POLICY_LINT_FLAGS_INL_H_

#include "policy/lint/flags.h"
#include "spec/internal/compile_mode.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/policy_file.h"
#include "policy/lint/types.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "executor/flags/arg_parser.h"

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
  set.Add(HelpFlag(f.help));
}

OCIKIT_INLINE std::string ResolveLintPath(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || path[0] == '/') return path;
  return absl::StrCat(base_dir, "/", path);
}

OCIKIT_INLINE absl::StatusOr<LintSetup> PrepareLint(const LintFlags& f, const std::string& base_dir) {
  LintSetup setup;
  for (const std::string& path : f.policies) {
    const std::string resolved = ResolveLintPath(base_dir, path);
    absl::StatusOr<std::string> text = ReadRegularFile(resolved, 16 << 20);
    if (!text.ok()) {
      absl::string_view why = text.status().message();
      absl::ConsumePrefix(&why, resolved + ": ");
      return absl::Status(text.status().code(), absl::StrCat("--policy ", path, ": ", why, "; expected a readable policy file"));
    }
    OCIKIT_ASSIGN_OR_RETURN(LintPolicy policy, ParseLintPolicy(*text, path));
    setup.policies.push_back(std::make_unique<LintPolicy>(std::move(policy)));
    setup.options.policies.push_back(setup.policies.back().get());
  }
  if (!f.features.empty()) {
    const std::string resolved = ResolveLintPath(base_dir, f.features);
    absl::StatusOr<std::string> text = ReadRegularFile(resolved, 16 << 20);
    if (!text.ok()) {
      absl::string_view why = text.status().message();
      absl::ConsumePrefix(&why, resolved + ": ");
      return absl::Status(text.status().code(), absl::StrCat("--features ", f.features, ": ", why, "; expected a readable features document"));
    }
    OCIKIT_ASSIGN_OR_RETURN(LintRuntimeFeatures features, ParseRuntimeFeatures(*text, f.features));
    setup.features = std::make_unique<LintRuntimeFeatures>(std::move(features));
    setup.options.features = setup.features.get();
  }
  setup.options.profile = f.profile == "restricted" ? LintProfile::kRestricted
                          : f.profile == "baseline" ? LintProfile::kBaseline
                                                    : LintProfile::kNone;
  setup.options.strict = f.strict;
  setup.options.bundle = f.bundle;
  setup.options.host = f.host;
  setup.options.host_root = f.host_root.empty() ? "" : ResolveLintPath(base_dir, f.host_root);
  if (!f.host_root.empty() && !f.host) return absl::InvalidArgumentError("--host-root needs --host");
  setup.options.libseccomp = !f.no_seccomp_compile;
  setup.options.seccomp_arch = f.seccomp_arch;
  setup.options.disabled = f.disabled;
  if (absl::Status s = ValidateLintOptions(setup.options); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat(absl::StartsWith(s.message(), "unknown rule") ? "--disable: " : "", s.message()));
  }
  if (f.format == "markdown" && !f.list_rules) return absl::InvalidArgumentError("--format markdown needs --list-rules");
  setup.fail_on = *ParseLintSeverity(f.fail_on);
  setup.format = f.format;
  return setup;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_FLAGS_INL_H_
