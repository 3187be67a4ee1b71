// File: spec/rootfs/passwd-inl.h
//
// Definitions of spec/rootfs/passwd.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_ROOTFS_PASSWD_INL_H_
#define OCIKIT_SPEC_ROOTFS_PASSWD_INL_H_

#include "spec/rootfs/passwd.h"
#include "spec/internal/compile_mode.h"
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::optional<uint32_t> ParseAccountId(absl::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > kMaxAccountId) return std::nullopt;
  return static_cast<uint32_t>(value);
}

OCIKIT_INLINE std::optional<PasswdEntry> ToPasswdEntry(const AccountLine<7>& line) {
  const std::optional<uint32_t> uid = ParseAccountId(line.fields[2]);
  const std::optional<uint32_t> gid = ParseAccountId(line.fields[3]);
  if (!uid || !gid) return std::nullopt;
  PasswdEntry entry;
  entry.name = std::string(line.fields[0]);
  entry.password = std::string(line.fields[1]);
  entry.uid = *uid;
  entry.gid = *gid;
  entry.gecos = std::string(line.fields[4]);
  entry.home = std::string(line.fields[5]);
  entry.shell = std::string(line.fields[6]);
  return entry;
}

OCIKIT_INLINE bool HasMember(absl::string_view members, absl::string_view user) {
  if (user.empty()) return false;
  for (absl::string_view member : absl::StrSplit(members, ',')) {
    if (member == user) return true;
  }
  return false;
}
}  // namespace internal

OCIKIT_INLINE std::vector<PasswdEntry> ParsePasswd(absl::string_view text) {
  std::vector<PasswdEntry> entries;
  internal::ForEachAccountLine<7>(text, [&](const internal::AccountLine<7>& line) {
    if (std::optional<PasswdEntry> entry = internal::ToPasswdEntry(line)) entries.push_back(*std::move(entry));
    return true;
  });
  return entries;
}

OCIKIT_INLINE std::vector<GroupEntry> ParseGroup(absl::string_view text) {
  std::vector<GroupEntry> entries;
  internal::ForEachAccountLine<4>(text, [&](const internal::AccountLine<4>& line) {
    const std::optional<uint32_t> gid = internal::ParseAccountId(line.fields[2]);
    if (!gid) return true;
    GroupEntry& entry = entries.emplace_back();
    entry.name = std::string(line.fields[0]);
    entry.password = std::string(line.fields[1]);
    entry.gid = *gid;
    for (absl::string_view member : absl::StrSplit(line.fields[3], ',', absl::SkipEmpty())) {
      entry.members.emplace_back(member);
    }
    return true;
  });
  return entries;
}

OCIKIT_INLINE std::optional<PasswdEntry> FindPasswdByName(absl::string_view passwd_text, absl::string_view name) {
  std::optional<PasswdEntry> found;
  internal::ForEachAccountLine<7>(passwd_text, [&](const internal::AccountLine<7>& line) {
    if (line.fields[0] != name) return true;
    found = internal::ToPasswdEntry(line);
    return !found.has_value();
  });
  return found;
}

OCIKIT_INLINE std::optional<PasswdEntry> FindPasswdByUid(absl::string_view passwd_text, uint32_t uid) {
  std::optional<PasswdEntry> found;
  internal::ForEachAccountLine<7>(passwd_text, [&](const internal::AccountLine<7>& line) {
    const std::optional<uint32_t> line_uid = internal::ParseAccountId(line.fields[2]);
    if (line_uid != uid) return true;
    found = internal::ToPasswdEntry(line);
    return !found.has_value();
  });
  return found;
}

OCIKIT_INLINE std::optional<uint32_t> FindGroupGid(absl::string_view group_text, absl::string_view name) {
  std::optional<uint32_t> found;
  internal::ForEachAccountLine<4>(group_text, [&](const internal::AccountLine<4>& line) {
    if (line.fields[0] != name) return true;
    found = internal::ParseAccountId(line.fields[2]);
    return !found.has_value();
  });
  return found;
}

OCIKIT_INLINE std::vector<uint32_t> FindSupplementaryGids(absl::string_view group_text, absl::string_view user) {
  std::vector<uint32_t> gids;
  absl::flat_hash_set<uint32_t> seen;
  internal::ForEachAccountLine<4>(group_text, [&](const internal::AccountLine<4>& line) {
    if (!internal::HasMember(line.fields[3], user)) return true;
    const std::optional<uint32_t> gid = internal::ParseAccountId(line.fields[2]);
    if (gid && seen.insert(*gid).second) gids.push_back(*gid);
    return true;
  });
  return gids;
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_ROOTFS_PASSWD_INL_H_
