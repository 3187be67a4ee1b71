// File: executor/flags/resource_flags.h
//
// The flags for limits and devices, named as Docker users type them: rlimits,
// cgroup resources, devices, sysctls, cgroup parent, OOM score, /dev/shm
// size. Values are parsed when the flag is read, so a bad value is reported
// with its flag; the transforms run in one fixed order (ResourceOptsFromFlags).
//
// Example:
//   ResourceFlags r;
//   FlagSet set;
//   AddResourceFlags(set, r);
//   set.Parse({"--memory", "512m", "--cpus", "1.5", "--ulimit", "nofile=1024:2048"});
//   std::vector<SpecOpt> opts = ResourceOptsFromFlags(r);
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_H_
#define OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_H_

#include <cstdint>
#include <map>
#include <optional>
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
#include "spec/opts/resource_parsers.h"
#include "spec/opts/resources.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/sysctls.h"

namespace ocikit {

struct ResourceFlags {
  std::string rlimit_preset;  // inherit, containerd or systemd
  std::vector<PosixRlimit> ulimits;
  std::optional<int64_t> memory;
  std::optional<int64_t> memory_swap;
  std::optional<int64_t> memory_reservation;
  std::optional<uint64_t> memory_swappiness;
  bool oom_kill_disable = false;
  std::optional<CPUQuota> cpus;
  std::optional<int64_t> cpu_quota;
  std::optional<uint64_t> cpu_period;
  std::optional<uint64_t> cpu_shares;
  std::string cpuset_cpus;
  std::string cpuset_mems;
  std::optional<int64_t> pids_limit;
  std::optional<int64_t> cpu_rt_runtime;
  std::optional<uint64_t> cpu_rt_period;
  std::map<std::string, std::string> unified;  // --cgroup-conf
  std::vector<std::pair<std::string, uint64_t>> hugepage_limits;
  std::optional<uint64_t> blkio_weight;
  std::vector<BlockDeviceValue> blkio_weight_devices;
  std::vector<BlockDeviceValue> read_bps, write_bps, read_iops, write_iops;
  std::vector<DeviceFlag> devices;
  std::vector<std::string> device_cgroup_rules;
  std::map<std::string, std::string> sysctls;
  std::string cgroup_parent;
  std::optional<int64_t> oom_score_adj;
  std::optional<int64_t> shm_size;
};

namespace internal {

// Stores the parsed value of `parse(text)` in `field`.
template <class T, class Parse>
auto Parsed(T& field, Parse parse) {
  return [&field, parse](absl::string_view v) -> absl::Status {
    auto parsed = parse(v);
    if (!parsed.ok()) return parsed.status();
    field = *std::move(parsed);
    return absl::OkStatus();
  };
}

// Appends the parsed value of `parse(text)` to `field`.
template <class T, class Parse>
auto ParsedAppend(std::vector<T>& field, Parse parse) {
  return [&field, parse](absl::string_view v) -> absl::Status {
    auto parsed = parse(v);
    if (!parsed.ok()) return parsed.status();
    field.push_back(*std::move(parsed));
    return absl::OkStatus();
  };
}

template <class Int>
absl::StatusOr<Int> ParseInteger(absl::string_view v) {
  Int n = 0;
  if (!absl::SimpleAtoi(v, &n)) return absl::InvalidArgumentError("expected an integer");
  return n;
}

}  // namespace internal

// Registers the resource and device flags of `r` in `set`.
void AddResourceFlags(FlagSet& set, ResourceFlags& r);

// The transforms the resource flags ask for, in a fixed order. Sysctls are
// checked against the namespaces of the spec when they run, so these run
// after the namespace transforms.
absl::StatusOr<std::vector<SpecOpt>> ResourceOptsFromFlags(const ResourceFlags& r);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/resource_flags-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_RESOURCE_FLAGS_H_
