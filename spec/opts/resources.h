// File: spec/opts/resources.h
//
// cgroup resources (`linux.resources`): transforms named as containerd names
// them. The value parsers are in spec/opts/resource_parsers.h, the cgroup
// path and OOM score in spec/opts/cgroups.h.
//
// Unlike containerd, whose resource transforms do nothing on a spec without a
// `linux` object, every transform here creates the sections it writes, so the
// result never depends on whether an earlier transform happened to create
// them. Values are range-checked as Docker's daemon and the kernel check them,
// so a bad value fails here rather than at container start.
//
// cgroup v1-only fields (field lessons R68): memory.swappiness and
// memory.disableOOMKiller have no cgroup v2 equivalent. memory.swap is memory
// plus swap, as in cgroup v1; runc converts it for v2 (R69).
//
// Example:
//   absl::StatusOr<int64_t> limit = ParseByteSize("512m");       // 536870912
//   absl::StatusOr<CPUQuota> cpus = ParseCPUs("1.5");            // 150000 / 100000
//   ApplyOpts(ctx, spec, {WithMemoryLimit(*limit), WithCPUCFS(cpus->quota, cpus->period),
//                         WithPidsLimit(512)});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_RESOURCES_H_
#define OCIKIT_SPEC_OPTS_RESOURCES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"


