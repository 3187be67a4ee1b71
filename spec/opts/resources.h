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
#ifndef OCIKIT_SPEC_OPTS_RESOURCES_H_
#define OCIKIT_SPEC_OPTS_RESOURCES_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

#include "spec/opts/resource_parsers.h"

namespace ocikit {

namespace internal {
// The resources section, or nullptr; never creates it.
inline const LinuxResources* FindResources(const Spec& spec) {
  return spec.linux_section && spec.linux_section->resources ? &*spec.linux_section->resources : nullptr;
}

inline LinuxMemory& EnsureResourcesMemory(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.memory ? *r.memory : r.memory.emplace();
}
inline LinuxCPU& EnsureResourcesCPU(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.cpu ? *r.cpu : r.cpu.emplace();
}
inline LinuxPids& EnsureResourcesPids(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.pids ? *r.pids : r.pids.emplace();
}
inline LinuxBlockIO& EnsureResourcesBlockIO(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.block_io ? *r.block_io : r.block_io.emplace();
}

}  // namespace internal

// ---------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------

namespace internal {

inline absl::Status CheckMemoryValue(absl::string_view what, int64_t bytes) {
  if (bytes > 0 || bytes == -1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(what, " ", bytes, " is not valid; expected a positive number of bytes or -1 (unlimited)"));
}

// Docker's consistency rules between limit, reservation and memory+swap,
// checked whichever transform runs last.
inline absl::Status CheckMemoryOrder(const LinuxMemory& m) {
  const int64_t limit = m.limit.value_or(0);
  if (limit > 0 && m.swap.value_or(0) > 0 && *m.swap < limit) {
    return absl::InvalidArgumentError(absl::StrCat("memory+swap limit ", *m.swap, " is below the memory limit ", limit,
                                                   "; linux.resources.memory.swap counts memory plus swap"));
  }
  if (limit > 0 && m.reservation.value_or(0) > limit) {
    return absl::InvalidArgumentError(
        absl::StrCat("memory reservation ", *m.reservation, " exceeds the memory limit ", limit));
  }
  return absl::OkStatus();
}

// Sets one memory field unless the result would be inconsistent, in which
// case the spec is left unchanged.
inline absl::Status SetMemoryField(Spec& spec, std::optional<int64_t> LinuxMemory::*field, int64_t value) {
  const LinuxResources* r = FindResources(spec);
  LinuxMemory updated = r && r->memory ? *r->memory : LinuxMemory();
  updated.*field = value;
  if (absl::Status s = CheckMemoryOrder(updated); !s.ok()) return s;
  EnsureResourcesMemory(spec) = std::move(updated);
  return absl::OkStatus();
}

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
inline SpecOpt WithMemoryLimit(int64_t bytes) {
  return SpecOpt("WithMemoryLimit", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckMemoryValue("memory limit", bytes); !s.ok()) return s;
    return internal::SetMemoryField(spec, &LinuxMemory::limit, bytes);
  });
}

// Sets linux.resources.memory.reservation (the soft limit; cgroup v2
// memory.low) in bytes: positive, or -1, and not above the memory limit.
inline SpecOpt WithMemoryReservation(int64_t bytes) {
  return SpecOpt("WithMemoryReservation", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckMemoryValue("memory reservation", bytes); !s.ok()) return s;
    return internal::SetMemoryField(spec, &LinuxMemory::reservation, bytes);
  });
}

// Sets linux.resources.memory.swap, the memory PLUS swap limit, in bytes:
// positive and not below the memory limit, or -1 for unlimited swap.
inline SpecOpt WithMemorySwap(int64_t bytes) {
  return SpecOpt("WithMemorySwap", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckMemoryValue("memory+swap limit", bytes); !s.ok()) return s;
    return internal::SetMemoryField(spec, &LinuxMemory::swap, bytes);
  });
}

// Sets linux.resources.memory.swappiness (0 to 100; cgroup v1 only).
inline SpecOpt WithMemorySwappiness(uint64_t swappiness) {
  return SpecOpt("WithMemorySwappiness", [swappiness](const SpecContext&, Spec& spec) -> absl::Status {
    if (swappiness > 100) {
      return absl::InvalidArgumentError(absl::StrCat("memory swappiness ", swappiness, " is out of range; expected 0 to 100"));
    }
    internal::EnsureResourcesMemory(spec).swappiness = swappiness;
    return absl::OkStatus();
  });
}

