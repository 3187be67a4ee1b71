// File: policy/lint/rules.h
//
// The registry of built-in lint rules: one named LintRule object per rule, in
// namespace ocikit::rules, defined once (policy/lint/rules-inl.h) with its id,
// name, family, default severity, profile, strict flag, title and docs
// (rationale, reference, fix). Checks report through the object, never
// through the id string:
//   ctx.Report(rules::kProcessCwdAbsolute, LintPath("process", "cwd"), "...");
// An object is named after its rule: `k` and the rule's name in CamelCase
// (process-cwd-absolute is rules::kProcessCwdAbsolute).
//
// BuiltinLintRules() is the catalogue that --list-rules, --explain, SARIF and
// the rule tables of docs/lint.md (FormatRuleTableMarkdown, policy/lint/output.h)
// are made from. Which check reports which rules is BuiltinLintChecks()
// (policy/lint/lint.h).
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_RULES_H_
#define OCIKIT_POLICY_LINT_RULES_H_

#include <vector>

#include "policy/lint/types.h"

namespace ocikit {

namespace rules {

// Input: the reader (policy/lint/lint.h).
extern const LintRule kParseError;
extern const LintRule kRuntimesDisagree;

// Conformance: ociVersion and version awareness (policy/lint/versions.h).
extern const LintRule kOciVersionMissing;
extern const LintRule kOciVersionInvalid;
extern const LintRule kOciVersionUnreleased;
extern const LintRule kFieldNewerThanVersion;
extern const LintRule kDeprecatedField;

// Conformance: root, process, hooks, mounts, annotations (policy/lint/conformance.h).
extern const LintRule kRootMissing;
extern const LintRule kRootPathEmpty;
extern const LintRule kRootPathNotRootfs;
extern const LintRule kWindowsRoot;
extern const LintRule kProcessArgsMissing;
extern const LintRule kProcessCwdAbsolute;
extern const LintRule kEnvInvalid;
extern const LintRule kEnvNameUnusual;
extern const LintRule kEnvDuplicate;
extern const LintRule kRlimitDuplicate;
extern const LintRule kRlimitSoftAboveHard;
extern const LintRule kRlimitTypeInvalid;
extern const LintRule kRlimitTypeUnknown;
extern const LintRule kCapabilityUnknown;
extern const LintRule kCapabilityEffectiveNotPermitted;
extern const LintRule kCapabilityAmbientNotInheritable;
extern const LintRule kConsoleSizeWithoutTerminal;
extern const LintRule kIoPriorityInvalid;
extern const LintRule kSchedulerInvalid;
extern const LintRule kSchedulerFieldMismatch;
extern const LintRule kExecCpuAffinityInvalid;
extern const LintRule kOomScoreAdjRange;
extern const LintRule kWindowsOnlyField;
extern const LintRule kStringNul;
extern const LintRule kHookPathAbsolute;
extern const LintRule kHookTimeoutPositive;
extern const LintRule kMountDestinationEmpty;
extern const LintRule kMountDestinationRelative;
extern const LintRule kMountDestinationNestedWindows;
extern const LintRule kMountShadowed;
extern const LintRule kMountIdmapIncomplete;
extern const LintRule kMountIdmapOption;
extern const LintRule kMountOptionConflict;
extern const LintRule kAnnotationKeyReserved;
extern const LintRule kAnnotationKeyFormat;
extern const LintRule kAnnotationKeyEmpty;

// Conformance: the linux section (policy/lint/conformance_linux.h).
extern const LintRule kNamespaceTypeInvalid;
extern const LintRule kNamespaceDuplicate;
extern const LintRule kNamespacePathAbsolute;
extern const LintRule kIdMappingsWithoutUserns;
extern const LintRule kUsernsMappings;
extern const LintRule kSysctlNamespace;
extern const LintRule kHostnameWithoutUts;
extern const LintRule kTimeOffsetsWithoutTimens;
extern const LintRule kDeviceInvalid;
extern const LintRule kDevicePathDuplicate;
extern const LintRule kDeviceNumberDuplicate;
extern const LintRule kDeviceFileMode;
extern const LintRule kMemorySwapBelowLimit;
extern const LintRule kMemoryReservationAboveLimit;
extern const LintRule kDeviceCgroupType;
extern const LintRule kDeviceCgroupAccess;
extern const LintRule kWeightDeviceEmpty;
extern const LintRule kRdmaLimitEmpty;
extern const LintRule kCpuBurstAboveQuota;
extern const LintRule kHugepageSizeInvalid;
extern const LintRule kRootfsPropagationInvalid;
extern const LintRule kPathNotAbsolute;
extern const LintRule kSelinuxLabelInvalid;
extern const LintRule kIntelRdtInvalid;
extern const LintRule kMemoryPolicyInvalid;
extern const LintRule kPersonalityInvalid;
extern const LintRule kNetDeviceInvalid;
extern const LintRule kUnifiedKeyInvalid;
extern const LintRule kResourceValueRange;
extern const LintRule kIdMappingRange;

// Host, bundle and runtime features (policy/lint/host.h).
extern const LintRule kRootPathMissing;
extern const LintRule kNamespacePathMissing;
extern const LintRule kDeviceHostMismatch;
extern const LintRule kSysctlUnknown;
extern const LintRule kCapabilityUnsupported;
extern const LintRule kMountTypeUnsupported;
extern const LintRule kHookNotExecutable;
extern const LintRule kNetworkInterfaceMissing;
extern const LintRule kBundleRootOutside;
extern const LintRule kBundleConfigWritable;
extern const LintRule kBundleArgsNotExecutable;
extern const LintRule kBundleDeviceMismatch;
extern const LintRule kRuntimeVersionRange;
extern const LintRule kRuntimeUnsupported;
extern const LintRule kRuntimeUnsafeAnnotation;

// Unknown fields (policy/lint/typos.h).
extern const LintRule kUnknownField;
extern const LintRule kFieldCaseMismatch;
extern const LintRule kRemovedField;

// Security profiles (policy/lint/security.h).
extern const LintRule kCapabilitiesAdded;
extern const LintRule kCapabilityNetRaw;
extern const LintRule kPrivileged;
extern const LintRule kHostNamespace;
extern const LintRule kSeccompUnconfined;
extern const LintRule kApparmorUnconfined;
extern const LintRule kSelinuxType;
extern const LintRule kMaskedPathsMissing;
extern const LintRule kProcWritable;
extern const LintRule kSysctlUnsafe;
extern const LintRule kSensitiveHostMount;
extern const LintRule kHostBindMount;
extern const LintRule kRuntimeSocketMount;
extern const LintRule kCwdProcFd;
extern const LintRule kInheritableCapabilities;
extern const LintRule kAmbientCapabilities;
extern const LintRule kNoNewPrivileges;
extern const LintRule kPrimaryGidMissing;
extern const LintRule kSharedPropagation;
extern const LintRule kDeviceCgroupAllowAll;
extern const LintRule kHostDevices;
extern const LintRule kSysfsWritable;
extern const LintRule kResourceLimits;
extern const LintRule kProcMountReplaced;
extern const LintRule kUidOutOfRange;
extern const LintRule kRunAsRoot;
extern const LintRule kRestrictedCapabilities;
extern const LintRule kRootfsWritable;

// Seccomp (policy/lint/seccomp.h).
extern const LintRule kSeccompDefaultAction;
extern const LintRule kSeccompActionInvalid;
extern const LintRule kSeccompOperatorInvalid;
extern const LintRule kSeccompArgIndex;
extern const LintRule kSeccompNamesEmpty;
extern const LintRule kSeccompErrnoInvalid;
extern const LintRule kSeccompErrnoZero;
extern const LintRule kSeccompDefaultErrno;
extern const LintRule kSeccompClone3;
extern const LintRule kSeccompArchInvalid;
extern const LintRule kSeccompFlagInvalid;
extern const LintRule kSeccompListenerMetadata;
extern const LintRule kSeccompNotifyWithoutListener;
extern const LintRule kSeccompKillWithoutRules;
extern const LintRule kSeccompRuleIsDefault;
extern const LintRule kSeccompSyscallUnknown;
extern const LintRule kSeccompSyscallNotOnArch;
extern const LintRule kSeccompArchUnknown;
extern const LintRule kSeccompCompileFailed;
extern const LintRule kSeccompBpfSize;
extern const LintRule kSeccompBpfTooLarge;

// The groups of rules, each in id order: the rules one check reports
// (BuiltinLintChecks, policy/lint/lint.h). Every rule is in exactly one.

// The reader: LintConfigText, LintConfigFile.
const std::vector<const LintRule*>& InputRules();

// ociVersion itself (internal::CheckOciVersion).
const std::vector<const LintRule*>& OciVersionRules();

// Version awareness (CheckVersionRules).
const std::vector<const LintRule*>& VersionRules();

// Root, process, hooks, mounts, annotations (CheckConformance).
const std::vector<const LintRule*>& ConformanceRules();

// The linux section (CheckLinuxConformance).
const std::vector<const LintRule*>& LinuxConformanceRules();

// This host and the bundle directory (CheckHost).
const std::vector<const LintRule*>& HostRules();

// A runtime's features.json (CheckRuntime).
const std::vector<const LintRule*>& RuntimeRules();

// Unknown fields (CheckUnknownFields, which also reports field-newer-than-version).
const std::vector<const LintRule*>& TypoRules();

// Security profiles (CheckSecurityProfile).
const std::vector<const LintRule*>& SecurityRules();

// Seccomp (CheckSeccomp).
const std::vector<const LintRule*>& SeccompRules();

}  // namespace rules

// BuiltinLintRules()
//
// Every built-in rule, in id order within families: OCI0xx, OCI1xx, HOST, TYPO, SEC, SCMP
// (the groups above, one after the other).
const std::vector<const LintRule*>& BuiltinLintRules();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/rules-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_RULES_H_
