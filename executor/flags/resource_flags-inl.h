// File: executor/flags/resource_flags-inl.h
//
// Definitions of executor/flags/resource_flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_INL_H_

#include "executor/flags/resource_flags.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <map>
#include <optional>
#include <limits>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "executor/flags/arg_parser.h"
#include "spec/opts/devices.h"
#include "spec/opts/mounts.h"
#include "spec/opts/cgroups.h"
#include "spec/opts/resources.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/sysctls.h"

namespace ocikit {

OCIKIT_INLINE void AddResourceFlags(FlagSet& set, ResourceFlags& r) {
  using internal::Parsed;
  using internal::ParsedAppend;
  using internal::ParseInteger;
  set.Add({"rlimit-preset", 0, "NAME", "rlimits to start from: containerd (NOFILE 1024:1024, default), systemd "
           "(NOFILE 1024:524288) or inherit (none: the runtime's own)",
           [&r](absl::string_view v) {
             if (v != "inherit" && v != "containerd" && v != "systemd") {
               return absl::InvalidArgumentError("expected inherit, containerd or systemd");
             }
             r.rlimit_preset = std::string(v);
             return absl::OkStatus();
           }});
  set.Add({"ulimit", 0, "NAME=SOFT[:HARD]", "set an rlimit, e.g. nofile=1024:2048, nproc=unlimited; repeatable",
           ParsedAppend(r.ulimits, [](absl::string_view v) { return ParseUlimit(v); })});
  set.Add({"memory", 'm', "SIZE", "memory limit, e.g. 512m, 1g",
           Parsed(r.memory, [](absl::string_view v) { return ParseByteSize(v); })});
  set.Add({"memory-swap", 0, "SIZE", "memory plus swap limit; -1 for unlimited swap (default with --memory: twice the memory)",
           Parsed(r.memory_swap, [](absl::string_view v) { return ParseMemorySwap(v); })});
  set.Add({"memory-reservation", 0, "SIZE", "memory soft limit",
           Parsed(r.memory_reservation, [](absl::string_view v) { return ParseByteSize(v); })});
  set.Add({"memory-swappiness", 0, "0-100", "how readily the kernel swaps the container's memory",
           Parsed(r.memory_swappiness, ParseInteger<uint64_t>)});
  set.Add({"oom-kill-disable", 0, "", "disable the OOM killer for the container", BoolFlag(r.oom_kill_disable)});
  set.Add({"cpus", 0, "N", "CPU limit as a number of CPUs, e.g. 1.5 (quota over a 100ms period)",
           Parsed(r.cpus, [](absl::string_view v) { return ParseCPUs(v); })});
  set.Add({"cpu-quota", 0, "USEC", "CFS quota per period", Parsed(r.cpu_quota, ParseInteger<int64_t>)});
  set.Add({"cpu-period", 0, "USEC", "CFS period (default 100000)", Parsed(r.cpu_period, ParseInteger<uint64_t>)});
  set.Add({"cpu-shares", 0, "N", "relative CPU weight (2-262144)", Parsed(r.cpu_shares, ParseInteger<uint64_t>)});
  set.Add({"cpuset-cpus", 0, "LIST", "CPUs the container may use, e.g. 0-3,8", AssignFlag(r.cpuset_cpus)});
  set.Add({"cpuset-mems", 0, "LIST", "memory nodes the container may use", AssignFlag(r.cpuset_mems)});
  set.Add({"cpu-rt-runtime", 0, "USEC", "realtime runtime per period", Parsed(r.cpu_rt_runtime, ParseInteger<int64_t>)});
  set.Add({"cpu-rt-period", 0, "USEC", "realtime period", Parsed(r.cpu_rt_period, ParseInteger<uint64_t>)});
  set.Add({"cgroup-conf", 0, "KEY=VALUE", "cgroup v2 file and value, e.g. memory.high=1G (Podman); repeatable",
           [&r](absl::string_view v) {
             const size_t eq = v.find('=');
             if (eq == absl::string_view::npos || eq == 0) return absl::InvalidArgumentError("expected KEY=VALUE");
             r.unified[std::string(v.substr(0, eq))] = std::string(v.substr(eq + 1));
             return absl::OkStatus();
           }});
  set.Add({"hugepage-limit", 0, "PAGESIZE=SIZE", "hugetlb limit, e.g. 2MB=1g; repeatable", [&r](absl::string_view v) {
             const size_t eq = v.find('=');
             if (eq == absl::string_view::npos || eq == 0) return absl::InvalidArgumentError("expected PAGESIZE=SIZE, e.g. 2MB=1g");
             absl::StatusOr<int64_t> limit = ParseByteSize(v.substr(eq + 1));
             if (!limit.ok()) return limit.status();
             r.hugepage_limits.emplace_back(std::string(v.substr(0, eq)), static_cast<uint64_t>(*limit));
             return absl::OkStatus();
           }});
  set.Add({"pids-limit", 0, "N", "maximum number of processes; -1 for unlimited",
           Parsed(r.pids_limit, ParseInteger<int64_t>)});
  set.Add({"blkio-weight", 0, "10-1000", "block I/O weight", Parsed(r.blkio_weight, ParseInteger<uint64_t>)});
  set.Add({"blkio-weight-device", 0, "DEV:WEIGHT", "block I/O weight for one device; repeatable",
           ParsedAppend(r.blkio_weight_devices, [](absl::string_view v) { return ParseWeightDevice(v); })});
  set.Add({"device-read-bps", 0, "DEV:RATE", "read rate limit for a device, e.g. /dev/sda:1mb; repeatable",
           ParsedAppend(r.read_bps, [](absl::string_view v) { return ParseThrottleBpsDevice(v); })});
  set.Add({"device-write-bps", 0, "DEV:RATE", "write rate limit for a device; repeatable",
           ParsedAppend(r.write_bps, [](absl::string_view v) { return ParseThrottleBpsDevice(v); })});
  set.Add({"device-read-iops", 0, "DEV:N", "read operations per second for a device; repeatable",
           ParsedAppend(r.read_iops, [](absl::string_view v) { return ParseThrottleIOPSDevice(v); })});
  set.Add({"device-write-iops", 0, "DEV:N", "write operations per second for a device; repeatable",
           ParsedAppend(r.write_iops, [](absl::string_view v) { return ParseThrottleIOPSDevice(v); })});
  set.Add({"device", 0, "HOST[:CONTAINER][:PERMS]", "add a host device node (and allow it in the device cgroup)",
           ParsedAppend(r.devices, [](absl::string_view v) { return ParseDeviceFlag(v); })});
  set.Add({"device-cgroup-rule", 0, "RULE", "allow a device cgroup rule, e.g. 'c 1:3 rwm'; repeatable",
           AppendFlag(r.device_cgroup_rules)});
  set.Add({"sysctl", 0, "KEY=VALUE", "set a namespaced sysctl; repeatable", [&r](absl::string_view v) {
             absl::StatusOr<std::pair<std::string, std::string>> kv = ParseSysctlFlag(v);
             if (!kv.ok()) return kv.status();
             r.sysctls[kv->first] = kv->second;
             return absl::OkStatus();
           }});
  set.Add({"cgroup-parent", 0, "PATH", "parent cgroup: a path, or SLICE:PREFIX: for systemd", AssignFlag(r.cgroup_parent)});
  set.Add({"oom-score-adj", 0, "N", "OOM score adjustment (-1000..1000)", Parsed(r.oom_score_adj, ParseInteger<int64_t>)});
  set.Add({"shm-size", 0, "SIZE", "size of /dev/shm, e.g. 64m",
           Parsed(r.shm_size, [](absl::string_view v) { return ParseByteSize(v); })});
}

OCIKIT_INLINE absl::StatusOr<std::vector<SpecOpt>> ResourceOptsFromFlags(const ResourceFlags& r) {
  std::vector<SpecOpt> opts;
  if (r.rlimit_preset == "inherit") opts.push_back(WithoutRlimits());
  if (r.rlimit_preset == "systemd") opts.push_back(WithNofilePreset());
  if (!r.ulimits.empty()) opts.push_back(WithRlimits(r.ulimits));
  if (r.memory) opts.push_back(WithMemoryLimit(*r.memory));
  if (r.memory_reservation) opts.push_back(WithMemoryReservation(*r.memory_reservation));
  if (r.memory_swap) {
    opts.push_back(WithMemorySwap(*r.memory_swap));
  } else if (r.memory && *r.memory > 0) {
    // Docker and Podman: without --memory-swap the container may swap as
    // much as its memory limit, so memory+swap is twice the limit.
    const int64_t limit = *r.memory;
    opts.push_back(WithMemorySwap(limit > std::numeric_limits<int64_t>::max() / 2 ? -1 : 2 * limit));
  }
  if (r.memory_swappiness) opts.push_back(WithMemorySwappiness(*r.memory_swappiness));
  if (r.oom_kill_disable) opts.push_back(WithOOMKillerDisabled());
  if (r.cpus && (r.cpu_quota || r.cpu_period)) {
    return absl::InvalidArgumentError("--cpus conflicts with --cpu-quota and --cpu-period; use one or the other");
  }
  if (r.cpus) opts.push_back(WithCPUCFS(r.cpus->quota, r.cpus->period));
  if (r.cpu_quota || r.cpu_period) opts.push_back(WithCPUCFS(r.cpu_quota.value_or(-1), r.cpu_period.value_or(kDefaultCPUPeriod)));
  if (r.cpu_shares) opts.push_back(WithCPUShares(*r.cpu_shares));
  if (!r.cpuset_cpus.empty()) opts.push_back(WithCPUs(r.cpuset_cpus));
  if (!r.cpuset_mems.empty()) opts.push_back(WithCPUsMems(r.cpuset_mems));
  if (r.cpu_rt_runtime || r.cpu_rt_period) opts.push_back(WithCPURT(r.cpu_rt_runtime.value_or(0), r.cpu_rt_period.value_or(0)));
  if (r.pids_limit) opts.push_back(WithPidsLimit(*r.pids_limit));
  for (const auto& [page_size, limit] : r.hugepage_limits) opts.push_back(WithHugepageLimit(page_size, limit));
  if (!r.unified.empty()) opts.push_back(WithUnified(r.unified));
  if (r.blkio_weight) opts.push_back(WithBlockIOWeight(*r.blkio_weight));
  for (const BlockDeviceValue& d : r.blkio_weight_devices) opts.push_back(WithBlockIOWeightDevice(d.major, d.minor, d.value));
  for (const BlockDeviceValue& d : r.read_bps) opts.push_back(WithBlockIOThrottleReadBpsDevice(d.major, d.minor, d.value));
  for (const BlockDeviceValue& d : r.write_bps) opts.push_back(WithBlockIOThrottleWriteBpsDevice(d.major, d.minor, d.value));
  for (const BlockDeviceValue& d : r.read_iops) opts.push_back(WithBlockIOThrottleReadIOPSDevice(d.major, d.minor, d.value));
  for (const BlockDeviceValue& d : r.write_iops) opts.push_back(WithBlockIOThrottleWriteIOPSDevice(d.major, d.minor, d.value));
  for (const DeviceFlag& d : r.devices) {
    opts.push_back(WithLinuxDeviceFollowSymlinks(d.host_path, d.container_path, d.permissions));  // as Docker
  }
  for (const std::string& rule : r.device_cgroup_rules) opts.push_back(WithDeviceCgroupRule(rule));
  if (!r.sysctls.empty()) opts.push_back(WithSysctls(r.sysctls));
  if (!r.cgroup_parent.empty()) opts.push_back(WithCgroupParent(r.cgroup_parent));
  if (r.oom_score_adj) opts.push_back(WithOOMScoreAdj(*r.oom_score_adj));
  if (r.shm_size) {
    if (*r.shm_size <= 0 || *r.shm_size % 1024 != 0) {
      return absl::InvalidArgumentError("--shm-size: expected a positive size in whole KiB, e.g. 64m");
    }
    opts.push_back(WithDevShmSize(static_cast<uint64_t>(*r.shm_size / 1024)));
  }
  return opts;
}
}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_INL_H_
