// File: spec/opts/userns-inl.h
//
// Definitions of spec/opts/userns.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_USERNS_INL_H_
#define OCIKIT_SPEC_OPTS_USERNS_INL_H_

#include "spec/opts/userns.h"
#include "spec/internal/compile_mode.h"
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
#include "spec/internal/status_macros.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string DescribeMapping(const LinuxIDMapping& m, char separator) {
  const std::string sep(1, separator);
  return absl::StrCat(m.container_id, sep, m.host_id, sep, m.size);
}

OCIKIT_INLINE bool RangeEnd(uint32_t start, uint32_t size, uint64_t& end) {
  end = static_cast<uint64_t>(start) + size - 1;
  // The kernel refuses a range that reaches id 4294967295 ((uid_t)-1, "no
  // id"): map_write wants first + count to stay below 2^32 - 1.
  return end < UINT32_MAX;
}
}  // namespace internal

OCIKIT_INLINE absl::Status ValidateIDMappings(const std::vector<LinuxIDMapping>& maps, char separator) {
  if (maps.size() > kMaxIDMappings) {
    return absl::InvalidArgumentError(absl::StrCat(maps.size(), " mappings; the kernel accepts at most ", kMaxIDMappings));
  }
  for (size_t i = 0; i < maps.size(); ++i) {
    const LinuxIDMapping& m = maps[i];
    uint64_t end = 0;
    if (m.size == 0) {
      return absl::InvalidArgumentError(absl::StrCat("mapping \"", internal::DescribeMapping(m, separator), "\": size must be at least 1"));
    }
    const bool container_ok = internal::RangeEnd(m.container_id, m.size, end);
    if (!container_ok || !internal::RangeEnd(m.host_id, m.size, end)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "mapping \"", internal::DescribeMapping(m, separator), "\": ", container_ok ? "host" : "container",
          " id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"));
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

OCIKIT_INLINE absl::StatusOr<std::vector<LinuxIDMapping>> ParseIDMappings(absl::string_view text) {
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
  OCIKIT_RETURN_IF_ERROR(ValidateIDMappings(maps));
  return maps;
}

OCIKIT_INLINE absl::StatusOr<uint32_t> IDToHost(uint32_t id, const std::vector<LinuxIDMapping>& maps) {
  for (const LinuxIDMapping& m : maps) {
    if (id >= m.container_id && static_cast<uint64_t>(id) < static_cast<uint64_t>(m.container_id) + m.size) {
      return m.host_id + (id - m.container_id);
    }
  }
  return absl::NotFoundError(absl::StrCat("container id ", id, " is not mapped to a host id"));
}

OCIKIT_INLINE absl::StatusOr<uint32_t> IDToContainer(uint32_t id, const std::vector<LinuxIDMapping>& maps) {
  for (const LinuxIDMapping& m : maps) {
    if (id >= m.host_id && static_cast<uint64_t>(id) < static_cast<uint64_t>(m.host_id) + m.size) {
      return m.container_id + (id - m.host_id);
    }
  }
  return absl::NotFoundError(absl::StrCat("host id ", id, " is not mapped into the container"));
}

OCIKIT_INLINE SpecOpt WithUserNamespace(std::vector<LinuxIDMapping> uid_maps, std::vector<LinuxIDMapping> gid_maps) {
  return SpecOpt("WithUserNamespace", [uid_maps = std::move(uid_maps), gid_maps = std::move(gid_maps)](
                                          const SpecContext&, Spec& spec) -> absl::Status {
    Linux& lx = EnsureLinux(spec);
    std::vector<LinuxIDMapping> uids = lx.uid_mappings;
    std::vector<LinuxIDMapping> gids = lx.gid_mappings;
    uids.insert(uids.end(), uid_maps.begin(), uid_maps.end());
    gids.insert(gids.end(), gid_maps.begin(), gid_maps.end());
    OCIKIT_RETURN_IF_ERROR_PREFIXED("uid ", ValidateIDMappings(uids));
    OCIKIT_RETURN_IF_ERROR_PREFIXED("gid ", ValidateIDMappings(gids));
    lx.uid_mappings = std::move(uids);
    lx.gid_mappings = std::move(gids);
    if (!HasNamespace(spec, kUserNamespace)) lx.namespaces.emplace_back().type = std::string(kUserNamespace);
    return absl::OkStatus();
  });
}
OCIKIT_INLINE std::optional<SubordinateIDs> FindSubordinateIDs(absl::string_view text, absl::string_view name,
                                                              uint32_t id) {
  const std::string id_text = absl::StrCat(id);
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    const std::vector<absl::string_view> f = absl::StrSplit(line, ':');
    SubordinateIDs sub;
    if (f.size() != 3 || f[0].empty() || f[0][0] == '#' || !absl::SimpleAtoi(f[1], &sub.start) ||
        !absl::SimpleAtoi(f[2], &sub.count) || sub.count == 0) {
      continue;
    }
    if (f[0] == name || f[0] == id_text) return sub;
  }
  return std::nullopt;
}

OCIKIT_INLINE std::vector<LinuxIDMapping> KeepIDMappings(uint32_t host_id, uint32_t container_id,
                                                         const std::optional<SubordinateIDs>& sub) {
  const auto map = [](uint32_t container, uint32_t host, uint32_t size) {
    LinuxIDMapping m;
    m.container_id = container;
    m.host_id = host;
    m.size = size;
    return m;
  };
  std::vector<LinuxIDMapping> out;
  const uint32_t below = sub ? std::min(container_id, sub->count) : 0;
  if (below > 0) out.push_back(map(container_id - below, sub->start, below));
  out.push_back(map(container_id, host_id, 1));
  if (sub && sub->count > below && container_id < 4294967294u) {
    const uint32_t above = static_cast<uint32_t>(std::min<uint64_t>(sub->count - below, 4294967295ull - container_id - 1));
    out.push_back(map(container_id + 1, sub->start + below, above));
  }
  return out;
}

OCIKIT_INLINE SpecOpt WithKeepIDUserNamespace(uint32_t host_uid, uint32_t host_gid, uint32_t uid, uint32_t gid,
                                              std::optional<SubordinateIDs> subuid,
                                              std::optional<SubordinateIDs> subgid) {
  return SpecOpt("WithKeepIDUserNamespace", [=](const SpecContext& ctx, Spec& spec) -> absl::Status {
    if (spec.linux_section && (!spec.linux_section->uid_mappings.empty() || !spec.linux_section->gid_mappings.empty())) {
      return absl::FailedPreconditionError("the spec already has uid or gid mappings; expected none with keep-id");
    }
    const std::vector<LinuxIDMapping> uids = KeepIDMappings(host_uid, uid, subuid);
    const std::vector<LinuxIDMapping> gids = KeepIDMappings(host_gid, gid, subgid);
    if (!IDToHost(0, uids).ok() || !IDToHost(0, gids).ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "keep-id maps container uid ", uid, " and gid ", gid, " to yours, and runtimes need container root mapped "
          "too; expected subordinate ids for you in /etc/subuid and /etc/subgid (NAME:START:COUNT), or uid=0,gid=0"));
    }
    OCIKIT_RETURN_IF_ERROR(WithUserNamespace(uids, gids)(ctx, spec));
    User& user = EnsureProcess(spec).user;
    user.uid = uid;
    user.gid = gid;
    user.additional_gids = {gid};
    if (!IDToHost(5, gids).ok()) {
      for (Mount& m : spec.mounts) {
        if (m.type == "devpts") std::erase(m.options, std::string("gid=5"));
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_USERNS_INL_H_
