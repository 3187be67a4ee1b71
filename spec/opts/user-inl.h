// File: spec/opts/user-inl.h
//
// Definitions of spec/opts/user.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_USER_INL_H_
#define OCIKIT_SPEC_OPTS_USER_INL_H_

#include "spec/opts/user.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/process.h"
#include "spec/opts/spec_opt.h"
#include "spec/rootfs/passwd.h"
#include "spec/rootfs/rootfs.h"

namespace ocikit {

OCIKIT_INLINE void EnsureAdditionalGids(User& user) {
  auto& gids = user.additional_gids;
  if (std::find(gids.begin(), gids.end(), user.gid) == gids.end()) gids.insert(gids.begin(), user.gid);
}

OCIKIT_INLINE SpecOpt WithUIDGID(uint32_t uid, uint32_t gid) {
  return SpecOpt("WithUIDGID", [=](const SpecContext&, Spec& spec) {
    User& user = EnsureProcess(spec).user;
    user.uid = uid;
    user.gid = gid;
    user.additional_gids.clear();
    EnsureAdditionalGids(user);
    return absl::OkStatus();
  });
}

namespace internal {

OCIKIT_INLINE absl::StatusOr<std::string> LookupRootfs(const SpecContext& ctx, const Spec& spec, absl::string_view kind,
                                                absl::string_view value) {
  if (!ctx.rootfs.empty()) return ctx.rootfs;
  if (spec.root && absl::StartsWith(spec.root->path, "/")) return spec.root->path;
  return absl::FailedPreconditionError(
      absl::StrCat("rootfs path is required to look up ", kind, " \"", value, "\""));
}

OCIKIT_INLINE absl::StatusOr<UserPart> ParseUserPart(absl::string_view user, absl::string_view part,
                                              absl::string_view which) {
  UserPart result;
  absl::string_view digits = part;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    result.name = std::string(part);
    return result;
  }
  const size_t first = std::min(digits.find_first_not_of('0'), digits.size());
  digits.remove_prefix(first);
  uint64_t value = 0;
  bool in_range = digits.size() <= 10;
  for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
  if (negative && value != 0) in_range = false;
  if (!in_range || value > kMaxUserValueId) {
    return absl::InvalidArgumentError(absl::StrCat("invalid USER value \"", user, "\": ", which, " out of range"));
  }
  result.numeric = true;
  result.id = static_cast<uint32_t>(value);
  return result;
}

OCIKIT_INLINE absl::Status CheckUserPartsNotEmpty(absl::string_view user, const std::vector<absl::string_view>& parts) {
  if (parts.size() != 2 || (!parts[0].empty() && !parts[1].empty())) return absl::OkStatus();
  const char* what = parts[0].empty() && parts[1].empty() ? "empty user and empty group"
                     : parts[0].empty()                   ? "empty user before ':'"
                                                          : "empty group after ':'";
  return absl::InvalidArgumentError(absl::StrCat("invalid USER value \"", user, "\": ", what,
                                                 "; expected USER or USER:GROUP, each a name or a number"));
}

OCIKIT_INLINE absl::Status UserNotFound(absl::string_view name, const AccountFile& passwd) {
  return absl::NotFoundError(absl::StrCat("unable to find user \"", name, "\": ",
                                          passwd.text ? "no matching entries in passwd file" : passwd.missing.message()));
}

OCIKIT_INLINE absl::StatusOr<uint32_t> LookupGroupGid(AccountFiles& files, absl::string_view name) {
  OCIKIT_ASSIGN_OR_RETURN(const AccountFile* group, files.Group());
  if (!(group)->text) {
    if (name == "root") return 0u;  // no group file: "root" is 0
    return absl::NotFoundError(absl::StrCat("unable to find group \"", name, "\": ", (group)->missing.message()));
  }
  if (std::optional<uint32_t> gid = FindGroupGid(*(group)->text, name)) return *gid;
  return absl::NotFoundError(absl::StrCat("unable to find group \"", name, "\": no matching entries in group file"));
}

OCIKIT_INLINE std::vector<uint32_t> PrimaryFirstUnique(uint32_t primary, const std::vector<uint32_t>& gids) {
  std::vector<uint32_t> out = {primary};
  absl::flat_hash_set<uint32_t> seen = {primary};
  for (uint32_t gid : gids) {
    if (seen.insert(gid).second) out.push_back(gid);
  }
  return out;
}

OCIKIT_INLINE absl::StatusOr<std::vector<uint32_t>> PrimaryAndSupplementaryGids(AccountFiles& files, uint32_t primary,
                                                                         absl::string_view name) {
  OCIKIT_ASSIGN_OR_RETURN(const AccountFile* group, files.Group());
  if (!(group)->text) return std::vector<uint32_t>{primary};
  return PrimaryFirstUnique(primary, FindSupplementaryGids(*(group)->text, name));
}

OCIKIT_INLINE absl::StatusOr<ResolvedUser> ResolveUser(AccountFiles& files, const UserPart& user_part,
                                                const std::optional<UserPart>& group_part) {
  ResolvedUser r;
  std::optional<PasswdEntry> entry;  // the passwd entry, when looked up and found
  if (user_part.numeric) {
    r.uid = user_part.id;
    // "uid": gid, name and home from the first entry with that uid, else gid
    // 0. "uid:gid": only the home (as Podman), and only when there is a
    // rootfs to look in: numeric ids alone need none.
    if (!group_part || files.HasRootfs()) {
      OCIKIT_ASSIGN_OR_RETURN(const AccountFile* passwd, files.Passwd());
      if ((passwd)->text) entry = FindPasswdByUid(*(passwd)->text, r.uid);
      if (entry && !group_part) r.gid = entry->gid;
    }
  } else {
    OCIKIT_ASSIGN_OR_RETURN(const AccountFile* passwd, files.Passwd());
    if ((passwd)->text) {
      entry = FindPasswdByName(*(passwd)->text, user_part.name);
      if (!entry) return UserNotFound(user_part.name, *passwd);
      r.uid = entry->uid;
      r.gid = entry->gid;
    } else if (user_part.name != "root") {  // no passwd file: "root" is 0:0
      return UserNotFound(user_part.name, *passwd);
    }
  }
  r.home = entry && !entry->home.empty() ? entry->home : "/";

  if (group_part) {  // an explicit group means exactly that group
    if (group_part->numeric) {
      r.gid = group_part->id;
    } else {
      OCIKIT_ASSIGN_OR_RETURN(uint32_t gid, LookupGroupGid(files, group_part->name));
      r.gid = gid;
    }
    r.additional_gids = {r.gid};
  } else if (entry) {
    OCIKIT_ASSIGN_OR_RETURN(std::vector<uint32_t> gids, PrimaryAndSupplementaryGids(files, r.gid, entry->name));
    r.additional_gids = std::move(gids);
  } else {
    r.additional_gids = {r.gid};
  }
  return r;
}

OCIKIT_INLINE bool HasEnvKey(const std::vector<std::string>& env, absl::string_view key) {
  return std::any_of(env.begin(), env.end(), [&](const std::string& entry) {
    return entry.size() > key.size() && entry[key.size()] == '=' && absl::StartsWith(entry, key);
  });
}

OCIKIT_INLINE absl::Status ApplyUser(const SpecContext& ctx, Spec& spec, const std::string& shown, const UserPart& user,
                              const std::optional<UserPart>& group) {
  AccountFiles files(ctx, spec, "user", shown);
  OCIKIT_ASSIGN_OR_RETURN(ResolvedUser r, ResolveUser(files, user, group));
  Process& p = EnsureProcess(spec);
  p.user.uid = r.uid;
  p.user.gid = r.gid;
  p.user.additional_gids = std::move(r.additional_gids);
  if (!HasEnvKey(p.env, "HOME")) p.env.push_back(absl::StrCat("HOME=", r.home));
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithUser(std::string user) {
  return SpecOpt("WithUser", [user = std::move(user)](const SpecContext& ctx, Spec& spec) {
    const std::string value = user.empty() ? "0" : user;
    const std::vector<absl::string_view> parts = absl::StrSplit(value, ':');
    if (parts.size() > 2) return absl::InvalidArgumentError(absl::StrCat("invalid USER value ", value));
    OCIKIT_RETURN_IF_ERROR(internal::CheckUserPartsNotEmpty(value, parts));
    OCIKIT_ASSIGN_OR_RETURN(internal::UserPart user_part, internal::ParseUserPart(value, parts[0], "uid"));
    std::optional<internal::UserPart> group_part;
    if (parts.size() == 2) {
      OCIKIT_ASSIGN_OR_RETURN(internal::UserPart parsed, internal::ParseUserPart(value, parts[1], "gid"));
      group_part = std::move(parsed);
    }
    return internal::ApplyUser(ctx, spec, value, user_part, group_part);
  });
}

OCIKIT_INLINE SpecOpt WithUserID(uint32_t uid) {
  return SpecOpt("WithUserID", [uid](const SpecContext& ctx, Spec& spec) {
    if (uid > internal::kMaxUserValueId) {
      return absl::InvalidArgumentError(absl::StrCat("uid ", uid, " is out of range; expected 0 to 2147483647"));
    }
    internal::UserPart part;
    part.numeric = true;
    part.id = uid;
    return internal::ApplyUser(ctx, spec, absl::StrCat(uid), part, std::nullopt);
  });
}

OCIKIT_INLINE SpecOpt WithUsername(std::string name) {
  return SpecOpt("WithUsername", [name = std::move(name)](const SpecContext& ctx, Spec& spec) {
    internal::UserPart part;
    part.name = name;
    return internal::ApplyUser(ctx, spec, name, part, std::nullopt);
  });
}

OCIKIT_INLINE SpecOpt WithAdditionalGIDs(std::string user) {
  return SpecOpt("WithAdditionalGIDs", [user = std::move(user)](const SpecContext& ctx, Spec& spec) {
    if (spec.windows) return absl::OkStatus();
    const std::string value = user.empty() ? "0" : user;
    const uint32_t primary = spec.process ? spec.process->user.gid : 0;
    std::vector<uint32_t> gids = {primary};
    if (!absl::StrContains(value, ':')) {
      OCIKIT_ASSIGN_OR_RETURN(internal::UserPart part, internal::ParseUserPart(value, value, "uid"));
      internal::AccountFiles files(ctx, spec, "user", value);
      std::string name = part.name;
      if (part.numeric) {
        OCIKIT_ASSIGN_OR_RETURN(const internal::AccountFile* passwd, files.Passwd());
        std::optional<PasswdEntry> entry;
        if ((passwd)->text) entry = FindPasswdByUid(*(passwd)->text, part.id);
        if (entry) name = entry->name;
      }
      if (!name.empty()) {
        OCIKIT_ASSIGN_OR_RETURN(std::vector<uint32_t> found,
                                internal::PrimaryAndSupplementaryGids(files, primary, name));
        gids = std::move(found);
      }
    }
    EnsureProcess(spec).user.additional_gids = std::move(gids);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAppendAdditionalGroups(std::vector<std::string> groups) {
  return SpecOpt("WithAppendAdditionalGroups", [groups = std::move(groups)](const SpecContext& ctx, Spec& spec) {
    std::vector<uint32_t> added;
    std::optional<internal::AccountFiles> files;
    for (const std::string& group : groups) {
      if (!group.empty() && std::all_of(group.begin(), group.end(), absl::ascii_isdigit)) {
        const std::optional<uint32_t> gid = internal::ParseAccountId(group);
        if (!gid) return absl::InvalidArgumentError(absl::StrCat("invalid group \"", group, "\": gid out of range"));
        added.push_back(*gid);
        continue;
      }
      if (!files) files.emplace(ctx, spec, "group", group);
      OCIKIT_ASSIGN_OR_RETURN(uint32_t gid, internal::LookupGroupGid(*files, group));
      added.push_back(gid);
    }
    User& user = EnsureProcess(spec).user;
    std::vector<uint32_t> all = user.additional_gids;
    all.insert(all.end(), added.begin(), added.end());
    user.additional_gids = internal::PrimaryFirstUnique(user.gid, all);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithUmask(uint32_t umask) {
  return SpecOpt("WithUmask", [umask](const SpecContext&, Spec& spec) {
    if (umask > 0777) {
      return absl::InvalidArgumentError(absl::StrFormat("umask %#o is out of range; expected 0 to 0777", umask));
    }
    EnsureProcess(spec).user.umask = umask;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithProcessPathLookup() {
  return SpecOpt("WithProcessPathLookup", [](const SpecContext& ctx, Spec& spec) {
    if (!spec.process || spec.process->args.empty() || absl::StrContains(spec.process->args[0], '/')) {
      return absl::OkStatus();
    }
    const std::string& command = spec.process->args[0];
    OCIKIT_ASSIGN_OR_RETURN(std::string rootfs, internal::LookupRootfs(ctx, spec, "executable", command));
    absl::string_view path = kDefaultPathEnv;
    for (const std::string& entry : spec.process->env) {
      if (absl::StartsWith(entry, "PATH=")) {
        path = entry;
        break;
      }
    }
    OCIKIT_ASSIGN_OR_RETURN(std::string found, LookPathInRoot(rootfs, command, path));
    spec.process->args[0] = std::move(found);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithHostnameEnv() {
  return SpecOpt("WithHostnameEnv", [](const SpecContext&, Spec& spec) {
    if (spec.hostname.empty()) return absl::OkStatus();
    Process& p = EnsureProcess(spec);
    if (!internal::HasEnvKey(p.env, "HOSTNAME")) p.env.push_back(absl::StrCat("HOSTNAME=", spec.hostname));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithHomeEnv() {
  return SpecOpt("WithHomeEnv", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    Process& p = EnsureProcess(spec);
    if (internal::HasEnvKey(p.env, "HOME")) return absl::OkStatus();
    internal::AccountFiles files(ctx, spec, "user", absl::StrCat(p.user.uid));
    std::string home = "/";
    if (files.HasRootfs()) {
      OCIKIT_ASSIGN_OR_RETURN(const internal::AccountFile* passwd, files.Passwd());
      const std::optional<PasswdEntry> entry = passwd->text ? FindPasswdByUid(*passwd->text, p.user.uid) : std::nullopt;
      if (entry && !entry->home.empty()) home = entry->home;
    }
    p.env.push_back(absl::StrCat("HOME=", home));
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_USER_INL_H_
