// File: spec/opts/resources-inl.h
//
// Definitions of spec/opts/resources.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_RESOURCES_INL_H_
#define OCIKIT_SPEC_OPTS_RESOURCES_INL_H_

#include "spec/opts/resources.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/resource_parsers.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE const LinuxResources* FindResources(const Spec& spec) {
  return spec.linux_section && spec.linux_section->resources ? &*spec.linux_section->resources : nullptr;
}

OCIKIT_INLINE LinuxMemory& EnsureResourcesMemory(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.memory ? *r.memory : r.memory.emplace();
}

OCIKIT_INLINE LinuxCPU& EnsureResourcesCPU(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.cpu ? *r.cpu : r.cpu.emplace();
}

OCIKIT_INLINE LinuxPids& EnsureResourcesPids(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.pids ? *r.pids : r.pids.emplace();
}

OCIKIT_INLINE LinuxBlockIO& EnsureResourcesBlockIO(Spec& spec) {
  LinuxResources& r = EnsureLinuxResources(spec);
  return r.block_io ? *r.block_io : r.block_io.emplace();
}

OCIKIT_INLINE absl::Status CheckMemoryValue(absl::string_view what, int64_t bytes) {
  if (bytes > 0 || bytes == -1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(what, " ", bytes, " is not valid; expected a positive number of bytes or -1 (unlimited)"));
}

OCIKIT_INLINE absl::Status CheckMemoryOrder(const LinuxMemory& m) {
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

OCIKIT_INLINE absl::Status SetMemoryField(Spec& spec, std::optional<int64_t> LinuxMemory::*field, int64_t value) {
  const LinuxResources* r = FindResources(spec);
  LinuxMemory updated = r && r->memory ? *r->memory : LinuxMemory();
  updated.*field = value;
  OCIKIT_RETURN_IF_ERROR(CheckMemoryOrder(updated));
  EnsureResourcesMemory(spec) = std::move(updated);
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithMemoryLimit(int64_t bytes) {
  return SpecOpt("WithMemoryLimit", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckMemoryValue("memory limit", bytes));
    return internal::SetMemoryField(spec, &LinuxMemory::limit, bytes);
  });
}

OCIKIT_INLINE SpecOpt WithMemoryReservation(int64_t bytes) {
  return SpecOpt("WithMemoryReservation", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckMemoryValue("memory reservation", bytes));
    return internal::SetMemoryField(spec, &LinuxMemory::reservation, bytes);
  });
}

OCIKIT_INLINE SpecOpt WithMemorySwap(int64_t bytes) {
  return SpecOpt("WithMemorySwap", [bytes](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckMemoryValue("memory+swap limit", bytes));
    return internal::SetMemoryField(spec, &LinuxMemory::swap, bytes);
  });
}

