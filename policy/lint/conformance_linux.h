// File: policy/lint/conformance_linux.h
//
// Conformance rules for the `linux` section (OCI170-OCI199): namespaces and
// id mappings, sysctls, hostname and time offsets, devices, cgroup
// resources, propagation, masked paths, labels, Intel RDT, memory policy,
// personality and network devices. They cover runtime-tools' CheckLinux and
// CheckLinuxResources, the schema's enums and patterns, the MUSTs of
// config-linux.md, and, as warnings, what runc's validator refuses although
// the specification allows it. Seccomp is in policy/lint/seccomp.h.
//
// Deliberate differences from runtime-tools:
//   - a device with minor 0 is valid (/dev/sda is 8:0); major 0 is a warning;
//   - net.* sysctls accept a network namespace joined by path (as runc).
// A value outside one of the schema's enums is an error, even one a runtime
// reads as an extension (rprivate, rshared, rslave and runbindable as
// rootfsPropagation, which runc and crun accept).
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_H_
#define OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_H_

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/sysctls.h"
#include "spec/opts/userns.h"

namespace ocikit {

namespace internal {

void CheckNamespaces(const LintContext& ctx, const Linux& l);

void CheckSysctls(const LintContext& ctx, const Linux& l);

void CheckHostnameAndTime(const LintContext& ctx, const Linux& l);

void CheckDevices(const LintContext& ctx, const Linux& l);

// OCI182, OCI183 and the memory ranges.
void CheckMemoryResources(const LintContext& ctx, const LinuxResources& r);

// OCI188 and the CPU ranges.
void CheckCpuResources(const LintContext& ctx, const LinuxResources& r);

// OCI186 and the blkio weight ranges.
void CheckBlockIoResources(const LintContext& ctx, const LinuxResources& r);

void CheckResources(const LintContext& ctx, const LinuxResources& r);

void CheckSelinuxLabel(const LintContext& ctx, const std::string& label, FieldPath path, bool mount_label);

// OCI193: linux.intelRdt.
void CheckIntelRdt(const LintContext& ctx, const Linux& l);

// OCI194: linux.memoryPolicy.
void CheckMemoryPolicy(const LintContext& ctx, const Linux& l);

// OCI196: linux.netDevices.
void CheckNetDevices(const LintContext& ctx, const Linux& l);

void CheckLinuxMisc(const LintContext& ctx, const Linux& l);

// OCI199: uid/gid mappings the kernel refuses (size 0, first id + size past
// 4294967295, overlaps, more than 340), in linux and in mounts
// (ValidateIDMappings, spec/opts/userns.h).
void CheckIdMappingList(const LintContext& ctx, const std::vector<LinuxIDMapping>& maps, const FieldPath& path);
void CheckIdMappings(const LintContext& ctx);

}  // namespace internal

// CheckLinuxConformance()
//
// The rules of this header, for a Linux config (InferPlatform); without a
// `linux` section only hostname-without-uts.
void CheckLinuxConformance(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/conformance_linux-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_H_
