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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_USERNS_H_
#define OCIKIT_SPEC_OPTS_USERNS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The kernel accepts at most 340 lines in uid_map/gid_map (Linux 4.15+).
inline constexpr size_t kMaxIDMappings = 340;

namespace internal {

std::string DescribeMapping(const LinuxIDMapping& m, char separator = ':');

// Last id of a range, or false when it reaches 4294967295 ((uid_t)-1), which
// the kernel never maps: start + size must not exceed 4294967295.
bool RangeEnd(uint32_t start, uint32_t size, uint64_t& end);

}  // namespace internal

// Checks that every mapping has a size, ends below id 4294967295 (first id +
// size <= 4294967295 on both sides, as the kernel's map_write wants), and that
// neither the container ranges nor the host ranges overlap. Messages show
// mappings as the user typed them: "0:1000:10", or "0-1000-10" with '-'.
absl::Status ValidateIDMappings(const std::vector<LinuxIDMapping>& maps, char separator = ':');

// Parses "container:host:size[,container:host:size...]" (Podman's --uidmap);
// the result is validated with ValidateIDMappings.
absl::StatusOr<std::vector<LinuxIDMapping>> ParseIDMappings(absl::string_view text);

// The host id that container id `id` maps to (BuildKit's ToHost).
absl::StatusOr<uint32_t> IDToHost(uint32_t id, const std::vector<LinuxIDMapping>& maps);

// The container id that host id `id` maps to.
absl::StatusOr<uint32_t> IDToContainer(uint32_t id, const std::vector<LinuxIDMapping>& maps);

// Adds a user namespace (at the end, if there is none) and appends the
// mappings; repeated calls accumulate, as in containerd. The combined
// mappings must not overlap.
SpecOpt WithUserNamespace(std::vector<LinuxIDMapping> uid_maps, std::vector<LinuxIDMapping> gid_maps);

// A range of subordinate ids from /etc/subuid or /etc/subgid.
struct SubordinateIDs {
  uint32_t start = 0;
  uint32_t count = 0;
};

// The first "NAME:START:COUNT" line of a subuid/subgid file whose first field
// is `name` or the decimal `id`; malformed lines and # comments are skipped.
std::optional<SubordinateIDs> FindSubordinateIDs(absl::string_view text, absl::string_view name, uint32_t id);

// Podman's keep-id mappings for one kind of id: container `container_id` to
// the caller's `host_id`, and with subordinate ids, the container ids below
// it to the start of the range and the ones above it to the rest of the
// range (so container root is mapped too). Without them, only the one id.
std::vector<LinuxIDMapping> KeepIDMappings(uint32_t host_id, uint32_t container_id,
                                           const std::optional<SubordinateIDs>& sub);

// Podman's --userns keep-id: a user namespace with KeepIDMappings for uids
// and gids, the process running as uid:gid (so files the caller owns keep
// their owner inside), and devpts without gid=5 when gid 5 is not mapped
// (crun #234). Runtimes need container root mapped: with `uid` or `gid`
// other than 0 that takes the caller's subordinate ids, else it is an error
// saying so. Fails, changing nothing, when the spec has id mappings already.
SpecOpt WithKeepIDUserNamespace(uint32_t host_uid, uint32_t host_gid, uint32_t uid, uint32_t gid,
                                std::optional<SubordinateIDs> subuid = std::nullopt,
                                std::optional<SubordinateIDs> subgid = std::nullopt);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/userns-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_USERNS_H_
