// File: spec/opts/resources.h
//
// cgroup resources (`linux.resources`), the cgroup path (`linux.cgroupsPath`)
// and the OOM score (`process.oomScoreAdj`): parsers for the values Docker
// users type (`512m`, `1.5` CPUs, `/dev/sda:1mb`) and transforms named as
// containerd names them.
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
//                         WithPidsLimit(512), WithCgroupParent("system.slice:ocikit:")});
#ifndef OCIKIT_SPEC_OPTS_RESOURCES_H_
#define OCIKIT_SPEC_OPTS_RESOURCES_H_

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cerrno>
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
#include "spec/default_spec.h"
#include "spec/file.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

// Docker's CFS period for `--cpus`: 100ms.
inline constexpr uint64_t kDefaultCPUPeriod = 100000;

namespace internal {

inline bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

// Digits only (no sign, no spaces), within uint64.
inline bool ParseDecimal(absl::string_view s, uint64_t& out) { return AllDigits(s) && absl::SimpleAtoi(s, &out); }

// "123.45" -> int "123", frac "45"; false unless DIGITS[.DIGITS].
inline bool SplitDecimal(absl::string_view s, absl::string_view& int_part, absl::string_view& frac_part) {
  const size_t dot = s.find('.');
  int_part = s.substr(0, dot);
  frac_part = dot == absl::string_view::npos ? absl::string_view() : s.substr(dot + 1);
  return AllDigits(int_part) && (dot == absl::string_view::npos || AllDigits(frac_part));
}

// Exact int_part.frac_part * multiplier, truncated toward zero; false when it
// does not fit in int64. Fraction digits past the 18th are ignored.
inline bool ScaleDecimal(absl::string_view int_part, absl::string_view frac_part, uint64_t multiplier, int64_t& out) {
  if (int_part.size() > 19) return false;
  uint64_t whole = 0;
  if (!absl::SimpleAtoi(int_part, &whole)) return false;
  frac_part = frac_part.substr(0, 18);
  uint64_t frac = 0;
  uint64_t scale = 1;
  for (char c : frac_part) {
    frac = frac * 10 + static_cast<uint64_t>(c - '0');
    scale *= 10;
  }
  const unsigned __int128 value = static_cast<unsigned __int128>(whole) * multiplier +
                                  static_cast<unsigned __int128>(frac) * multiplier / scale;
  if (value > static_cast<unsigned __int128>(INT64_MAX)) return false;
  out = static_cast<int64_t>(value);
  return true;
}

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
// Parsers
// ---------------------------------------------------------------------------

// Parses a byte count as Docker's `--memory` does (go-units RAMInBytes):
// NUMBER[.FRACTION][ ][UNIT[i]][b], units k, m, g, t, p in any case, binary
// multiples: "512m" = 536870912, "1.5g" = 1610612736, "1KiB" = 1024,
// "100" = 100 bytes. Fractions are truncated to whole bytes. Unlike go-units,
// "i" needs a unit before it and a value past int64 is an error, not garbage.
inline absl::StatusOr<int64_t> ParseByteSize(absl::string_view text) {
  const auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid size \"", text, "\"; ", why));
  };
  const absl::string_view expected =
      "expected a number with an optional unit b, k, m, g, t or p (binary multiples, any case), e.g. 512m or 1.5g";
  size_t end = 0;
  while (end < text.size() && (absl::ascii_isdigit(text[end]) || text[end] == '.')) ++end;
  absl::string_view int_part, frac_part;
  if (!internal::SplitDecimal(text.substr(0, end), int_part, frac_part)) return fail(expected);
  absl::string_view unit = text.substr(end);
  if (absl::ConsumePrefix(&unit, " ") && unit.empty()) return fail(expected);
  int shift = 0;
  if (!unit.empty()) {
    const size_t at = absl::string_view("kmgtp").find(absl::ascii_tolower(unit[0]));
    if (at != absl::string_view::npos) {
      shift = 10 * static_cast<int>(at + 1);
      unit.remove_prefix(1);
      if (!unit.empty() && absl::ascii_tolower(unit[0]) == 'i') unit.remove_prefix(1);
    }
  }
  if (!unit.empty() && absl::ascii_tolower(unit[0]) == 'b') unit.remove_prefix(1);
  if (!unit.empty()) return fail(expected);
  int64_t bytes = 0;
  if (!internal::ScaleDecimal(int_part, frac_part, uint64_t{1} << shift, bytes)) {
    return fail("expected at most 9223372036854775807 bytes (8 EiB)");
  }
  return bytes;
}