// Sets linux.resources.memory.disableOOMKiller (cgroup v1 only). Without a
// memory limit the container can then exhaust the host's memory.
inline SpecOpt WithOOMKillerDisabled() {
  return SpecOpt("WithOOMKillerDisabled", [](const SpecContext&, Spec& spec) -> absl::Status {
    internal::EnsureResourcesMemory(spec).disable_oom_killer = true;
    return absl::OkStatus();
  });
}

// ---------------------------------------------------------------------------
// CPU
// ---------------------------------------------------------------------------

// Sets linux.resources.cpu.shares (2 to 262144, the kernel's range; runc
// converts shares to cgroup v2 cpu.weight).
inline SpecOpt WithCPUShares(uint64_t shares) {
  return SpecOpt("WithCPUShares", [shares](const SpecContext&, Spec& spec) -> absl::Status {
    if (shares < 2 || shares > 262144) {
      return absl::InvalidArgumentError(absl::StrCat("cpu shares ", shares, " is out of range; expected 2 to 262144"));
    }
    internal::EnsureResourcesCPU(spec).shares = shares;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.quota and period in microseconds: the quota is -1
// (unlimited) or at least 1000, the period 1000 to 1000000 (the kernel's
// limits, as Docker checks them). Use ParseCPUs() for `--cpus`.
inline SpecOpt WithCPUCFS(int64_t quota, uint64_t period) {
  return SpecOpt("WithCPUCFS", [quota, period](const SpecContext&, Spec& spec) -> absl::Status {
    if (quota != -1 && quota < 1000) {
      return absl::InvalidArgumentError(
          absl::StrCat("cpu quota ", quota, " is out of range; expected -1 (unlimited) or at least 1000 microseconds"));
    }
    if (period < 1000 || period > 1000000) {
      return absl::InvalidArgumentError(
          absl::StrCat("cpu period ", period, " is out of range; expected 1000 to 1000000 microseconds"));
    }
    const std::optional<uint64_t> burst = internal::CurrentCPUField(spec, &LinuxCPU::burst);
    if (quota > 0 && burst.value_or(0) > static_cast<uint64_t>(quota)) {
      return absl::InvalidArgumentError(absl::StrCat("cpu quota ", quota, " is below the cpu burst ", *burst,
                                                     " already set; the burst may not exceed the quota"));
    }
    LinuxCPU& cpu = internal::EnsureResourcesCPU(spec);
    cpu.quota = quota;
    cpu.period = period;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.cpus, the cpuset CPUs ("0-3,5").
inline SpecOpt WithCPUs(std::string cpus) {
  return SpecOpt("WithCPUs", [cpus = std::move(cpus)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = ValidateCPUSetList(cpus); !s.ok()) return s;
    internal::EnsureResourcesCPU(spec).cpus = cpus;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.mems, the cpuset memory nodes ("0,1").
inline SpecOpt WithCPUsMems(std::string mems) {
  return SpecOpt("WithCPUsMems", [mems = std::move(mems)](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = ValidateCPUSetList(mems); !s.ok()) return s;
    internal::EnsureResourcesCPU(spec).mems = mems;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.burst in microseconds; it may not exceed a quota
// already set.
inline SpecOpt WithCPUBurst(uint64_t burst) {
  return SpecOpt("WithCPUBurst", [burst](const SpecContext&, Spec& spec) -> absl::Status {
    const std::optional<int64_t> quota = internal::CurrentCPUField(spec, &LinuxCPU::quota);
    if (quota.value_or(0) > 0 && burst > static_cast<uint64_t>(*quota)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cpu burst ", burst, " exceeds the cpu quota ", *quota, "; the burst may not exceed the quota"));
    }
    internal::EnsureResourcesCPU(spec).burst = burst;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.realtimeRuntime and realtimePeriod in
// microseconds (cgroup v1 only): the period is positive, the runtime -1
// (unlimited) or at most the period.
inline SpecOpt WithCPURT(int64_t runtime, uint64_t period) {
  return SpecOpt("WithCPURT", [runtime, period](const SpecContext&, Spec& spec) -> absl::Status {
    if (period == 0) return absl::InvalidArgumentError("realtime period 0 is not valid; expected a positive number of microseconds");
    if (runtime < -1 || (runtime >= 0 && static_cast<uint64_t>(runtime) > period)) {
      return absl::InvalidArgumentError(absl::StrCat("realtime runtime ", runtime,
                                                     " is out of range; expected -1 (unlimited) or 0 to the period ", period));
    }
    LinuxCPU& cpu = internal::EnsureResourcesCPU(spec);
    cpu.realtime_runtime = runtime;
    cpu.realtime_period = period;
    return absl::OkStatus();
  });
}

// Sets linux.resources.cpu.idle (cgroup v2 cpu.idle): 1 runs the group at
// SCHED_IDLE priority, 0 does not.
inline SpecOpt WithCPUIdle(int64_t idle) {
  return SpecOpt("WithCPUIdle", [idle](const SpecContext&, Spec& spec) -> absl::Status {
    if (idle != 0 && idle != 1) return absl::InvalidArgumentError(absl::StrCat("cpu idle ", idle, " is not valid; expected 0 or 1"));
    internal::EnsureResourcesCPU(spec).idle = idle;
    return absl::OkStatus();
  });
}

// ---------------------------------------------------------------------------
// Pids, block I/O, hugepages, unified
// ---------------------------------------------------------------------------

// Sets linux.resources.pids.limit. 0 and -1 both mean unlimited and are
// written as -1, which runtimes turn into "max" (moby does the same); other
// negative values are an error.
// Example: WithPidsLimit(512)  // "pids":{"limit":512}
inline SpecOpt WithPidsLimit(int64_t limit) {
  return SpecOpt("WithPidsLimit", [limit](const SpecContext&, Spec& spec) -> absl::Status {
    if (limit < -1) {
      return absl::InvalidArgumentError(
          absl::StrCat("pids limit ", limit, " is not valid; expected a positive number, or 0 or -1 for unlimited"));
    }
    internal::EnsureResourcesPids(spec).limit = limit == 0 ? -1 : limit;
    return absl::OkStatus();
  });
}

namespace internal {

inline absl::Status CheckBlockIOWeight(absl::string_view what, uint64_t weight) {
  if (weight >= 10 && weight <= 1000) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " ", weight, " is out of range; expected 10 to 1000"));
}

inline absl::Status CheckDeviceNumbers(int64_t major, int64_t minor) {
  if (major >= 0 && minor >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("device ", major, ":", minor, " is not valid; expected non-negative major and minor numbers"));
}

// Replaces the rate of the entry for major:minor in place, or appends one.
inline void PutThrottle(std::vector<LinuxThrottleDevice>& list, int64_t major, int64_t minor, uint64_t rate) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const LinuxThrottleDevice& d) { return d.major == major && d.minor == minor; });
  if (it == list.end()) {
    it = list.insert(list.end(), LinuxThrottleDevice());
    it->major = major;
    it->minor = minor;
  }
  it->rate = rate;
}

inline SpecOpt ThrottleOpt(const char* name, std::vector<LinuxThrottleDevice> LinuxBlockIO::*list, int64_t major,
                           int64_t minor, uint64_t rate) {
  return SpecOpt(name, [list, major, minor, rate](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = CheckDeviceNumbers(major, minor); !s.ok()) return s;
    if (rate == 0) return absl::InvalidArgumentError("rate 0 is not valid; expected a positive rate");
    PutThrottle(EnsureResourcesBlockIO(spec).*list, major, minor, rate);
    return absl::OkStatus();
  });
}

}  // namespace internal

// Sets linux.resources.blockIO.weight (10 to 1000; runc maps it to cgroup v2
// io.weight).
inline SpecOpt WithBlockIOWeight(uint64_t weight) {
  return SpecOpt("WithBlockIOWeight", [weight](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckBlockIOWeight("blkio weight", weight); !s.ok()) return s;
    internal::EnsureResourcesBlockIO(spec).weight = static_cast<uint16_t>(weight);
    return absl::OkStatus();
  });
}

// Sets the blkio weight (10 to 1000) of device major:minor: replaces the
// weight of an existing entry for the device, otherwise appends one.
inline SpecOpt WithBlockIOWeightDevice(int64_t major, int64_t minor, uint64_t weight) {
  return SpecOpt("WithBlockIOWeightDevice", [major, minor, weight](const SpecContext&, Spec& spec) -> absl::Status {
    if (absl::Status s = internal::CheckDeviceNumbers(major, minor); !s.ok()) return s;
    if (absl::Status s = internal::CheckBlockIOWeight("blkio weight", weight); !s.ok()) return s;
    std::vector<LinuxWeightDevice>& list = internal::EnsureResourcesBlockIO(spec).weight_device;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const LinuxWeightDevice& d) { return d.major == major && d.minor == minor; });
    if (it == list.end()) {
      it = list.insert(list.end(), LinuxWeightDevice());
      it->major = major;
      it->minor = minor;
    }
    it->weight = static_cast<uint16_t>(weight);
    return absl::OkStatus();
  });
}

// Sets the read rate limit of device major:minor in bytes per second
// (replaces the device's entry in place, otherwise appends).
inline SpecOpt WithBlockIOThrottleReadBpsDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleReadBpsDevice", &LinuxBlockIO::throttle_read_bps_device, major,
                               minor, rate);
}

// Sets the write rate limit of device major:minor in bytes per second.
inline SpecOpt WithBlockIOThrottleWriteBpsDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleWriteBpsDevice", &LinuxBlockIO::throttle_write_bps_device, major,
                               minor, rate);
}

