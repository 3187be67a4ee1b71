// File: spec/linux_resources.h
//
// `linux.resources` of config.json (runtime-spec v1.3.0, config-linux.md
// "Control groups"): cgroup limits for every controller.
//
// Example:
//   LinuxResources r;
//   r.pids = LinuxPids{.limit = 512};
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_LINUX_RESOURCES_H_
#define OCIKIT_SPEC_LINUX_RESOURCES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/json/field_list.h"

namespace ocikit {

// A device cgroup rule; absent major/minor/type mean "all".
struct LinuxDeviceCgroup {
  bool allow = false;
  std::string type;  // "a", "c" or "b"
  std::optional<int64_t> major;
  std::optional<int64_t> minor;
  std::string access;  // e.g. "rwm"
  json::UnknownFields unknown;

  bool operator==(const LinuxDeviceCgroup&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("allow", s.allow, json::kAlways);
    v("type", s.type, json::kOmitEmpty);
    v("major", s.major, json::kOmitEmpty);
    v("minor", s.minor, json::kOmitEmpty);
    v("access", s.access, json::kOmitEmpty);
  }
};

struct LinuxMemory {
  std::optional<int64_t> limit;
  std::optional<int64_t> reservation;
  std::optional<int64_t> swap;  // memory + swap
  std::optional<int64_t> kernel;  // deprecated upstream; ignored by cgroup v2
  std::optional<int64_t> kernel_tcp;
  std::optional<uint64_t> swappiness;
  std::optional<bool> disable_oom_killer;
  std::optional<bool> use_hierarchy;
  std::optional<bool> check_before_update;
  json::UnknownFields unknown;

  bool operator==(const LinuxMemory&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("limit", s.limit, json::kOmitEmpty);
    v("reservation", s.reservation, json::kOmitEmpty);
    v("swap", s.swap, json::kOmitEmpty);
    v("kernel", s.kernel, json::kOmitEmpty);
    v("kernelTCP", s.kernel_tcp, json::kOmitEmpty);
    v("swappiness", s.swappiness, json::kOmitEmpty);
    v("disableOOMKiller", s.disable_oom_killer, json::kOmitEmpty);
    v("useHierarchy", s.use_hierarchy, json::kOmitEmpty);
    v("checkBeforeUpdate", s.check_before_update, json::kOmitEmpty);
  }
};

struct LinuxCPU {
  std::optional<uint64_t> shares;
  std::optional<int64_t> quota;
  std::optional<uint64_t> burst;
  std::optional<uint64_t> period;
  std::optional<int64_t> realtime_runtime;
  std::optional<uint64_t> realtime_period;
  std::string cpus;
  std::string mems;
  std::optional<int64_t> idle;
  json::UnknownFields unknown;

  bool operator==(const LinuxCPU&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("shares", s.shares, json::kOmitEmpty);
    v("quota", s.quota, json::kOmitEmpty);
    v("burst", s.burst, json::kOmitEmpty);
    v("period", s.period, json::kOmitEmpty);
    v("realtimeRuntime", s.realtime_runtime, json::kOmitEmpty);
    v("realtimePeriod", s.realtime_period, json::kOmitEmpty);
    v("cpus", s.cpus, json::kOmitEmpty);
    v("mems", s.mems, json::kOmitEmpty);
    v("idle", s.idle, json::kOmitEmpty);
  }
};

struct LinuxPids {
  std::optional<int64_t> limit;
  json::UnknownFields unknown;

  bool operator==(const LinuxPids&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("limit", s.limit, json::kOmitEmpty);
  }
};

// A per-device blkio weight (Go embeds major/minor first).
struct LinuxWeightDevice {
  int64_t major = 0;
  int64_t minor = 0;
  std::optional<uint16_t> weight;
  std::optional<uint16_t> leaf_weight;
  json::UnknownFields unknown;

