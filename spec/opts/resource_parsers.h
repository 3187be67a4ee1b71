// File: spec/opts/resource_parsers.h
//
// Parsers for the resource values Docker users type: sizes ("512m"),
// CPU counts ("1.5"), cpuset lists, and block-device rates and weights
// ("/dev/sda:1mb"). The transforms that use them are in spec/opts/resources.h.
//
// Example:
//   absl::StatusOr<int64_t> limit = ParseByteSize("512m");  // 536870912
//   absl::StatusOr<CPUQuota> cpus = ParseCPUs("1.5");       // 150000 / 100000
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_H_
#define OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_H_


#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"


namespace ocikit {

// Docker's CFS period for `--cpus`: 100ms.
inline constexpr uint64_t kDefaultCPUPeriod = 100000;

namespace internal {

bool AllDigits(absl::string_view s);

// Digits only (no sign, no spaces), within uint64.
bool ParseDecimal(absl::string_view s, uint64_t& out);

// "123.45" -> int "123", frac "45"; false unless DIGITS[.DIGITS].
bool SplitDecimal(absl::string_view s, absl::string_view& int_part, absl::string_view& frac_part);

// Exact int_part.frac_part * multiplier, truncated toward zero; false when it
// does not fit in int64. Fraction digits past the 18th are ignored.
bool ScaleDecimal(absl::string_view int_part, absl::string_view frac_part, uint64_t multiplier, int64_t& out);

}  // namespace internal

// ---------------------------------------------------------------------------
// Parsers
// ---------------------------------------------------------------------------

// Parses a byte count as Docker's `--memory` does (go-units RAMInBytes):
// NUMBER[.FRACTION][ ][UNIT[i]][b], units k, m, g, t, p in any case, binary
// multiples: "512m" = 536870912, "1.5g" = 1610612736, "1KiB" = 1024,
// "100" = 100 bytes. Fractions are truncated to whole bytes. Unlike go-units,
// "i" needs a unit before it and a value past int64 is an error, not garbage.
absl::StatusOr<int64_t> ParseByteSize(absl::string_view text);

// Parses Docker's `--memory-swap`: "-1" (unlimited) or a size as
// ParseByteSize() reads it. The value is memory plus swap.
absl::StatusOr<int64_t> ParseMemorySwap(absl::string_view text);

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
absl::StatusOr<CPUQuota> ParseCPUs(absl::string_view text);

// OK when `list` is a cpuset list such as "0-3,5": comma-separated numbers and
// ascending ranges.
absl::Status ValidateCPUSetList(absl::string_view list);

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
absl::StatusOr<BlockDeviceValue> StatBlockDevice(absl::string_view path, absl::string_view host_root = "/");

namespace internal {

enum class DeviceValueKind { kBytesPerSecond, kOpsPerSecond, kWeight };

// Docker's PATH:VALUE device flags. The value is split at the last ':', so
// paths such as /dev/disk/by-path/pci-0000:00:1f.2-ata-1 work (Docker splits
// at the first).
absl::StatusOr<BlockDeviceValue> ParseBlockDeviceFlag(absl::string_view flag, DeviceValueKind kind,
                                                             absl::string_view host_root);

}  // namespace internal

// Parses Docker's `--device-read-bps` / `--device-write-bps` value
// "/dev/sda:1mb" (rate as ParseByteSize() reads it, positive) and stats the
// block device under `host_root`.
absl::StatusOr<BlockDeviceValue> ParseThrottleBpsDevice(absl::string_view flag,
                                                               absl::string_view host_root = "/");

// Parses Docker's `--device-read-iops` / `--device-write-iops` value
// "/dev/sda:1000" and stats the block device under `host_root`.
absl::StatusOr<BlockDeviceValue> ParseThrottleIOPSDevice(absl::string_view flag,
                                                                absl::string_view host_root = "/");

// Parses Docker's `--blkio-weight-device` value "/dev/sda:200" (10 to 1000)
// and stats the block device under `host_root`.
absl::StatusOr<BlockDeviceValue> ParseWeightDevice(absl::string_view flag, absl::string_view host_root = "/");

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/resource_parsers-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_H_
