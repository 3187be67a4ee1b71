// File: policy/lint/flags-inl.h
//
// Definitions of policy/lint/flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_FLAGS_INL_H_
#define OCIKIT_POLICY_LINT_FLAGS_INL_H_

#include "policy/lint/flags.h"
#include "spec/internal/compile_mode.h"
#include <sched.h>
#include <algorithm>
#include <memory>
#include <thread>
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

namespace ocikit {

OCIKIT_INLINE std::string ResolveLintPath(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || path[0] == '/') return path;
  return absl::StrCat(base_dir, "/", path);
}

OCIKIT_INLINE int DefaultLintJobs() {
  cpu_set_t set;
  int cpus = ::sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 0;
  if (cpus <= 0) cpus = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cpus, 1, kMaxLintJobs);
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
  setup.jobs = f.jobs > 0 ? f.jobs : DefaultLintJobs();
  return setup;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_FLAGS_INL_H_
