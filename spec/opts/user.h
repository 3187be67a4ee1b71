// File: spec/opts/user.h
//
// Transforms of the user and groups the process runs as, its umask, and the
// lookups that read the container's rootfs: /etc/passwd and /etc/group for
// users and groups, $PATH for the command. Files are read confined to the
// rootfs (spec/rootfs/rootfs.h) and parsed safely (spec/rootfs/passwd.h).
//
// The rootfs looked in is SpecContext::rootfs or, when that is empty, an
// absolute root.path. A transform that needs to read it and has neither fails
// with `rootfs path is required to look up user "bob"`. A missing passwd or
// group file counts as a file with no entries wherever containerd tolerates
// it; a file that is not regular or is over 10 MiB is an error. Every
// transform is transactional: on error the spec is unchanged.
//
// Semantics are containerd v2's (pkg/oci WithUser and friends) except where
// noted; the differences, each deliberate:
//
//   - WithUser, WithUserID and WithUsername also set the supplementary groups
//     from /etc/group and HOME, as Docker and BuildKit do; containerd leaves
//     both to other transforms (WithAdditionalGIDs).
//     With an explicit group ("alice:staff") there are none: the process gets
//     exactly that group, as with Docker and BuildKit.
//   - A group named like the user still counts as supplementary (BuildKit's
//     rule); containerd's name filter drops real groups when the primary
//     group has another name (containerd PR #13587). Only gids are
//     de-duplicated, and the primary gid always comes first.
//   - An empty user means "0" (root), as Docker runs with USER unset;
//     containerd looks up a user literally named "".
//   - An empty side of "USER:GROUP" ("guest:", ":guest", ":") is an error
//     that says which side is empty ("empty group after ':'"); containerd v2
//     takes an empty part as 0. An empty side is nearly always a shell
//     variable that expanded to nothing (-u "$U:$G"), and reading it as root
//     would silently run the process as uid or gid 0.
//   - WithAdditionalGIDs("name:group") gives [gid] (explicit group); containerd
//     looks up a user literally named "name:group", with the same result.
//   - WithAppendAdditionalGroups de-duplicates by gid, puts the primary gid
//     first, rejects numeric groups above 4294967294, and reads /etc/group
//     (so needs a rootfs) only when a group is given by name.
//   - WithUserID rejects uids above 2147483647, as WithUser("<uid>") does;
//     containerd takes any uint32.
//   - Ids read from passwd/group above 4294967294, or that are not numbers,
//     skip the entry (moby turns them into 0: root).
//   - When the rootfs has no /etc/passwd, the user name "root" means uid 0 and
//     gid 0 (Buildah, Podman); likewise the group name "root" without an
//     /etc/group. containerd fails. With a file, "root" must be in it.
//   - WithProcessPathLookup (Buildah's runLookupPath) fails when the command
//     is not found (Buildah leaves it as is), searches the default PATH when
//     process.env has none, skips relative PATH entries, and accepts only an
//     executable regular file.
//
// HOME: WithUser, WithUserID and WithUsername add HOME=<home from passwd>
// unless process.env already has a HOME= entry (even an empty one). For
// "uid:gid" and "uid:group" the uid's passwd entry gives only HOME (as
// Podman does), and only when there is a rootfs. When the user is not in
// passwd, or has an empty home, HOME=/ is used (Podman, crun).
//
// Example:
//   SpecContext ctx;
//   ctx.rootfs = "/var/lib/c/rootfs";
//   ApplyOpts(ctx, spec, {WithUser("alice")});
//   // "user": {"uid":1000,"gid":1000,"additionalGids":[1000,10,50]}, env += "HOME=/home/alice"
//   ApplyOpts(ctx, spec, {WithUIDGID(1000, 1000)});  // no lookup: "additionalGids":[1000]
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_USER_H_
#define OCIKIT_SPEC_OPTS_USER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"
#include "spec/rootfs/rootfs.h"
#include "spec/internal/status_macros.h"

