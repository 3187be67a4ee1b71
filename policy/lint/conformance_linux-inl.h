// File: policy/lint/conformance_linux-inl.h
//
// Definitions of policy/lint/conformance_linux.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_INL_H_
#define OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_INL_H_

#include "policy/lint/conformance_linux.h"
#include "spec/internal/compile_mode.h"
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
#include "policy/lint/types.h"
#include "re2/re2.h"
#include "spec/config.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/sysctls.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<LintRule>& LinuxConformanceLintRules() {
  static const std::vector<LintRule> kRules = {
      {"OCI170", "namespace-type-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a namespace type is not one the specification defines",
       "type is REQUIRED and one of pid, network, mount, ipc, uts, user, cgroup, time.",
       "runtime-spec config-linux.md#namespaces; schema defs-linux.json NamespaceType", "use one of the types"},
      {"OCI171", "namespace-duplicate", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a namespace type is listed twice", "If a namespace type is specified more than once, the runtime MUST generate an error.",
       "runtime-spec config-linux.md#namespaces; runtime-tools NSErrorOnDup", "keep one entry per type"},
      {"OCI172", "namespace-path-absolute", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a namespace path is not absolute", "A namespace path MUST be an absolute path in the runtime mount namespace.",
       "runtime-spec config-linux.md#namespaces; runtime-tools NSPathAbs", "use an absolute path such as /proc/1234/ns/net"},
      {"OCI173", "id-mappings-without-userns", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone,
       false, "uid/gid mappings are set without a new user namespace",
       "Mappings only apply to a user namespace the runtime creates; without one runc and runtime-tools refuse "
       "them, and with a joined namespace they are ignored.",
       "runtime-spec config-linux.md#user-namespace-mappings; runtime-tools CheckLinux; runc validator",
       "add {\"type\": \"user\"} to linux.namespaces, or drop the mappings"},
      {"OCI174", "userns-mappings", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "a new user namespace lacks uid or gid mappings",
       "runc refuses a new user namespace without both uidMappings and gidMappings: the container's ids would "
       "map to nothing.",
       "runtime-spec config-linux.md#user-namespace-mappings; runc validator", "give both mappings"},
      {"OCI175", "sysctl-namespace", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a sysctl is not isolated by a namespace of the container",
       "A sysctl outside the container's namespaces changes the host's kernel; runc refuses it and runtime-tools "
       "rejects net.* without a network namespace and fs.mqueue.* without IPC (and mount) namespaces.",
       "runtime-tools CheckLinux (sysctl); runc validator (sysctl); spec/opts/sysctls.h",
       "add the namespace, or set the sysctl on the host"},
      {"OCI176", "hostname-without-uts", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "hostname or domainname is set without a UTS namespace",
       "Setting the hostname without a new UTS namespace would change the host's name; runtime-tools and runc refuse it.",
       "runtime-spec config.md#hostname; runtime-tools CheckLinux; runc validator",
       "add {\"type\": \"uts\"} to linux.namespaces, or drop the hostname"},
      {"OCI177", "time-offsets-without-timens", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone,
       false, "timeOffsets need a new time namespace",
       "Clock offsets are set when a time namespace is created; without one (or with a joined one) runc and "
       "runtime-tools refuse them. The clocks are boottime and monotonic.",
       "runtime-spec config-linux.md#offset-for-time-namespace; runtime-tools CheckLinux; runc validator",
       "add {\"type\": \"time\"} to linux.namespaces"},
      {"OCI178", "device-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a device entry is invalid",
       "type is c, b, u or p; path is REQUIRED and a full path; major and minor are REQUIRED unless the type is p.",
       "runtime-spec config-linux.md#devices; runtime-tools deviceValid", "fix type, path and numbers"},
      {"OCI179", "device-path-duplicate", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "two devices have the same path", "runtime-tools rejects duplicated device paths; only one node can exist at a path.",
       "runtime-tools CheckLinux (devices)", "keep one entry per path"},
      {"OCI180", "device-number-duplicate", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone,
       false, "two devices have the same type, major and minor",
       "The same type, major and minor SHOULD NOT be used for multiple devices.",
       "runtime-spec config-linux.md#devices; runtime-tools DevicesErrorOnDup", "keep one entry per device"},
      {"OCI181", "device-file-mode", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a device fileMode is above 0777",
       "fileMode holds permission bits in decimal (0666 is 438); the schema allows 0 to 511.",
       "runtime-spec schema defs.json FileMode (#1298)", "write the mode in decimal, e.g. 438 for 0666"},
      {"OCI182", "memory-swap-below-limit", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "memory.swap is below memory.limit",
       "swap is the limit of memory plus swap, so it must be at least the memory limit (or -1 for unlimited).",
       "runtime-spec config-linux.md#memory; runtime-tools CheckLinuxResources", "raise swap, or set it to -1"},
      {"OCI183", "memory-reservation-above-limit", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone,
       false, "memory.reservation is above memory.limit",
       "A soft limit above the hard limit never applies; runtime-tools rejects it.",
       "runtime-tools CheckLinuxResources", "lower the reservation"},
      {"OCI184", "device-cgroup-type", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a device cgroup rule has an invalid type", "type is a (all), c or b.",
       "runtime-spec config-linux.md#allowed-device-list; runtime-tools CheckLinuxResources", "use a, c or b"},
      {"OCI185", "device-cgroup-access", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a device cgroup rule has invalid access", "access is made of r (read), w (write) and m (mknod).",
       "runtime-spec config-linux.md#allowed-device-list; runtime-tools CheckLinuxResources", "use letters of rwm"},
      {"OCI186", "weight-device-empty", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a blockIO weightDevice entry has neither weight nor leafWeight",
       "You MUST specify at least one of weight or leafWeight in a given entry.",
       "runtime-spec config-linux.md#block-io; runtime-tools BlkIOWeightOrLeafWeightExist", "add weight or leafWeight"},
      {"OCI187", "rdma-limit-empty", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an rdma entry has neither hcaHandles nor hcaObjects",
       "You MUST specify at least one of hcaHandles or hcaObjects in a given entry.",
       "runtime-spec config-linux.md#rdma", "add hcaHandles or hcaObjects"},
      {"OCI188", "cpu-burst-above-quota", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "cpu.burst is larger than cpu.quota", "burst MUST be no larger than any positive quota.",
       "runtime-spec config-linux.md#cpu", "lower burst or raise quota"},
      {"OCI189", "hugepage-size-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a hugepage limit's pageSize is not <size><unit>B",
       "pageSize must match ^[1-9][0-9]*[KMG]B$ (64KB, 2MB, 1GB): it names the hugetlb control file.",
       "runtime-spec config-linux.md#huge-page-limits; schema config-linux.json", "write it as 2MB or 1GB"},
      {"OCI190", "rootfs-propagation-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone,
       false, "rootfsPropagation is not shared, slave, private or unbindable",
       "The schema allows shared, slave, private and unbindable. The recursive forms (rshared, ...) are accepted "
       "by runc and crun but not by the schema (warning).",
       "runtime-spec config-linux.md#rootfs-mount-propagation; schema defs-linux.json RootfsPropagation",
       "use one of the four values"},
      {"OCI191", "path-not-absolute", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a masked or read-only path is not absolute", "maskedPaths and readonlyPaths values MUST be absolute paths.",
       "runtime-spec config-linux.md#masked-paths; runtime-tools MaskedPathsAbs, ReadonlyPathsAbs",
       "write the path from /"},
      {"OCI192", "selinux-label-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an SELinux label is malformed",
       "runtime-tools (go-selinux label.Validate) rejects a mountLabel holding both 'z' and 'Z'; a context has "
       "the form user:role:type[:level] (warning otherwise).",
       "runtime-tools CheckLinux (mountLabel); selinux(8)", "use a context such as system_u:object_r:container_file_t:s0"},
      {"OCI193", "intel-rdt-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "an intelRdt field is malformed",
       "memBwSchema MUST start with MB: and MUST NOT contain newlines; l3CacheSchema SHOULD start with L3:; "
       "closID names a resctrl directory (runc refuses ., .. and '/').",
       "runtime-spec config-linux.md#intelrdt; runc validator (intelRdt)", "fix the schema strings and closID"},
      {"OCI194", "memory-policy-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "linux.memoryPolicy is invalid",
       "mode is REQUIRED and an MPOL_* mode; flags are MPOL_F_*; MPOL_DEFAULT and MPOL_LOCAL take no nodes, "
       "MPOL_BIND, MPOL_INTERLEAVE, MPOL_PREFERRED_MANY and MPOL_WEIGHTED_INTERLEAVE need some.",
       "runtime-spec config-linux.md#memory-policy; set_mempolicy(2); runc validator", "fix mode, nodes and flags"},
      {"OCI195", "personality-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "linux.personality is invalid",
       "domain is REQUIRED and LINUX or LINUX32; no flag values are currently supported (warning).",
       "runtime-spec config-linux.md#personality", "use domain LINUX or LINUX32 and no flags"},
      {"OCI196", "net-device-invalid", LintFamily::kConformance, LintSeverity::kError, LintProfile::kNone, false,
       "a netDevices entry is invalid",
       "Moving a network device needs a network namespace; interface names are 1-15 bytes without '/', ':' or "
       "white space and are not . or .. (the kernel's dev_valid_name).",
       "runtime-spec config-linux.md#network-devices; runc validator (netDevices)",
       "add a network namespace and use valid interface names"},
      {"OCI197", "unified-key-invalid", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "a resources.unified key is not a cgroup v2 file name",
       "Keys name files of the container's cgroup, such as memory.high: a controller, a dot and a name; runc "
       "refuses keys with '/'.",
       "runtime-spec config-linux.md#unified; runc libcontainer/cgroups", "use the cgroup v2 file name"},
      {"OCI198", "resource-value-range", LintFamily::kConformance, LintSeverity::kWarning, LintProfile::kNone, false,
       "a cgroup value is outside the range the kernel accepts",
       "swappiness is 0-100, blkio weights 10-1000, cpu.idle 0 or 1, and realtimeRuntime cannot exceed "
       "realtimePeriod; the kernel rejects other values when the runtime writes them.",
       "cgroup-v1 memory.txt, blkio-controller.txt; cgroup-v2.rst", "use a value in range"},
  };
  return kRules;
}

