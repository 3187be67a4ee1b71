// File: spec/opts/userns.h
//
// User namespaces and uid/gid mappings: parsing the mapping strings users
// type ("0:100000:65536"), checking them, translating ids between the
// container and the host, and adding the user namespace to a spec.
//
// Example:
//   absl::StatusOr<std::vector<LinuxIDMapping>> uids = ParseIDMappings("0:100000:65536");
//   ApplyOpts(ctx, spec, {WithUserNamespace(*uids, *uids)});
//   IDToHost(0, *uids);  // 100000
#ifndef OCIKIT_SPEC_OPTS_USERNS_H_
#define OCIKIT_SPEC_OPTS_USERNS_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The kernel accepts at most 340 lines in uid_map/gid_map (Linux 4.15+).
inline constexpr size_t kMaxIDMappings = 340;

namespace internal {

inline std::string DescribeMapping(const LinuxIDMapping& m, char separator = ':') {
  const std::string sep(1, separator);
  return absl::StrCat(m.container_id, sep, m.host_id, sep, m.size);
}

// Last id of a range, or false when it runs past 2^32-1.
inline bool RangeEnd(uint32_t start, uint32_t size, uint64_t& end) {
  end = static_cast<uint64_t>(start) + size - 1;
  return end <= UINT32_MAX;
}

}  // namespace internal

// Checks that every mapping has a size, stays within 32-bit ids, and that
// neither the container ranges nor the host ranges overlap. Messages show
// mappings as the user typed them: "0:1000:10", or "0-1000-10" with '-'.
inline absl::Status ValidateIDMappings(const std::vector<LinuxIDMapping>& maps, char separator = ':') {
  if (maps.size() > kMaxIDMappings) {
    return absl::InvalidArgumentError(absl::StrCat(maps.size(), " mappings; the kernel accepts at most ", kMaxIDMappings));
  }
  for (size_t i = 0; i < maps.size(); ++i) {
    const LinuxIDMapping& m = maps[i];
    uint64_t end = 0;
    if (m.size == 0) {
      return absl::InvalidArgumentError(absl::StrCat("mapping \"", internal::DescribeMapping(m, separator), "\": size must be at least 1"));
    }
    if (!internal::RangeEnd(m.container_id, m.size, end) || !internal::RangeEnd(m.host_id, m.size, end)) {
      return absl::InvalidArgumentError(
          absl::StrCat("mapping \"", internal::DescribeMapping(m, separator), "\": range runs past id 4294967295"));
    }
    for (size_t j = 0; j < i; ++j) {
      const LinuxIDMapping& o = maps[j];
      const auto overlaps = [](uint32_t a, uint32_t b, uint32_t size_a, uint32_t size_b) {
        return static_cast<uint64_t>(a) < static_cast<uint64_t>(b) + size_b &&
               static_cast<uint64_t>(b) < static_cast<uint64_t>(a) + size_a;
      };
      const char* which = overlaps(m.container_id, o.container_id, m.size, o.size) ? "container"
                          : overlaps(m.host_id, o.host_id, m.size, o.size)       ? "host"
                                                                                   : nullptr;
      if (which != nullptr) {
        return absl::InvalidArgumentError(absl::StrCat("mapping \"", internal::DescribeMapping(m, separator), "\" overlaps \"",
                                                       internal::DescribeMapping(o, separator), "\" in ", which, " ids"));
      }
    }
  }
  return absl::OkStatus();
}

// Parses "container:host:size[,container:host:size...]" (Podman's --uidmap);
// the result is validated with ValidateIDMappings.
inline absl::StatusOr<std::vector<LinuxIDMapping>> ParseIDMappings(absl::string_view text) {
  std::vector<LinuxIDMapping> maps;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    const std::vector<absl::string_view> fields = absl::StrSplit(part, ':');
    LinuxIDMapping m;
    if (fields.size() != 3 || !absl::SimpleAtoi(fields[0], &m.container_id) ||
        !absl::SimpleAtoi(fields[1], &m.host_id) || !absl::SimpleAtoi(fields[2], &m.size) ||
        absl::StrContains(part, '-') || absl::StrContains(part, '+') || absl::StrContains(part, ' ')) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid id mapping \"", part, "\"; expected CONTAINER_ID:HOST_ID:SIZE, e.g. 0:100000:65536"));
    }
    maps.push_back(m);
  }
  if (absl::Status s = ValidateIDMappings(maps); !s.ok()) return s;
  return maps;
}

// The host id that container id `id` maps to (BuildKit's ToHost).
inline absl::StatusOr<uint32_t> IDToHost(uint32_t id, const std::vector<LinuxIDMapping>& maps) {
  for (const LinuxIDMapping& m : maps) {
    if (id >= m.container_id && static_cast<uint64_t>(id) < static_cast<uint64_t>(m.container_id) + m.size) {
      return m.host_id + (id - m.container_id);
    }
  }
  return absl::NotFoundError(absl::StrCat("container id ", id, " is not mapped to a host id"));
}

// The container id that host id `id` maps to.
inline absl::StatusOr<uint32_t> IDToContainer(uint32_t id, const std::vector<LinuxIDMapping>& maps) {
  for (const LinuxIDMapping& m : maps) {
    if (id >= m.host_id && static_cast<uint64_t>(id) < static_cast<uint64_t>(m.host_id) + m.size) {
      return m.container_id + (id - m.host_id);
    }
  }
  return absl::NotFoundError(absl::StrCat("host id ", id, " is not mapped into the container"));
}

// Adds a user namespace (at the end, if there is none) and appends the
// mappings; repeated calls accumulate, as in containerd. The combined
// mappings must not overlap.
inline SpecOpt WithUserNamespace(std::vector<LinuxIDMapping> uid_maps, std::vector<LinuxIDMapping> gid_maps) {
  return SpecOpt("WithUserNamespace", [uid_maps = std::move(uid_maps), gid_maps = std::move(gid_maps)](
                                          const SpecContext&, Spec& spec) -> absl::Status {
    Linux& lx = EnsureLinux(spec);
    std::vector<LinuxIDMapping> uids = lx.uid_mappings;
    std::vector<LinuxIDMapping> gids = lx.gid_mappings;
    uids.insert(uids.end(), uid_maps.begin(), uid_maps.end());
    gids.insert(gids.end(), gid_maps.begin(), gid_maps.end());
    if (absl::Status s = ValidateIDMappings(uids); !s.ok()) return absl::InvalidArgumentError(absl::StrCat("uid ", s.message()));
    if (absl::Status s = ValidateIDMappings(gids); !s.ok()) return absl::InvalidArgumentError(absl::StrCat("gid ", s.message()));
    lx.uid_mappings = std::move(uids);
    lx.gid_mappings = std::move(gids);
    if (!HasNamespace(spec, kUserNamespace)) lx.namespaces.emplace_back().type = std::string(kUserNamespace);
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_USERNS_H_