namespace ocikit {

// Puts the primary gid first in additionalGids when it is missing, so the
// process never keeps a supplementary group set without its own group
// (CVE-2022-36109, CVE-2023-25173).
void EnsureAdditionalGids(User& user);

// Sets uid and gid without looking anything up; additionalGids becomes [gid].
SpecOpt WithUIDGID(uint32_t uid, uint32_t gid);

namespace internal {

// The largest uid or gid a USER value may give: MaxInt32, runc's limit.
inline constexpr uint32_t kMaxUserValueId = 2147483647u;

// Returns the host path of the rootfs to look `kind` `value` up in
// (ctx.rootfs, else an absolute root.path), or the error that says it is
// required ("rootfs path is required to look up user \"bob\"").
absl::StatusOr<std::string> LookupRootfs(const SpecContext& ctx, const Spec& spec, absl::string_view kind,
                                                absl::string_view value);

// One account file read from the rootfs: its text, or why it is absent.
struct AccountFile {
  std::optional<std::string> text;  // nullopt when the file does not exist
  absl::Status missing;             // the NotFound status when it does not
};

// Reads etc/passwd and etc/group from the rootfs on first use, so transforms
// that need neither never require a rootfs.
class AccountFiles {
 public:
  // `kind` and `value` name what is looked up, for the "rootfs path is
  // required" error.
  AccountFiles(const SpecContext& ctx, const Spec& spec, std::string kind, std::string value)
      : ctx_(ctx), spec_(spec), kind_(std::move(kind)), value_(std::move(value)) {}

  // Returns /etc/passwd, reading it once.
  absl::StatusOr<const AccountFile*> Passwd() { return Get("etc/passwd", passwd_); }
  // Returns /etc/group, reading it once.
  absl::StatusOr<const AccountFile*> Group() { return Get("etc/group", group_); }
  // Whether there is a rootfs to read them from.
  bool HasRootfs() const { return LookupRootfs(ctx_, spec_, kind_, value_).ok(); }

 private:
  absl::StatusOr<const AccountFile*> Get(absl::string_view path, std::optional<AccountFile>& cache) {
    if (cache) return &*cache;
    OCIKIT_ASSIGN_OR_RETURN(std::string rootfs, LookupRootfs(ctx_, spec_, kind_, value_));
    absl::StatusOr<std::string> text = ReadFileInRoot(rootfs, path);
    if (!text.ok() && !absl::IsNotFound(text.status())) return text.status();
    AccountFile& file = cache.emplace();
    if (text.ok()) {
      file.text = *std::move(text);
    } else {
      file.missing = text.status();
    }
    return &file;
  }