namespace ocikit {

namespace internal {
// The resources section, or nullptr; never creates it.
const LinuxResources* FindResources(const Spec& spec);

LinuxMemory& EnsureResourcesMemory(Spec& spec);
LinuxCPU& EnsureResourcesCPU(Spec& spec);
LinuxPids& EnsureResourcesPids(Spec& spec);
LinuxBlockIO& EnsureResourcesBlockIO(Spec& spec);

}  // namespace internal

// ---------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------

namespace internal {

absl::Status CheckMemoryValue(absl::string_view what, int64_t bytes);

// Docker's consistency rules between limit, reservation and memory+swap,
// checked whichever transform runs last.
absl::Status CheckMemoryOrder(const LinuxMemory& m);

// Sets one memory field unless the result would be inconsistent, in which
// case the spec is left unchanged.
absl::Status SetMemoryField(Spec& spec, std::optional<int64_t> LinuxMemory::*field, int64_t value);

// A CPU field already in the spec, without creating sections.
template <class T>
std::optional<T> CurrentCPUField(const Spec& spec, std::optional<T> LinuxCPU::*field) {
  const LinuxResources* r = FindResources(spec);
  return r && r->cpu ? (*r->cpu).*field : std::nullopt;
}

}  // namespace internal

// Sets linux.resources.memory.limit in bytes (positive, or -1 for unlimited).
// A memory+swap limit or reservation already set must stay consistent.
// Example: WithMemoryLimit(536870912)  // "memory":{"limit":536870912}
SpecOpt WithMemoryLimit(int64_t bytes);

// Sets linux.resources.memory.reservation (the soft limit; cgroup v2
// memory.low) in bytes: positive, or -1, and not above the memory limit.
SpecOpt WithMemoryReservation(int64_t bytes);

// Sets linux.resources.memory.swap, the memory PLUS swap limit, in bytes:
// positive and not below the memory limit, or -1 for unlimited swap.
SpecOpt WithMemorySwap(int64_t bytes);

// Sets linux.resources.memory.swappiness (0 to 100; cgroup v1 only).
SpecOpt WithMemorySwappiness(uint64_t swappiness);

// Sets linux.resources.memory.disableOOMKiller (cgroup v1 only). Without a
// memory limit the container can then exhaust the host's memory.
SpecOpt WithOOMKillerDisabled();

// ---------------------------------------------------------------------------
// CPU
// ---------------------------------------------------------------------------

// Sets linux.resources.cpu.shares (2 to 262144, the kernel's range; runc
// converts shares to cgroup v2 cpu.weight).
SpecOpt WithCPUShares(uint64_t shares);

// Sets linux.resources.cpu.quota and period in microseconds: the quota is -1
// (unlimited) or at least 1000, the period 1000 to 1000000 (the kernel's
// limits, as Docker checks them). Use ParseCPUs() for `--cpus`.
SpecOpt WithCPUCFS(int64_t quota, uint64_t period);

// Sets linux.resources.cpu.cpus, the cpuset CPUs ("0-3,5").
SpecOpt WithCPUs(std::string cpus);

// Sets linux.resources.cpu.mems, the cpuset memory nodes ("0,1").
SpecOpt WithCPUsMems(std::string mems);

// Sets linux.resources.cpu.burst in microseconds; it may not exceed a quota
// already set.
SpecOpt WithCPUBurst(uint64_t burst);

// Sets linux.resources.cpu.realtimeRuntime and realtimePeriod in
// microseconds (cgroup v1 only): the period is positive, the runtime -1
// (unlimited) or at most the period.
SpecOpt WithCPURT(int64_t runtime, uint64_t period);

// Sets linux.resources.cpu.idle (cgroup v2 cpu.idle): 1 runs the group at
// SCHED_IDLE priority, 0 does not.
SpecOpt WithCPUIdle(int64_t idle);

// ---------------------------------------------------------------------------
// Pids, block I/O, hugepages, unified
// ---------------------------------------------------------------------------

// Sets linux.resources.pids.limit. 0 and -1 both mean unlimited and are
// written as -1, which runtimes turn into "max" (moby does the same); other
// negative values are an error.
// Example: WithPidsLimit(512)  // "pids":{"limit":512}
SpecOpt WithPidsLimit(int64_t limit);

namespace internal {

absl::Status CheckBlockIOWeight(absl::string_view what, uint64_t weight);

absl::Status CheckDeviceNumbers(int64_t major, int64_t minor);

// Replaces the rate of the entry for major:minor in place, or appends one.
void PutThrottle(std::vector<LinuxThrottleDevice>& list, int64_t major, int64_t minor, uint64_t rate);

SpecOpt ThrottleOpt(const char* name, std::vector<LinuxThrottleDevice> LinuxBlockIO::*list, int64_t major,
                           int64_t minor, uint64_t rate);

}  // namespace internal

// Sets linux.resources.blockIO.weight (10 to 1000; runc maps it to cgroup v2
// io.weight).
SpecOpt WithBlockIOWeight(uint64_t weight);

// Sets the blkio weight (10 to 1000) of device major:minor: replaces the
// weight of an existing entry for the device, otherwise appends one.
SpecOpt WithBlockIOWeightDevice(int64_t major, int64_t minor, uint64_t weight);

// Sets the read rate limit of device major:minor in bytes per second
// (replaces the device's entry in place, otherwise appends).
SpecOpt WithBlockIOThrottleReadBpsDevice(int64_t major, int64_t minor, uint64_t rate);

// Sets the write rate limit of device major:minor in bytes per second.
SpecOpt WithBlockIOThrottleWriteBpsDevice(int64_t major, int64_t minor, uint64_t rate);

// Sets the read rate limit of device major:minor in operations per second.
SpecOpt WithBlockIOThrottleReadIOPSDevice(int64_t major, int64_t minor, uint64_t rate);

// Sets the write rate limit of device major:minor in operations per second.
SpecOpt WithBlockIOThrottleWriteIOPSDevice(int64_t major, int64_t minor, uint64_t rate);

// Sets the hugetlb limit in bytes for pages of `page_size` ("2MB", "1GB",
// "64KB"): replaces the entry for that size in place, otherwise appends.
SpecOpt WithHugepageLimit(std::string page_size, uint64_t limit);

// OK when `key` names a cgroup v2 interface file as CONTROLLER.FILE
// ("memory.high", "io.max", "hugetlb.2MB.max"): no slashes, no empty parts.
absl::Status ValidateUnifiedKey(absl::string_view key);

// Sets cgroup v2 files in linux.resources.unified, merging over existing
// keys. Every key is checked (ValidateUnifiedKey) before any is set.
SpecOpt WithUnified(std::map<std::string, std::string> values);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/resources-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_RESOURCES_H_