  bool operator==(const LinuxWeightDevice&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("major", s.major, json::kAlways);
    v("minor", s.minor, json::kAlways);
    v("weight", s.weight, json::kOmitEmpty);
    v("leafWeight", s.leaf_weight, json::kOmitEmpty);
  }
};

// A per-device blkio throttle rate (bytes or operations per second).
struct LinuxThrottleDevice {
  int64_t major = 0;
  int64_t minor = 0;
  uint64_t rate = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxThrottleDevice&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("major", s.major, json::kAlways);
    v("minor", s.minor, json::kAlways);
    v("rate", s.rate, json::kAlways);
  }
};

struct LinuxBlockIO {
  std::optional<uint16_t> weight;
  std::optional<uint16_t> leaf_weight;
  std::vector<LinuxWeightDevice> weight_device;
  std::vector<LinuxThrottleDevice> throttle_read_bps_device;
  std::vector<LinuxThrottleDevice> throttle_write_bps_device;
  std::vector<LinuxThrottleDevice> throttle_read_iops_device;
  std::vector<LinuxThrottleDevice> throttle_write_iops_device;
  json::UnknownFields unknown;

  bool operator==(const LinuxBlockIO&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("weight", s.weight, json::kOmitEmpty);
    v("leafWeight", s.leaf_weight, json::kOmitEmpty);
    v("weightDevice", s.weight_device, json::kOmitEmpty);
    v("throttleReadBpsDevice", s.throttle_read_bps_device, json::kOmitEmpty);
    v("throttleWriteBpsDevice", s.throttle_write_bps_device, json::kOmitEmpty);
    v("throttleReadIOPSDevice", s.throttle_read_iops_device, json::kOmitEmpty);
    v("throttleWriteIOPSDevice", s.throttle_write_iops_device, json::kOmitEmpty);
  }
};

struct LinuxHugepageLimit {
  std::string page_size;  // e.g. "2MB"
  uint64_t limit = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxHugepageLimit&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("pageSize", s.page_size, json::kAlways);
    v("limit", s.limit, json::kAlways);
  }
};

struct LinuxInterfacePriority {
  std::string name;
  uint32_t priority = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxInterfacePriority&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("name", s.name, json::kAlways);
    v("priority", s.priority, json::kAlways);
  }
};

struct LinuxNetwork {
  std::optional<uint32_t> class_id;
  std::vector<LinuxInterfacePriority> priorities;
  json::UnknownFields unknown;

  bool operator==(const LinuxNetwork&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("classID", s.class_id, json::kOmitEmpty);
    v("priorities", s.priorities, json::kOmitEmpty);
  }
};

struct LinuxRdma {
  std::optional<uint32_t> hca_handles;
  std::optional<uint32_t> hca_objects;
  json::UnknownFields unknown;

  bool operator==(const LinuxRdma&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("hcaHandles", s.hca_handles, json::kOmitEmpty);
    v("hcaObjects", s.hca_objects, json::kOmitEmpty);
  }
};

struct LinuxResources {
  std::vector<LinuxDeviceCgroup> devices;
  std::optional<LinuxMemory> memory;
  std::optional<LinuxCPU> cpu;
  std::optional<LinuxPids> pids;
  std::optional<LinuxBlockIO> block_io;
  std::vector<LinuxHugepageLimit> hugepage_limits;
  std::optional<LinuxNetwork> network;
  std::map<std::string, LinuxRdma> rdma;        // by device name
  std::map<std::string, std::string> unified;  // cgroup v2 file -> value
  json::UnknownFields unknown;

  bool operator==(const LinuxResources&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("devices", s.devices, json::kOmitEmpty);
    v("memory", s.memory, json::kOmitEmpty);
    v("cpu", s.cpu, json::kOmitEmpty);
    v("pids", s.pids, json::kOmitEmpty);
    v("blockIO", s.block_io, json::kOmitEmpty);
    v("hugepageLimits", s.hugepage_limits, json::kOmitEmpty);
    v("network", s.network, json::kOmitEmpty);
    v("rdma", s.rdma, json::kOmitEmpty);
    v("unified", s.unified, json::kOmitEmpty);
  }
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_LINUX_RESOURCES_H_