// Sets the read rate limit of device major:minor in operations per second.
inline SpecOpt WithBlockIOThrottleReadIOPSDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleReadIOPSDevice", &LinuxBlockIO::throttle_read_iops_device, major,
                               minor, rate);
}

// Sets the write rate limit of device major:minor in operations per second.
inline SpecOpt WithBlockIOThrottleWriteIOPSDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleWriteIOPSDevice", &LinuxBlockIO::throttle_write_iops_device, major,
                               minor, rate);
}

// Sets the hugetlb limit in bytes for pages of `page_size` ("2MB", "1GB",
// "64KB"): replaces the entry for that size in place, otherwise appends.
inline SpecOpt WithHugepageLimit(std::string page_size, uint64_t limit) {
  return SpecOpt("WithHugepageLimit", [page_size = std::move(page_size), limit](const SpecContext&,
                                                                                 Spec& spec) -> absl::Status {
    absl::string_view unit = page_size;
    const size_t digits = unit.find_first_not_of("0123456789");
    const bool ok = digits != 0 && digits != absl::string_view::npos && page_size[0] != '0' &&
                    (unit.substr(digits) == "KB" || unit.substr(digits) == "MB" || unit.substr(digits) == "GB");
    if (!ok) {
      return absl::InvalidArgumentError(
          absl::StrCat("hugepage size \"", page_size, "\" is not valid; expected a size in KB, MB or GB such as 2MB"));
    }
    std::vector<LinuxHugepageLimit>& list = EnsureLinuxResources(spec).hugepage_limits;
    auto it = std::find_if(list.begin(), list.end(), [&](const LinuxHugepageLimit& h) { return h.page_size == page_size; });
    if (it == list.end()) {
      it = list.insert(list.end(), LinuxHugepageLimit());
      it->page_size = page_size;
    }
    it->limit = limit;
    return absl::OkStatus();
  });
}

