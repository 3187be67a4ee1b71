// File: spec/opts/resource_parsers-inl.h
//
// Definitions of spec/opts/resource_parsers.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_INL_H_
#define OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_INL_H_

#include "spec/opts/resource_parsers.h"
#include "spec/internal/compile_mode.h"
#include "absl/numeric/int128.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
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
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/pathutil.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

OCIKIT_INLINE bool ParseDecimal(absl::string_view s, uint64_t& out) { return AllDigits(s) && absl::SimpleAtoi(s, &out); }

OCIKIT_INLINE bool SplitDecimal(absl::string_view s, absl::string_view& int_part, absl::string_view& frac_part) {
  const size_t dot = s.find('.');
  int_part = s.substr(0, dot);
  frac_part = dot == absl::string_view::npos ? absl::string_view() : s.substr(dot + 1);
  return AllDigits(int_part) && (dot == absl::string_view::npos || AllDigits(frac_part));
}

OCIKIT_INLINE bool ScaleDecimal(absl::string_view int_part, absl::string_view frac_part, uint64_t multiplier, int64_t& out) {
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
  // absl::uint128, not __int128: ISO C++ (-Wpedantic) has no 128-bit type.
  const absl::uint128 value = absl::uint128(whole) * multiplier + absl::uint128(frac) * multiplier / scale;
  if (value > absl::uint128(INT64_MAX)) return false;
  out = static_cast<int64_t>(absl::Uint128Low64(value));
  return true;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<int64_t> ParseByteSize(absl::string_view text) {
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

OCIKIT_INLINE absl::StatusOr<int64_t> ParseMemorySwap(absl::string_view text) {
  if (text == "-1") return int64_t{-1};
  return ParseByteSize(text);
}

OCIKIT_INLINE absl::StatusOr<CPUQuota> ParseCPUs(absl::string_view text) {
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

OCIKIT_INLINE absl::Status ValidateCPUSetList(absl::string_view list) {
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

OCIKIT_INLINE absl::StatusOr<BlockDeviceValue> StatBlockDevice(absl::string_view path, absl::string_view host_root) {
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

OCIKIT_INLINE absl::StatusOr<BlockDeviceValue> ParseBlockDeviceFlag(absl::string_view flag, DeviceValueKind kind,
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
  OCIKIT_ASSIGN_OR_RETURN(BlockDeviceValue dev, StatBlockDevice(path, host_root));
  dev.value = value;
  return dev;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<BlockDeviceValue> ParseThrottleBpsDevice(absl::string_view flag,
                                                               absl::string_view host_root) {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kBytesPerSecond, host_root);
}

OCIKIT_INLINE absl::StatusOr<BlockDeviceValue> ParseThrottleIOPSDevice(absl::string_view flag,
                                                                absl::string_view host_root) {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kOpsPerSecond, host_root);
}

OCIKIT_INLINE absl::StatusOr<BlockDeviceValue> ParseWeightDevice(absl::string_view flag, absl::string_view host_root) {
  return internal::ParseBlockDeviceFlag(flag, internal::DeviceValueKind::kWeight, host_root);
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RESOURCE_PARSERS_INL_H_
