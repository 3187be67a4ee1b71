// File: spec/linux.h
//
// The `linux` section of config.json (runtime-spec v1.3.0, config-linux.md):
// namespaces, id mappings, devices, sysctls, cgroups, seccomp, masked paths
// and the other Linux-only settings.
//
// Example:
//   Linux l;
//   l.namespaces.emplace_back().type = "pid";
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_LINUX_H_
#define OCIKIT_SPEC_LINUX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "spec/json/field_list.h"
#include "spec/linux_resources.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// Namespace type names as config.json spells them.
inline constexpr absl::string_view kPidNamespace = "pid";
inline constexpr absl::string_view kNetworkNamespace = "network";
inline constexpr absl::string_view kMountNamespace = "mount";
inline constexpr absl::string_view kIpcNamespace = "ipc";
inline constexpr absl::string_view kUtsNamespace = "uts";
inline constexpr absl::string_view kUserNamespace = "user";
inline constexpr absl::string_view kCgroupNamespace = "cgroup";
inline constexpr absl::string_view kTimeNamespace = "time";

struct LinuxNamespace {
  std::string type;
  std::string path;  // join this namespace instead of creating one
  json::UnknownFields unknown;

  bool operator==(const LinuxNamespace&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("type", s.type, json::kAlways);
    v("path", s.path, json::kOmitEmpty);
  }
};

// `size` ids starting at `container_id` map to ids starting at `host_id`.
struct LinuxIDMapping {
  uint32_t container_id = 0;
  uint32_t host_id = 0;
  uint32_t size = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxIDMapping&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("containerID", s.container_id, json::kAlways);
    v("hostID", s.host_id, json::kAlways);
    v("size", s.size, json::kAlways);
  }
};

// A device node created in the container.
struct LinuxDevice {
  std::string path;
  std::string type;  // "c", "b", "u" or "p"
  int64_t major = 0;
  int64_t minor = 0;
  std::optional<uint32_t> file_mode;
  std::optional<uint32_t> uid;
  std::optional<uint32_t> gid;
  json::UnknownFields unknown;

  bool operator==(const LinuxDevice&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("path", s.path, json::kAlways);
    v("type", s.type, json::kAlways);
    v("major", s.major, json::kAlways);
    v("minor", s.minor, json::kAlways);
    v("fileMode", s.file_mode, json::kOmitEmpty);
    v("uid", s.uid, json::kOmitEmpty);
    v("gid", s.gid, json::kOmitEmpty);
  }
};

// A host network device moved into the container (new in v1.3.0).
struct LinuxNetDevice {
  std::string name;  // name inside the container
  json::UnknownFields unknown;

  bool operator==(const LinuxNetDevice&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("name", s.name, json::kOmitEmpty);
  }
};

// Intel RDT (resctrl) class of service and monitoring.
struct LinuxIntelRdt {
  std::string clos_id;
  std::vector<std::string> schemata;
  std::string l3_cache_schema;
  std::string mem_bw_schema;
  bool enable_monitoring = false;
  json::UnknownFields unknown;

  bool operator==(const LinuxIntelRdt&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("closID", s.clos_id, json::kOmitEmpty);
    v("schemata", s.schemata, json::kOmitEmpty);
    v("l3CacheSchema", s.l3_cache_schema, json::kOmitEmpty);
    v("memBwSchema", s.mem_bw_schema, json::kOmitEmpty);
    v("enableMonitoring", s.enable_monitoring, json::kOmitEmpty);
  }
};

// NUMA memory policy, set_mempolicy(2) (new in v1.3.0).
struct LinuxMemoryPolicy {
  std::string mode;   // e.g. "MPOL_BIND"
  std::string nodes;  // e.g. "0-3,7"
  std::vector<std::string> flags;
  json::UnknownFields unknown;

  bool operator==(const LinuxMemoryPolicy&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("mode", s.mode, json::kAlways);
    v("nodes", s.nodes, json::kAlways);
    v("flags", s.flags, json::kOmitEmpty);
  }
};

// personality(2) execution domain.
struct LinuxPersonality {
  std::string domain;  // "LINUX" or "LINUX32"
  std::vector<std::string> flags;
  json::UnknownFields unknown;

  bool operator==(const LinuxPersonality&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("domain", s.domain, json::kAlways);
    v("flags", s.flags, json::kOmitEmpty);
  }
};

// Clock offset for the time namespace.
struct LinuxTimeOffset {
  int64_t secs = 0;
  uint32_t nanosecs = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxTimeOffset&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("secs", s.secs, json::kOmitEmpty);
    v("nanosecs", s.nanosecs, json::kOmitEmpty);
  }
};

struct Linux {
  std::vector<LinuxIDMapping> uid_mappings;
  std::vector<LinuxIDMapping> gid_mappings;
  std::map<std::string, std::string> sysctl;
  std::optional<LinuxResources> resources;
  std::string cgroups_path;
  std::vector<LinuxNamespace> namespaces;
  std::vector<LinuxDevice> devices;
  std::map<std::string, LinuxNetDevice> net_devices;  // by host interface name
  std::optional<LinuxSeccomp> seccomp;
  std::string rootfs_propagation;
  std::vector<std::string> masked_paths;
  std::vector<std::string> readonly_paths;
  std::string mount_label;
  std::optional<LinuxIntelRdt> intel_rdt;
  std::optional<LinuxMemoryPolicy> memory_policy;
  std::optional<LinuxPersonality> personality;
  std::map<std::string, LinuxTimeOffset> time_offsets;  // "boottime", "monotonic"
  json::UnknownFields unknown;

  bool operator==(const Linux&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("uidMappings", s.uid_mappings, json::kOmitEmpty);
    v("gidMappings", s.gid_mappings, json::kOmitEmpty);
    v("sysctl", s.sysctl, json::kOmitEmpty);
    v("resources", s.resources, json::kOmitEmpty);
    v("cgroupsPath", s.cgroups_path, json::kOmitEmpty);
    v("namespaces", s.namespaces, json::kOmitEmpty);
    v("devices", s.devices, json::kOmitEmpty);
    v("netDevices", s.net_devices, json::kOmitEmpty);
    v("seccomp", s.seccomp, json::kOmitEmpty);
    v("rootfsPropagation", s.rootfs_propagation, json::kOmitEmpty);
    v("maskedPaths", s.masked_paths, json::kOmitEmpty);
    v("readonlyPaths", s.readonly_paths, json::kOmitEmpty);
    v("mountLabel", s.mount_label, json::kOmitEmpty);
    v("intelRdt", s.intel_rdt, json::kOmitEmpty);
    v("memoryPolicy", s.memory_policy, json::kOmitEmpty);
    v("personality", s.personality, json::kOmitEmpty);
    v("timeOffsets", s.time_offsets, json::kOmitEmpty);
  }
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_LINUX_H_