// Parses Docker's `--memory-swap`: "-1" (unlimited) or a size as
// ParseByteSize() reads it. The value is memory plus swap.
inline absl::StatusOr<int64_t> ParseMemorySwap(absl::string_view text) {
  if (text == "-1") return int64_t{-1};
  return ParseByteSize(text);
}

// A CFS bandwidth limit: `quota` microseconds of CPU time per `period`.
struct CPUQuota {
  int64_t quota = 0;
  uint64_t period = kDefaultCPUPeriod;
};

// Parses Docker's `--cpus` ("1.5") into a quota over Docker's 100ms period,
// exactly as Docker does: nano-CPUs = cpus * 1e9 (at most 9 decimal places),
// quota = nano-CPUs * 100000 / 1e9, truncated. "1.5" -> 150000/100000. Less
// than 0.01 CPUs (a 1ms quota, the kernel's minimum) is an error. The host's
// CPU count is not checked: the spec may be for another machine.
inline absl::StatusOr<CPUQuota> ParseCPUs(absl::string_view text) {
  const auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid cpus \"", text, "\"; ", why));
  };
  absl::string_view int_part, frac_part;
  if (!internal::SplitDecimal(text, int_part, frac_part)) {
    return fail("expected a positive decimal number such as 1.5");
  }
  if (frac_part.size() > 9) return fail("too precise; expected at most 9 decimal places");
  int64_t nano = 0;
  if (!internal::ScaleDecimal(int_part, frac_part, 1000000000, nano)) return fail("too large");
  CPUQuota q;
  q.quota = nano / (1000000000 / static_cast<int64_t>(kDefaultCPUPeriod));
  if (q.quota < 1000) {
    return fail("expected at least 0.01 CPUs, a 1ms quota per 100ms period (the kernel's minimum)");
  }
  return q;
}

// OK when `list` is a cpuset list such as "0-3,5": comma-separated numbers and
// ascending ranges.
inline absl::Status ValidateCPUSetList(absl::string_view list) {
  const auto fail = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid cpuset list \"", list, "\"; expected numbers and ranges such as 0-3,5"));
  };
  if (list.empty()) return fail();
  for (absl::string_view item : absl::StrSplit(list, ',')) {
    const std::vector<absl::string_view> range = absl::StrSplit(item, absl::MaxSplits('-', 1));
    uint64_t first = 0, last = 0;
    if (!internal::ParseDecimal(range[0], first)) return fail();
    if (range.size() == 2 && (!internal::ParseDecimal(range[1], last) || last < first)) return fail();
  }
  return absl::OkStatus();
}

// A block device named on the command line, with its device numbers and a
// rate or weight.
struct BlockDeviceValue {
  std::string path;  // as given, e.g. "/dev/sda"
  int64_t major = 0;
  int64_t minor = 0;
  uint64_t value = 0;
};

// Major and minor numbers of the block device at `path`, statted under
// `host_root` ("/" on a real host; a fixture directory in tests). Symlinks are
// followed, as Docker does for /dev/disk/by-id names.
inline absl::StatusOr<BlockDeviceValue> StatBlockDevice(absl::string_view path, absl::string_view host_root = "/") {
  const std::string full = JoinPath({host_root, path});
  struct stat st;
  if (::stat(full.c_str(), &st) != 0) return ErrnoStatus(errno, path);
  if (!S_ISBLK(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", path, "\" is not a block device"));
  }
  BlockDeviceValue dev;
  dev.path = std::string(path);
  dev.major = static_cast<int64_t>(major(st.st_rdev));
  dev.minor = static_cast<int64_t>(minor(st.st_rdev));
  return dev;
}