OCIKIT_INLINE SpecOpt WithMemorySwappiness(uint64_t swappiness) {
  return SpecOpt("WithMemorySwappiness", [swappiness](const SpecContext&, Spec& spec) -> absl::Status {
    if (swappiness > 100) {
      return absl::InvalidArgumentError(absl::StrCat("memory swappiness ", swappiness, " is out of range; expected 0 to 100"));
    }
    internal::EnsureResourcesMemory(spec).swappiness = swappiness;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithOOMKillerDisabled() {
  return SpecOpt("WithOOMKillerDisabled", [](const SpecContext&, Spec& spec) -> absl::Status {
    internal::EnsureResourcesMemory(spec).disable_oom_killer = true;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCPUShares(uint64_t shares) {
  return SpecOpt("WithCPUShares", [shares](const SpecContext&, Spec& spec) -> absl::Status {
    if (shares < 2 || shares > 262144) {
      return absl::InvalidArgumentError(absl::StrCat("cpu shares ", shares, " is out of range; expected 2 to 262144"));
    }
    internal::EnsureResourcesCPU(spec).shares = shares;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCPUCFS(int64_t quota, uint64_t period) {
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

OCIKIT_INLINE SpecOpt WithCPUs(std::string cpus) {
  return SpecOpt("WithCPUs", [cpus = std::move(cpus)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(ValidateCPUSetList(cpus));
    internal::EnsureResourcesCPU(spec).cpus = cpus;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCPUsMems(std::string mems) {
  return SpecOpt("WithCPUsMems", [mems = std::move(mems)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(ValidateCPUSetList(mems));
    internal::EnsureResourcesCPU(spec).mems = mems;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCPUBurst(uint64_t burst) {
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

OCIKIT_INLINE SpecOpt WithCPURT(int64_t runtime, uint64_t period) {
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

OCIKIT_INLINE SpecOpt WithCPUIdle(int64_t idle) {
  return SpecOpt("WithCPUIdle", [idle](const SpecContext&, Spec& spec) -> absl::Status {
    if (idle != 0 && idle != 1) return absl::InvalidArgumentError(absl::StrCat("cpu idle ", idle, " is not valid; expected 0 or 1"));
    internal::EnsureResourcesCPU(spec).idle = idle;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithPidsLimit(int64_t limit) {
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

OCIKIT_INLINE absl::Status CheckBlockIOWeight(absl::string_view what, uint64_t weight) {
  if (weight >= 10 && weight <= 1000) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " ", weight, " is out of range; expected 10 to 1000"));
}

OCIKIT_INLINE absl::Status CheckDeviceNumbers(int64_t major, int64_t minor) {
  if (major >= 0 && minor >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("device ", major, ":", minor, " is not valid; expected non-negative major and minor numbers"));
}

OCIKIT_INLINE void PutThrottle(std::vector<LinuxThrottleDevice>& list, int64_t major, int64_t minor, uint64_t rate) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const LinuxThrottleDevice& d) { return d.major == major && d.minor == minor; });
  if (it == list.end()) {
    it = list.insert(list.end(), LinuxThrottleDevice());
    it->major = major;
    it->minor = minor;
  }
  it->rate = rate;
}

OCIKIT_INLINE SpecOpt ThrottleOpt(const char* name, std::vector<LinuxThrottleDevice> LinuxBlockIO::*list, int64_t major,
                           int64_t minor, uint64_t rate) {
  return SpecOpt(name, [list, major, minor, rate](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(CheckDeviceNumbers(major, minor));
    if (rate == 0) return absl::InvalidArgumentError("rate 0 is not valid; expected a positive rate");
    PutThrottle(EnsureResourcesBlockIO(spec).*list, major, minor, rate);
    return absl::OkStatus();
  });
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithBlockIOWeight(uint64_t weight) {
  return SpecOpt("WithBlockIOWeight", [weight](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckBlockIOWeight("blkio weight", weight));
    internal::EnsureResourcesBlockIO(spec).weight = static_cast<uint16_t>(weight);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithBlockIOWeightDevice(int64_t major, int64_t minor, uint64_t weight) {
  return SpecOpt("WithBlockIOWeightDevice", [major, minor, weight](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckDeviceNumbers(major, minor));
    OCIKIT_RETURN_IF_ERROR(internal::CheckBlockIOWeight("blkio weight", weight));
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

OCIKIT_INLINE SpecOpt WithBlockIOThrottleReadBpsDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleReadBpsDevice", &LinuxBlockIO::throttle_read_bps_device, major,
                               minor, rate);
}

OCIKIT_INLINE SpecOpt WithBlockIOThrottleWriteBpsDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleWriteBpsDevice", &LinuxBlockIO::throttle_write_bps_device, major,
                               minor, rate);
}

OCIKIT_INLINE SpecOpt WithBlockIOThrottleReadIOPSDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleReadIOPSDevice", &LinuxBlockIO::throttle_read_iops_device, major,
                               minor, rate);
}

OCIKIT_INLINE SpecOpt WithBlockIOThrottleWriteIOPSDevice(int64_t major, int64_t minor, uint64_t rate) {
  return internal::ThrottleOpt("WithBlockIOThrottleWriteIOPSDevice", &LinuxBlockIO::throttle_write_iops_device, major,
                               minor, rate);
}

OCIKIT_INLINE SpecOpt WithHugepageLimit(std::string page_size, uint64_t limit) {
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

OCIKIT_INLINE absl::Status ValidateUnifiedKey(absl::string_view key) {
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

OCIKIT_INLINE SpecOpt WithUnified(std::map<std::string, std::string> values) {
  return SpecOpt("WithUnified", [values = std::move(values)](const SpecContext&, Spec& spec) -> absl::Status {
    for (const auto& [key, value] : values) {
      OCIKIT_RETURN_IF_ERROR(ValidateUnifiedKey(key));
    }
    std::map<std::string, std::string>& unified = EnsureLinuxResources(spec).unified;
    for (const auto& [key, value] : values) unified[key] = value;
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RESOURCES_INL_H_
