// File: spec/field_catalog.h
//
// Every field of the runtime-spec v1.3.0 model reachable from Spec, keyed by
// its FieldPath::Pattern() (`process.rlimits[].hard`, `linux.timeOffsets[*].secs`):
// its JSON kind, whether Go omits it when empty, the runtime-spec release
// that introduced it and a one-line description. The semantic diff uses it
// to describe what changed; the linter to list known keys and suggest one for
// a misspelt key.
//
// The table is checked against the model: field_catalog_test walks the
// Fields() lists from Spec down and requires exactly these patterns, in this
// order, with these kinds and omitempty rules. A field added to the model
// therefore needs an entry here. Kinds are those of the model's C++ types:
// Go's int and uint (oomScoreAdj, hook timeouts, seccomp errnos, console
// size) appear as int64 and uint64, and the five platform sections the model
// keeps verbatim as "object (raw JSON)".
//
// Example:
//   const FieldInfo* f = FindField(*FieldPath::Parse("process.rlimits[2].hard"));
//   f->kind;   // "uint64"
//   f->since;  // "1.0.0"
//   DescribePath(*FieldPath::Parse("process.rlimits[2].hard"));
//       // "process.rlimits[2].hard: hard limit of a process resource limit (RLIMIT_*)"
//   SuggestKey("process", "noNewPrivilege");  // "noNewPrivileges"
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_FIELD_CATALOG_H_
#define OCIKIT_SPEC_FIELD_CATALOG_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "spec/field_path.h"