// OK when `key` names a cgroup v2 interface file as CONTROLLER.FILE
// ("memory.high", "io.max", "hugetlb.2MB.max"): no slashes, no empty parts.
inline absl::Status ValidateUnifiedKey(absl::string_view key) {
  const std::vector<absl::string_view> parts = absl::StrSplit(key, '.');
  bool ok = parts.size() >= 2 && !parts[0].empty() && absl::ascii_islower(parts[0][0]);
  for (absl::string_view part : parts) {
    ok = ok && !part.empty() &&
         std::all_of(part.begin(), part.end(), [](char c) { return absl::ascii_isalnum(c) || c == '_'; });
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("unified key \"", key, "\" is not valid; expected CONTROLLER.FILE such as memory.high or io.max"));
}

// Sets cgroup v2 files in linux.resources.unified, merging over existing
// keys. Every key is checked (ValidateUnifiedKey) before any is set.
inline SpecOpt WithUnified(std::map<std::string, std::string> values) {
  return SpecOpt("WithUnified", [values = std::move(values)](const SpecContext&, Spec& spec) -> absl::Status {
    for (const auto& [key, value] : values) {
      if (absl::Status s = ValidateUnifiedKey(key); !s.ok()) return s;
    }
    std::map<std::string, std::string>& unified = EnsureLinuxResources(spec).unified;
    for (const auto& [key, value] : values) unified[key] = value;
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RESOURCES_H_
