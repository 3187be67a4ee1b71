// Fuzz target: the string parsers of spec/opts that read flag values (mounts,
// volumes, tmpfs, idmaps, ulimits, devices and device cgroup rules, sizes,
// CPU quotas and lists, block device rates, sysctls, extra hosts, path
// defaults, USER parts). The input is "PARSER\nVALUE": the first line names
// the parser (an unknown name picks one by its bytes, so every input reaches
// one), the rest is the value. Property: each parser returns a value or an
// error with a message, never crashes, and a value it accepts is parsed the
// same way again.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "spec/fuzz/check.h"
#include "spec/opts/devices.h"
#include "spec/opts/hosts.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/mount_flags.h"
#include "spec/opts/resource_parsers.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/sysctls.h"
#include "spec/opts/user.h"
#include "spec/opts/userns.h"

namespace ocikit {
namespace {

// Block device flags stat their path under this root, which does not exist:
// the parsers run, and no host device is touched.
constexpr absl::string_view kNoHostRoot = "/nonexistent-ocikit-fuzz-root";

template <class T>
absl::Status StatusOf(const absl::StatusOr<T>& v) {
  return v.status();
}

// Runs `parse` twice and checks that it is deterministic and that errors say
// something.
template <class Parse>
void CheckParser(absl::string_view name, absl::string_view value, Parse parse) {
  const auto first = parse(value);
  const auto second = parse(value);
  OCIKIT_FUZZ_CHECK(StatusOf(first).ok() == StatusOf(second).ok(), name, ": not deterministic");
  if (!StatusOf(first).ok()) {
    OCIKIT_FUZZ_CHECK(!StatusOf(first).message().empty(), name, ": an error without a message");
  }
}

using Parser = std::function<void(absl::string_view name, absl::string_view value)>;

template <class Parse>
std::pair<std::string, Parser> Entry(std::string name, Parse parse) {
  return {std::move(name), [parse](absl::string_view n, absl::string_view v) { CheckParser(n, v, parse); }};
}

const std::vector<std::pair<std::string, Parser>>& Parsers() {
  static const auto* parsers = new std::vector<std::pair<std::string, Parser>>{
      Entry("mount", [](absl::string_view v) { return ParseMountFlag(v); }),
      Entry("volume", [](absl::string_view v) { return ParseVolumeFlag(v); }),
      Entry("tmpfs", [](absl::string_view v) { return ParseTmpfsFlag(v); }),
      Entry("idmap", [](absl::string_view v) { return ParseIDMappings(v); }),
      Entry("mount-idmap", [](absl::string_view v) { return ParseMountIDMap(v); }),
      Entry("mount-idmap-option", [](absl::string_view v) { return ParseMountIDMapOption(v); }),
      Entry("tmpfs-bytes", [](absl::string_view v) { return internal::ParseTmpfsBytes(v); }),
      Entry("ulimit", [](absl::string_view v) { return ParseUlimit(v); }),
      Entry("device", [](absl::string_view v) { return ParseDeviceFlag(v); }),
      Entry("device-cgroup-rule", [](absl::string_view v) { return ParseDeviceCgroupRule(v); }),
      Entry("size", [](absl::string_view v) { return ParseByteSize(v); }),
      Entry("memory-swap", [](absl::string_view v) { return ParseMemorySwap(v); }),
      Entry("cpus", [](absl::string_view v) { return ParseCPUs(v); }),
      Entry("cpuset", [](absl::string_view v) { return absl::StatusOr<bool>(ValidateCPUSetList(v).ok()); }),
      Entry("cpu-list", [](absl::string_view v) { return ParseCpuList(v); }),
      Entry("device-bps", [](absl::string_view v) { return ParseThrottleBpsDevice(v, kNoHostRoot); }),
      Entry("device-iops", [](absl::string_view v) { return ParseThrottleIOPSDevice(v, kNoHostRoot); }),
      Entry("weight-device", [](absl::string_view v) { return ParseWeightDevice(v, kNoHostRoot); }),
      Entry("sysctl", [](absl::string_view v) { return ParseSysctlFlag(v); }),
      Entry("add-host", [](absl::string_view v) { return ParseExtraHost(v); }),
      Entry("path-defaults", [](absl::string_view v) { return ParsePathDefaults(v); }),
      Entry("user", [](absl::string_view v) { return internal::ParseUserPart(v, v, "user"); }),
  };
  return *parsers;
}

}  // namespace
}  // namespace ocikit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = ocikit::fuzz::AsText(data, size);
  const size_t newline = text.find('\n');
  const absl::string_view name = text.substr(0, newline);
  const absl::string_view value = newline == absl::string_view::npos ? "" : text.substr(newline + 1);
  const auto& parsers = ocikit::Parsers();
  for (const auto& [parser_name, parse] : parsers) {
    if (parser_name == name) {
      parse(parser_name, value);
      return 0;
    }
  }
  size_t pick = 0;
  for (const char c : name) pick += static_cast<unsigned char>(c);
  const auto& [parser_name, parse] = parsers[pick % parsers.size()];
  parse(parser_name, value);
  return 0;
}