namespace internal {

enum class DeviceValueKind { kBytesPerSecond, kOpsPerSecond, kWeight };

// Docker's PATH:VALUE device flags. The value is split at the last ':', so
// paths such as /dev/disk/by-path/pci-0000:00:1f.2-ata-1 work (Docker splits
// at the first).
inline absl::StatusOr<BlockDeviceValue> ParseBlockDeviceFlag(absl::string_view flag, DeviceValueKind kind,
                                                             absl::string_view host_root) {
  const char* what = kind == DeviceValueKind::kWeight ? "device weight" : "device limit";
  const auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid ", what, " \"", flag, "\": ", why));
  };
  const size_t colon = flag.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return fail(kind == DeviceValueKind::kWeight ? "expected PATH:WEIGHT such as /dev/sda:200"
                                                 : "expected PATH:RATE such as /dev/sda:1mb");
  }
  const absl::string_view path = flag.substr(0, colon);
  const absl::string_view text = flag.substr(colon + 1);
  if (!absl::StartsWith(path, "/dev/")) return fail(absl::StrCat("device path \"", path, "\" must start with /dev/"));
  uint64_t value = 0;
  switch (kind) {
    case DeviceValueKind::kBytesPerSecond: {
      absl::StatusOr<int64_t> bytes = ParseByteSize(text);
      if (!bytes.ok() || *bytes <= 0) {
        return fail(absl::StrCat("rate \"", text,
                                 "\" is not valid; expected a positive number of bytes per second with an optional "
                                 "unit k, m or g, e.g. 1mb"));
      }
      value = static_cast<uint64_t>(*bytes);
      break;
    }
    case DeviceValueKind::kOpsPerSecond:
      if (!ParseDecimal(text, value) || value == 0) {
        return fail(absl::StrCat("rate \"", text, "\" is not valid; expected a positive number of operations per second"));
      }
      break;
    case DeviceValueKind::kWeight:
      if (!ParseDecimal(text, value) || value < 10 || value > 1000) {
        return fail(absl::StrCat("weight \"", text, "\" is not valid; expected 10 to 1000"));
      }
      break;
  }
  absl::StatusOr<BlockDeviceValue> dev = StatBlockDevice(path, host_root);
  if (!dev.ok()) return dev.status();
  dev->value = value;
  return dev;
}

}  // namespace internal

// Parses Docker's `--device-read-bps` / `--device-write-bps` value
// "/dev/sda:1mb" (rate as ParseByteSize() reads it, positive) and stats the
// block device under `host_root`.
inline absl::StatusOr<BlockDeviceValue> ParseThrottleBpsDevice(absl::string_view flag,
                                                               absl::string_view host_root = "/") {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kBytesPerSecond, host_root);
}

// Parses Docker's `--device-read-iops` / `--device-write-iops` value
// "/dev/sda:1000" and stats the block device under `host_root`.
inline absl::StatusOr<BlockDeviceValue> ParseThrottleIOPSDevice(absl::string_view flag,
                                                                absl::string_view host_root = "/") {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kOpsPerSecond, host_root);
}

// Parses Docker's `--blkio-weight-device` value "/dev/sda:200" (10 to 1000)
// and stats the block device under `host_root`.
inline absl::StatusOr<BlockDeviceValue> ParseWeightDevice(absl::string_view flag, absl::string_view host_root = "/") {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kWeight, host_root);
}

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

// ---------------------------------------------------------------------------
// cgroupsPath
// ---------------------------------------------------------------------------

// OK when `slice` is a systemd slice name as runc expands it: NAME.slice,
// where "-" separates non-empty parent names ("machine-web.slice" lives in
// machine.slice), or "-.slice" (the root slice); no "/".
inline absl::Status ValidateSystemdSlice(absl::string_view slice) {
  absl::string_view name = slice;
  bool ok = absl::ConsumeSuffix(&name, ".slice") && !name.empty() && !absl::StrContains(slice, "/");
  if (ok && name != "-") {
    for (absl::string_view part : absl::StrSplit(name, '-')) ok = ok && !part.empty();
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid systemd slice \"", slice,
                   "\"; expected NAME.slice with \"-\" between non-empty parent names, e.g. system.slice"));
}

