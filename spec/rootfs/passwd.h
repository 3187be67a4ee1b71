// File: spec/rootfs/passwd.h
//
// Parsing /etc/passwd and /etc/group text as moby/sys/user v0.4.1 does (the
// parser containerd and BuildKit use), but safer where it matters:
//
//   - Lines are split on '\n'; each line is trimmed of surrounding ASCII white
//     space (so CRLF files work) and split on ':'. Blank lines are skipped.
//     Missing trailing fields are empty; extra fields are ignored. Names and
//     other text fields are kept as they are (not trimmed).
//   - Group members are split on ','.
//
// Differences from moby, all deliberate:
//
//   - An entry whose uid or gid field is not a plain decimal number (1 to 10
//     digits: no sign, no spaces) in 0..4294967294 is SKIPPED. moby ignores the
//     parse error and uses 0, so "evil:x:abc:0::/:/bin/sh" or a missing uid
//     field becomes root; 4294967295 is (uid_t)-1, which the kernel reads as
//     "no change" (containerd PR #13797).
//   - Lines starting with '#' are skipped in passwd too; moby skips them only
//     in group files and would read "#x:..." as a user named "#x".
//   - Empty member names ("a,,b", a trailing ',') are dropped; moby keeps ""
//     as a member, which then matches a user with an empty name.
//   - No line-length limit (moby's group scanner stops at 1 MiB lines): the
//     callers read at most 10 MiB (spec/rootfs/rootfs.h), and every function
//     here is one linear pass that allocates only what it returns. The Find*
//     functions stop at the first match and never build the whole table, so a
//     hostile file cannot make them allocate many times its size.
//
// First match wins: a later entry with the same name (or id) is never seen by
// the Find* functions.
//
// Example:
//   std::optional<PasswdEntry> alice = FindPasswdByName(passwd_text, "alice");  // uid 1000, home "/home/alice"
//   std::vector<uint32_t> gids = FindSupplementaryGids(group_text, "alice");      // {10, 50}
//
// Dependencies: absl_hash absl_strings
#ifndef OCIKIT_SPEC_ROOTFS_PASSWD_H_
#define OCIKIT_SPEC_ROOTFS_PASSWD_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace ocikit {

// The largest uid or gid an entry may have; (uint32_t)-1 means "no id".
inline constexpr uint32_t kMaxAccountId = 4294967294u;

// One /etc/passwd line: name:password:uid:gid:gecos:home:shell.
struct PasswdEntry {
  std::string name;
  std::string password;
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string gecos;
  std::string home;
  std::string shell;

  bool operator==(const PasswdEntry&) const = default;
};

// One /etc/group line: name:password:gid:member,member...
struct GroupEntry {
  std::string name;
  std::string password;
  uint32_t gid = 0;
  std::vector<std::string> members;

  bool operator==(const GroupEntry&) const = default;
};

namespace internal {

// Parses a plain decimal id ("1000"; not "+1", " 1", "1e3") no larger than
// kMaxAccountId.
std::optional<uint32_t> ParseAccountId(absl::string_view text);

// The fields of one account-file line, as views into the text.
template <size_t N>
struct AccountLine {
  absl::string_view fields[N];
};

// Calls `fn(const AccountLine<N>&)` for every line that is neither blank nor a
// comment, with its first N ':'-separated fields (missing ones empty). Stops
// when `fn` returns false.
template <size_t N, class Fn>
void ForEachAccountLine(absl::string_view text, Fn&& fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == absl::string_view::npos) end = text.size();
    const absl::string_view line = absl::StripAsciiWhitespace(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    AccountLine<N> parsed;
    size_t start = 0;
    for (size_t i = 0; i < N && start <= line.size(); ++i) {
      size_t colon = line.find(':', start);
      if (colon == absl::string_view::npos) colon = line.size();
      parsed.fields[i] = line.substr(start, colon - start);
      start = colon + 1;
    }
    if (!fn(parsed)) return;
  }
}

// Builds a PasswdEntry from a line; nullopt when its uid or gid is not valid.
std::optional<PasswdEntry> ToPasswdEntry(const AccountLine<7>& line);

// Whether the comma-separated member list `members` names `user`.
bool HasMember(absl::string_view members, absl::string_view user);

}  // namespace internal

// Parses /etc/passwd text into its valid entries, in file order.
std::vector<PasswdEntry> ParsePasswd(absl::string_view text);

// Parses /etc/group text into its valid entries, in file order.
std::vector<GroupEntry> ParseGroup(absl::string_view text);

// Finds the first valid passwd entry named `name`.
std::optional<PasswdEntry> FindPasswdByName(absl::string_view passwd_text, absl::string_view name);

// Finds the first valid passwd entry with uid `uid`.
std::optional<PasswdEntry> FindPasswdByUid(absl::string_view passwd_text, uint32_t uid);

// Returns the gid of the first valid group named `name`.
std::optional<uint32_t> FindGroupGid(absl::string_view group_text, absl::string_view name);

// Returns the gids of the valid groups whose member list names `user`, in file
// order, each gid once. A group named like the user counts too (BuildKit;
// containerd's WithAdditionalGIDs skips it, see spec/opts/user.h).
std::vector<uint32_t> FindSupplementaryGids(absl::string_view group_text, absl::string_view user);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/rootfs/passwd-inl.h"
#endif

#endif  // OCIKIT_SPEC_ROOTFS_PASSWD_H_
