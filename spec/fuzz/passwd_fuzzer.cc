// Fuzz target: /etc/passwd and /etc/group parsing and user lookup. The input
// is "PASSWD<RS>GROUP<RS>NAME" (RS = 0x1e; missing parts are empty). Every
// lookup must agree with the parsed entries:
//   - FindPasswdByName/ByUid give the first valid entry with that name/uid;
//   - FindGroupGid gives the gid of the first valid group with that name;
//   - FindSupplementaryGids lists each gid once, each of a valid group that
//     names the user (or is named like the user);
//   - ParseUserPart never crashes and keeps a name as given.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "spec/fuzz/check.h"
#include "spec/opts/user.h"
#include "spec/rootfs/passwd.h"

namespace ocikit {
namespace {

void CheckPasswdLookups(absl::string_view passwd_text, absl::string_view name) {
  const std::vector<PasswdEntry> entries = ParsePasswd(passwd_text);
  const std::optional<PasswdEntry> by_name = FindPasswdByName(passwd_text, name);
  const auto first_named = std::find_if(entries.begin(), entries.end(), [&](const PasswdEntry& e) { return e.name == name; });
  OCIKIT_FUZZ_CHECK(by_name.has_value() == (first_named != entries.end()), "FindPasswdByName disagrees with ParsePasswd");
  if (by_name) OCIKIT_FUZZ_CHECK(*by_name == *first_named, "FindPasswdByName found another entry");
  uint32_t uid = 0;
  if (!absl::SimpleAtoi(name, &uid)) return;
  const std::optional<PasswdEntry> by_uid = FindPasswdByUid(passwd_text, uid);
  const auto first_uid = std::find_if(entries.begin(), entries.end(), [&](const PasswdEntry& e) { return e.uid == uid; });
  OCIKIT_FUZZ_CHECK(by_uid.has_value() == (first_uid != entries.end()), "FindPasswdByUid disagrees with ParsePasswd");
  if (by_uid) OCIKIT_FUZZ_CHECK(*by_uid == *first_uid, "FindPasswdByUid found another entry");
}

void CheckGroupLookups(absl::string_view group_text, absl::string_view name) {
  const std::vector<GroupEntry> groups = ParseGroup(group_text);
  const std::optional<uint32_t> gid = FindGroupGid(group_text, name);
  const auto first = std::find_if(groups.begin(), groups.end(), [&](const GroupEntry& g) { return g.name == name; });
  OCIKIT_FUZZ_CHECK(gid.has_value() == (first != groups.end()), "FindGroupGid disagrees with ParseGroup");
  if (gid) OCIKIT_FUZZ_CHECK(*gid == first->gid, "FindGroupGid found another group");
  std::vector<uint32_t> supplementary = FindSupplementaryGids(group_text, name);
  for (const uint32_t g : supplementary) {
    const bool found = std::any_of(groups.begin(), groups.end(), [&](const GroupEntry& e) {
      return e.gid == g && (e.name == name || std::find(e.members.begin(), e.members.end(), name) != e.members.end());
    });
    OCIKIT_FUZZ_CHECK(found, "FindSupplementaryGids gave gid ", g, ", of no group of the user");
  }
  std::sort(supplementary.begin(), supplementary.end());
  OCIKIT_FUZZ_CHECK(std::adjacent_find(supplementary.begin(), supplementary.end()) == supplementary.end(),
                    "FindSupplementaryGids repeats a gid");
}

}  // namespace
}  // namespace ocikit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<absl::string_view> parts = ocikit::fuzz::SplitParts(ocikit::fuzz::AsText(data, size), 3);
  ocikit::CheckPasswdLookups(parts[0], parts[2]);
  ocikit::CheckGroupLookups(parts[1], parts[2]);
  const absl::StatusOr<ocikit::internal::UserPart> part = ocikit::internal::ParseUserPart(parts[2], parts[2], "user");
  if (part.ok() && !part->numeric) OCIKIT_FUZZ_CHECK(part->name == parts[2], "ParseUserPart changed the name");
  return 0;
}
