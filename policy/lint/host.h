// File: policy/lint/host.h
//
// Host and bundle checks (HOST2xx): what can only be judged against a real
// machine or a real bundle directory.
//
//   HOST201-HOST208  with LintOptions::host (`--host`): the root filesystem
//                    exists, namespace paths, devices, sysctls, capabilities,
//                    mount types, hooks and network interfaces exist on this
//                    host (runtime-tools' --host-specific checks and more).
//                    Host paths are read under LintOptions::host_root ("" is
//                    "/"), so tests can point at a fake /proc and /sys.
//   HOST250-HOST253  when a bundle directory is linted (LintOptions::
//                    bundle_dir): root.path is a child of the bundle, the
//                    config.json mode, args[0] and device nodes inside the
//                    rootfs (runtime-tools' always-on bundle checks). The
//                    rootfs is read with confined, chroot-style resolution
//                    (spec/rootfs/rootfs.h): a hostile rootfs cannot point
//                    the linter at host files.
//   HOST260-HOST262  with LintOptions::features: the config against a
//                    runtime's features document (`runc features`,
//                    runtime-spec features.md): version range, supported
//                    namespaces, capabilities, hooks, mount options, seccomp,
//                    LSMs, idmapped mounts, network devices, unsafe
//                    annotations.
// HOST201 (root exists) runs in both modes.
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_LINT_HOST_H_
#define OCIKIT_POLICY_LINT_HOST_H_

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/sysctls.h"
#include "spec/pathutil.h"
#include "spec/rootfs/rootfs.h"

namespace ocikit {

// LintRuntimeFeatures
//
// The parts of a runtime's features document (runtime-spec features.md) the
// linter uses. A list that is absent from the document is nullopt: unknown,
// not checked.
struct LintRuntimeFeatures {
  std::string source;
  std::string oci_version_min;
  std::string oci_version_max;
  std::optional<std::vector<std::string>> hooks;
  std::optional<std::vector<std::string>> mount_options;
  std::optional<std::vector<std::string>> namespaces;
  std::optional<std::vector<std::string>> capabilities;
  std::optional<bool> seccomp_enabled;
  std::optional<std::vector<std::string>> seccomp_actions;
  std::optional<std::vector<std::string>> seccomp_operators;
  std::optional<std::vector<std::string>> seccomp_archs;
  std::optional<std::vector<std::string>> seccomp_known_flags;
  std::optional<bool> apparmor;
  std::optional<bool> selinux;
  std::optional<bool> intel_rdt;
  std::optional<bool> idmap;
  std::optional<bool> net_devices;
  std::vector<std::string> unsafe_annotations;
};

// ParseRuntimeFeatures()
//
// Parses a features document (`runc features` output); `source` names it in
// errors: "runc.json: linux.seccomp.actions: expected an array of strings".
// Never throws.
absl::StatusOr<LintRuntimeFeatures> ParseRuntimeFeatures(absl::string_view text, absl::string_view source);

namespace internal {

std::string HostPath(const LintOptions& o, absl::string_view path);

bool StatPath(const std::string& path, struct stat& st);

// The directory a relative root.path is taken from.
std::string BundleBase(const LintOptions& o);

// root.path on this machine.
std::string RootfsOnHost(const LintContext& ctx);

char DeviceType(mode_t mode);

// HOST203: linux.devices against the host's nodes.
void CheckHostDevices(const LintContext& ctx, const Linux& l);

// HOST205: capabilities above the kernel's cap_last_cap.
void CheckHostCapabilities(const LintContext& ctx);

// HOST206: mount types against /proc/filesystems.
void CheckHostMountTypes(const LintContext& ctx);

// HOST207: hook programs exist and are executable.
void CheckHostHooks(const LintContext& ctx);

void CheckHostMachine(const LintContext& ctx);

void CheckRootExists(const LintContext& ctx);

// HOST252: process.args[0] in the rootfs (opened as `root_fd`).
void CheckBundleArgs(const LintContext& ctx, int root_fd);

// HOST253: device nodes already in the rootfs (opened as `root_fd`).
void CheckBundleDevices(const LintContext& ctx, int root_fd);

void CheckBundle(const LintContext& ctx);

// Mount options runtimes interpret themselves (the rest are filesystem data):
// runc 1.1's list plus the idmapped-mount options of runtime-spec 1.2.
bool IsRuntimeMountOption(absl::string_view o);

// "the runtime (runc.json)".
std::string RuntimeName(const LintRuntimeFeatures& f);

// HOST261: `what` is not among the runtime's `list`.
void ReportUnsupported(const LintContext& ctx, const LintRuntimeFeatures& f, FieldPath path, absl::string_view what,
                       absl::string_view list, LintSeverity severity = LintSeverity::kError);

// HOST261: the config uses `feature`, which the runtime reports disabled.
void ReportDisabled(const LintContext& ctx, const LintRuntimeFeatures& f, FieldPath path, absl::string_view what,
                    absl::string_view feature, absl::string_view field);

// Hook kinds, mount options and idmapped mounts.
void CheckRuntimeHooksAndMounts(const LintContext& ctx, const LintRuntimeFeatures& f);

// HOST262: annotations the runtime calls potentially unsafe.
void CheckRuntimeAnnotations(const LintContext& ctx, const LintRuntimeFeatures& f);

// AppArmor, SELinux and capabilities of the process.
void CheckRuntimeProcess(const LintContext& ctx, const LintRuntimeFeatures& f);

// Namespaces, Intel RDT and network devices.
void CheckRuntimeLinux(const LintContext& ctx, const LintRuntimeFeatures& f, const Linux& l);

// The seccomp section against the runtime's actions, architectures, flags and operators.
void CheckRuntimeSeccomp(const LintContext& ctx, const LintRuntimeFeatures& f, const Linux& l);

void CheckRuntimeFeatures(const LintContext& ctx, const LintRuntimeFeatures& f);

}  // namespace internal

// CheckRuntime()
//
// HOST260-HOST262, when LintOptions::features is set.
void CheckRuntime(const internal::LintContext& ctx);

// CheckHost()
//
// HOST201-HOST208 (LintOptions::host) and HOST250-HOST253 (a bundle).
void CheckHost(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/host-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_HOST_H_