  const SpecContext& ctx_;
  const Spec& spec_;
  std::string kind_;
  std::string value_;
  std::optional<AccountFile> passwd_;
  std::optional<AccountFile> group_;
};

// One side of a USER value: a number (strconv.Atoi's grammar, so "+5" and
// "-5" are numbers) or a name.
struct UserPart {
  bool numeric = false;
  uint32_t id = 0;
  std::string name;
};

// Parses one side of the USER value `user`; a number outside 0..2147483647
// fails with `invalid USER value "<user>": <which> out of range`, and is never
// taken as a name (CVE-2026-46680).
absl::StatusOr<UserPart> ParseUserPart(absl::string_view user, absl::string_view part,
                                              absl::string_view which);

// The NotFound error for a user name that is not in passwd.
absl::Status UserNotFound(absl::string_view name, const AccountFile& passwd);

// Returns the gid of the group named `name`, or the NotFound error
// `unable to find group "staff": no matching entries in group file`.
absl::StatusOr<uint32_t> LookupGroupGid(AccountFiles& files, absl::string_view name);

// Returns `gids` with each gid once (first occurrence kept) and `primary`
// first.
std::vector<uint32_t> PrimaryFirstUnique(uint32_t primary, const std::vector<uint32_t>& gids);

// Returns `primary` followed by the groups whose member list names `name`,
// read from /etc/group (none when it is missing).
absl::StatusOr<std::vector<uint32_t>> PrimaryAndSupplementaryGids(AccountFiles& files, uint32_t primary,
                                                                         absl::string_view name);

// The outcome of resolving a USER value.
struct ResolvedUser {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> additional_gids;
  std::string home;  // from passwd; "/" when not looked up, not found or empty
};

// Resolves a parsed user and optional group (see WithUser) against the rootfs
// files.
absl::StatusOr<ResolvedUser> ResolveUser(AccountFiles& files, const UserPart& user_part,
                                                const std::optional<UserPart>& group_part);

// Whether `env` has an entry for `key` ("HOME=..."; "HOME=" counts).
bool HasEnvKey(const std::vector<std::string>& env, absl::string_view key);

// Resolves `user` and `group` and, on success only, writes the result into
// the spec. `shown` names the user in the "rootfs path is required" error.
absl::Status ApplyUser(const SpecContext& ctx, Spec& spec, const std::string& shown, const UserPart& user,
                              const std::optional<UserPart>& group);

}  // namespace internal

// Sets the user from a Dockerfile-style USER value, looking names up in the
// rootfs's /etc/passwd and /etc/group. Forms:
//
//   ""            root ("0")
//   uid           gid from the first passwd entry with that uid, else 0
//   name          uid and gid from passwd (error when not there)
//   uid:gid       no lookup but HOME (from the uid's passwd entry, when a
//                 rootfs is there; none is needed)
//   uid:group     gid from /etc/group
//   name:gid      uid from passwd
//   name:group    uid from passwd, gid from /etc/group
//
// Numbers are never looked up as names and must be 0..2147483647. Without an
// explicit group, additionalGids is the primary gid followed by the gids of
// the /etc/group entries listing the user's name (including a group named
// like the user), each once; with one, it is just [gid]. Also adds HOME (see
// the file comment).
SpecOpt WithUser(std::string user);

// Sets the user by uid, as WithUser("<uid>"): gid, supplementary groups and
// HOME from the first passwd entry with that uid; gid 0 and HOME=/ without one.
SpecOpt WithUserID(uint32_t uid);

// Sets the user by name, as WithUser("<name>"), except that the name is never
// read as a number: WithUsername("1000") looks up a user named "1000".
SpecOpt WithUsername(std::string name);

// Sets additionalGids to the current gid followed by the groups that list the
// user in /etc/group. `user` is a uid (its name is found in passwd; none when
// it is not there), a name (used as is), or "user:group" (no supplementary
// groups). A missing /etc/group gives none. No-op on a Windows spec.
SpecOpt WithAdditionalGIDs(std::string user);

// Appends groups to additionalGids: numbers (0..4294967294) as they are,
// names looked up in /etc/group. Each gid is kept once and the primary gid
// comes first. Fails, changing nothing, on an unknown name.
SpecOpt WithAppendAdditionalGroups(std::vector<std::string> groups);

// Sets process.user.umask; values above 0777 are an error.
SpecOpt WithUmask(uint32_t umask);

// Replaces a bare command name in process.args[0] by its absolute path inside
// the rootfs, searching the PATH of process.env (the first PATH= entry) or the
// default PATH (Buildah's runLookupPath). No-op without args or when args[0]
// contains '/'; NotFound when no PATH directory has it as an executable
// regular file.
SpecOpt WithProcessPathLookup();

// Adds HOSTNAME=<hostname> to process.env unless it has a HOSTNAME entry
// (Buildah). No-op when the spec has no hostname.
SpecOpt WithHostnameEnv();

// Adds HOME=<home of process.user.uid in the rootfs' /etc/passwd> to
// process.env unless it has a HOME entry, as Podman does for every run; "/"
// when the uid has no entry or home, or there is no rootfs to read.
SpecOpt WithHomeEnv();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/user-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_USER_H_