namespace internal {

OCIKIT_INLINE void CheckNamespaces(const LintContext& ctx, const Linux& l) {
  static const std::vector<absl::string_view> types(NamespaceTypes().begin(), NamespaceTypes().end());
  absl::flat_hash_map<absl::string_view, size_t> seen;
  for (size_t i = 0; i < l.namespaces.size(); ++i) {
    const LinuxNamespace& ns = l.namespaces[i];
    const auto path = [&] { return LinuxPath("namespaces").Index(i); };
    if (!LintContains(types, ns.type)) {
      ctx.Report("OCI170", path().Field("type"),
                 absl::StrCat(ns.type.empty() ? "missing" : absl::StrCat(LintQuote(ns.type), " is not a namespace type"),
                              "; expected one of ", LintOneOf(types), LintDidYouMean(ns.type, types)));
    }
    if (const auto [it, inserted] = seen.emplace(ns.type, i); !inserted) {
      ctx.Report("OCI171", path().Field("type"),
                 absl::StrCat(LintQuote(ns.type), " is already listed as linux.namespaces[", it->second, "]; expected one entry per type"));
    }
    if (!ns.path.empty() && ns.path[0] != '/') {
      ctx.Report("OCI172", path().Field("path"), absl::StrCat(LintQuote(ns.path), " is not absolute; expected a path such as /proc/1234/ns/", ns.type));
    }
  }
  const LinuxNamespace* user = FindNamespace(ctx.spec, kUserNamespace);
  const bool mappings = !l.uid_mappings.empty() || !l.gid_mappings.empty();
  if (mappings && user == nullptr) {
    ctx.Report("OCI173", LinuxPath(l.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
               "set without a user namespace; expected {\"type\": \"user\"} in linux.namespaces");
  } else if (mappings && !user->path.empty()) {
    ctx.Report("OCI173", LinuxPath(l.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
               absl::StrCat("ignored: the user namespace is joined (", LintQuote(user->path), "); expected a new user namespace"),
               LintSeverity::kWarning);
  } else if (user != nullptr && user->path.empty() && (l.uid_mappings.empty() || l.gid_mappings.empty())) {
    ctx.Report("OCI174", LinuxPath(l.uid_mappings.empty() ? "uidMappings" : "gidMappings"),
               "missing for the new user namespace (runc refuses it; crun maps the calling user); expected both uidMappings and gidMappings");
  }
}

OCIKIT_INLINE void CheckSysctls(const LintContext& ctx, const Linux& l) {
  for (const auto& [key, value] : l.sysctl) {
    const auto path = [&key = key] { return LinuxPath("sysctl").Key(key); };
    const std::string dotted = NormalizeSysctlKey(key);
    if (absl::StartsWith(dotted, "user.")) {
      if (FindNamespace(ctx.spec, kUserNamespace) == nullptr) {
        ctx.Report("OCI175", path(), "needs a user namespace, but the spec shares the host's; expected {\"type\": \"user\"} in linux.namespaces");
      }
      continue;
    }
    if (absl::Status s = CheckSysctlAllowed(ctx.spec, dotted); !s.ok()) {
      ctx.Report("OCI175", path(), std::string(s.message()));
      continue;
    }
    if (absl::StartsWith(dotted, "fs.mqueue.") && FindNamespace(ctx.spec, kMountNamespace) == nullptr) {
      ctx.Report("OCI175", path(), "needs a mount namespace too (runtime-tools); expected {\"type\": \"mount\"} in linux.namespaces",
                 LintSeverity::kWarning);
    }
  }
}

OCIKIT_INLINE void CheckHostnameAndTime(const LintContext& ctx, const Linux& l) {
  const LinuxNamespace* uts = FindNamespace(ctx.spec, kUtsNamespace);
  for (const auto& [field, value] : {std::pair<absl::string_view, const std::string*>{"hostname", &ctx.spec.hostname},
                                     {"domainname", &ctx.spec.domainname}}) {
    if (value->empty()) continue;
    if (uts == nullptr) {
      ctx.Report("OCI176", LintPath(field), "set without a UTS namespace, which would rename the host; expected {\"type\": \"uts\"} in linux.namespaces");
    } else if (!uts->path.empty()) {
      ctx.Report("OCI176", LintPath(field),
                 absl::StrCat("set on a joined UTS namespace (", LintQuote(uts->path), "), renaming every process in it; expected a new UTS namespace"),
                 LintSeverity::kWarning);
    }
  }
  if (l.time_offsets.empty()) return;
  const LinuxNamespace* time = FindNamespace(ctx.spec, kTimeNamespace);
  if (time == nullptr || !time->path.empty()) {
    ctx.Report("OCI177", LinuxPath("timeOffsets"),
               time == nullptr ? "set without a time namespace; expected {\"type\": \"time\"} in linux.namespaces"
                               : "set for a joined time namespace; expected a new time namespace");
  }
  for (const auto& [clock, offset] : l.time_offsets) {
    if (clock != "boottime" && clock != "monotonic") {
      ctx.Report("OCI177", LinuxPath("timeOffsets").Key(clock),
                 absl::StrCat(LintQuote(clock), " is not a clock of time namespaces; expected boottime or monotonic",
                              LintDidYouMean(clock, {"boottime", "monotonic"})),
                 LintSeverity::kWarning);
    }
  }
}

OCIKIT_INLINE void CheckDevices(const LintContext& ctx, const Linux& l) {
  absl::flat_hash_map<absl::string_view, size_t> paths;
  absl::flat_hash_map<std::string, size_t> numbers;
  for (size_t i = 0; i < l.devices.size(); ++i) {
    const LinuxDevice& d = l.devices[i];
    const auto path = [&] { return LinuxPath("devices").Index(i); };
    if (d.type != "c" && d.type != "b" && d.type != "u" && d.type != "p") {
      ctx.Report("OCI178", path().Field("type"),
                 absl::StrCat(d.type.empty() ? "missing" : absl::StrCat(LintQuote(d.type), " is not a device type"),
                              "; expected c, b, u or p"));
    } else if (d.type == "p" && (d.major != 0 || d.minor != 0)) {
      ctx.Report("OCI178", path().Field("major"), absl::StrCat(d.major, ":", d.minor, " for a FIFO; expected no major and minor"),
                 LintSeverity::kWarning);
    } else if (d.type != "p" && (d.major < 0 || d.minor < 0)) {
      ctx.Report("OCI178", path().Field(d.major < 0 ? "major" : "minor"), absl::StrCat(d.major, ":", d.minor, " is negative; expected device numbers"));
    } else if (d.type != "p" && d.major == 0) {
      ctx.Report("OCI178", path().Field("major"),
                 "0 is reserved for unnamed devices; expected the device's major number (REQUIRED unless type is p)",
                 LintSeverity::kWarning);
    }
    if (d.path.empty()) {
      ctx.Report("OCI178", path().Field("path"), "missing; expected the full path of the node, such as /dev/fuse");
    } else if (d.path[0] != '/') {
      ctx.Report("OCI178", path().Field("path"), absl::StrCat(LintQuote(d.path), " is not a full path; expected a path such as /dev/fuse"));
    }
    if (d.file_mode && *d.file_mode > 0777) {
      std::string hint;
      if (*d.file_mode <= 777 && absl::StrCat(*d.file_mode).find_first_of("89") == std::string::npos) {
        uint32_t decimal = 0;
        for (const char c : absl::StrCat(*d.file_mode)) decimal = decimal * 8 + static_cast<uint32_t>(c - '0');
        hint = absl::StrCat(" (written in octal? 0", *d.file_mode, " is ", decimal, ")");
      }
      ctx.Report("OCI181", path().Field("fileMode"),
                 absl::StrCat(*d.file_mode, " is above 511 (0777)", hint, "; expected permission bits in decimal"));
    }
    if (!d.path.empty()) {
      if (const auto [it, inserted] = paths.emplace(d.path, i); !inserted) {
        ctx.Report("OCI179", path().Field("path"),
                   absl::StrCat(LintQuote(d.path), " is already linux.devices[", it->second, "]; expected one entry per path"));
      }
    }
    if (d.type == "c" || d.type == "b" || d.type == "u") {
      const std::string key = absl::StrCat(d.type == "u" ? "c" : d.type, " ", d.major, ":", d.minor);
      if (const auto [it, inserted] = numbers.emplace(key, i); !inserted) {
        ctx.Report("OCI180", path(), absl::StrCat(key, " is already linux.devices[", it->second, "]; expected each device once"));
      }
    }
  }
}

OCIKIT_INLINE void CheckResources(const LintContext& ctx, const LinuxResources& r) {
  for (size_t i = 0; i < r.devices.size(); ++i) {
    const LinuxDeviceCgroup& d = r.devices[i];
    const auto path = [&] { return ResourcesPath("devices").Index(i); };
    if (!d.type.empty() && d.type != "a" && d.type != "b" && d.type != "c") {
      ctx.Report("OCI184", path().Field("type"), absl::StrCat(LintQuote(d.type), " is not a device type; expected a, b or c"));
    }
    if (d.access.find_first_not_of("rwm") != std::string::npos) {
      ctx.Report("OCI185", path().Field("access"), absl::StrCat(LintQuote(d.access), " has letters other than r, w and m; expected a combination of rwm"));
    }
  }
  if (r.memory) {
    const LinuxMemory& m = *r.memory;
    if (m.limit && m.swap && *m.limit > 0 && *m.swap > 0 && *m.swap < *m.limit) {
      ctx.Report("OCI182", ResourcesPath("memory").Field("swap"),
                 absl::StrCat(*m.swap, " is below the memory limit ", *m.limit, "; expected memory+swap >= limit, or -1"));
    }
    if (m.limit && m.reservation && *m.limit > 0 && *m.reservation > *m.limit) {
      ctx.Report("OCI183", ResourcesPath("memory").Field("reservation"),
                 absl::StrCat(*m.reservation, " is above the memory limit ", *m.limit, "; expected reservation <= limit"));
    }
    if (m.swappiness && *m.swappiness > 100) {
      ctx.Report("OCI198", ResourcesPath("memory").Field("swappiness"), absl::StrCat(*m.swappiness, " is above 100; expected 0..100"));
    }
  }
  if (r.cpu) {
    const LinuxCPU& c = *r.cpu;
    if (c.burst && c.quota && *c.quota > 0 && *c.burst > static_cast<uint64_t>(*c.quota)) {
      ctx.Report("OCI188", ResourcesPath("cpu").Field("burst"),
                 absl::StrCat(*c.burst, " is larger than the quota ", *c.quota, "; expected burst <= quota"));
    }
    if (c.realtime_runtime && c.realtime_period && *c.realtime_runtime > 0 &&
        static_cast<uint64_t>(*c.realtime_runtime) > *c.realtime_period) {
      ctx.Report("OCI198", ResourcesPath("cpu").Field("realtimeRuntime"),
                 absl::StrCat(*c.realtime_runtime, " exceeds realtimePeriod ", *c.realtime_period, "; expected runtime <= period"));
    }
    if (c.idle && *c.idle != 0 && *c.idle != 1) {
      ctx.Report("OCI198", ResourcesPath("cpu").Field("idle"), absl::StrCat(*c.idle, " is not 0 or 1; expected 0 (default) or 1 (SCHED_IDLE)"));
    }
  }
  if (r.block_io) {
    const LinuxBlockIO& b = *r.block_io;
    const auto weight_range = [&](const std::optional<uint16_t>& w, FieldPath path) {
      if (w && *w != 0 && (*w < 10 || *w > 1000)) {
        ctx.Report("OCI198", std::move(path), absl::StrCat(*w, " is outside 10..1000; expected a blkio weight"));
      }
    };
    weight_range(b.weight, ResourcesPath("blockIO").Field("weight"));
    weight_range(b.leaf_weight, ResourcesPath("blockIO").Field("leafWeight"));
    for (size_t i = 0; i < b.weight_device.size(); ++i) {
      const LinuxWeightDevice& w = b.weight_device[i];
      const auto path = [&] { return ResourcesPath("blockIO").Field("weightDevice").Index(i); };
      if (!w.weight && !w.leaf_weight) {
        ctx.Report("OCI186", path(), absl::StrCat("device ", w.major, ":", w.minor, " has neither weight nor leafWeight; expected at least one"));
      }
      weight_range(w.weight, path().Field("weight"));
      weight_range(w.leaf_weight, path().Field("leafWeight"));
    }
  }
  static const RE2 kPageSize("[1-9][0-9]*[KMG]B");
  for (size_t i = 0; i < r.hugepage_limits.size(); ++i) {
    const std::string& size = r.hugepage_limits[i].page_size;
    if (!RE2::FullMatch(size, kPageSize)) {
      ctx.Report("OCI189", ResourcesPath("hugepageLimits").Index(i).Field("pageSize"),
                 absl::StrCat(LintQuote(size), " is not <size><unit>B; expected a size such as \"2MB\" or \"1GB\""));
    }
  }
  for (const auto& [device, limit] : r.rdma) {
    if (!limit.hca_handles && !limit.hca_objects) {
      ctx.Report("OCI187", ResourcesPath("rdma").Key(device), "has neither hcaHandles nor hcaObjects; expected at least one");
    }
  }
  for (const auto& [file, value] : r.unified) {
    if (file.find('/') != std::string::npos || file.find('.') == std::string::npos || file.front() == '.') {
      ctx.Report("OCI197", ResourcesPath("unified").Key(file),
                 absl::StrCat(LintQuote(file), " is not a cgroup v2 file name; expected <controller>.<name> such as memory.high"));
    }
  }
}

OCIKIT_INLINE void CheckSelinuxLabel(const LintContext& ctx, const std::string& label, FieldPath path, bool mount_label) {
  if (label.empty()) return;
  if (mount_label && label.find('z') != std::string::npos && label.find('Z') != std::string::npos) {
    ctx.Report("OCI192", path, absl::StrCat(LintQuote(label), " contains both 'z' and 'Z'; expected an SELinux context"));
    return;
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(label, ':');
  if (parts.size() < 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    ctx.Report("OCI192", std::move(path),
               absl::StrCat(LintQuote(label), " is not user:role:type[:level]; expected a context such as system_u:system_r:container_t:s0"),
               LintSeverity::kWarning);
  }
}

OCIKIT_INLINE void CheckLinuxMisc(const LintContext& ctx, const Linux& l) {
  static const std::vector<absl::string_view> kPropagation = {"shared", "slave", "private", "unbindable"};
  static const std::vector<absl::string_view> kRecursive = {"rshared", "rslave", "rprivate", "runbindable"};
  if (!l.rootfs_propagation.empty() && !LintContains(kPropagation, l.rootfs_propagation)) {
    const bool recursive = LintContains(kRecursive, l.rootfs_propagation);
    ctx.Report("OCI190", LinuxPath("rootfsPropagation"),
               absl::StrCat(LintQuote(l.rootfs_propagation),
                            recursive ? " is not in the schema's enum (runc and crun accept it)" : " is not a propagation mode",
                            "; expected one of ", LintOneOf(kPropagation), recursive ? "" : LintDidYouMean(l.rootfs_propagation, kPropagation)),
               recursive ? LintSeverity::kWarning : LintSeverity::kError);
  }
  for (const auto& [name, list] : {std::pair<absl::string_view, const std::vector<std::string>*>{"maskedPaths", &l.masked_paths},
                                   {"readonlyPaths", &l.readonly_paths}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].empty() || (*list)[i][0] != '/') {
        ctx.Report("OCI191", LinuxPath(name).Index(i), absl::StrCat(LintQuote((*list)[i]), " is not absolute; expected a path such as /proc/kcore"));
      }
    }
  }
  CheckSelinuxLabel(ctx, l.mount_label, LinuxPath("mountLabel"), true);
  if (ctx.spec.process) CheckSelinuxLabel(ctx, ctx.spec.process->selinux_label, LintPath("process", "selinuxLabel"), false);
  if (l.intel_rdt) {
    const LinuxIntelRdt& rdt = *l.intel_rdt;
    const FieldPath path = LinuxPath("intelRdt");
    if (!rdt.mem_bw_schema.empty() && (!absl::StartsWith(rdt.mem_bw_schema, "MB:") || rdt.mem_bw_schema.find('\n') != std::string::npos)) {
      ctx.Report("OCI193", path.Field("memBwSchema"), absl::StrCat(LintQuote(rdt.mem_bw_schema), " does not start with MB: or has a newline; expected one line such as \"MB:0=50\""));
    }
    if (!rdt.l3_cache_schema.empty() && !absl::StartsWith(rdt.l3_cache_schema, "L3:")) {
      ctx.Report("OCI193", path.Field("l3CacheSchema"), absl::StrCat(LintQuote(rdt.l3_cache_schema), " does not start with L3:; expected a schema such as \"L3:0=ffff\""),
                 LintSeverity::kWarning);
    }
    if (rdt.clos_id == "." || rdt.clos_id == ".." || rdt.clos_id.find('/') != std::string::npos) {
      ctx.Report("OCI193", path.Field("closID"), absl::StrCat(LintQuote(rdt.clos_id), " is not a directory name; expected a name without '/'"));
    }
    for (size_t i = 0; i < rdt.schemata.size(); ++i) {
      if (rdt.schemata[i].find('\n') != std::string::npos) {
        ctx.Report("OCI193", path.Field("schemata").Index(i), "contains a newline; expected one schemata line per entry", LintSeverity::kWarning);
      }
    }
  }
  if (l.memory_policy) {
    static const std::vector<absl::string_view> kModes = {"MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
                                                          "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL"};
    static const std::vector<absl::string_view> kFlags = {"MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES"};
    const LinuxMemoryPolicy& mp = *l.memory_policy;
    const FieldPath path = LinuxPath("memoryPolicy");
    if (!LintContains(kModes, mp.mode)) {
      ctx.Report("OCI194", path.Field("mode"), absl::StrCat(mp.mode.empty() ? "missing" : absl::StrCat(LintQuote(mp.mode), " is not a mode"),
                                                            "; expected one of ", LintOneOf(kModes), LintDidYouMean(mp.mode, kModes)));
    } else if ((mp.mode == "MPOL_DEFAULT" || mp.mode == "MPOL_LOCAL") && !mp.nodes.empty()) {
      ctx.Report("OCI194", path.Field("nodes"), absl::StrCat(LintQuote(mp.nodes), " is set for ", mp.mode, "; expected no nodes"));
    } else if (mp.mode != "MPOL_PREFERRED" && mp.mode != "MPOL_DEFAULT" && mp.mode != "MPOL_LOCAL" && mp.nodes.empty()) {
      ctx.Report("OCI194", path.Field("nodes"), absl::StrCat("empty for ", mp.mode, "; expected at least one node, such as \"0\""));
    }
    for (size_t i = 0; i < mp.flags.size(); ++i) {
      if (!LintContains(kFlags, mp.flags[i])) {
        ctx.Report("OCI194", path.Field("flags").Index(i), absl::StrCat(LintQuote(mp.flags[i]), " is not a flag; expected one of ", LintOneOf(kFlags)));
      }
    }
  }
  if (l.personality) {
    if (l.personality->domain != "LINUX" && l.personality->domain != "LINUX32") {
      ctx.Report("OCI195", LinuxPath("personality").Field("domain"),
                 absl::StrCat(l.personality->domain.empty() ? "missing" : absl::StrCat(LintQuote(l.personality->domain), " is not a domain"),
                              "; expected LINUX or LINUX32"));
    }
    if (!l.personality->flags.empty()) {
      ctx.Report("OCI195", LinuxPath("personality").Field("flags"), "set, but no flag values are supported; expected no flags",
                 LintSeverity::kWarning);
    }
  }
  if (!l.net_devices.empty() && FindNamespace(ctx.spec, kNetworkNamespace) == nullptr) {
    ctx.Report("OCI196", LinuxPath("netDevices"), "set without a network namespace; expected {\"type\": \"network\"} in linux.namespaces");
  }
  const auto bad_name = [](absl::string_view n) {
    return n.empty() || n.size() > 15 || n == "." || n == ".." || n.find_first_of("/: \t\n") != absl::string_view::npos;
  };
  for (const auto& [host_name, dev] : l.net_devices) {
    if (bad_name(host_name)) {
      ctx.Report("OCI196", LinuxPath("netDevices").Key(host_name), absl::StrCat(LintQuote(host_name), " is not an interface name; expected 1-15 bytes without '/', ':' or spaces"));
    }
    if (!dev.name.empty() && bad_name(dev.name)) {
      ctx.Report("OCI196", LinuxPath("netDevices").Key(host_name).Field("name"),
                 absl::StrCat(LintQuote(dev.name), " is not an interface name; expected 1-15 bytes without '/', ':' or spaces"));
    }
  }
}
}  // namespace internal

OCIKIT_INLINE void CheckLinuxConformance(const internal::LintContext& ctx) {
  if (!ctx.spec.linux_section) {
    if (!ctx.spec.hostname.empty() && ctx.platform == LintPlatform::kLinux) {
      ctx.Report("OCI176", internal::LintPath("hostname"), "set without a linux section and so without a UTS namespace; expected {\"type\": \"uts\"} in linux.namespaces");
    }
    return;
  }
  const Linux& l = *ctx.spec.linux_section;
  internal::CheckNamespaces(ctx, l);
  internal::CheckSysctls(ctx, l);
  internal::CheckHostnameAndTime(ctx, l);
  internal::CheckDevices(ctx, l);
  if (l.resources) internal::CheckResources(ctx, *l.resources);
  internal::CheckLinuxMisc(ctx, l);
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_CONFORMANCE_LINUX_INL_H_