// OK when `path` is a systemd cgroupsPath as runc reads it: SLICE:PREFIX:NAME,
// e.g. "system.slice:docker:web". An empty slice means runc's default
// (system.slice, or user.slice when rootless); the name may not be empty.
inline absl::Status ValidateSystemdCgroupsPath(absl::string_view path) {
  const std::vector<absl::string_view> parts = absl::StrSplit(path, ':');
  if (parts.size() != 3 || parts[2].empty() || absl::StrContains(parts[1], "/") || absl::StrContains(parts[2], "/")) {
    return absl::InvalidArgumentError(absl::StrCat("invalid systemd cgroupsPath \"", path,
                                                   "\"; expected SLICE:PREFIX:NAME such as system.slice:docker:web"));
  }
  if (parts[0].empty()) return absl::OkStatus();
  return ValidateSystemdSlice(parts[0]);
}

// The cgroupsPath for container `id` under `parent`, with BuildKit's rule for
// systemd: a parent that contains ".slice" and ends with ":" is a
// "SLICE:PREFIX:" prefix and gives "<parent><id>" (checked as
// SLICE:PREFIX:NAME). Any other parent is a cgroupfs directory and gives
// "/<parent>/<id>", cleaned; BuildKit inserts "buildkit" between the two,
// ocikit inserts nothing (as Docker's cgroupfs driver).
inline absl::StatusOr<std::string> CgroupPathForParent(absl::string_view parent, absl::string_view id) {
  if (parent.empty()) return absl::InvalidArgumentError("cgroup parent is empty");
  if (id.empty() || absl::StrContains(id, "/") || absl::StrContains(id, ":") || id == "." || id == "..") {
    return absl::InvalidArgumentError(absl::StrCat("container id \"", id, "\" cannot name a cgroup under parent \"",
                                                   parent, "\"; expected a non-empty id without \"/\" or \":\""));
  }
  if (absl::StrContains(parent, ".slice") && absl::EndsWith(parent, ":")) {
    std::string path = absl::StrCat(parent, id);
    if (absl::Status s = ValidateSystemdCgroupsPath(path); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid systemd cgroup parent \"", parent, "\"; expected SLICE:PREFIX: such as system.slice:ocikit:"));
    }
    return path;
  }
  return JoinPath({"/", parent, id});
}

// Sets linux.cgroupsPath as given (a cgroupfs path, or SLICE:PREFIX:NAME for
// the systemd driver).
inline SpecOpt WithCgroup(std::string path) {
  return SpecOpt("WithCgroup", [path = std::move(path)](const SpecContext&, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = path;
    return absl::OkStatus();
  });
}

// Sets linux.cgroupsPath to CgroupPathForParent(parent, ctx.container_id).
// Example: WithCgroupParent("system.slice:ocikit:")  // "system.slice:ocikit:web"
inline SpecOpt WithCgroupParent(std::string parent) {
  return SpecOpt("WithCgroupParent", [parent = std::move(parent)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    absl::StatusOr<std::string> path = CgroupPathForParent(parent, ctx.container_id);
    if (!path.ok()) return path.status();
    EnsureLinux(spec).cgroups_path = *std::move(path);
    return absl::OkStatus();
  });
}

// Sets linux.cgroupsPath to containerd's "/<namespace>/<id>" from the context.
inline SpecOpt WithNamespacedCgroup() {
  return SpecOpt("WithNamespacedCgroup", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    EnsureLinux(spec).cgroups_path = NamespacedCgroupsPath(ctx.ns, ctx.container_id);
    return absl::OkStatus();
  });
}

// Sets process.oomScoreAdj (-1000 to 1000). Lowering it below the runtime's
// own score needs CAP_SYS_RESOURCE.
inline SpecOpt WithOOMScoreAdj(int64_t adj) {
  return SpecOpt("WithOOMScoreAdj", [adj](const SpecContext&, Spec& spec) -> absl::Status {
    if (adj < -1000 || adj > 1000) {
      return absl::InvalidArgumentError(absl::StrCat("oom score adj ", adj, " is out of range; expected -1000 to 1000"));
    }
    EnsureProcess(spec).oom_score_adj = adj;
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RESOURCES_H_
