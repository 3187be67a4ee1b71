// File: spec/opts/user.h
//
// Transforms of the user and groups the process runs as.
//
// Example:
//   ApplyOpts(ctx, spec, {WithUIDGID(1000, 1000)});  // "user": {"uid":1000,"gid":1000,"additionalGids":[1000]}
#ifndef OCIKIT_SPEC_OPTS_USER_H_
#define OCIKIT_SPEC_OPTS_USER_H_

#include <algorithm>
#include <cstdint>

#include "spec/opts/spec_opt.h"

namespace ocikit {

// Puts the primary gid first in additionalGids when it is missing, so the
// process never keeps a supplementary group set without its own group
// (CVE-2022-36109, CVE-2023-25173).
inline void EnsureAdditionalGids(User& user) {
  auto& gids = user.additional_gids;
  if (std::find(gids.begin(), gids.end(), user.gid) == gids.end()) gids.insert(gids.begin(), user.gid);
}

// Sets uid and gid without looking anything up; additionalGids becomes [gid].
inline SpecOpt WithUIDGID(uint32_t uid, uint32_t gid) {
  return SpecOpt("WithUIDGID", [=](const SpecContext&, Spec& spec) {
    User& user = EnsureProcess(spec).user;
    user.uid = uid;
    user.gid = gid;
    user.additional_gids.clear();
    EnsureAdditionalGids(user);
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_USER_H_