namespace ocikit {

// FieldInfo
//
// One catalog entry. All strings are static.
struct FieldInfo {
  absl::string_view pattern;      // FieldPath::Pattern() of the field
  absl::string_view kind;         // "string", "uint32", "array of object", "map of string", ...
  bool omit_empty;                // Go's omitempty: left out of the JSON when empty
  absl::string_view since;        // runtime-spec release that introduced the field
  absl::string_view description;  // one line, lowercase, no final period
};

// kFieldCatalog
//
// Entries are in the order of a depth-first walk of the model (Go field
// order), so every object's keys follow it directly.
//
// Sources for `since`:
//   [CL]  runtime-spec ChangeLog ("Changes with v1.0.1" ... "v1.3.0"), PR
//         numbers quoted per entry; read from a copy of upstream main taken
//         after v1.3.0, and for v1.0.2 and older also from
//         opencontainers/runtime-spec ChangeLog @ 2a060269.
//   [GO1] specs-go/config.go vendored as runtime-spec 1.0.1-dev (between
//         v1.0.1 and v1.0.2), in c0deoo1/runc-1.0.0-rc10 @ a8c40045: has
//         commandLine, vm, rdma, closID, memBwSchema; lacks umask, the
//         create*/startContainer hooks, useHierarchy, personality, seccomp
//         flags and everything marked 1.1.0 or later below.
//   [GO2] opencontainers/runtime-spec specs-go/config.go @ 00788684 (after
//         v1.2.0: it carries #1232's deprecation comment): has every 1.1.0
//         field below; lacks execCPUAffinity, netDevices, memoryPolicy,
//         intelRdt.schemata/enableMonitoring and freebsd.
//   [REF] /work/shared/reference/anchors-lint-and-diff.md §2.4 (schema
//         differences between release tags), which agrees with all of the above.
// "1.0.0" marks fields present in v1.0.0: the v1.0.1 ChangeLog adds no field,
// and the 1.0.1-dev [GO1] has them. No v1.0.0 source was read directly.
// Fields of an object added in a release are dated with the object (the
// object's PR added them), which [GO2] confirms for every 1.1.0 object;
// for the 1.2.1 and 1.3.0 objects only [CL] and [REF] were available, so
// their sub-fields are dated by that assumption (marked "assumed" below).
// Not in the model, so not listed: intelRdt.enableCMT and enableMBM (added in
// 1.1.0, #1076; removed in 1.3.0, replaced by enableMonitoring, #1287), and
// vm.hwConfig (1.3.0, #1209) inside the verbatim vm section. The `time`
// namespace type came with timeOffsets in 1.1.0 (#1151).
inline constexpr FieldInfo kFieldCatalog[] = {
    {"ociVersion", "string", false, "1.0.0", "version of the runtime-spec the bundle complies with (SemVer 2.0.0)"},

    // process (config.md "Process").
    {"process", "object", true, "1.0.0", "the container process: what runs, as whom, with which limits"},
    {"process.terminal", "bool", true, "1.0.0", "attaches a pseudo-terminal to the process"},
    {"process.consoleSize", "object", true, "1.0.0", "size of the console in characters; ignored unless terminal is true"},
    {"process.consoleSize.height", "uint64", false, "1.0.0", "console height, in characters"},
    {"process.consoleSize.width", "uint64", false, "1.0.0", "console width, in characters"},
    {"process.user", "object", false, "1.0.0", "the user and groups the process runs as"},
    {"process.user.uid", "uint32", false, "1.0.0", "user ID of the process, in the container's user namespace"},
    {"process.user.gid", "uint32", false, "1.0.0", "group ID of the process, in the container's user namespace"},
    {"process.user.umask", "uint32", true, "1.0.2", "umask of the process"},  // [CL] #941, [GO1]
    {"process.user.additionalGids", "array of uint32", true, "1.0.0", "supplementary group IDs of the process"},
    {"process.user.username", "string", true, "1.0.0", "name of the user the process runs as (Windows)"},
    {"process.args", "array of string", true, "1.0.0", "the program and its arguments, with the semantics of execvp"},
    {"process.commandLine", "string", true, "1.0.2", "full command line of the process (Windows, instead of args)"},  // [CL] #998
    {"process.env", "array of string", true, "1.0.0", "environment of the process, as KEY=value strings"},
    {"process.cwd", "string", false, "1.0.0", "working directory of the process; an absolute path in the container"},
    {"process.capabilities", "object", true, "1.0.0", "Linux capability sets of the process"},
    {"process.capabilities.bounding", "array of string", true, "1.0.0", "bounding set: the most capabilities the process can ever gain"},
    {"process.capabilities.effective", "array of string", true, "1.0.0", "effective set: the capabilities the kernel checks"},
    {"process.capabilities.inheritable", "array of string", true, "1.0.0", "inheritable set: capabilities preserved across execve"},
    {"process.capabilities.permitted", "array of string", true, "1.0.0", "permitted set: the limit of the effective set"},
    {"process.capabilities.ambient", "array of string", true, "1.0.0", "ambient set: capabilities kept across execve of unprivileged programs"},
    {"process.rlimits", "array of object", true, "1.0.0", "POSIX resource limits of the process (setrlimit)"},
    {"process.rlimits[].type", "string", false, "1.0.0", "the resource a limit applies to (RLIMIT_*)"},
    {"process.rlimits[].hard", "uint64", false, "1.0.0", "hard limit of a process resource limit (RLIMIT_*)"},
    {"process.rlimits[].soft", "uint64", false, "1.0.0", "soft limit of a process resource limit: the value the kernel enforces"},
    {"process.noNewPrivileges", "bool", true, "1.0.0", "sets the no_new_privs bit so the process cannot gain privileges through execve"},
    {"process.apparmorProfile", "string", true, "1.0.0", "AppArmor profile the process runs under"},
    {"process.oomScoreAdj", "int64", true, "1.0.0", "oom_score_adj of the process: how readily the OOM killer picks it"},
    // scheduler: [CL] #1188, [GO2].
    {"process.scheduler", "object", true, "1.1.0", "scheduling policy and attributes of the process (sched_setattr)"},
    {"process.scheduler.policy", "string", false, "1.1.0", "scheduling policy (SCHED_*)"},
    {"process.scheduler.nice", "int32", true, "1.1.0", "nice value of the process"},
    {"process.scheduler.priority", "int32", true, "1.1.0", "static priority, for the SCHED_FIFO and SCHED_RR policies"},
    {"process.scheduler.flags", "array of string", true, "1.1.0", "scheduling flags (SCHED_FLAG_*)"},
    {"process.scheduler.runtime", "uint64", true, "1.1.0", "SCHED_DEADLINE runtime per period, in nanoseconds"},
    {"process.scheduler.deadline", "uint64", true, "1.1.0", "SCHED_DEADLINE relative deadline, in nanoseconds"},
    {"process.scheduler.period", "uint64", true, "1.1.0", "SCHED_DEADLINE period, in nanoseconds"},
    {"process.selinuxLabel", "string", true, "1.0.0", "SELinux label the process runs with"},
    // ioPriority: [CL] #1191, [GO2].
    {"process.ioPriority", "object", true, "1.1.0", "I/O scheduling class and priority of the process (ioprio_set)"},
    {"process.ioPriority.class", "string", false, "1.1.0", "I/O scheduling class: IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE"},
    {"process.ioPriority.priority", "int64", false, "1.1.0", "priority within the I/O class, from 0 (highest) to 7 (lowest)"},
    // execCPUAffinity: [CL] "Changes with v1.2.1" #1253, #1261; [REF]; absent from [GO2].
    // spec/process.h calls it new in v1.3.0; both sources say v1.2.1.
    {"process.execCPUAffinity", "object", true, "1.2.1", "CPU affinity of processes started by exec; not used for the init process"},
    {"process.execCPUAffinity.initial", "string", true, "1.2.1", "CPUs an exec'd process runs on before it joins the container's cgroup (e.g. 0-3,7)"},  // assumed
    {"process.execCPUAffinity.final", "string", true, "1.2.1", "CPUs an exec'd process runs on after it joins the container's cgroup"},  // assumed

    // root, hostname, mounts, hooks, annotations (config.md).
    {"root", "object", true, "1.0.0", "the container's root filesystem"},
    {"root.path", "string", false, "1.0.0", "path of the root filesystem, absolute or relative to the bundle"},
    {"root.readonly", "bool", true, "1.0.0", "makes the root filesystem read-only inside the container"},
    {"hostname", "string", true, "1.0.0", "hostname of the container, as its UTS namespace reports it"},
    {"domainname", "string", true, "1.1.0", "NIS domain name of the container, as its UTS namespace reports it"},  // [CL] #1156, [GO2]
    {"mounts", "array of object", true, "1.0.0", "additional mounts, made in the order listed on top of the root filesystem"},
    {"mounts[].destination", "string", false, "1.0.0", "mount point inside the container"},
    {"mounts[].type", "string", true, "1.0.0", "filesystem type, as for mount(2)"},
    {"mounts[].source", "string", true, "1.0.0", "device, directory or file to mount; relative paths are relative to the bundle"},
    {"mounts[].options", "array of string", true, "1.0.0", "mount options, as in fstab (ro, nosuid, bind, ...)"},
    // Idmapped mounts: [CL] #1143, [GO2].
    {"mounts[].uidMappings", "array of object", true, "1.1.0", "user ID mapping of an idmapped mount"},
    {"mounts[].uidMappings[].containerID", "uint32", false, "1.1.0", "first user ID of the range as the container sees it"},
    {"mounts[].uidMappings[].hostID", "uint32", false, "1.1.0", "first user ID of the range on the host"},
    {"mounts[].uidMappings[].size", "uint32", false, "1.1.0", "number of user IDs in the range"},
    {"mounts[].gidMappings", "array of object", true, "1.1.0", "group ID mapping of an idmapped mount"},
    {"mounts[].gidMappings[].containerID", "uint32", false, "1.1.0", "first group ID of the range as the container sees it"},
    {"mounts[].gidMappings[].hostID", "uint32", false, "1.1.0", "first group ID of the range on the host"},
    {"mounts[].gidMappings[].size", "uint32", false, "1.1.0", "number of group IDs in the range"},
    {"hooks", "object", true, "1.0.0", "programs the runtime runs at points of the container lifecycle"},
    {"hooks.prestart", "array of object", true, "1.0.0", "deprecated: hooks run in the runtime namespace before the user process; use createRuntime"},
    {"hooks.prestart[].path", "string", false, "1.0.0", "absolute path of the hook program"},
    {"hooks.prestart[].args", "array of string", true, "1.0.0", "arguments of the hook, argv[0] included"},
    {"hooks.prestart[].env", "array of string", true, "1.0.0", "environment of the hook, as KEY=value strings"},
    {"hooks.prestart[].timeout", "int64", true, "1.0.0", "seconds after which the hook is aborted; must be positive"},
    // createRuntime, createContainer, startContainer: [CL] #1008, absent from [GO1].
    {"hooks.createRuntime", "array of object", true, "1.0.2", "hooks run in the runtime namespace after the container is created, before pivot_root"},
    {"hooks.createRuntime[].path", "string", false, "1.0.2", "absolute path of the hook program"},
    {"hooks.createRuntime[].args", "array of string", true, "1.0.2", "arguments of the hook, argv[0] included"},
    {"hooks.createRuntime[].env", "array of string", true, "1.0.2", "environment of the hook, as KEY=value strings"},
    {"hooks.createRuntime[].timeout", "int64", true, "1.0.2", "seconds after which the hook is aborted; must be positive"},
    {"hooks.createContainer", "array of object", true, "1.0.2", "hooks run in the container namespace after createRuntime, before pivot_root"},
    {"hooks.createContainer[].path", "string", false, "1.0.2", "absolute path of the hook program, resolved in the runtime namespace"},
    {"hooks.createContainer[].args", "array of string", true, "1.0.2", "arguments of the hook, argv[0] included"},
    {"hooks.createContainer[].env", "array of string", true, "1.0.2", "environment of the hook, as KEY=value strings"},
    {"hooks.createContainer[].timeout", "int64", true, "1.0.2", "seconds after which the hook is aborted; must be positive"},
    {"hooks.startContainer", "array of object", true, "1.0.2", "hooks run in the container namespace at start, just before the user process"},
    {"hooks.startContainer[].path", "string", false, "1.0.2", "absolute path of the hook program, resolved in the container namespace"},
    {"hooks.startContainer[].args", "array of string", true, "1.0.2", "arguments of the hook, argv[0] included"},
    {"hooks.startContainer[].env", "array of string", true, "1.0.2", "environment of the hook, as KEY=value strings"},
    {"hooks.startContainer[].timeout", "int64", true, "1.0.2", "seconds after which the hook is aborted; must be positive"},
    {"hooks.poststart", "array of object", true, "1.0.0", "hooks run in the runtime namespace after the user process has started"},
    {"hooks.poststart[].path", "string", false, "1.0.0", "absolute path of the hook program"},
    {"hooks.poststart[].args", "array of string", true, "1.0.0", "arguments of the hook, argv[0] included"},
    {"hooks.poststart[].env", "array of string", true, "1.0.0", "environment of the hook, as KEY=value strings"},
    {"hooks.poststart[].timeout", "int64", true, "1.0.0", "seconds after which the hook is aborted; must be positive"},
    {"hooks.poststop", "array of object", true, "1.0.0", "hooks run in the runtime namespace after the container is deleted"},
    {"hooks.poststop[].path", "string", false, "1.0.0", "absolute path of the hook program"},
    {"hooks.poststop[].args", "array of string", true, "1.0.0", "arguments of the hook, argv[0] included"},
    {"hooks.poststop[].env", "array of string", true, "1.0.0", "environment of the hook, as KEY=value strings"},
    {"hooks.poststop[].timeout", "int64", true, "1.0.0", "seconds after which the hook is aborted; must be positive"},
    {"annotations", "map of string", true, "1.0.0", "arbitrary metadata, keyed by reverse-domain names"},

    // linux (config-linux.md).
    {"linux", "object", true, "1.0.0", "Linux-specific configuration"},
    {"linux.uidMappings", "array of object", true, "1.0.0", "user ID mapping of the container's user namespace"},
    {"linux.uidMappings[].containerID", "uint32", false, "1.0.0", "first user ID of the range inside the container"},
    {"linux.uidMappings[].hostID", "uint32", false, "1.0.0", "first user ID of the range on the host"},
    {"linux.uidMappings[].size", "uint32", false, "1.0.0", "number of user IDs in the range"},
    {"linux.gidMappings", "array of object", true, "1.0.0", "group ID mapping of the container's user namespace"},
    {"linux.gidMappings[].containerID", "uint32", false, "1.0.0", "first group ID of the range inside the container"},
    {"linux.gidMappings[].hostID", "uint32", false, "1.0.0", "first group ID of the range on the host"},
    {"linux.gidMappings[].size", "uint32", false, "1.0.0", "number of group IDs in the range"},
    {"linux.sysctl", "map of string", true, "1.0.0", "kernel parameters set for the container, keyed by sysctl name"},
    {"linux.resources", "object", true, "1.0.0", "cgroup resource limits of the container"},
    {"linux.resources.devices", "array of object", true, "1.0.0", "device cgroup rules, applied in the order listed"},
    {"linux.resources.devices[].allow", "bool", false, "1.0.0", "whether the rule allows (true) or denies (false) access"},
    {"linux.resources.devices[].type", "string", true, "1.0.0", "device type the rule matches: a (all), c (character) or b (block)"},
    {"linux.resources.devices[].major", "int64", true, "1.0.0", "major number the rule matches; absent matches every major"},
    {"linux.resources.devices[].minor", "int64", true, "1.0.0", "minor number the rule matches; absent matches every minor"},
    {"linux.resources.devices[].access", "string", true, "1.0.0", "access the rule covers: r (read), w (write), m (mknod)"},
    {"linux.resources.memory", "object", true, "1.0.0", "memory cgroup limits"},
    {"linux.resources.memory.limit", "int64", true, "1.0.0", "memory usage limit, in bytes"},
    {"linux.resources.memory.reservation", "int64", true, "1.0.0", "memory soft limit, in bytes"},
    {"linux.resources.memory.swap", "int64", true, "1.0.0", "limit of memory plus swap usage, in bytes"},
    {"linux.resources.memory.kernel", "int64", true, "1.0.0", "kernel memory limit, in bytes; deprecated, ignored by cgroup v2"},
    {"linux.resources.memory.kernelTCP", "int64", true, "1.0.0", "kernel TCP buffer memory limit, in bytes; not recommended"},
    {"linux.resources.memory.swappiness", "uint64", true, "1.0.0", "how eagerly the kernel swaps the cgroup's pages (0-100)"},
    {"linux.resources.memory.disableOOMKiller", "bool", true, "1.0.0", "disables the OOM killer for the cgroup"},
    {"linux.resources.memory.useHierarchy", "bool", true, "1.0.2", "enables hierarchical memory accounting (cgroup v1)"},  // [CL] #985, absent from [GO1]
    {"linux.resources.memory.checkBeforeUpdate", "bool", true, "1.1.0", "rejects an update that would set the limit below current usage"},  // [CL] #1158, [GO2]
    {"linux.resources.cpu", "object", true, "1.0.0", "CPU and cpuset cgroup settings"},
    {"linux.resources.cpu.shares", "uint64", true, "1.0.0", "relative CPU weight of the cgroup"},
    {"linux.resources.cpu.quota", "int64", true, "1.0.0", "CPU time the cgroup may use in each period, in microseconds"},
    {"linux.resources.cpu.burst", "uint64", true, "1.1.0", "CPU time the cgroup may accumulate for bursts above its quota, in microseconds"},  // [CL] #1120, [GO2]
    {"linux.resources.cpu.period", "uint64", true, "1.0.0", "length of the CFS period that quota applies to, in microseconds"},
    {"linux.resources.cpu.realtimeRuntime", "int64", true, "1.0.0", "real-time CPU time the cgroup may use in each period, in microseconds"},
    {"linux.resources.cpu.realtimePeriod", "uint64", true, "1.0.0", "length of the real-time scheduling period, in microseconds"},
    {"linux.resources.cpu.cpus", "string", true, "1.0.0", "CPUs the container may run on (cpuset list, e.g. 0-3,7)"},
    {"linux.resources.cpu.mems", "string", true, "1.0.0", "memory nodes the container may allocate from (cpuset list)"},
    {"linux.resources.cpu.idle", "int64", true, "1.1.0", "cgroup idle setting: 1 schedules the cgroup as SCHED_IDLE, 0 as usual"},  // [CL] #1136, #1145, [GO2]
    {"linux.resources.pids", "object", true, "1.0.0", "pids cgroup limit"},
    {"linux.resources.pids.limit", "int64", true, "1.0.0", "maximum number of tasks in the cgroup"},
    {"linux.resources.blockIO", "object", true, "1.0.0", "block I/O cgroup settings"},
    {"linux.resources.blockIO.weight", "uint16", true, "1.0.0", "block I/O weight of the cgroup"},
    {"linux.resources.blockIO.leafWeight", "uint16", true, "1.0.0", "block I/O weight of the cgroup's own tasks against its children (CFQ only)"},
    {"linux.resources.blockIO.weightDevice", "array of object", true, "1.0.0", "per-device block I/O weights"},
    {"linux.resources.blockIO.weightDevice[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.resources.blockIO.weightDevice[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.resources.blockIO.weightDevice[].weight", "uint16", true, "1.0.0", "block I/O weight for the device"},
    {"linux.resources.blockIO.weightDevice[].leafWeight", "uint16", true, "1.0.0", "leaf block I/O weight for the device (CFQ only)"},
    {"linux.resources.blockIO.throttleReadBpsDevice", "array of object", true, "1.0.0", "per-device read limits, in bytes per second"},
    {"linux.resources.blockIO.throttleReadBpsDevice[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.resources.blockIO.throttleReadBpsDevice[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.resources.blockIO.throttleReadBpsDevice[].rate", "uint64", false, "1.0.0", "read limit for the device, in bytes per second"},
    {"linux.resources.blockIO.throttleWriteBpsDevice", "array of object", true, "1.0.0", "per-device write limits, in bytes per second"},
    {"linux.resources.blockIO.throttleWriteBpsDevice[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.resources.blockIO.throttleWriteBpsDevice[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.resources.blockIO.throttleWriteBpsDevice[].rate", "uint64", false, "1.0.0", "write limit for the device, in bytes per second"},
    {"linux.resources.blockIO.throttleReadIOPSDevice", "array of object", true, "1.0.0", "per-device read limits, in operations per second"},
    {"linux.resources.blockIO.throttleReadIOPSDevice[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.resources.blockIO.throttleReadIOPSDevice[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.resources.blockIO.throttleReadIOPSDevice[].rate", "uint64", false, "1.0.0", "read limit for the device, in operations per second"},
    {"linux.resources.blockIO.throttleWriteIOPSDevice", "array of object", true, "1.0.0", "per-device write limits, in operations per second"},
    {"linux.resources.blockIO.throttleWriteIOPSDevice[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.resources.blockIO.throttleWriteIOPSDevice[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.resources.blockIO.throttleWriteIOPSDevice[].rate", "uint64", false, "1.0.0", "write limit for the device, in operations per second"},
    {"linux.resources.hugepageLimits", "array of object", true, "1.0.0", "hugetlb cgroup limits, one per huge page size"},
    {"linux.resources.hugepageLimits[].pageSize", "string", false, "1.0.0", "huge page size the limit applies to (e.g. 2MB)"},
    {"linux.resources.hugepageLimits[].limit", "uint64", false, "1.0.0", "limit on huge pages of that size, in bytes"},
    {"linux.resources.network", "object", true, "1.0.0", "net_cls and net_prio cgroup settings"},
    {"linux.resources.network.classID", "uint32", true, "1.0.0", "class identifier tagged on the container's network packets"},
    {"linux.resources.network.priorities", "array of object", true, "1.0.0", "priorities of the container's traffic, per network interface"},
    {"linux.resources.network.priorities[].name", "string", false, "1.0.0", "name of the network interface"},
    {"linux.resources.network.priorities[].priority", "uint32", false, "1.0.0", "priority of the container's traffic on the interface"},
    // rdma: [CL] #942 (listed under v1.0.2), present in the 1.0.1-dev [GO1].
    {"linux.resources.rdma", "map of object", true, "1.0.2", "RDMA cgroup limits, keyed by device name"},
    {"linux.resources.rdma[*].hcaHandles", "uint32", true, "1.0.2", "maximum number of HCA handles"},
    {"linux.resources.rdma[*].hcaObjects", "uint32", true, "1.0.2", "maximum number of HCA objects"},
    {"linux.resources.unified", "map of string", true, "1.1.0", "cgroup v2 interface files and the values written to them"},  // [CL] #1040, [GO2]
    {"linux.cgroupsPath", "string", true, "1.0.0", "path of the container's cgroup, absolute or relative to the runtime's"},
    {"linux.namespaces", "array of object", true, "1.0.0", "namespaces the container creates or joins"},
    {"linux.namespaces[].type", "string", false, "1.0.0", "namespace type: pid, network, mount, ipc, uts, user, cgroup or time"},
    {"linux.namespaces[].path", "string", true, "1.0.0", "namespace file to join instead of creating a namespace"},
    {"linux.devices", "array of object", true, "1.0.0", "device nodes created in the container"},
    {"linux.devices[].path", "string", false, "1.0.0", "path of the device node in the container"},
    {"linux.devices[].type", "string", false, "1.0.0", "device type: c (character), b (block), u (unbuffered) or p (FIFO)"},
    {"linux.devices[].major", "int64", false, "1.0.0", "major number of the device"},
    {"linux.devices[].minor", "int64", false, "1.0.0", "minor number of the device"},
    {"linux.devices[].fileMode", "uint32", true, "1.0.0", "permission bits of the device node"},
    {"linux.devices[].uid", "uint32", true, "1.0.0", "owner of the device node, as a user ID in the container"},  // in [GO1]; no v1.0.0 source read
    {"linux.devices[].gid", "uint32", true, "1.0.0", "group of the device node, as a group ID in the container"},  // in [GO1]; no v1.0.0 source read
    // netDevices: [CL] "Changes with v1.3.0" #1271, [REF]; absent from [GO2].
    {"linux.netDevices", "map of object", true, "1.3.0", "host network devices moved into the container, keyed by host interface name"},
    {"linux.netDevices[*].name", "string", true, "1.3.0", "name of the device inside the container"},  // assumed
    {"linux.seccomp", "object", true, "1.0.0", "seccomp system call filter of the container"},
    {"linux.seccomp.defaultAction", "string", false, "1.0.0", "action for system calls that no rule matches (SCMP_ACT_*)"},
    {"linux.seccomp.defaultErrnoRet", "uint64", true, "1.1.0", "errno the default action returns when it is SCMP_ACT_ERRNO or SCMP_ACT_TRACE"},  // [CL] #1087, [GO2]
    {"linux.seccomp.architectures", "array of string", true, "1.0.0", "system call architectures the filter covers (SCMP_ARCH_*)"},
    {"linux.seccomp.flags", "array of string", true, "1.0.2", "flags used when loading the filter with seccomp(2) (SECCOMP_FILTER_FLAG_*)"},  // [CL] #1018, absent from [GO1]
    {"linux.seccomp.listenerPath", "string", true, "1.1.0", "UNIX socket the runtime sends the seccomp notify file descriptor to"},  // [CL] #1074, [GO2]
    {"linux.seccomp.listenerMetadata", "string", true, "1.1.0", "opaque data passed to the seccomp agent with the file descriptor"},  // [CL] #1074, [GO2]
    {"linux.seccomp.syscalls", "array of object", true, "1.0.0", "rules matching system calls"},
    {"linux.seccomp.syscalls[].names", "array of string", false, "1.0.0", "names of the system calls a rule matches"},
    {"linux.seccomp.syscalls[].action", "string", false, "1.0.0", "action taken when a rule matches (SCMP_ACT_*)"},
    {"linux.seccomp.syscalls[].errnoRet", "uint64", true, "1.1.0", "errno returned when the rule's action is SCMP_ACT_ERRNO or SCMP_ACT_TRACE"},  // [CL] #1041, [GO2]
    {"linux.seccomp.syscalls[].args", "array of object", true, "1.0.0", "conditions on the system call's arguments, all of which must hold"},
    {"linux.seccomp.syscalls[].args[].index", "uint64", false, "1.0.0", "position of the argument a condition tests"},
    {"linux.seccomp.syscalls[].args[].value", "uint64", false, "1.0.0", "value the argument is compared with (the mask for SCMP_CMP_MASKED_EQ)"},
    {"linux.seccomp.syscalls[].args[].valueTwo", "uint64", true, "1.0.0", "second operand: the value the masked argument must equal for SCMP_CMP_MASKED_EQ"},
    {"linux.seccomp.syscalls[].args[].op", "string", false, "1.0.0", "comparison operator (SCMP_CMP_*)"},
    {"linux.rootfsPropagation", "string", true, "1.0.0", "mount propagation of the root filesystem: shared, slave, private or unbindable"},
    {"linux.maskedPaths", "array of string", true, "1.0.0", "paths in the container made inaccessible"},
    {"linux.readonlyPaths", "array of string", true, "1.0.0", "paths in the container made read-only"},
    {"linux.mountLabel", "string", true, "1.0.0", "SELinux context of the container's mounts"},
    {"linux.intelRdt", "object", true, "1.0.0", "Intel RDT (resctrl) class of service and monitoring"},
    {"linux.intelRdt.closID", "string", true, "1.0.2", "resctrl class of service (CLOS) the container joins"},  // [CL] #988
    {"linux.intelRdt.schemata", "array of string", true, "1.3.0", "resctrl schemata lines written for the class of service"},  // [CL] #1230, [REF]; absent from [GO2]
    {"linux.intelRdt.l3CacheSchema", "string", true, "1.0.0", "L3 cache allocation schema (L3:...)"},  // [CL] v1.0.0-rc6 #630
    {"linux.intelRdt.memBwSchema", "string", true, "1.0.2", "memory bandwidth allocation schema (MB:...)"},  // [CL] #932
    {"linux.intelRdt.enableMonitoring", "bool", true, "1.3.0", "creates a resctrl monitoring group for the container"},  // [CL] #1287, [REF]; absent from [GO2]
    // memoryPolicy: [CL] "Changes with v1.3.0" #1282, [REF]; absent from [GO2].
    {"linux.memoryPolicy", "object", true, "1.3.0", "NUMA memory policy of the container (set_mempolicy)"},
    {"linux.memoryPolicy.mode", "string", false, "1.3.0", "memory policy mode (MPOL_*)"},  // assumed
    {"linux.memoryPolicy.nodes", "string", false, "1.3.0", "NUMA nodes the policy uses (e.g. 0-3,7)"},  // assumed
    {"linux.memoryPolicy.flags", "array of string", true, "1.3.0", "memory policy mode flags (MPOL_F_*)"},  // assumed
    // personality: [CL] #1012, absent from [GO1].
    {"linux.personality", "object", true, "1.0.2", "execution domain of the container process (personality(2))"},
    {"linux.personality.domain", "string", false, "1.0.2", "execution domain: LINUX or LINUX32"},
    {"linux.personality.flags", "array of string", true, "1.0.2", "additional personality flags"},
    // timeOffsets: [CL] #1151 (schema #1193), [GO2].
    {"linux.timeOffsets", "map of object", true, "1.1.0", "clock offsets of the time namespace, keyed by clock (boottime, monotonic)"},
    {"linux.timeOffsets[*].secs", "int64", true, "1.1.0", "offset of the clock, in seconds"},
    {"linux.timeOffsets[*].nanosecs", "uint32", true, "1.1.0", "additional offset of the clock, in nanoseconds"},

    // Platform sections the model keeps verbatim.
    {"solaris", "object (raw JSON)", true, "1.0.0", "Solaris-specific configuration, kept verbatim"},
    {"windows", "object (raw JSON)", true, "1.0.0", "Windows-specific configuration, kept verbatim"},
    {"vm", "object (raw JSON)", true, "1.0.2", "configuration for virtual-machine-based containers, kept verbatim"},  // [CL] #949, [GO1]
    {"zos", "object (raw JSON)", true, "1.1.0", "z/OS-specific configuration, kept verbatim"},  // [CL] #1095, [GO2]
    {"freebsd", "object (raw JSON)", true, "1.3.0", "FreeBSD-specific configuration, kept verbatim"},  // [CL] #1286, [REF]
};

// FindFieldByPattern()
//
// The entry with exactly this pattern, or nullptr.
const FieldInfo* FindFieldByPattern(absl::string_view pattern);

// FindField()
//
// The entry of the field at `path`. For an array element or map value
// (`process.env[3]`, `annotations["a"]`) it is the entry of the array or map.
// nullptr for the empty path, unknown fields and anything inside a section
// the model keeps verbatim (`windows.layerFolders`).
//
// Example:
//   FindField(FieldPath().Field("linux").Field("netDevices"))->since;  // "1.3.0"
const FieldInfo* FindField(const FieldPath& path);

// DescribePath()
//
// `path` and what is there, on one line.
//
// Example:
//   DescribePath(*FieldPath::Parse("process.rlimits[2].hard"));
//       // "process.rlimits[2].hard: hard limit of a process resource limit (RLIMIT_*)"
//   DescribePath(*FieldPath::Parse("process.env[3]"));
//       // "process.env[3]: an entry of process.env (environment of the process, ...)"
//   DescribePath(*FieldPath::Parse("windows.layerFolders"));
//       // "windows.layerFolders: inside windows (Windows-specific configuration, kept verbatim)"
//   DescribePath(*FieldPath::Parse("process.x"));
//       // "process.x: unknown field, not in runtime-spec v1.3.0"
std::string DescribePath(const FieldPath& path);

// KnownKeys()
//
// The keys of the object whose pattern is `object` ("" for the top level,
// "process", "process.rlimits[]", "linux.timeOffsets[*]"), in Go field
// order. Empty when `object` is not an object of the model.
//
// Example:
//   KnownKeys("process.consoleSize");  // {"height", "width"}
std::vector<absl::string_view> KnownKeys(absl::string_view object);

// SuggestKey()
//
// The known key of `object` (see KnownKeys) closest to `key`, for "did you
// mean" hints: one equal to it ignoring ASCII case, else the first one in Go
// order within edit distance 2, ignoring case (and closer than the length of
// `key`, so a two-letter key never matches on two edits). Empty when none is
// close enough.
//
// Example:
//   SuggestKey("", "proces");            // "process"
//   SuggestKey("", "Process");           // "process"
//   SuggestKey("process", "noNewPrivilege");  // "noNewPrivileges"
//   SuggestKey("process", "vendor");     // ""
absl::string_view SuggestKey(absl::string_view object, absl::string_view key);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/field_catalog-inl.h"
#endif

#endif  // OCIKIT_SPEC_FIELD_CATALOG_H_
