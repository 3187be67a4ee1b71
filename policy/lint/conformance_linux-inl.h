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
#include "policy/lint/patterns.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/sysctls.h"
#include "spec/opts/userns.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE void CheckNamespaces(const LintContext& ctx, const Linux& l) {
  static const std::vector<absl::string_view> types(NamespaceTypes().begin(), NamespaceTypes().end());
  absl::flat_hash_map<absl::string_view, size_t> seen;
  for (size_t i = 0; i < l.namespaces.size(); ++i) {
    const LinuxNamespace& ns = l.namespaces[i];
    const auto path = [&] { return LinuxPath("namespaces").Index(i); };
    if (!LintContains(types, ns.type)) {
      ctx.Report(rules::kNamespaceTypeInvalid, path().Field("type"),
                 absl::StrCat(ns.type.empty() ? "missing" : absl::StrCat(LintQuote(ns.type), " is not a namespace type"),
                              "; expected one of ", LintOneOf(types), LintDidYouMean(ns.type, types)));
    }
    if (const auto [it, inserted] = seen.emplace(ns.type, i); !inserted) {
      ctx.Report(rules::kNamespaceDuplicate, path().Field("type"),
                 absl::StrCat(LintQuote(ns.type), " is already listed as linux.namespaces[", it->second, "]; expected one entry per type"));
    }
    if (!ns.path.empty() && ns.path[0] != '/') {
      ctx.Report(rules::kNamespacePathAbsolute, path().Field("path"), absl::StrCat(LintQuote(ns.path), " is not absolute; expected a path such as /proc/1234/ns/", ns.type));
    }
  }
  const LinuxNamespace* user = FindNamespace(ctx.spec, kUserNamespace);
  const bool mappings = !l.uid_mappings.empty() || !l.gid_mappings.empty();
  if (mappings && user == nullptr) {
    ctx.Report(rules::kIdMappingsWithoutUserns, LinuxPath(l.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
               "set without a user namespace; expected {\"type\": \"user\"} in linux.namespaces");
  } else if (mappings && !user->path.empty()) {
    ctx.Report(rules::kIdMappingsWithoutUserns, LinuxPath(l.uid_mappings.empty() ? "gidMappings" : "uidMappings"),
               absl::StrCat("ignored: the user namespace is joined (", LintQuote(user->path), "); expected a new user namespace"),
               LintSeverity::kWarning);
  } else if (user != nullptr && user->path.empty() && (l.uid_mappings.empty() || l.gid_mappings.empty())) {
    ctx.Report(rules::kUsernsMappings, LinuxPath(l.uid_mappings.empty() ? "uidMappings" : "gidMappings"),
               "missing for the new user namespace (runc refuses it; crun maps the calling user); expected both uidMappings and gidMappings");
  }
}

OCIKIT_INLINE void CheckIdMappingList(const LintContext& ctx, const std::vector<LinuxIDMapping>& maps,
                                      const FieldPath& path) {
  bool each_ok = true;
  for (size_t i = 0; i < maps.size(); ++i) {
    if (absl::Status s = ValidateIDMappings({maps[i]}); !s.ok()) {
      ctx.Report(rules::kIdMappingRange, path.Index(i), absl::StrCat(s.message(), "; the kernel refuses it (EINVAL)"));
      each_ok = false;
    }
  }
  if (!each_ok) return;
  if (absl::Status s = ValidateIDMappings(maps); !s.ok()) {
    ctx.Report(rules::kIdMappingRange, path, absl::StrCat(s.message(), "; the kernel refuses it (EINVAL)"));
  }
}

OCIKIT_INLINE void CheckIdMappings(const LintContext& ctx) {
  if (!ctx.On(rules::kIdMappingRange)) return;
  if (ctx.spec.linux_section) {
    CheckIdMappingList(ctx, ctx.spec.linux_section->uid_mappings, LinuxPath("uidMappings"));
    CheckIdMappingList(ctx, ctx.spec.linux_section->gid_mappings, LinuxPath("gidMappings"));
  }
  for (size_t i = 0; i < ctx.spec.mounts.size(); ++i) {
    const Mount& m = ctx.spec.mounts[i];
    CheckIdMappingList(ctx, m.uid_mappings, FieldPath().Field("mounts").Index(i).Field("uidMappings"));
    CheckIdMappingList(ctx, m.gid_mappings, FieldPath().Field("mounts").Index(i).Field("gidMappings"));
  }
}

