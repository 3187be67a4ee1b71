// File: policy/lint/security.h
//
// Security profiles (SEC4xx), run with --profile baseline or restricted. They
// map the Kubernetes Pod Security Standards controls onto config.json (what
// a CRI runtime writes for each pod field) and add the docker-bench-security
// section 5 items that a runtime config can show, plus the field lessons of
// recent CVEs (inheritable capabilities, cwd under /proc/self/fd, the primary
// gid, uid ranges, /proc mounts).
//
//   baseline    PSS Baseline: no added capabilities (docker's 14 defaults;
//               NET_RAW is a warning), no privileged-like sets, no host
//               pid/ipc/network namespaces, seccomp set, AppArmor and SELinux
//               not unconfined, the default masked and read-only /proc
//               paths, only safe sysctls, no sensitive host mounts or runtime
//               sockets; docker-bench: no-new-privileges, shared propagation,
//               allow-all device cgroup, writable sysfs, resource limits.
//   restricted  baseline plus PSS Restricted: non-root uid, no capability but
//               CAP_NET_BIND_SERVICE, no-new-privileges as an error; and a
//               read-only root filesystem (docker-bench 5.13).
//
// The PSS controls with no config.json equivalent (Windows HostProcess, host
// ports, probes, volume types) are not checked. A config.json cannot tell
// capabilities a user added from the runtime's defaults; the profiles judge
// the resulting sets.
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_SECURITY_H_
#define OCIKIT_POLICY_LINT_SECURITY_H_

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/default_spec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/sysctls.h"
#include "spec/pathutil.h"

namespace ocikit {

namespace internal {

// docker's and containerd's 14 default capabilities.
bool IsDefaultCapability(absl::string_view cap);

// `path`, cleaned only when it is not clean already (most are).
std::string CleanIfNeeded(absl::string_view path);

// Whether `path` equals an entry of `list` (cleaned) or lies below one.
bool CoveredBy(const std::vector<std::string>& list, absl::string_view path);

std::vector<std::string> CleanAll(const std::vector<std::string>& list);

// A container runtime's socket or state directory.
bool IsRuntimeSocket(absl::string_view path);

bool IsHostNamespacePath(absl::string_view path);

bool IsBindMount(const Mount& m);

void CheckCapabilityProfile(const LintContext& ctx, const LinuxCapabilities& c);

void CheckProcessProfile(const LintContext& ctx);

void CheckNamespaceProfile(const LintContext& ctx, const Linux& l);

void CheckPathsProfile(const LintContext& ctx, const Linux& l);

void CheckSysctlProfile(const LintContext& ctx, const Linux& l);

void CheckMountsProfile(const LintContext& ctx);

void CheckLinuxProfile(const LintContext& ctx);

}  // namespace internal

// CheckSecurityProfile()
//
// The rules of this header for ctx.options.profile (nothing without one).
void CheckSecurityProfile(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/security-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_SECURITY_H_
