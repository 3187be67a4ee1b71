// File: policy/lint/rules-inl.h
//
// Definitions of policy/lint/rules.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_RULES_INL_H_
#define OCIKIT_POLICY_LINT_RULES_INL_H_

#include "policy/lint/rules.h"
#include "spec/internal/compile_mode.h"
#include <vector>
#include "policy/lint/types.h"

namespace ocikit {

namespace rules {

// Input: the reader (policy/lint/lint.h).
OCIKIT_INLINE const LintRule kParseError = {
    .id = "OCI000",
    .name = "parse-error",
    .family = LintFamily::kInput,
    .severity = LintSeverity::kError,
    .title = "the file cannot be read or is not a valid config.json",
    .rationale = "Runtimes refuse a config.json they cannot decode. ocikit's reader is stricter than Go's where Go "
        "hides mistakes: duplicate keys, invalid UTF-8 and out-of-range integers are errors, so two tools cannot "
        "read the same file differently.",
    .reference = "RFC 8259; runtime-spec config.md; docs/design.md (parsing rules)",
    .fix = "fix the JSON at the position given (or the file's permissions)",
};

OCIKIT_INLINE const LintRule kRuntimesDisagree = {
    .id = "OCI001",
    .name = "runtimes-disagree",
    .family = LintFamily::kInput,
    .severity = LintSeverity::kError,
    .title = "runtimes read this part of the file differently (duplicate key, invalid UTF-8, number)",
    .rationale = "runc and containerd decode config.json with Go's encoding/json, crun and youki with other parsers. "
        "A duplicate key is the last one (merged into the first) for Go and the first for others; invalid UTF-8 "
        "and unpaired surrogates become U+FFFD in Go; a number in windows.credentialSpec beyond float64's range "
        "makes runc refuse the file. (A key that equals a field only under Go's case folding is TYPO302, also an "
        "error.) When the file has any of these, it is linted on both readings, Go's and the literal one, and the "
        "findings of one reading only say which; so a security profile fails a config that is unsafe under "
        "either.",
    .reference = "Go encoding/json Unmarshal (case-insensitive field match, duplicate keys, U+FFFD); docs/design.md "
        "(parsing rules); docs/lint.md (two readings)",
    .fix = "write every key once, exactly as the specification spells it, in valid UTF-8; "
        "`ocikit spec --from FILE --go-semantics` prints the file as runc reads it",
};

// Conformance: ociVersion and version awareness (policy/lint/versions.h).
OCIKIT_INLINE const LintRule kOciVersionMissing = {
    .id = "OCI100",
    .name = "oci-version-missing",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "ociVersion is missing",
    .rationale = "ociVersion is REQUIRED: it tells the runtime which release of the specification the bundle "
        "follows. Runtimes and validators (runtime-tools) reject a config without it.",
    .reference = "runtime-spec config.md#specification-version; schema config-schema.json required [\"ociVersion\"]",
    .fix = "add \"ociVersion\": \"1.3.0\" (or the release the config was written for)",
};

OCIKIT_INLINE const LintRule kOciVersionInvalid = {
    .id = "OCI101",
    .name = "oci-version-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "ociVersion is not a SemVer 2.0.0 1.x version",
    .rationale = "ociVersion MUST be in SemVer v2.0.0 format; ocikit checks configs of the 1.x line.",
    .reference = "runtime-spec config.md#specification-version; runtime-tools SpecVersionInSemVer",
    .fix = "write the version as MAJOR.MINOR.PATCH, e.g. \"1.3.0\"",
};

OCIKIT_INLINE const LintRule kOciVersionUnreleased = {
    .id = "OCI102",
    .name = "oci-version-unreleased",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "ociVersion names a 1.x release that does not exist (or is newer than 1.3.0)",
    .rationale = "Runtimes check the version they are given; a version that was never released (1.1.5) or that is "
        "newer than the release ocikit knows (1.3.0) cannot be checked field by field. ocikit checks it as 1.3.0.",
    .reference = "runtime-spec ChangeLog (releases 1.0.0 to 1.3.0)",
    .fix = "use a released version: 1.0.0, 1.0.1, 1.0.2, 1.1.0, 1.2.0, 1.2.1 or 1.3.0",
};

OCIKIT_INLINE const LintRule kFieldNewerThanVersion = {
    .id = "OCI103",
    .name = "field-newer-than-version",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .severity_note = "info for what every current runtime reads anyway",
    .title = "a field or value is newer than the declared ociVersion",
    .rationale = "A runtime implementing the declared release does not know the field (or value) and ignores it or "
        "rejects the config, so the container does not get what the config asks for. A development version "
        "(\"1.0.2-dev\", \"1.1.0+dev\") is the tree between its release and the next, so it may hold the next "
        "release's fields (Podman 4 writes \"1.0.2-dev\" with errnoRet). A field or value that every current runtime "
        "(runc 1.1+, crun 1.8+) reads whatever ociVersion says (seccomp errnoRet, defaultErrnoRet, listenerPath, "
        "listenerMetadata and the 1.1.0 actions; unified, cpu.burst, memory.checkBeforeUpdate, domainname; the "
        "org.opencontainers.image.* annotations) is info: it only dates the file.",
    .reference = "runtime-spec ChangeLog; ocikit field catalog (spec/field_catalog.h, `since`)",
    .fix = "raise ociVersion to the release that introduced the field, or remove the field",
};

OCIKIT_INLINE const LintRule kDeprecatedField = {
    .id = "OCI104",
    .name = "deprecated-field",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kInfo,
    .title = "a deprecated field is set",
    .rationale = "hooks.prestart is deprecated in favour of createRuntime, createContainer and startContainer; "
        "linux.resources.memory.kernel is NOT RECOMMENDED and ignored by cgroup v2 and recent runc.",
    .reference = "runtime-spec config.md#posix-platform-hooks; config-linux.md#memory",
    .fix = "move prestart hooks to createRuntime (or createContainer); drop memory.kernel",
};

// Conformance: root, process, hooks, mounts, annotations (policy/lint/conformance.h).
OCIKIT_INLINE const LintRule kRootMissing = {
    .id = "OCI110",
    .name = "root-missing",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "root is missing",
    .rationale = "root is REQUIRED on every platform but Windows (where Hyper-V containers omit it).",
    .reference = "runtime-spec config.md#root; runtime-tools RootOnNonWindowsRequired",
    .fix = "add \"root\": {\"path\": \"rootfs\"}",
};

OCIKIT_INLINE const LintRule kRootPathEmpty = {
    .id = "OCI111",
    .name = "root-path-empty",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "root.path is empty",
    .rationale = "root.path is REQUIRED: the runtime mounts it as the container's root filesystem.",
    .reference = "runtime-spec config.md#root; schema required [\"path\"]",
    .fix = "set root.path, conventionally \"rootfs\"",
};

OCIKIT_INLINE const LintRule kRootPathNotRootfs = {
    .id = "OCI112",
    .name = "root-path-not-rootfs",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .severity_note = "info unless a bundle's relative root",
    .title = "root.path does not end in the conventional \"rootfs\"",
    .rationale = "On POSIX platforms the root directory SHOULD be named rootfs; tools that look for a bundle's "
        "rootfs expect that name. The convention is the bundle layout's: a warning for a relative root.path of a "
        "config linted as a bundle's, info for a template or an absolute root elsewhere (Podman and CRI-O run an "
        "overlay's \"merged\" directory), which no runtime cares about.",
    .reference = "runtime-spec config.md#root; runtime-tools RootPathOnPosixConvention",
    .fix = "name the directory rootfs",
};

OCIKIT_INLINE const LintRule kWindowsRoot = {
    .id = "OCI113",
    .name = "windows-root",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "root does not fit a Windows container",
    .rationale = "On Windows, root.path MUST be a volume GUID path (\\\\?\\Volume{GUID}\\), root.readonly MUST be "
        "false or omitted, root MUST be set unless the container uses Hyper-V and MUST NOT be set when it does.",
    .reference = "runtime-spec config.md#root; runtime-tools RootOnHyperVNotSet, RootOnWindowsRequired, "
        "RootPathOnWindowsGUID, RootReadonlyOnWindowsFalse",
    .fix = "use a \\\\?\\Volume{GUID}\\ path, drop readonly, and drop root for Hyper-V containers",
};

OCIKIT_INLINE const LintRule kProcessArgsMissing = {
    .id = "OCI120",
    .name = "process-args-missing",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .severity_note = "info in a template",
    .title = "process.args is empty",
    .rationale = "At least one entry of args is REQUIRED on non-Windows platforms (or commandLine on Windows), and "
        "the first is the program to run. A template (containerd's default spec, BuildKit's, `ocikit spec` without "
        "COMMAND) leaves it to be filled in later by design, so a config is linted as a template (info) unless it is "
        "a bundle's: a bundle directory PATH, or --bundle (error). An empty first entry is always an error.",
    .reference = "runtime-spec config.md#process; runtime-tools ProcArgsOneEntryRequired",
    .fix = "set process.args, e.g. [\"/bin/sh\"] (or commandLine on Windows)",
};

OCIKIT_INLINE const LintRule kProcessCwdAbsolute = {
    .id = "OCI121",
    .name = "process-cwd-absolute",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "process.cwd is missing or not absolute",
    .rationale = "cwd is REQUIRED and MUST be an absolute path.",
    .reference = "runtime-spec config.md#process; runtime-tools ProcCwdAbs",
    .fix = "set process.cwd to an absolute path such as \"/\"",
};

OCIKIT_INLINE const LintRule kEnvInvalid = {
    .id = "OCI122",
    .name = "env-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an environment entry is not KEY=value",
    .rationale = "Environment entries have environ(7) semantics: NAME=value with a non-empty NAME. runtime-tools "
        "rejects an entry without '='; execve would pass it on, but getenv(3) cannot find it.",
    .reference = "runtime-spec config.md#process (env); runtime-tools envValid",
    .fix = "write the entry as NAME=value",
};

OCIKIT_INLINE const LintRule kEnvNameUnusual = {
    .id = "OCI123",
    .name = "env-name-unusual",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an environment variable name is not a portable shell name",
    .rationale = "Names outside [A-Za-z_][A-Za-z0-9_]* cannot be used from a shell, and runtime-tools rejects them "
        "(it warns about a leading digit).",
    .reference = "POSIX XBD 8.1; runtime-tools envValid",
    .fix = "use letters, digits and underscores, not starting with a digit",
};

OCIKIT_INLINE const LintRule kEnvDuplicate = {
    .id = "OCI124",
    .name = "env-duplicate",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an environment variable is set twice",
    .rationale = "With two entries for one name, programs disagree on which wins (glibc's getenv takes the first, "
        "many tools the last).",
    .reference = "POSIX XBD 8.1",
    .fix = "keep one entry per name",
};

OCIKIT_INLINE const LintRule kRlimitDuplicate = {
    .id = "OCI125",
    .name = "rlimit-duplicate",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an rlimit type is listed twice",
    .rationale = "The runtime MUST generate an error for duplicate rlimit types.",
    .reference = "runtime-spec config.md#posix-process; runtime-tools PosixProcRlimitsErrorOnDup",
    .fix = "keep one entry per type",
};

OCIKIT_INLINE const LintRule kRlimitSoftAboveHard = {
    .id = "OCI126",
    .name = "rlimit-soft-above-hard",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an rlimit's soft limit is above its hard limit",
    .rationale = "setrlimit(2) fails with EINVAL when soft > hard.",
    .reference = "setrlimit(2); runtime-tools CheckRlimits",
    .fix = "lower soft or raise hard",
};

OCIKIT_INLINE const LintRule kRlimitTypeInvalid = {
    .id = "OCI127",
    .name = "rlimit-type-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an rlimit type is not RLIMIT_<NAME>",
    .rationale = "The schema requires type to match ^RLIMIT_[A-Z]+$.",
    .reference = "runtime-spec schema config-schema.json (rlimits[].type pattern)",
    .fix = "use a name such as RLIMIT_NOFILE",
};

OCIKIT_INLINE const LintRule kRlimitTypeUnknown = {
    .id = "OCI128",
    .name = "rlimit-type-unknown",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an rlimit type is unknown on the platform",
    .rationale = "The runtime MUST generate an error for a type it cannot map; on Linux the types are those of "
        "getrlimit(2).",
    .reference = "runtime-spec config.md#posix-process; runtime-tools PosixProcRlimitsTypeValueError",
    .fix = "use a type of getrlimit(2), e.g. RLIMIT_NOFILE",
};

OCIKIT_INLINE const LintRule kCapabilityUnknown = {
    .id = "OCI129",
    .name = "capability-unknown",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .strict = true,
    .title = "a capability name is not known",
    .rationale = "Capability names are CAP_ followed by the kernel's name in capital letters. Runtimes log unknown "
        "names and skip them (crun now fails), so the capability is silently missing.",
    .reference = "runtime-spec config.md#linux-process; capabilities(7); runtime-tools CheckCapabilities; crun #2144",
    .fix = "use the CAP_ name (the suggestion), or remove it",
};

OCIKIT_INLINE const LintRule kCapabilityEffectiveNotPermitted = {
    .id = "OCI130",
    .name = "capability-effective-not-permitted",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an effective capability is not permitted",
    .rationale = "The effective set must be a subset of the permitted set; capset(2) refuses anything else.",
    .reference = "capabilities(7); runtime-tools CheckCapabilities",
    .fix = "add the capability to permitted, or drop it from effective",
};

OCIKIT_INLINE const LintRule kCapabilityAmbientNotInheritable = {
    .id = "OCI131",
    .name = "capability-ambient-not-inheritable",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an ambient capability is not both permitted and inheritable",
    .rationale = "The kernel only raises ambient capabilities that are permitted and inheritable "
        "(PR_CAP_AMBIENT_RAISE): runc before 1.2 silently drops such a capability (its own `runc spec` example did), "
        "newer runc adds it to inheritable. runtime-tools rejects the config.",
    .reference = "capabilities(7); runtime-tools CheckCapabilities; runc #4367",
    .fix = "add the capability to permitted and inheritable, or drop it from ambient",
};

OCIKIT_INLINE const LintRule kConsoleSizeWithoutTerminal = {
    .id = "OCI132",
    .name = "console-size-without-terminal",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kInfo,
    .title = "consoleSize is set without terminal",
    .rationale = "Runtimes MUST ignore consoleSize unless terminal is true.",
    .reference = "runtime-spec config.md#process",
    .fix = "set terminal to true, or drop consoleSize",
};

OCIKIT_INLINE const LintRule kIoPriorityInvalid = {
    .id = "OCI133",
    .name = "io-priority-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "process.ioPriority is invalid",
    .rationale = "class MUST be IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE and priority is in 0-7.",
    .reference = "runtime-spec config.md#linux-process (ioPriority); schema; runc validator",
    .fix = "use a valid class and 0-7",
};

OCIKIT_INLINE const LintRule kSchedulerInvalid = {
    .id = "OCI134",
    .name = "scheduler-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "process.scheduler has an invalid policy or flag",
    .rationale = "policy is REQUIRED and one of the SCHED_* policies; flags are SCHED_FLAG_* values of the schema.",
    .reference = "runtime-spec config.md#linux-process (scheduler); schema config-schema.json",
    .fix = "use a policy such as SCHED_OTHER and flags of the schema",
};

OCIKIT_INLINE const LintRule kSchedulerFieldMismatch = {
    .id = "OCI135",
    .name = "scheduler-field-mismatch",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "a scheduler field does not apply to the policy",
    .rationale = "runc refuses nice outside [-20, 19], priority with policies other than SCHED_FIFO and SCHED_RR, "
        "and runtime/deadline/period with policies other than SCHED_DEADLINE.",
    .reference = "sched(7); runc libcontainer/configs/validate",
    .fix = "set only the fields of the chosen policy",
};

OCIKIT_INLINE const LintRule kExecCpuAffinityInvalid = {
    .id = "OCI136",
    .name = "exec-cpu-affinity-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "execCPUAffinity is not a CPU list",
    .rationale = "initial and final must match ^[0-9, -]*$ (a cpuset list).",
    .reference = "runtime-spec schema config-schema.json (execCPUAffinity)",
    .fix = "write a list such as \"0-3,7\"",
};

OCIKIT_INLINE const LintRule kOomScoreAdjRange = {
    .id = "OCI137",
    .name = "oom-score-adj-range",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "oomScoreAdj is outside -1000..1000",
    .rationale = "The kernel rejects oom_score_adj values outside -1000..1000.",
    .reference = "proc(5) /proc/pid/oom_score_adj",
    .fix = "use a value in -1000..1000",
};

OCIKIT_INLINE const LintRule kWindowsOnlyField = {
    .id = "OCI138",
    .name = "windows-only-field",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kInfo,
    .title = "a Windows-only field is set in a Linux config",
    .rationale = "process.commandLine and process.user.username are only used on Windows; Linux runtimes ignore them.",
    .reference = "runtime-spec config.md#process",
    .fix = "remove them, or use args and uid/gid",
};

OCIKIT_INLINE const LintRule kStringNul = {
    .id = "OCI139",
    .name = "string-nul",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a string holds a NUL byte (\\u0000)",
    .rationale = "Every string of config.json ends up in a C string: an env entry, an argument, the hostname, a "
        "path. runc refuses it (\"environment variable value can't contain null\"; Go's syscall package returns "
        "EINVAL for a path or argument with a NUL), while C runtimes such as crun cut the string at the NUL, so "
        "runtimes run different things. JSON can encode the byte, so the reader accepts it.",
    .reference = "runc libcontainer (env and exec checks); Go syscall.BytePtrFromString; execve(2)",
    .fix = "remove the NUL byte",
};

OCIKIT_INLINE const LintRule kHookPathAbsolute = {
    .id = "OCI140",
    .name = "hook-path-absolute",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a hook path is missing or not absolute",
    .rationale = "A hook's path is REQUIRED and MUST be absolute (all six kinds).",
    .reference = "runtime-spec config.md#posix-platform-hooks; runtime-tools PosixHooksPathAbs",
    .fix = "use the absolute path of the hook program",
};

OCIKIT_INLINE const LintRule kHookTimeoutPositive = {
    .id = "OCI141",
    .name = "hook-timeout-positive",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a hook timeout is not positive",
    .rationale = "timeout is the number of seconds before aborting; it MUST be greater than zero.",
    .reference = "runtime-spec config.md#posix-platform-hooks; schema defs.json Hook.timeout minimum 1",
    .fix = "use a timeout of at least 1, or omit it",
};

OCIKIT_INLINE const LintRule kMountDestinationEmpty = {
    .id = "OCI150",
    .name = "mount-destination-empty",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a mount has no destination",
    .rationale = "destination is REQUIRED.",
    .reference = "runtime-spec config.md#mounts; schema defs.json Mount",
    .fix = "set the destination path",
};

OCIKIT_INLINE const LintRule kMountDestinationRelative = {
    .id = "OCI151",
    .name = "mount-destination-relative",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "a mount destination is not absolute",
    .rationale = "Since 1.2.0 a Linux destination SHOULD be absolute and a relative one is taken relative to / (runc "
        "warns that it is deprecated); before 1.2.0, and on Windows and Solaris, it MUST be absolute (error).",
    .reference = "runtime-spec config.md#mounts (#1225); runtime-tools MountsDestAbs",
    .fix = "write the destination as an absolute path",
};

OCIKIT_INLINE const LintRule kMountDestinationNestedWindows = {
    .id = "OCI152",
    .name = "mount-destination-nested-windows",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a Windows mount destination is nested in another",
    .rationale = "On Windows, mount destinations MUST NOT be nested.",
    .reference = "runtime-spec config.md#mounts; runtime-tools MountsDestOnWindowsNotNested",
    .fix = "mount at separate directories",
};

OCIKIT_INLINE const LintRule kMountShadowed = {
    .id = "OCI153",
    .name = "mount-shadowed",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kInfo,
    .title = "a later mount hides an earlier one",
    .rationale = "Mounts are performed in order; a later mount on a parent directory covers what an earlier mount "
        "put below it.",
    .reference = "runtime-spec config.md#mounts; runtime-tools CheckMounts",
    .fix = "order parents before children",
};

OCIKIT_INLINE const LintRule kMountIdmapIncomplete = {
    .id = "OCI154",
    .name = "mount-idmap-incomplete",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a mount has uidMappings without gidMappings or the reverse",
    .rationale = "A mount's uidMappings MUST be accompanied by gidMappings and vice versa.",
    .reference = "runtime-spec config.md#posix-platform-mounts",
    .fix = "give both mappings",
};

OCIKIT_INLINE const LintRule kMountIdmapOption = {
    .id = "OCI155",
    .name = "mount-idmap-option",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an idmapped mount lacks the idmap option or is not a bind mount",
    .rationale = "With mappings, options SHOULD contain idmap or ridmap; runc only idmaps bind mounts.",
    .reference = "runtime-spec config.md#posix-platform-mounts; runc libcontainer/configs/validate",
    .fix = "add \"idmap\" (or \"ridmap\") to options and use a bind mount",
};

OCIKIT_INLINE const LintRule kMountOptionConflict = {
    .id = "OCI156",
    .name = "mount-option-conflict",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "mount options contradict each other",
    .rationale = "With ro and rw (or suid and nosuid, two propagation modes, ...) the last one wins in runc and the "
        "first in others; the intent is unclear.",
    .reference = "mount(8); runc libcontainer/specconv",
    .fix = "keep one option of each pair",
};

OCIKIT_INLINE const LintRule kAnnotationKeyReserved = {
    .id = "OCI160",
    .name = "annotation-key-reserved",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an annotation key uses the reserved org.opencontainers namespace",
    .rationale = "Keys in org.opencontainers are reserved; since 1.2.0 the org.opencontainers.image.* keys (defined "
        "by the image-spec) are allowed.",
    .reference = "runtime-spec config.md#annotations; runtime-tools AnnotationsKeyReservedNS",
    .fix = "use your own reverse-domain prefix",
};

OCIKIT_INLINE const LintRule kAnnotationKeyFormat = {
    .id = "OCI161",
    .name = "annotation-key-format",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "an annotation key is not in reverse domain notation",
    .rationale = "Keys SHOULD be named using reverse domain notation, e.g. com.example.myKey.",
    .reference = "runtime-spec config.md#annotations; runtime-tools AnnotationsKeyReversedDomain",
    .fix = "prefix the key with a domain you own, reversed",
};

OCIKIT_INLINE const LintRule kAnnotationKeyEmpty = {
    .id = "OCI162",
    .name = "annotation-key-empty",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an annotation key is empty",
    .rationale = "Annotation keys MUST NOT be an empty string.",
    .reference = "runtime-spec config.md#annotations",
    .fix = "give the annotation a key",
};

// Conformance: the linux section (policy/lint/conformance_linux.h).
OCIKIT_INLINE const LintRule kNamespaceTypeInvalid = {
    .id = "OCI170",
    .name = "namespace-type-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a namespace type is not one the specification defines",
    .rationale = "type is REQUIRED and one of pid, network, mount, ipc, uts, user, cgroup, time.",
    .reference = "runtime-spec config-linux.md#namespaces; schema defs-linux.json NamespaceType",
    .fix = "use one of the types",
};

OCIKIT_INLINE const LintRule kNamespaceDuplicate = {
    .id = "OCI171",
    .name = "namespace-duplicate",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a namespace type is listed twice",
    .rationale = "If a namespace type is specified more than once, the runtime MUST generate an error.",
    .reference = "runtime-spec config-linux.md#namespaces; runtime-tools NSErrorOnDup",
    .fix = "keep one entry per type",
};

OCIKIT_INLINE const LintRule kNamespacePathAbsolute = {
    .id = "OCI172",
    .name = "namespace-path-absolute",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a namespace path is not absolute",
    .rationale = "A namespace path MUST be an absolute path in the runtime mount namespace.",
    .reference = "runtime-spec config-linux.md#namespaces; runtime-tools NSPathAbs",
    .fix = "use an absolute path such as /proc/1234/ns/net",
};

OCIKIT_INLINE const LintRule kIdMappingsWithoutUserns = {
    .id = "OCI173",
    .name = "id-mappings-without-userns",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "uid/gid mappings are set without a new user namespace",
    .rationale = "Mappings only apply to a user namespace the runtime creates; without one runc and runtime-tools "
        "refuse them, and with a joined namespace they are ignored.",
    .reference = "runtime-spec config-linux.md#user-namespace-mappings; runtime-tools CheckLinux; runc validator",
    .fix = "add {\"type\": \"user\"} to linux.namespaces, or drop the mappings",
};

OCIKIT_INLINE const LintRule kUsernsMappings = {
    .id = "OCI174",
    .name = "userns-mappings",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "a new user namespace lacks uid or gid mappings",
    .rationale = "runc refuses a new user namespace without both uidMappings and gidMappings: the container's ids "
        "would map to nothing.",
    .reference = "runtime-spec config-linux.md#user-namespace-mappings; runc validator",
    .fix = "give both mappings",
};

OCIKIT_INLINE const LintRule kSysctlNamespace = {
    .id = "OCI175",
    .name = "sysctl-namespace",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a sysctl is not isolated by a namespace of the container",
    .rationale = "A sysctl outside the container's namespaces changes the host's kernel; runc refuses it and "
        "runtime-tools rejects net.* without a network namespace and fs.mqueue.* without IPC (and mount) namespaces.",
    .reference = "runtime-tools CheckLinux (sysctl); runc validator (sysctl); spec/opts/sysctls.h",
    .fix = "add the namespace, or set the sysctl on the host",
};

OCIKIT_INLINE const LintRule kHostnameWithoutUts = {
    .id = "OCI176",
    .name = "hostname-without-uts",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "hostname or domainname is set without a UTS namespace",
    .rationale = "Setting the hostname without a new UTS namespace would change the host's name; runtime-tools and "
        "runc refuse it.",
    .reference = "runtime-spec config.md#hostname; runtime-tools CheckLinux; runc validator",
    .fix = "add {\"type\": \"uts\"} to linux.namespaces, or drop the hostname",
};

OCIKIT_INLINE const LintRule kTimeOffsetsWithoutTimens = {
    .id = "OCI177",
    .name = "time-offsets-without-timens",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "timeOffsets need a new time namespace",
    .rationale = "Clock offsets are set when a time namespace is created; without one (or with a joined one) runc "
        "and runtime-tools refuse them. The clocks are boottime and monotonic.",
    .reference = "runtime-spec config-linux.md#offset-for-time-namespace; runtime-tools CheckLinux; runc validator",
    .fix = "add {\"type\": \"time\"} to linux.namespaces",
};

OCIKIT_INLINE const LintRule kDeviceInvalid = {
    .id = "OCI178",
    .name = "device-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a device entry is invalid",
    .rationale = "type is c, b, u or p; path is REQUIRED and a full path; major and minor are REQUIRED unless the "
        "type is p.",
    .reference = "runtime-spec config-linux.md#devices; runtime-tools deviceValid",
    .fix = "fix type, path and numbers",
};

OCIKIT_INLINE const LintRule kDevicePathDuplicate = {
    .id = "OCI179",
    .name = "device-path-duplicate",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "two devices have the same path",
    .rationale = "runtime-tools rejects duplicated device paths; only one node can exist at a path.",
    .reference = "runtime-tools CheckLinux (devices)",
    .fix = "keep one entry per path",
};

OCIKIT_INLINE const LintRule kDeviceNumberDuplicate = {
    .id = "OCI180",
    .name = "device-number-duplicate",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "two devices have the same type, major and minor",
    .rationale = "The same type, major and minor SHOULD NOT be used for multiple devices.",
    .reference = "runtime-spec config-linux.md#devices; runtime-tools DevicesErrorOnDup",
    .fix = "keep one entry per device",
};

OCIKIT_INLINE const LintRule kDeviceFileMode = {
    .id = "OCI181",
    .name = "device-file-mode",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a device fileMode is above 0777",
    .rationale = "fileMode holds permission bits in decimal (0666 is 438); the schema allows 0 to 511.",
    .reference = "runtime-spec schema defs.json FileMode (#1298)",
    .fix = "write the mode in decimal, e.g. 438 for 0666",
};

OCIKIT_INLINE const LintRule kMemorySwapBelowLimit = {
    .id = "OCI182",
    .name = "memory-swap-below-limit",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "memory.swap is below memory.limit",
    .rationale = "swap is the limit of memory plus swap, so it must be at least the memory limit (or -1 for "
        "unlimited).",
    .reference = "runtime-spec config-linux.md#memory; runtime-tools CheckLinuxResources",
    .fix = "raise swap, or set it to -1",
};

OCIKIT_INLINE const LintRule kMemoryReservationAboveLimit = {
    .id = "OCI183",
    .name = "memory-reservation-above-limit",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "memory.reservation is above memory.limit",
    .rationale = "A soft limit above the hard limit never applies; runtime-tools rejects it.",
    .reference = "runtime-tools CheckLinuxResources",
    .fix = "lower the reservation",
};

OCIKIT_INLINE const LintRule kDeviceCgroupType = {
    .id = "OCI184",
    .name = "device-cgroup-type",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a device cgroup rule has an invalid type",
    .rationale = "type is a (all), c or b.",
    .reference = "runtime-spec config-linux.md#allowed-device-list; runtime-tools CheckLinuxResources",
    .fix = "use a, c or b",
};

OCIKIT_INLINE const LintRule kDeviceCgroupAccess = {
    .id = "OCI185",
    .name = "device-cgroup-access",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a device cgroup rule has invalid access",
    .rationale = "access is made of r (read), w (write) and m (mknod).",
    .reference = "runtime-spec config-linux.md#allowed-device-list; runtime-tools CheckLinuxResources",
    .fix = "use letters of rwm",
};

OCIKIT_INLINE const LintRule kWeightDeviceEmpty = {
    .id = "OCI186",
    .name = "weight-device-empty",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a blockIO weightDevice entry has neither weight nor leafWeight",
    .rationale = "You MUST specify at least one of weight or leafWeight in a given entry.",
    .reference = "runtime-spec config-linux.md#block-io; runtime-tools BlkIOWeightOrLeafWeightExist",
    .fix = "add weight or leafWeight",
};

OCIKIT_INLINE const LintRule kRdmaLimitEmpty = {
    .id = "OCI187",
    .name = "rdma-limit-empty",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an rdma entry has neither hcaHandles nor hcaObjects",
    .rationale = "You MUST specify at least one of hcaHandles or hcaObjects in a given entry.",
    .reference = "runtime-spec config-linux.md#rdma",
    .fix = "add hcaHandles or hcaObjects",
};

OCIKIT_INLINE const LintRule kCpuBurstAboveQuota = {
    .id = "OCI188",
    .name = "cpu-burst-above-quota",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "cpu.burst is larger than cpu.quota",
    .rationale = "burst MUST be no larger than any positive quota.",
    .reference = "runtime-spec config-linux.md#cpu",
    .fix = "lower burst or raise quota",
};

OCIKIT_INLINE const LintRule kHugepageSizeInvalid = {
    .id = "OCI189",
    .name = "hugepage-size-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a hugepage limit's pageSize is not <size><unit>B",
    .rationale = "pageSize must match ^[1-9][0-9]*[KMG]B$ (64KB, 2MB, 1GB): it names the hugetlb control file.",
    .reference = "runtime-spec config-linux.md#huge-page-limits; schema config-linux.json",
    .fix = "write it as 2MB or 1GB",
};

OCIKIT_INLINE const LintRule kRootfsPropagationInvalid = {
    .id = "OCI190",
    .name = "rootfs-propagation-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "rootfsPropagation is not shared, slave, private or unbindable",
    .rationale = "The schema's enum allows shared, slave, private and unbindable, and a config MUST validate "
        "against it. The recursive forms (rshared, rslave, rprivate, runbindable) are an extension runc and crun "
        "read; a runtime that follows the schema may refuse them, so they are an error too.",
    .reference = "runtime-spec config-linux.md#rootfs-mount-propagation; schema defs-linux.json RootfsPropagation",
    .fix = "use one of the four values",
};

OCIKIT_INLINE const LintRule kPathNotAbsolute = {
    .id = "OCI191",
    .name = "path-not-absolute",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a masked or read-only path is not absolute",
    .rationale = "maskedPaths and readonlyPaths values MUST be absolute paths.",
    .reference = "runtime-spec config-linux.md#masked-paths; runtime-tools MaskedPathsAbs, ReadonlyPathsAbs",
    .fix = "write the path from /",
};

OCIKIT_INLINE const LintRule kSelinuxLabelInvalid = {
    .id = "OCI192",
    .name = "selinux-label-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an SELinux label is malformed",
    .rationale = "runtime-tools (go-selinux label.Validate) rejects a mountLabel holding both 'z' and 'Z'; a context "
        "has the form user:role:type[:level] (warning otherwise).",
    .reference = "runtime-tools CheckLinux (mountLabel); selinux(8)",
    .fix = "use a context such as system_u:object_r:container_file_t:s0",
};

OCIKIT_INLINE const LintRule kIntelRdtInvalid = {
    .id = "OCI193",
    .name = "intel-rdt-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "an intelRdt field is malformed",
    .rationale = "memBwSchema MUST start with MB: and MUST NOT contain newlines; l3CacheSchema SHOULD start with "
        "L3:; closID names a resctrl directory (runc refuses ., .. and '/').",
    .reference = "runtime-spec config-linux.md#intelrdt; runc validator (intelRdt)",
    .fix = "fix the schema strings and closID",
};

OCIKIT_INLINE const LintRule kMemoryPolicyInvalid = {
    .id = "OCI194",
    .name = "memory-policy-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "linux.memoryPolicy is invalid",
    .rationale = "mode is REQUIRED and an MPOL_* mode; flags are MPOL_F_*; MPOL_DEFAULT and MPOL_LOCAL take no "
        "nodes, MPOL_BIND, MPOL_INTERLEAVE, MPOL_PREFERRED_MANY and MPOL_WEIGHTED_INTERLEAVE need some.",
    .reference = "runtime-spec config-linux.md#memory-policy; set_mempolicy(2); runc validator",
    .fix = "fix mode, nodes and flags",
};

OCIKIT_INLINE const LintRule kPersonalityInvalid = {
    .id = "OCI195",
    .name = "personality-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "linux.personality is invalid",
    .rationale = "domain is REQUIRED and LINUX or LINUX32; no flag values are currently supported (warning).",
    .reference = "runtime-spec config-linux.md#personality",
    .fix = "use domain LINUX or LINUX32 and no flags",
};

OCIKIT_INLINE const LintRule kNetDeviceInvalid = {
    .id = "OCI196",
    .name = "net-device-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a netDevices entry is invalid",
    .rationale = "Moving a network device needs a network namespace; interface names are 1-15 bytes without '/', ':' "
        "or white space and are not . or .. (the kernel's dev_valid_name).",
    .reference = "runtime-spec config-linux.md#network-devices; runc validator (netDevices)",
    .fix = "add a network namespace and use valid interface names",
};

OCIKIT_INLINE const LintRule kUnifiedKeyInvalid = {
    .id = "OCI197",
    .name = "unified-key-invalid",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "a resources.unified key is not a cgroup v2 file name",
    .rationale = "Keys name files of the container's cgroup, such as memory.high: a controller, a dot and a name; "
        "runc refuses keys with '/'.",
    .reference = "runtime-spec config-linux.md#unified; runc libcontainer/cgroups",
    .fix = "use the cgroup v2 file name",
};

OCIKIT_INLINE const LintRule kResourceValueRange = {
    .id = "OCI198",
    .name = "resource-value-range",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kWarning,
    .title = "a cgroup value is outside the range the kernel accepts",
    .rationale = "swappiness is 0-100, blkio weights 10-1000, cpu.idle 0 or 1, and realtimeRuntime cannot exceed "
        "realtimePeriod; the kernel rejects other values when the runtime writes them.",
    .reference = "cgroup-v1 memory.txt, blkio-controller.txt; cgroup-v2.rst",
    .fix = "use a value in range",
};

OCIKIT_INLINE const LintRule kIdMappingRange = {
    .id = "OCI199",
    .name = "id-mapping-range",
    .family = LintFamily::kConformance,
    .severity = LintSeverity::kError,
    .title = "a uid or gid mapping is one the kernel refuses",
    .rationale = "The kernel's map_write (uid_map, gid_map; runc writes idmapped mounts' mappings the same way) "
        "refuses, with EINVAL, a range of size 0, a range whose first id + size exceeds 4294967295 on either side "
        "(id 4294967295 is (uid_t)-1 and never mapped), ranges that overlap, and more than 340 lines.",
    .reference = "kernel/user_namespace.c map_write; user_namespaces(7)",
    .fix = "use ranges with first id + size <= 4294967295 that do not overlap",
};

// Host, bundle and runtime features (policy/lint/host.h).
OCIKIT_INLINE const LintRule kRootPathMissing = {
    .id = "HOST201",
    .name = "root-path-missing",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kError,
    .title = "root.path does not exist or is not a directory",
    .rationale = "The runtime pivots into root.path; it MUST exist (a relative path is taken from the bundle "
        "directory).",
    .reference = "runtime-spec config.md#root; runtime-tools RootPathExist",
    .fix = "create the root filesystem, or fix root.path",
};

OCIKIT_INLINE const LintRule kNamespacePathMissing = {
    .id = "HOST202",
    .name = "namespace-path-missing",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kError,
    .title = "a namespace path does not exist on this host",
    .rationale = "The runtime opens the path to join the namespace and fails if it is not there.",
    .reference = "runtime-spec config-linux.md#namespaces",
    .fix = "point at an existing namespace file (/proc/PID/ns/TYPE or a bind-mounted one)",
};

OCIKIT_INLINE const LintRule kDeviceHostMismatch = {
    .id = "HOST203",
    .name = "device-host-mismatch",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kWarning,
    .title = "a device differs from the host's node at that path",
    .rationale = "A device whose numbers differ from the host's node at the same path is usually a typo; one that "
        "the host lacks has no driver behind it (info).",
    .reference = "runtime-spec config-linux.md#devices",
    .fix = "copy type, major and minor from `ls -l` on the host",
};

OCIKIT_INLINE const LintRule kSysctlUnknown = {
    .id = "HOST204",
    .name = "sysctl-unknown",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kWarning,
    .title = "a sysctl is unknown to this kernel",
    .rationale = "The runtime writes /proc/sys/<key>; a key the kernel lacks fails the container start.",
    .reference = "sysctl(8); runtime-tools --host-specific",
    .fix = "remove it, or run on a kernel that has it",
};

OCIKIT_INLINE const LintRule kCapabilityUnsupported = {
    .id = "HOST205",
    .name = "capability-unsupported",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kWarning,
    .title = "a capability is newer than this kernel",
    .rationale = "Capabilities above /proc/sys/kernel/cap_last_cap cannot be granted; runtimes skip them.",
    .reference = "capabilities(7); runtime-tools CheckCapabilities (--host-specific)",
    .fix = "drop it, or run on a newer kernel",
};

OCIKIT_INLINE const LintRule kMountTypeUnsupported = {
    .id = "HOST206",
    .name = "mount-type-unsupported",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kError,
    .title = "a mount type is not in /proc/filesystems",
    .rationale = "mount(2) fails for a filesystem type the kernel does not know.",
    .reference = "runtime-tools CheckMounts (--host-specific)",
    .fix = "use a type of /proc/filesystems, or load the module",
};

OCIKIT_INLINE const LintRule kHookNotExecutable = {
    .id = "HOST207",
    .name = "hook-not-executable",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kError,
    .title = "a hook program is missing or not executable",
    .rationale = "The runtime runs hooks from the runtime namespace; a missing program fails the container's "
        "lifecycle.",
    .reference = "runtime-tools CheckHooks (--host-specific)",
    .fix = "install the hook, or fix its path",
};

OCIKIT_INLINE const LintRule kNetworkInterfaceMissing = {
    .id = "HOST208",
    .name = "network-interface-missing",
    .family = LintFamily::kHost,
    .severity = LintSeverity::kError,
    .title = "a network interface does not exist on this host",
    .rationale = "net_prio priorities and netDevices name host interfaces; a missing one fails the container start.",
    .reference = "runtime-tools CheckLinuxResources (--host-specific); runtime-spec config-linux.md#network-devices",
    .fix = "use an interface of `ip link`",
};

OCIKIT_INLINE const LintRule kBundleRootOutside = {
    .id = "HOST250",
    .name = "bundle-root-outside",
    .family = LintFamily::kBundle,
    .severity = LintSeverity::kError,
    .title = "root.path is not a child of the bundle directory",
    .rationale = "A bundle holds config.json and its root filesystem in one directory; root.path MUST be a direct "
        "child.",
    .reference = "runtime-spec bundle.md#container-format; runtime-tools ArtifactsInSingleDir",
    .fix = "move the root filesystem into the bundle",
};

OCIKIT_INLINE const LintRule kBundleConfigWritable = {
    .id = "HOST251",
    .name = "bundle-config-writable",
    .family = LintFamily::kBundle,
    .severity = LintSeverity::kWarning,
    .title = "config.json is writable by group or others",
    .rationale = "Whoever can write config.json decides what runs as root; containerd and ocikit write it with mode "
        "0600.",
    .reference = "ocikit WriteSpecFile; containerd bundle writer",
    .fix = "chmod 600 config.json",
};

OCIKIT_INLINE const LintRule kBundleArgsNotExecutable = {
    .id = "HOST252",
    .name = "bundle-args-not-executable",
    .family = LintFamily::kBundle,
    .severity = LintSeverity::kError,
    .title = "process.args[0] is not an executable file in the rootfs",
    .rationale = "The runtime executes args[0]; a directory or a file without execute bits fails (a missing one is a "
        "warning: it may come from a mount).",
    .reference = "runtime-tools CheckProcess",
    .fix = "fix args[0] or the file's mode",
};

OCIKIT_INLINE const LintRule kBundleDeviceMismatch = {
    .id = "HOST253",
    .name = "bundle-device-mismatch",
    .family = LintFamily::kBundle,
    .severity = LintSeverity::kError,
    .title = "a device node already in the rootfs differs from its entry",
    .rationale = "If a device already exists in the rootfs, its type, numbers, mode and owner MUST match the entry.",
    .reference = "runtime-spec config-linux.md#devices; runtime-tools DevicesFileNotMatch",
    .fix = "remove the node from the rootfs, or match the entry",
};

OCIKIT_INLINE const LintRule kRuntimeVersionRange = {
    .id = "HOST260",
    .name = "runtime-version-range",
    .family = LintFamily::kRuntime,
    .severity = LintSeverity::kWarning,
    .title = "ociVersion is outside the range the target runtime implements",
    .rationale = "A runtime's features document states the spec versions it implements (ociVersionMin, "
        "ociVersionMax); fields of a newer release may be ignored (runc 1.1 implements 1.0.2-dev).",
    .reference = "runtime-spec features.md; `runc features`",
    .fix = "target a runtime that implements the declared version, or lower ociVersion",
};

OCIKIT_INLINE const LintRule kRuntimeUnsupported = {
    .id = "HOST261",
    .name = "runtime-unsupported",
    .family = LintFamily::kRuntime,
    .severity = LintSeverity::kError,
    .title = "the target runtime does not support something the config uses",
    .rationale = "The features document lists the namespaces, capabilities, hooks, mount options, seccomp actions, "
        "operators, architectures and flags a runtime knows, and whether AppArmor, SELinux, Intel RDT, idmapped "
        "mounts and network devices are enabled; a config using something else fails (or, for capabilities and "
        "seccomp flags, is silently weakened: warning).",
    .reference = "runtime-spec features.md, features-linux.md",
    .fix = "drop the feature, or use a runtime (version) that has it",
};

OCIKIT_INLINE const LintRule kRuntimeUnsafeAnnotation = {
    .id = "HOST262",
    .name = "runtime-unsafe-annotation",
    .family = LintFamily::kRuntime,
    .severity = LintSeverity::kWarning,
    .title = "an annotation the target runtime calls potentially unsafe",
    .rationale = "potentiallyUnsafeConfigAnnotations lists annotations (or prefixes ending in '.') that change the "
        "runtime's behaviour in security-relevant ways; orchestrators should only pass them from trusted sources.",
    .reference = "runtime-spec features.md (potentiallyUnsafeConfigAnnotations, #1205)",
    .fix = "remove the annotation unless it is intended",
};

// Unknown fields (policy/lint/typos.h).
OCIKIT_INLINE const LintRule kUnknownField = {
    .id = "TYPO301",
    .name = "unknown-field",
    .family = LintFamily::kTypo,
    .severity = LintSeverity::kWarning,
    .strict = true,
    .title = "unknown field",
    .rationale = "Runtimes ignore properties they do not know, so a misspelt key silently does nothing "
        "(runtime-tools cannot see it: it drops unknown fields before validating). Vendor extension keys (\"x-...\", "
        "or reverse-domain names) are reported as info.",
    .reference = "runtime-spec config.md#extensibility; runtime-tools issue #317; ocikit field catalog (KnownKeys)",
    .fix = "fix the spelling (see the suggestion), move vendor data into annotations, or remove the key",
};

OCIKIT_INLINE const LintRule kFieldCaseMismatch = {
    .id = "TYPO302",
    .name = "field-case-mismatch",
    .family = LintFamily::kTypo,
    .severity = LintSeverity::kError,
    .title = "a key that only Go's case folding matches to a field (runtimes disagree)",
    .rationale = "JSON keys are case-sensitive in the specification, but Go's encoding/json (runc, containerd) "
        "matches them case-insensitively, and folds U+212A KELVIN SIGN to k and U+017F LATIN SMALL LETTER LONG S to "
        "s: runc applies \"PROCESS\" or \"proce\u017fs\" as process, and \"Seccomp\" as seccomp, while crun and "
        "youki ignore them. A canonical section can look safe while runc runs the variant, so this is an error in "
        "every profile, and the file is also linted as Go reads it (see OCI001).",
    .reference = "runtime-spec config.md; Go encoding/json Unmarshal (case-insensitive field matching, bytes.EqualFold)",
    .fix = "write the key exactly as the specification spells it, once; `ocikit spec --from FILE --go-semantics` "
        "prints the file as runc reads it",
};

OCIKIT_INLINE const LintRule kRemovedField = {
    .id = "TYPO303",
    .name = "removed-field",
    .family = LintFamily::kTypo,
    .severity = LintSeverity::kWarning,
    .strict = true,
    .title = "a field that the declared ociVersion no longer has",
    .rationale = "linux.intelRdt.enableCMT and enableMBM (1.1.0) were removed in 1.3.0 and replaced by "
        "enableMonitoring; a 1.3.0 runtime ignores them.",
    .reference = "runtime-spec ChangeLog v1.3.0 (#1287)",
    .fix = "use linux.intelRdt.enableMonitoring, or declare the ociVersion the config was written for",
};

// Security profiles (policy/lint/security.h).
OCIKIT_INLINE const LintRule kCapabilitiesAdded = {
    .id = "SEC401",
    .name = "capabilities-added",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "a capability beyond the default set",
    .rationale = "Baseline allows only the runtime's default capabilities; anything else (SYS_ADMIN, NET_ADMIN, "
        "SYS_PTRACE, ...) widens what a compromised process can do to the host.",
    .reference = "Pod Security Standards baseline \"Capabilities\"; docker-bench 5.4; CIS Docker 5.3",
    .fix = "drop it; if the program needs it, document the exception and disable the rule for this config",
};

OCIKIT_INLINE const LintRule kCapabilityNetRaw = {
    .id = "SEC402",
    .name = "capability-net-raw",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "CAP_NET_RAW is granted",
    .rationale = "NET_RAW allows crafting packets (ARP and DNS spoofing inside the node's network). It is in the "
        "runtimes' default set, but Pod Security baseline does not allow adding it.",
    .reference = "Pod Security Standards baseline \"Capabilities\"; containerd defaultUnixCaps",
    .fix = "drop CAP_NET_RAW (ping works through net.ipv4.ping_group_range)",
};

OCIKIT_INLINE const LintRule kPrivileged = {
    .id = "SEC403",
    .name = "privileged",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "the capability set is privileged-like",
    .rationale = "A bounding set with every capability is what --privileged gives: the process can load modules, "
        "mount, and reach the host.",
    .reference = "Pod Security Standards baseline \"Privileged Containers\"; docker-bench 5.5; containerd "
        "WithPrivileged",
    .fix = "start from the default capability set",
};

OCIKIT_INLINE const LintRule kHostNamespace = {
    .id = "SEC404",
    .name = "host-namespace",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "a host namespace is shared",
    .rationale = "Without its own pid, ipc, network or mount namespace (or when joining the host's), the container "
        "sees and can signal or reach host processes, IPC objects and network services; a shared UTS namespace lets "
        "it rename the host (warning).",
    .reference = "Pod Security Standards baseline \"Host Namespaces\"; docker-bench 5.10, 5.16, 5.17, 5.21",
    .fix = "add the namespace to linux.namespaces without a path",
};

OCIKIT_INLINE const LintRule kSeccompUnconfined = {
    .id = "SEC405",
    .name = "seccomp-unconfined",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "no seccomp filter, or one that allows everything",
    .rationale = "Absent linux.seccomp means unconfined. An SCMP_ACT_ALLOW default with only a few blocked calls is "
        "a deny list that misses new dangerous system calls (warning).",
    .reference = "Pod Security Standards baseline \"Seccomp\"; docker-bench 5.22",
    .fix = "use the runtime's default profile (ocikit spec --security-opt seccomp=default)",
};

OCIKIT_INLINE const LintRule kApparmorUnconfined = {
    .id = "SEC406",
    .name = "apparmor-unconfined",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "AppArmor is unconfined",
    .rationale = "\"unconfined\" disables AppArmor; an empty profile runs unconfined on AppArmor hosts unless the "
        "runtime fills one in (info).",
    .reference = "Pod Security Standards baseline \"AppArmor\"; docker-bench 5.2",
    .fix = "set process.apparmorProfile to the runtime's default profile",
};

OCIKIT_INLINE const LintRule kSelinuxType = {
    .id = "SEC407",
    .name = "selinux-type",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "the SELinux type is not a container type",
    .rationale = "Baseline allows container_t, container_init_t, container_kvm_t and container_engine_t; spc_t and "
        "others are unconfined or privileged.",
    .reference = "Pod Security Standards baseline \"SELinux\"",
    .fix = "use container_t",
};

OCIKIT_INLINE const LintRule kMaskedPathsMissing = {
    .id = "SEC408",
    .name = "masked-paths-missing",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "default masked paths are missing",
    .rationale = "The default masked paths hide kernel memory, keyrings, timers and firmware; without them a "
        "container can read host secrets (/sys/firmware, /proc/keys) and side channels (powercap).",
    .reference = "Pod Security Standards baseline \"/proc Mount Type\"; kubelet ConvertToRuntimeMaskedPaths; "
        "containerd #1600; CVE-2020-8694",
    .fix = "restore the runtime's default masked paths",
};

OCIKIT_INLINE const LintRule kProcWritable = {
    .id = "SEC409",
    .name = "proc-writable",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "default read-only /proc paths are missing",
    .rationale = "Writable /proc/sys and /proc/sysrq-trigger let a container change kernel settings or reboot the "
        "host.",
    .reference = "Pod Security Standards baseline \"/proc Mount Type\"; kubelet ConvertToRuntimeReadonlyPaths",
    .fix = "restore the default readonlyPaths (/proc/bus, /proc/fs, /proc/irq, /proc/sys, /proc/sysrq-trigger)",
};

OCIKIT_INLINE const LintRule kSysctlUnsafe = {
    .id = "SEC410",
    .name = "sysctl-unsafe",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "a sysctl outside the safe set",
    .rationale = "Baseline allows only sysctls that are namespaced and cannot affect other workloads.",
    .reference = "Pod Security Standards baseline \"Sysctls\" (up to Kubernetes 1.37)",
    .fix = "remove it, or run the workload under a relaxed policy",
};

OCIKIT_INLINE const LintRule kSensitiveHostMount = {
    .id = "SEC411",
    .name = "sensitive-host-mount",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "a sensitive host directory is mounted",
    .rationale = "Bind mounts of /, /boot, /dev, /etc, /lib, /proc, /sys or /usr expose the host; writable ones let "
        "the container change it (read-only: warning).",
    .reference = "docker-bench 5.6; Pod Security Standards baseline \"HostPath Volumes\"",
    .fix = "mount only what the program needs, read-only",
};

OCIKIT_INLINE const LintRule kHostBindMount = {
    .id = "SEC412",
    .name = "host-bind-mount",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kInfo,
    .profile = LintProfile::kBaseline,
    .title = "a host directory is bind-mounted",
    .rationale = "Pod Security baseline forbids hostPath volumes; config.json cannot tell them from kubelet-managed "
        "volumes, so this is only a note.",
    .reference = "Pod Security Standards baseline \"HostPath Volumes\"",
    .fix = "prefer volumes managed by the engine",
};

OCIKIT_INLINE const LintRule kRuntimeSocketMount = {
    .id = "SEC413",
    .name = "runtime-socket-mount",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "a container runtime socket is mounted",
    .rationale = "Access to docker.sock, containerd.sock, crio.sock or podman.sock is root on the host.",
    .reference = "docker-bench 5.32",
    .fix = "remove the mount",
};

OCIKIT_INLINE const LintRule kCwdProcFd = {
    .id = "SEC414",
    .name = "cwd-proc-fd",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "process.cwd is under /proc/self/fd",
    .rationale = "A working directory of /proc/self/fd/N can be a leaked host directory (Leaky Vessels).",
    .reference = "CVE-2024-21626",
    .fix = "use a directory of the container's filesystem",
};

OCIKIT_INLINE const LintRule kInheritableCapabilities = {
    .id = "SEC415",
    .name = "inheritable-capabilities",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "the inheritable set is not empty",
    .rationale = "A binary with inheritable file capabilities can raise them into its permitted set; engines empty "
        "the set since 2022.",
    .reference = "CVE-2022-24769; CVE-2022-29162",
    .fix = "empty process.capabilities.inheritable",
};

OCIKIT_INLINE const LintRule kAmbientCapabilities = {
    .id = "SEC416",
    .name = "ambient-capabilities",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "ambient capabilities are set",
    .rationale = "Ambient capabilities survive execve of any program, including a shell an attacker starts.",
    .reference = "capabilities(7); kubernetes #56374",
    .fix = "prefer file capabilities on the one binary that needs them",
};

OCIKIT_INLINE const LintRule kNoNewPrivileges = {
    .id = "SEC417",
    .name = "no-new-privileges",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "noNewPrivileges is not set",
    .rationale = "Without no_new_privs, setuid binaries and file capabilities can raise privileges. Restricted "
        "requires it (error).",
    .reference = "docker-bench 5.26; Pod Security Standards restricted \"Privilege Escalation\"",
    .fix = "set process.noNewPrivileges to true",
};

OCIKIT_INLINE const LintRule kPrimaryGidMissing = {
    .id = "SEC418",
    .name = "primary-gid-missing",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "the primary gid is not a supplementary group",
    .rationale = "When the primary gid is missing from additionalGids, negative group permissions (files a group "
        "must not read) can be bypassed; engines add it since 2022-2023.",
    .reference = "CVE-2023-25173; CVE-2022-36109; CVE-2022-2989",
    .fix = "add process.user.gid to process.user.additionalGids",
};

OCIKIT_INLINE const LintRule kSharedPropagation = {
    .id = "SEC419",
    .name = "shared-propagation",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "mount propagation is shared",
    .rationale = "Shared propagation lets mounts made in the container appear on the host and the reverse.",
    .reference = "docker-bench 5.20",
    .fix = "use private or slave propagation",
};

OCIKIT_INLINE const LintRule kDeviceCgroupAllowAll = {
    .id = "SEC420",
    .name = "device-cgroup-allow-all",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "the device cgroup allows every device",
    .rationale = "An allow-all device rule gives access to every host device node the container can create or reach.",
    .reference = "Pod Security Standards baseline \"Privileged Containers\"; containerd WithPrivileged",
    .fix = "deny all devices first and allow only the ones needed",
};

OCIKIT_INLINE const LintRule kHostDevices = {
    .id = "SEC421",
    .name = "host-devices",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kInfo,
    .profile = LintProfile::kBaseline,
    .title = "a host device is exposed",
    .rationale = "Devices give direct access to host hardware; review each one.",
    .reference = "docker-bench 5.18",
    .fix = "expose only the devices the workload needs",
};

OCIKIT_INLINE const LintRule kSysfsWritable = {
    .id = "SEC422",
    .name = "sysfs-writable",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "sysfs (or a cgroup filesystem) is writable",
    .rationale = "A writable /sys lets the container change kernel and device settings; a writable cgroupfs lets it "
        "escape its limits (warning).",
    .reference = "containerd WithWriteableSysfs, WithWriteableCgroupfs (privileged)",
    .fix = "mount sysfs and cgroup filesystems with ro",
};

OCIKIT_INLINE const LintRule kResourceLimits = {
    .id = "SEC423",
    .name = "resource-limits",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kInfo,
    .profile = LintProfile::kBaseline,
    .title = "no memory, CPU or pids limit",
    .rationale = "Without limits one container can starve the node (memory, CPU) or fork-bomb it (pids).",
    .reference = "docker-bench 5.11, 5.12, 5.29",
    .fix = "set linux.resources.memory.limit, cpu.shares or quota, and pids.limit",
};

OCIKIT_INLINE const LintRule kProcMountReplaced = {
    .id = "SEC424",
    .name = "proc-mount-replaced",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kBaseline,
    .title = "something other than procfs is mounted on /proc",
    .rationale = "A volume over /proc can fake /proc/self/attr and disable AppArmor (runc now refuses it).",
    .reference = "CVE-2019-16884; CVE-2023-28642",
    .fix = "mount only procfs at /proc",
};

OCIKIT_INLINE const LintRule kUidOutOfRange = {
    .id = "SEC425",
    .name = "uid-out-of-range",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kBaseline,
    .title = "uid or gid is above 2147483647",
    .rationale = "runc requires ids up to MaxInt32; larger values have overflowed to 0 (root) in engines.",
    .reference = "CVE-2024-40635; CVE-2026-46680",
    .fix = "use an id below 2147483648",
};

OCIKIT_INLINE const LintRule kRunAsRoot = {
    .id = "SEC430",
    .name = "run-as-root",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kRestricted,
    .title = "the process runs as uid 0",
    .rationale = "Restricted requires a non-root user, unless a user namespace maps uid 0 to an unprivileged host "
        "uid.",
    .reference = "Pod Security Standards restricted \"Running as Non-root\", \"Running as Non-root user\"",
    .fix = "set process.user.uid to a non-zero uid, or use a user namespace",
};

OCIKIT_INLINE const LintRule kRestrictedCapabilities = {
    .id = "SEC431",
    .name = "restricted-capabilities",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kError,
    .profile = LintProfile::kRestricted,
    .title = "a capability other than CAP_NET_BIND_SERVICE",
    .rationale = "Restricted drops ALL capabilities and adds back at most NET_BIND_SERVICE.",
    .reference = "Pod Security Standards restricted \"Capabilities\"",
    .fix = "drop every capability but CAP_NET_BIND_SERVICE",
};

OCIKIT_INLINE const LintRule kRootfsWritable = {
    .id = "SEC432",
    .name = "rootfs-writable",
    .family = LintFamily::kSecurity,
    .severity = LintSeverity::kWarning,
    .profile = LintProfile::kRestricted,
    .title = "the root filesystem is writable",
    .rationale = "A read-only root filesystem stops an attacker from changing binaries and configuration.",
    .reference = "docker-bench 5.13",
    .fix = "set root.readonly to true and mount tmpfs where the program writes",
};

// Seccomp (policy/lint/seccomp.h).
OCIKIT_INLINE const LintRule kSeccompDefaultAction = {
    .id = "SCMP501",
    .name = "seccomp-default-action",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "seccomp.defaultAction is missing or invalid",
    .rationale = "defaultAction is REQUIRED and one of the SCMP_ACT_* actions; SCMP_ACT_NOTIFY cannot be the default "
        "(the agent would have to answer every system call, including its own).",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompAction",
    .fix = "use SCMP_ACT_ERRNO (an allow list) or SCMP_ACT_ALLOW",
};

OCIKIT_INLINE const LintRule kSeccompActionInvalid = {
    .id = "SCMP502",
    .name = "seccomp-action-invalid",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp rule's action is invalid",
    .rationale = "action is REQUIRED and one of the SCMP_ACT_* actions of libseccomp.",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompAction",
    .fix = "use an SCMP_ACT_* action",
};

OCIKIT_INLINE const LintRule kSeccompOperatorInvalid = {
    .id = "SCMP503",
    .name = "seccomp-operator-invalid",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp argument operator is invalid",
    .rationale = "op is REQUIRED and one of the SCMP_CMP_* operators.",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompOperators",
    .fix = "use an SCMP_CMP_* operator",
};

OCIKIT_INLINE const LintRule kSeccompArgIndex = {
    .id = "SCMP504",
    .name = "seccomp-arg-index",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp argument index is above 5",
    .rationale = "System calls have at most six arguments, numbered 0 to 5.",
    .reference = "seccomp_rule_add(3)",
    .fix = "use an index from 0 to 5",
};

OCIKIT_INLINE const LintRule kSeccompNamesEmpty = {
    .id = "SCMP505",
    .name = "seccomp-names-empty",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp rule has no system call names",
    .rationale = "names is REQUIRED and MUST contain at least one entry.",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json Syscall (minItems 1)",
    .fix = "name the system calls, or drop the rule",
};

OCIKIT_INLINE const LintRule kSeccompErrnoInvalid = {
    .id = "SCMP506",
    .name = "seccomp-errno-invalid",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "an errnoRet cannot be used",
    .rationale = "errnoRet only applies to SCMP_ACT_ERRNO and SCMP_ACT_TRACE; for other actions the runtime MUST "
        "fail. The filter carries 16 bits of data, and errnos end at 4095 (warning).",
    .reference = "runtime-spec config-linux.md#seccomp",
    .fix = "drop errnoRet, or use an errno such as 1 (EPERM) or 38 (ENOSYS)",
};

OCIKIT_INLINE const LintRule kSeccompErrnoZero = {
    .id = "SCMP507",
    .name = "seccomp-errno-zero",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kWarning,
    .title = "an errno of 0 makes blocked system calls look successful",
    .rationale = "SCMP_ACT_ERRNO with errno 0 returns 0: the program believes the call worked although nothing "
        "happened.",
    .reference = "seccomp(2) SECCOMP_RET_ERRNO",
    .fix = "use 1 (EPERM) or 38 (ENOSYS)",
};

OCIKIT_INLINE const LintRule kSeccompDefaultErrno = {
    .id = "SCMP508",
    .name = "seccomp-default-errno",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kInfo,
    .title = "unlisted system calls fail with EPERM",
    .rationale = "Programs probe new system calls (clone3, faccessat2, fchmodat2, ...) and fall back to older ones "
        "only on ENOSYS; with EPERM they fail instead (make, tar, curl broke this way). containers/common defaults "
        "to ENOSYS and lists blocked calls with EPERM.",
    .reference = "moby #42681; runtime-spec #1087 (defaultErrnoRet); runc #2750",
    .fix = "set defaultErrnoRet to 38 (ENOSYS) and block known calls explicitly",
};

OCIKIT_INLINE const LintRule kSeccompClone3 = {
    .id = "SCMP509",
    .name = "seccomp-clone3",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kWarning,
    .title = "clone3 is not handled the way glibc needs",
    .rationale = "glibc 2.34+ creates threads with clone3 and falls back to clone only on ENOSYS: an allow list that "
        "leaves clone3 to an EPERM default (or kills) breaks thread creation. Allowing clone3 while clone is "
        "restricted by its flags bypasses the restriction: clone3's flags are in memory seccomp cannot read.",
    .reference = "moby #42680, #42681; moby default.json (clone3 -> ENOSYS)",
    .fix = "add {\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38}",
};

OCIKIT_INLINE const LintRule kSeccompArchInvalid = {
    .id = "SCMP510",
    .name = "seccomp-arch-invalid",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp architecture is not one the schema defines",
    .rationale = "architectures are SCMP_ARCH_* values of the schema.",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompArch",
    .fix = "use a name such as SCMP_ARCH_X86_64",
};

OCIKIT_INLINE const LintRule kSeccompFlagInvalid = {
    .id = "SCMP511",
    .name = "seccomp-flag-invalid",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "a seccomp flag is not one the schema defines",
    .rationale = "flags are SECCOMP_FILTER_FLAG_* values of the schema.",
    .reference = "runtime-spec config-linux.md#seccomp; schema defs-linux.json SeccompFlag",
    .fix = "use a SECCOMP_FILTER_FLAG_* flag",
};

OCIKIT_INLINE const LintRule kSeccompListenerMetadata = {
    .id = "SCMP512",
    .name = "seccomp-listener-metadata",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "listenerMetadata is set without listenerPath",
    .rationale = "listenerMetadata MUST NOT be set if listenerPath is not set.",
    .reference = "runtime-spec config-linux.md#seccomp",
    .fix = "set listenerPath, or drop listenerMetadata",
};

OCIKIT_INLINE const LintRule kSeccompNotifyWithoutListener = {
    .id = "SCMP513",
    .name = "seccomp-notify-without-listener",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kWarning,
    .title = "SCMP_ACT_NOTIFY is used without listenerPath",
    .rationale = "The notify file descriptor is sent to listenerPath; without it nobody answers, and runc refuses "
        "the config.",
    .reference = "runtime-spec config-linux.md#seccomp; runc libcontainer/seccomp",
    .fix = "set listenerPath to the seccomp agent's socket",
};

OCIKIT_INLINE const LintRule kSeccompKillWithoutRules = {
    .id = "SCMP514",
    .name = "seccomp-kill-without-rules",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kWarning,
    .title = "a killing or trapping default action with no rules",
    .rationale = "With SCMP_ACT_KILL (or TRAP) as the default and no syscalls, the kernel kills the process at its "
        "first system call.",
    .reference = "runtime-spec config-linux.md#seccomp",
    .fix = "list the system calls the program needs",
};

OCIKIT_INLINE const LintRule kSeccompRuleIsDefault = {
    .id = "SCMP515",
    .name = "seccomp-rule-is-default",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kInfo,
    .title = "a rule's action equals the default action",
    .rationale = "libseccomp refuses rules that repeat the default action; runtimes drop them, so the rule does "
        "nothing.",
    .reference = "seccomp_rule_add(3) (EACCES); runc libcontainer/seccomp",
    .fix = "remove the rule",
};

OCIKIT_INLINE const LintRule kSeccompSyscallUnknown = {
    .id = "SCMP520",
    .name = "seccomp-syscall-unknown",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kWarning,
    .severity_note = "info for a real system call newer than this host's libseccomp, without --host",
    .title = "a system call name is unknown to libseccomp",
    .rationale = "A name libseccomp cannot resolve is a typo or newer than the library: runc and crun skip it (runc "
        "used to fail), so the rule does not cover it. A name of the Docker or containerd default profiles is a real "
        "system call: that the linting host's libseccomp lacks it says nothing about the config (the runtime's host "
        "may have a newer one), so it is info unless --host asks for the host check.",
    .reference = "runc #2151; crun #33; seccomp_syscall_resolve_name(3)",
    .fix = "fix the name, or upgrade libseccomp",
};

OCIKIT_INLINE const LintRule kSeccompSyscallNotOnArch = {
    .id = "SCMP521",
    .name = "seccomp-syscall-not-on-arch",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kInfo,
    .title = "a system call does not exist on some architectures of the filter",
    .rationale = "Harmless in a multi-architecture profile (arch_prctl on aarch64), but the rule does nothing there.",
    .reference = "seccomp_syscall_resolve_name_arch(3)",
    .fix = "nothing, unless the call matters on that architecture",
};

OCIKIT_INLINE const LintRule kSeccompArchUnknown = {
    .id = "SCMP522",
    .name = "seccomp-arch-unknown",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kInfo,
    .severity_note = "warning with --host",
    .title = "an architecture is unknown to libseccomp",
    .rationale = "The filter cannot be built for an architecture the library does not know. The architecture is one "
        "of the schema's (SCMP510 reports the others), so this is a fact about the linting host's libseccomp, not the "
        "config: info, a warning with --host.",
    .reference = "seccomp_arch_resolve_name(3)",
    .fix = "use an architecture the runtime's libseccomp supports",
};

OCIKIT_INLINE const LintRule kSeccompCompileFailed = {
    .id = "SCMP523",
    .name = "seccomp-compile-failed",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "the seccomp section does not compile",
    .rationale = "The runtime builds the filter with libseccomp when the container starts; a section it cannot build "
        "fails the start.",
    .reference = "runc libcontainer/seccomp; policy/seccomp/check.h CompileSeccompBpf",
    .fix = "fix the rule the message names",
};

OCIKIT_INLINE const LintRule kSeccompBpfSize = {
    .id = "SCMP524",
    .name = "seccomp-bpf-size",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kInfo,
    .title = "size of the compiled seccomp filter",
    .rationale = "Every system call the process makes runs the filter; its size shows the cost and the distance to "
        "the kernel's limit of 4096 instructions.",
    .reference = "seccomp(2); BPF_MAXINSNS",
    .fix = "nothing; merge rules if it grows large",
};

OCIKIT_INLINE const LintRule kSeccompBpfTooLarge = {
    .id = "SCMP525",
    .name = "seccomp-bpf-too-large",
    .family = LintFamily::kSeccomp,
    .severity = LintSeverity::kError,
    .title = "the compiled seccomp filter exceeds 4096 instructions",
    .rationale = "The kernel refuses filters longer than BPF_MAXINSNS (4096).",
    .reference = "seccomp(2); BPF_MAXINSNS",
    .fix = "merge rules or drop argument conditions",
};

OCIKIT_INLINE const std::vector<const LintRule*>& InputRules() {
  static const std::vector<const LintRule*> kRules = {
      &kParseError, &kRuntimesDisagree};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& OciVersionRules() {
  static const std::vector<const LintRule*> kRules = {
      &kOciVersionMissing, &kOciVersionInvalid, &kOciVersionUnreleased};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& VersionRules() {
  static const std::vector<const LintRule*> kRules = {
      &kFieldNewerThanVersion, &kDeprecatedField};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& ConformanceRules() {
  static const std::vector<const LintRule*> kRules = {
      &kRootMissing, &kRootPathEmpty, &kRootPathNotRootfs, &kWindowsRoot, &kProcessArgsMissing, &kProcessCwdAbsolute,
      &kEnvInvalid, &kEnvNameUnusual, &kEnvDuplicate, &kRlimitDuplicate, &kRlimitSoftAboveHard, &kRlimitTypeInvalid,
      &kRlimitTypeUnknown, &kCapabilityUnknown, &kCapabilityEffectiveNotPermitted, &kCapabilityAmbientNotInheritable,
      &kConsoleSizeWithoutTerminal, &kIoPriorityInvalid, &kSchedulerInvalid, &kSchedulerFieldMismatch,
      &kExecCpuAffinityInvalid, &kOomScoreAdjRange, &kWindowsOnlyField, &kStringNul, &kHookPathAbsolute, &kHookTimeoutPositive,
      &kMountDestinationEmpty, &kMountDestinationRelative, &kMountDestinationNestedWindows, &kMountShadowed,
      &kMountIdmapIncomplete, &kMountIdmapOption, &kMountOptionConflict, &kAnnotationKeyReserved,
      &kAnnotationKeyFormat, &kAnnotationKeyEmpty};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& LinuxConformanceRules() {
  static const std::vector<const LintRule*> kRules = {
      &kNamespaceTypeInvalid, &kNamespaceDuplicate, &kNamespacePathAbsolute, &kIdMappingsWithoutUserns,
      &kUsernsMappings, &kSysctlNamespace, &kHostnameWithoutUts, &kTimeOffsetsWithoutTimens, &kDeviceInvalid,
      &kDevicePathDuplicate, &kDeviceNumberDuplicate, &kDeviceFileMode, &kMemorySwapBelowLimit,
      &kMemoryReservationAboveLimit, &kDeviceCgroupType, &kDeviceCgroupAccess, &kWeightDeviceEmpty, &kRdmaLimitEmpty,
      &kCpuBurstAboveQuota, &kHugepageSizeInvalid, &kRootfsPropagationInvalid, &kPathNotAbsolute,
      &kSelinuxLabelInvalid, &kIntelRdtInvalid, &kMemoryPolicyInvalid, &kPersonalityInvalid, &kNetDeviceInvalid,
      &kUnifiedKeyInvalid, &kResourceValueRange, &kIdMappingRange};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& HostRules() {
  static const std::vector<const LintRule*> kRules = {
      &kRootPathMissing, &kNamespacePathMissing, &kDeviceHostMismatch, &kSysctlUnknown, &kCapabilityUnsupported,
      &kMountTypeUnsupported, &kHookNotExecutable, &kNetworkInterfaceMissing, &kBundleRootOutside,
      &kBundleConfigWritable, &kBundleArgsNotExecutable, &kBundleDeviceMismatch};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& RuntimeRules() {
  static const std::vector<const LintRule*> kRules = {
      &kRuntimeVersionRange, &kRuntimeUnsupported, &kRuntimeUnsafeAnnotation};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& TypoRules() {
  static const std::vector<const LintRule*> kRules = {
      &kUnknownField, &kFieldCaseMismatch, &kRemovedField};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& SecurityRules() {
  static const std::vector<const LintRule*> kRules = {
      &kCapabilitiesAdded, &kCapabilityNetRaw, &kPrivileged, &kHostNamespace, &kSeccompUnconfined,
      &kApparmorUnconfined, &kSelinuxType, &kMaskedPathsMissing, &kProcWritable, &kSysctlUnsafe,
      &kSensitiveHostMount, &kHostBindMount, &kRuntimeSocketMount, &kCwdProcFd, &kInheritableCapabilities,
      &kAmbientCapabilities, &kNoNewPrivileges, &kPrimaryGidMissing, &kSharedPropagation, &kDeviceCgroupAllowAll,
      &kHostDevices, &kSysfsWritable, &kResourceLimits, &kProcMountReplaced, &kUidOutOfRange, &kRunAsRoot,
      &kRestrictedCapabilities, &kRootfsWritable};
  return kRules;
}

OCIKIT_INLINE const std::vector<const LintRule*>& SeccompRules() {
  static const std::vector<const LintRule*> kRules = {
      &kSeccompDefaultAction, &kSeccompActionInvalid, &kSeccompOperatorInvalid, &kSeccompArgIndex,
      &kSeccompNamesEmpty, &kSeccompErrnoInvalid, &kSeccompErrnoZero, &kSeccompDefaultErrno, &kSeccompClone3,
      &kSeccompArchInvalid, &kSeccompFlagInvalid, &kSeccompListenerMetadata, &kSeccompNotifyWithoutListener,
      &kSeccompKillWithoutRules, &kSeccompRuleIsDefault, &kSeccompSyscallUnknown, &kSeccompSyscallNotOnArch,
      &kSeccompArchUnknown, &kSeccompCompileFailed, &kSeccompBpfSize, &kSeccompBpfTooLarge};
  return kRules;
}

}  // namespace rules

OCIKIT_INLINE const std::vector<const LintRule*>& BuiltinLintRules() {
  static const std::vector<const LintRule*> kRules = [] {
    using Group = const std::vector<const LintRule*>& (*)();
    std::vector<const LintRule*> all;
    for (const Group group : {&rules::InputRules, &rules::OciVersionRules, &rules::VersionRules, &rules::ConformanceRules,
                              &rules::LinuxConformanceRules, &rules::HostRules, &rules::RuntimeRules, &rules::TypoRules,
                              &rules::SecurityRules, &rules::SeccompRules}) {
      all.insert(all.end(), group().begin(), group().end());
    }
    return all;
  }();
  return kRules;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_RULES_INL_H_