OCIKIT_INLINE void CheckSysctls(const LintContext& ctx, const Linux& l) {
  for (const auto& [key, value] : l.sysctl) {
    const auto path = [&key = key] { return LinuxPath("sysctl").Key(key); };
    const std::string dotted = NormalizeSysctlKey(key);
    if (absl::StartsWith(dotted, "user.")) {
      if (FindNamespace(ctx.spec, kUserNamespace) == nullptr) {
        ctx.Report(rules::kSysctlNamespace, path(), "needs a user namespace, but the spec shares the host's; expected {\"type\": \"user\"} in linux.namespaces");
      }
      continue;
    }
    if (absl::Status s = CheckSysctlAllowed(ctx.spec, dotted); !s.ok()) {
      ctx.Report(rules::kSysctlNamespace, path(), std::string(s.message()));
      continue;
    }
    if (absl::StartsWith(dotted, "fs.mqueue.") && FindNamespace(ctx.spec, kMountNamespace) == nullptr) {
      ctx.Report(rules::kSysctlNamespace, path(), "needs a mount namespace too (runtime-tools); expected {\"type\": \"mount\"} in linux.namespaces",
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
      ctx.Report(rules::kHostnameWithoutUts, LintPath(field), "set without a UTS namespace, which would rename the host; expected {\"type\": \"uts\"} in linux.namespaces");
    } else if (!uts->path.empty()) {
      ctx.Report(rules::kHostnameWithoutUts, LintPath(field),
                 absl::StrCat("set on a joined UTS namespace (", LintQuote(uts->path), "), renaming every process in it; expected a new UTS namespace"),
                 LintSeverity::kWarning);
    }
  }
  if (l.time_offsets.empty()) return;
  const LinuxNamespace* time = FindNamespace(ctx.spec, kTimeNamespace);
  if (time == nullptr || !time->path.empty()) {
    ctx.Report(rules::kTimeOffsetsWithoutTimens, LinuxPath("timeOffsets"),
               time == nullptr ? "set without a time namespace; expected {\"type\": \"time\"} in linux.namespaces"
                               : "set for a joined time namespace; expected a new time namespace");
  }
  for (const auto& [clock, offset] : l.time_offsets) {
    if (clock != "boottime" && clock != "monotonic") {
      ctx.Report(rules::kTimeOffsetsWithoutTimens, LinuxPath("timeOffsets").Key(clock),
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
      ctx.Report(rules::kDeviceInvalid, path().Field("type"),
                 absl::StrCat(d.type.empty() ? "missing" : absl::StrCat(LintQuote(d.type), " is not a device type"),
                              "; expected c, b, u or p"));
    } else if (d.type == "p" && (d.major != 0 || d.minor != 0)) {
      ctx.Report(rules::kDeviceInvalid, path().Field("major"), absl::StrCat(d.major, ":", d.minor, " for a FIFO; expected no major and minor"),
                 LintSeverity::kWarning);
    } else if (d.type != "p" && (d.major < 0 || d.minor < 0)) {
      ctx.Report(rules::kDeviceInvalid, path().Field(d.major < 0 ? "major" : "minor"), absl::StrCat(d.major, ":", d.minor, " is negative; expected device numbers"));
    } else if (d.type != "p" && d.major == 0) {
      ctx.Report(rules::kDeviceInvalid, path().Field("major"),
                 "0 is reserved for unnamed devices; expected the device's major number (REQUIRED unless type is p)",
                 LintSeverity::kWarning);
    }
    if (d.path.empty()) {
      ctx.Report(rules::kDeviceInvalid, path().Field("path"), "missing; expected the full path of the node, such as /dev/fuse");
    } else if (d.path[0] != '/') {
      ctx.Report(rules::kDeviceInvalid, path().Field("path"), absl::StrCat(LintQuote(d.path), " is not a full path; expected a path such as /dev/fuse"));
    }
    if (d.file_mode && *d.file_mode > 0777) {
      std::string hint;
      if (*d.file_mode <= 777 && absl::StrCat(*d.file_mode).find_first_of("89") == std::string::npos) {
        uint32_t decimal = 0;
        for (const char c : absl::StrCat(*d.file_mode)) decimal = decimal * 8 + static_cast<uint32_t>(c - '0');
        hint = absl::StrCat(" (written in octal? 0", *d.file_mode, " is ", decimal, ")");
      }
      ctx.Report(rules::kDeviceFileMode, path().Field("fileMode"),
                 absl::StrCat(*d.file_mode, " is above 511 (0777)", hint, "; expected permission bits in decimal"));
    }
    if (!d.path.empty()) {
      if (const auto [it, inserted] = paths.emplace(d.path, i); !inserted) {
        ctx.Report(rules::kDevicePathDuplicate, path().Field("path"),
                   absl::StrCat(LintQuote(d.path), " is already linux.devices[", it->second, "]; expected one entry per path"));
      }
    }
    if (d.type == "c" || d.type == "b" || d.type == "u") {
      const std::string key = absl::StrCat(d.type == "u" ? "c" : d.type, " ", d.major, ":", d.minor);
      if (const auto [it, inserted] = numbers.emplace(key, i); !inserted) {
        ctx.Report(rules::kDeviceNumberDuplicate, path(), absl::StrCat(key, " is already linux.devices[", it->second, "]; expected each device once"));
      }
    }
  }
}

OCIKIT_INLINE void CheckMemoryResources(const LintContext& ctx, const LinuxResources& r) {
  if (r.memory) {
    const LinuxMemory& m = *r.memory;
    if (m.limit && m.swap && *m.limit > 0 && *m.swap > 0 && *m.swap < *m.limit) {
      ctx.Report(rules::kMemorySwapBelowLimit, ResourcesPath("memory").Field("swap"),
                 absl::StrCat(*m.swap, " is below the memory limit ", *m.limit, "; expected memory+swap >= limit, or -1"));
    }
    if (m.limit && m.reservation && *m.limit > 0 && *m.reservation > *m.limit) {
      ctx.Report(rules::kMemoryReservationAboveLimit, ResourcesPath("memory").Field("reservation"),
                 absl::StrCat(*m.reservation, " is above the memory limit ", *m.limit, "; expected reservation <= limit"));
    }
    if (m.swappiness && *m.swappiness > 100) {
      ctx.Report(rules::kResourceValueRange, ResourcesPath("memory").Field("swappiness"), absl::StrCat(*m.swappiness, " is above 100; expected 0..100"));
    }
  }
}

OCIKIT_INLINE void CheckCpuResources(const LintContext& ctx, const LinuxResources& r) {
  if (r.cpu) {
    const LinuxCPU& c = *r.cpu;
    if (c.burst && c.quota && *c.quota > 0 && *c.burst > static_cast<uint64_t>(*c.quota)) {
      ctx.Report(rules::kCpuBurstAboveQuota, ResourcesPath("cpu").Field("burst"),
                 absl::StrCat(*c.burst, " is larger than the quota ", *c.quota, "; expected burst <= quota"));
    }
    if (c.realtime_runtime && c.realtime_period && *c.realtime_runtime > 0 &&
        static_cast<uint64_t>(*c.realtime_runtime) > *c.realtime_period) {
      ctx.Report(rules::kResourceValueRange, ResourcesPath("cpu").Field("realtimeRuntime"),
                 absl::StrCat(*c.realtime_runtime, " exceeds realtimePeriod ", *c.realtime_period, "; expected runtime <= period"));
    }
    if (c.idle && *c.idle != 0 && *c.idle != 1) {
      ctx.Report(rules::kResourceValueRange, ResourcesPath("cpu").Field("idle"), absl::StrCat(*c.idle, " is not 0 or 1; expected 0 (default) or 1 (SCHED_IDLE)"));
    }
  }
}

OCIKIT_INLINE void CheckBlockIoResources(const LintContext& ctx, const LinuxResources& r) {
  if (r.block_io) {
    const LinuxBlockIO& b = *r.block_io;
    const auto weight_range = [&](const std::optional<uint16_t>& w, FieldPath path) {
      if (w && *w != 0 && (*w < 10 || *w > 1000)) {
        ctx.Report(rules::kResourceValueRange, std::move(path), absl::StrCat(*w, " is outside 10..1000; expected a blkio weight"));
      }
    };
    weight_range(b.weight, ResourcesPath("blockIO").Field("weight"));
    weight_range(b.leaf_weight, ResourcesPath("blockIO").Field("leafWeight"));
    for (size_t i = 0; i < b.weight_device.size(); ++i) {
      const LinuxWeightDevice& w = b.weight_device[i];
      const auto path = [&] { return ResourcesPath("blockIO").Field("weightDevice").Index(i); };
      if (!w.weight && !w.leaf_weight) {
        ctx.Report(rules::kWeightDeviceEmpty, path(), absl::StrCat("device ", w.major, ":", w.minor, " has neither weight nor leafWeight; expected at least one"));
      }
      weight_range(w.weight, path().Field("weight"));
      weight_range(w.leaf_weight, path().Field("leafWeight"));
    }
  }
}

OCIKIT_INLINE void CheckResources(const LintContext& ctx, const LinuxResources& r) {
  for (size_t i = 0; i < r.devices.size(); ++i) {
    const LinuxDeviceCgroup& d = r.devices[i];
    const auto path = [&] { return ResourcesPath("devices").Index(i); };
    if (!d.type.empty() && d.type != "a" && d.type != "b" && d.type != "c") {
      ctx.Report(rules::kDeviceCgroupType, path().Field("type"), absl::StrCat(LintQuote(d.type), " is not a device type; expected a, b or c"));
    }
    if (d.access.find_first_not_of("rwm") != std::string::npos) {
      ctx.Report(rules::kDeviceCgroupAccess, path().Field("access"), absl::StrCat(LintQuote(d.access), " has letters other than r, w and m; expected a combination of rwm"));
    }
  }
  CheckMemoryResources(ctx, r);
  CheckCpuResources(ctx, r);
  CheckBlockIoResources(ctx, r);
  for (size_t i = 0; i < r.hugepage_limits.size(); ++i) {
    const std::string& size = r.hugepage_limits[i].page_size;
    if (!IsHugepageSize(size)) {
      ctx.Report(rules::kHugepageSizeInvalid, ResourcesPath("hugepageLimits").Index(i).Field("pageSize"),
                 absl::StrCat(LintQuote(size), " is not <size><unit>B; expected a size such as \"2MB\" or \"1GB\""));
    }
  }
  for (const auto& [device, limit] : r.rdma) {
    if (!limit.hca_handles && !limit.hca_objects) {
      ctx.Report(rules::kRdmaLimitEmpty, ResourcesPath("rdma").Key(device), "has neither hcaHandles nor hcaObjects; expected at least one");
    }
  }
  for (const auto& [file, value] : r.unified) {
    if (file.find('/') != std::string::npos || file.find('.') == std::string::npos || file.front() == '.') {
      ctx.Report(rules::kUnifiedKeyInvalid, ResourcesPath("unified").Key(file),
                 absl::StrCat(LintQuote(file), " is not a cgroup v2 file name; expected <controller>.<name> such as memory.high"));
    }
  }
}

OCIKIT_INLINE void CheckSelinuxLabel(const LintContext& ctx, const std::string& label, FieldPath path, bool mount_label) {
  if (label.empty()) return;
  if (mount_label && label.find('z') != std::string::npos && label.find('Z') != std::string::npos) {
    ctx.Report(rules::kSelinuxLabelInvalid, path, absl::StrCat(LintQuote(label), " contains both 'z' and 'Z'; expected an SELinux context"));
    return;
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(label, ':');
  if (parts.size() < 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    ctx.Report(rules::kSelinuxLabelInvalid, std::move(path),
               absl::StrCat(LintQuote(label), " is not user:role:type[:level]; expected a context such as system_u:system_r:container_t:s0"),
               LintSeverity::kWarning);
  }
}

OCIKIT_INLINE void CheckIntelRdt(const LintContext& ctx, const Linux& l) {
  if (l.intel_rdt) {
    const LinuxIntelRdt& rdt = *l.intel_rdt;
    const FieldPath path = LinuxPath("intelRdt");
    if (!rdt.mem_bw_schema.empty() && (!absl::StartsWith(rdt.mem_bw_schema, "MB:") || rdt.mem_bw_schema.find('\n') != std::string::npos)) {
      ctx.Report(rules::kIntelRdtInvalid, path.Field("memBwSchema"), absl::StrCat(LintQuote(rdt.mem_bw_schema), " does not start with MB: or has a newline; expected one line such as \"MB:0=50\""));
    }
    if (!rdt.l3_cache_schema.empty() && !absl::StartsWith(rdt.l3_cache_schema, "L3:")) {
      ctx.Report(rules::kIntelRdtInvalid, path.Field("l3CacheSchema"), absl::StrCat(LintQuote(rdt.l3_cache_schema), " does not start with L3:; expected a schema such as \"L3:0=ffff\""),
                 LintSeverity::kWarning);
    }
    if (rdt.clos_id == "." || rdt.clos_id == ".." || rdt.clos_id.find('/') != std::string::npos) {
      ctx.Report(rules::kIntelRdtInvalid, path.Field("closID"), absl::StrCat(LintQuote(rdt.clos_id), " is not a directory name; expected a name without '/'"));
    }
    for (size_t i = 0; i < rdt.schemata.size(); ++i) {
      if (rdt.schemata[i].find('\n') != std::string::npos) {
        ctx.Report(rules::kIntelRdtInvalid, path.Field("schemata").Index(i), "contains a newline; expected one schemata line per entry", LintSeverity::kWarning);
      }
    }
  }
}

OCIKIT_INLINE void CheckMemoryPolicy(const LintContext& ctx, const Linux& l) {
  if (l.memory_policy) {
    static const std::vector<absl::string_view> kModes = {"MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
                                                          "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL"};
    static const std::vector<absl::string_view> kFlags = {"MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES"};
    const LinuxMemoryPolicy& mp = *l.memory_policy;
    const FieldPath path = LinuxPath("memoryPolicy");
    if (!LintContains(kModes, mp.mode)) {
      ctx.Report(rules::kMemoryPolicyInvalid, path.Field("mode"), absl::StrCat(mp.mode.empty() ? "missing" : absl::StrCat(LintQuote(mp.mode), " is not a mode"),
                                                            "; expected one of ", LintOneOf(kModes), LintDidYouMean(mp.mode, kModes)));
    } else if ((mp.mode == "MPOL_DEFAULT" || mp.mode == "MPOL_LOCAL") && !mp.nodes.empty()) {
      ctx.Report(rules::kMemoryPolicyInvalid, path.Field("nodes"), absl::StrCat(LintQuote(mp.nodes), " is set for ", mp.mode, "; expected no nodes"));
    } else if (mp.mode != "MPOL_PREFERRED" && mp.mode != "MPOL_DEFAULT" && mp.mode != "MPOL_LOCAL" && mp.nodes.empty()) {
      ctx.Report(rules::kMemoryPolicyInvalid, path.Field("nodes"), absl::StrCat("empty for ", mp.mode, "; expected at least one node, such as \"0\""));
    }
    for (size_t i = 0; i < mp.flags.size(); ++i) {
      if (!LintContains(kFlags, mp.flags[i])) {
        ctx.Report(rules::kMemoryPolicyInvalid, path.Field("flags").Index(i), absl::StrCat(LintQuote(mp.flags[i]), " is not a flag; expected one of ", LintOneOf(kFlags)));
      }
    }
  }
}

OCIKIT_INLINE void CheckNetDevices(const LintContext& ctx, const Linux& l) {
  if (!l.net_devices.empty() && FindNamespace(ctx.spec, kNetworkNamespace) == nullptr) {
    ctx.Report(rules::kNetDeviceInvalid, LinuxPath("netDevices"), "set without a network namespace; expected {\"type\": \"network\"} in linux.namespaces");
  }
  const auto bad_name = [](absl::string_view n) {
    return n.empty() || n.size() > 15 || n == "." || n == ".." || n.find_first_of("/: \t\n") != absl::string_view::npos;
  };
  for (const auto& [host_name, dev] : l.net_devices) {
    if (bad_name(host_name)) {
      ctx.Report(rules::kNetDeviceInvalid, LinuxPath("netDevices").Key(host_name), absl::StrCat(LintQuote(host_name), " is not an interface name; expected 1-15 bytes without '/', ':' or spaces"));
    }
    if (!dev.name.empty() && bad_name(dev.name)) {
      ctx.Report(rules::kNetDeviceInvalid, LinuxPath("netDevices").Key(host_name).Field("name"),
                 absl::StrCat(LintQuote(dev.name), " is not an interface name; expected 1-15 bytes without '/', ':' or spaces"));
    }
  }
}

OCIKIT_INLINE void CheckLinuxMisc(const LintContext& ctx, const Linux& l) {
  static const std::vector<absl::string_view> kPropagation = {"shared", "slave", "private", "unbindable"};
  static const std::vector<absl::string_view> kRecursive = {"rshared", "rslave", "rprivate", "runbindable"};
  if (!l.rootfs_propagation.empty() && !LintContains(kPropagation, l.rootfs_propagation)) {
    // The schema's enum is a MUST: the recursive forms are an error too, with
    // a message that says runc and crun read them.
    const bool recursive = LintContains(kRecursive, l.rootfs_propagation);
    ctx.Report(rules::kRootfsPropagationInvalid, LinuxPath("rootfsPropagation"),
               absl::StrCat(LintQuote(l.rootfs_propagation),
                            recursive ? " is not one of the schema's values (runc and crun read it as an extension; other "
                                        "runtimes may refuse it)"
                                      : " is not a propagation mode",
                            "; expected one of ", LintOneOf(kPropagation), recursive ? "" : LintDidYouMean(l.rootfs_propagation, kPropagation)));
  }
  for (const auto& [name, list] : {std::pair<absl::string_view, const std::vector<std::string>*>{"maskedPaths", &l.masked_paths},
                                   {"readonlyPaths", &l.readonly_paths}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].empty() || (*list)[i][0] != '/') {
        ctx.Report(rules::kPathNotAbsolute, LinuxPath(name).Index(i), absl::StrCat(LintQuote((*list)[i]), " is not absolute; expected a path such as /proc/kcore"));
      }
    }
  }
  CheckSelinuxLabel(ctx, l.mount_label, LinuxPath("mountLabel"), true);
  if (ctx.spec.process) CheckSelinuxLabel(ctx, ctx.spec.process->selinux_label, LintPath("process", "selinuxLabel"), false);
  CheckIntelRdt(ctx, l);
  CheckMemoryPolicy(ctx, l);
  if (l.personality) {
    if (l.personality->domain != "LINUX" && l.personality->domain != "LINUX32") {
      ctx.Report(rules::kPersonalityInvalid, LinuxPath("personality").Field("domain"),
                 absl::StrCat(l.personality->domain.empty() ? "missing" : absl::StrCat(LintQuote(l.personality->domain), " is not a domain"),
                              "; expected LINUX or LINUX32"));
    }
    if (!l.personality->flags.empty()) {
      ctx.Report(rules::kPersonalityInvalid, LinuxPath("personality").Field("flags"), "set, but no flag values are supported; expected no flags",
                 LintSeverity::kWarning);
    }
  }
  CheckNetDevices(ctx, l);
}
}  // namespace internal

OCIKIT_INLINE void CheckLinuxConformance(const internal::LintContext& ctx) {
  if (ctx.platform != LintPlatform::kLinux) return;
  internal::CheckIdMappings(ctx);
  if (!ctx.spec.linux_section) {
    if (!ctx.spec.hostname.empty()) {
      ctx.Report(rules::kHostnameWithoutUts, internal::LintPath("hostname"), "set without a linux section and so without a UTS namespace; expected {\"type\": \"uts\"} in linux.namespaces");
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
