// File: policy/lint/conformance.h
//
// Conformance rules for the platform-neutral parts of config.json (OCI110-
// OCI162): root, process, hooks, mounts and annotations. They cover every
// configuration-only check of runtime-tools `validate` for these sections,
// updated to runtime-spec v1.3.0, plus the MUSTs of the specification text
// and the JSON Schema constraints the schema itself states. Deliberate
// differences from runtime-tools:
//   - relative mount destinations are a warning on Linux from ociVersion
//     1.2.0 (the spec allows them since #1225), an error before and on
//     Windows and Solaris;
//   - the org.opencontainers.image.* annotation keys are allowed (1.2.0,
//     #1197; image-spec defines the namespace);
//   - environment variable names outside [A-Za-z0-9_] are a warning, not an
//     error (execve accepts any name without '=');
//   - RLIMIT_LOCKS is a known rlimit type (Linux has it; runc sets it);
//   - empty process.args is an error only in a bundle's config (a bundle
//     directory PATH, or --bundle) and info otherwise: it is REQUIRED before
//     the container starts, but a template's command is filled in later
//     (containerd's default spec, BuildKit's, `ocikit spec` without COMMAND);
//   - unknown capability names are a warning (the spec says runtimes log
//     them and SHOULD NOT fail), an error with --strict;
//   - an ambient capability outside inheritable is a warning: runtimes drop
//     it or add it to inheritable (runc's own example config has it).
// The Linux section's rules are in policy/lint/conformance_linux.h.
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2
#ifndef OCIKIT_POLICY_LINT_CONFORMANCE_H_
#define OCIKIT_POLICY_LINT_CONFORMANCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/lint/walk.h"
#include "spec/config.h"
#include "spec/opts/capabilities.h"
#include "spec/pathutil.h"

namespace ocikit {

namespace internal {

void CheckRoot(const LintContext& ctx);

// process.env and hooks' env.
void CheckEnv(const LintContext& ctx, const std::vector<std::string>& env, const FieldPath& path);

bool IsKnownRlimit(absl::string_view type, LintPlatform platform);

void CheckRlimits(const LintContext& ctx, const Process& p);

void CheckCapabilities(const LintContext& ctx, const LinuxCapabilities& c);

void CheckScheduler(const LintContext& ctx, const Scheduler& s);

// OCI120 for empty args: info for a template, an error for a bundle's config.
void ReportArgsMissing(const LintContext& ctx, bool windows);

void CheckProcess(const LintContext& ctx);

void CheckHooks(const LintContext& ctx);

void CheckMountOptions(const LintContext& ctx, const Mount& m, const FieldPath& path);

// OCI152: nested Windows destinations.
void CheckWindowsMountNesting(const LintContext& ctx);

// OCI153: a later mount on a strict ancestor covers an earlier mount (runtime-tools'
// log warning); `clean` holds the cleaned destinations.
void CheckMountShadowing(const LintContext& ctx, const std::vector<std::string>& clean);

void CheckMounts(const LintContext& ctx);

void CheckAnnotations(const LintContext& ctx);

// OCI139: a NUL byte in any string of the spec (keys included).
void CheckNulBytes(const LintContext& ctx);

}  // namespace internal

// CheckConformance()
//
// The rules of this header.
void CheckConformance(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/conformance-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_CONFORMANCE_H_
