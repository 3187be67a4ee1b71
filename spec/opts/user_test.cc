#include "spec/opts/user.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/opts/process.h"

namespace ocikit {
namespace {

using Gids = std::vector<uint32_t>;
using Env = std::vector<std::string>;

// Fixture trees, relative to the runfiles root the test runs in.
constexpr char kBasic[] = "testdata/rootfs/basic";
constexpr char kNixos[] = "testdata/rootfs/nixos";
constexpr char kEtcSymlink[] = "testdata/rootfs/etc-symlink";
constexpr char kNoPasswd[] = "testdata/rootfs/no-passwd";

SpecContext Ctx(const std::string& rootfs) {
  SpecContext ctx;
  ctx.rootfs = rootfs;
  return ctx;
}

// The HOME entry of `env`, or nullopt.
std::optional<std::string> Home(const Env& env) {
  for (const std::string& e : env) {
    if (e.rfind("HOME=", 0) == 0) return e.substr(5);
  }
  return std::nullopt;
}

TEST(WithUIDGID, SetsIdsAndResetsAdditionalGidsToPrimary) {
  Spec spec = DefaultLinuxSpec();
  spec.process->user.additional_gids = {10, 20};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUIDGID(1000, 1001)}).ok());
  EXPECT_EQ(spec.process->user.uid, 1000u);
  EXPECT_EQ(spec.process->user.gid, 1001u);
  EXPECT_EQ(spec.process->user.additional_gids, std::vector<uint32_t>{1001});
}

TEST(EnsureAdditionalGids, PrependsPrimaryGidOnlyWhenMissing) {
  User user;
  user.gid = 5;
  user.additional_gids = {7, 8};
  EnsureAdditionalGids(user);
  EXPECT_EQ(user.additional_gids, (std::vector<uint32_t>{5, 7, 8}));
  EnsureAdditionalGids(user);
  EXPECT_EQ(user.additional_gids, (std::vector<uint32_t>{5, 7, 8}));
}

struct UserCase {
  const char* rootfs;
  std::string user;
  uint32_t uid = 0;
  uint32_t gid = 0;
  Gids gids;
  std::string home;
  std::string error;  // the whole message; empty for success
  absl::StatusCode code = absl::StatusCode::kOk;
};

TEST(WithUser, EveryFormAgainstTheFixtures) {
  const std::vector<UserCase> cases = {
      // One part: a uid, looked up by uid only.
      {kBasic, "", 0, 0, {0}, "/root"},  // empty means root
      {kBasic, "0", 0, 0, {0}, "/root"},
      {kBasic, "1000", 1000, 1000, {1000, 10, 50}, "/home/alice"},  // never the user *named* "1000"
      {kBasic, "+1000", 1000, 1000, {1000, 10, 50}, "/home/alice"},  // strconv.Atoi's grammar
      {kBasic, "001001", 1001, 100, {100, 50, 2001}, "/home/bob"},
      {kBasic, "4242", 4242, 0, {0}, "/"},  // not in passwd: gid 0, no groups
      {kBasic, "2147483647", 2147483647, 0, {0}, "/"},
      {kBasic, "2147483648", 0, 0, {}, "", "invalid USER value \"2147483648\": uid out of range",
       absl::StatusCode::kInvalidArgument},
      {kBasic, "-1000", 0, 0, {}, "", "invalid USER value \"-1000\": uid out of range",
       absl::StatusCode::kInvalidArgument},
      {kBasic, "99999999999999999999", 0, 0, {}, "", "invalid USER value \"99999999999999999999\": uid out of range",
       absl::StatusCode::kInvalidArgument},
      {kNoPasswd, "1000", 1000, 0, {0}, "/"},  // no passwd file: gid 0, no error
      // One part: a name.
      {kBasic, "root", 0, 0, {0}, "/root"},
      {kBasic, "alice", 1000, 1000, {1000, 10, 50}, "/home/alice"},  // wheel and adm share gid 10
      {kBasic, "bob", 1001, 100, {100, 50, 2001}, "/home/bob"},  // group "bob" counts
      {kBasic, "1000x", 1002, 1002, {1002}, "/home/1000x"},
      {kBasic, "nohome", 1003, 1003, {1003}, "/"},
      {kBasic, "evil", 0, 0, {}, "", "unable to find user \"evil\": no matching entries in passwd file",
       absl::StatusCode::kNotFound},  // uid "abc": skipped, not root
      {kBasic, "carol", 0, 0, {}, "", "unable to find user \"carol\": no matching entries in passwd file",
       absl::StatusCode::kNotFound},
      {kNoPasswd, "alice", 0, 0, {}, "", "unable to find user \"alice\": etc/passwd: No such file or directory",
       absl::StatusCode::kNotFound},
      {kNoPasswd, "root", 0, 0, {0}, "/"},  // no passwd file: root is 0:0
      {kNixos, "alice", 1000, 100, {100, 1}, "/home/alice"},  // etc/passwd -> /nix/store/...
      {kNixos, "nixbld1", 30001, 30000, {30000}, "/var/empty"},
      {kEtcSymlink, "shell", 2000, 2000, {2000, 1004}, "/data/local/tmp"},  // etc -> system/etc
      // Two parts: an explicit group means exactly that group.
      {kBasic, "1000:1000", 1000, 1000, {1000}, "/home/alice"},  // home from passwd, as Podman
      {kNoPasswd, "5:6", 5, 6, {6}, "/"},
      {kBasic, "1001:staff", 1001, 50, {50}, "/home/bob"},
      {kBasic, "alice:4000", 1000, 4000, {4000}, "/home/alice"},
      {kBasic, "alice:staff", 1000, 50, {50}, "/home/alice"},  // first "staff" wins
      {kBasic, "bob:bob", 1001, 2001, {2001}, "/home/bob"},
      {kBasic, "root:root", 0, 0, {0}, "/root"},
      {kNoPasswd, "root:root", 0, 0, {0}, "/"},
      {kBasic, "alice:nogroup", 0, 0, {}, "", "unable to find group \"nogroup\": no matching entries in group file",
       absl::StatusCode::kNotFound},
      {kBasic, "alice:evilgrp", 0, 0, {}, "", "unable to find group \"evilgrp\": no matching entries in group file",
       absl::StatusCode::kNotFound},
      {kNoPasswd, "1000:staff", 0, 0, {}, "", "unable to find group \"staff\": etc/group: No such file or directory",
       absl::StatusCode::kNotFound},
      {kBasic, "carol:staff", 0, 0, {}, "", "unable to find user \"carol\": no matching entries in passwd file",
       absl::StatusCode::kNotFound},
      {kBasic, "405:2147483648", 0, 0, {}, "", "invalid USER value \"405:2147483648\": gid out of range",
       absl::StatusCode::kInvalidArgument},
      {kBasic, "2147483648:alice", 0, 0, {}, "", "invalid USER value \"2147483648:alice\": uid out of range",
       absl::StatusCode::kInvalidArgument},
      // An empty side says which one is empty (containerd v2 would take it as 0).
      {kBasic, ":1000", 0, 0, {}, "",
       "invalid USER value \":1000\": empty user before ':'; expected USER or USER:GROUP, each a name or a number",
       absl::StatusCode::kInvalidArgument},
      {kBasic, ":guest", 0, 0, {}, "",
       "invalid USER value \":guest\": empty user before ':'; expected USER or USER:GROUP, each a name or a number",
       absl::StatusCode::kInvalidArgument},
      {kBasic, "guest:", 0, 0, {}, "",
       "invalid USER value \"guest:\": empty group after ':'; expected USER or USER:GROUP, each a name or a number",
       absl::StatusCode::kInvalidArgument},
      {kBasic, ":", 0, 0, {}, "",
       "invalid USER value \":\": empty user and empty group; expected USER or USER:GROUP, each a name or a number",
       absl::StatusCode::kInvalidArgument},
      // Three parts.
      {kBasic, "1:2:3", 0, 0, {}, "", "invalid USER value 1:2:3", absl::StatusCode::kInvalidArgument},
  };
  for (const UserCase& c : cases) {
    SCOPED_TRACE(std::string(c.rootfs) + " user \"" + c.user + "\"");
    Spec spec = DefaultLinuxSpec();
    spec.process->user.additional_gids = {77};
    const Spec before = spec;
    absl::Status status = ApplyOpts(Ctx(c.rootfs), spec, {WithUser(c.user)});
    if (!c.error.empty()) {
      EXPECT_EQ(status.code(), c.code);
      EXPECT_EQ(status.message(), "WithUser: " + c.error);
      EXPECT_EQ(spec, before);  // transactional
      continue;
    }
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(spec.process->user.uid, c.uid);
    EXPECT_EQ(spec.process->user.gid, c.gid);
    EXPECT_EQ(spec.process->user.additional_gids, c.gids);
    EXPECT_EQ(Home(spec.process->env), c.home);
  }
}

TEST(WithUser, HonoursAnExplicitHome) {
  for (const char* home : {"HOME=", "HOME=/srv"}) {
    Spec spec = DefaultLinuxSpec();
    spec.process->env.push_back(home);
    ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUser("alice")}).ok());
    EXPECT_EQ(spec.process->env, Env{home});
  }
  Spec spec = DefaultLinuxSpec();
  spec.process->env.push_back("HOMEDIR=/x");  // another variable
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUser("alice")}).ok());
  EXPECT_EQ(spec.process->env.back(), "HOME=/home/alice");
}

TEST(WithUser, RootfsComesFromContextOrAbsoluteRootPath) {
  Spec spec = DefaultLinuxSpec();  // root.path is "rootfs": relative
  absl::Status status = ApplyOpts({}, spec, {WithUser("bob")});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "WithUser: rootfs path is required to look up user \"bob\"");
  EXPECT_EQ(ApplyOpts({}, spec, {WithUser("")}).message(),
            "WithUser: rootfs path is required to look up user \"0\"");
  // Both numeric: nothing to look up, no rootfs needed.
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUser("1000:1000")}).ok());
  EXPECT_EQ(spec.process->user.additional_gids, Gids{1000});

  char* cwd = ::getcwd(nullptr, 0);
  ASSERT_NE(cwd, nullptr);
  spec.root->path = std::string(cwd) + "/" + kBasic;
  std::free(cwd);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUser("bob")}).ok());
  EXPECT_EQ(spec.process->user.uid, 1001u);
  // The context wins over root.path.
  ASSERT_TRUE(ApplyOpts(Ctx(kEtcSymlink), spec, {WithUser("shell")}).ok());
  EXPECT_EQ(spec.process->user.uid, 2000u);
}

TEST(WithUser, AHostileAccountFileFailsAndChangesNothing) {
  char tmpl[] = "/tmp/ocikit-user-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string root = tmpl;
  ASSERT_EQ(::mkdir((root + "/etc").c_str(), 0755), 0);
  ASSERT_EQ(::mkfifo((root + "/etc/passwd").c_str(), 0644), 0);
  std::ofstream(root + "/etc/group") << "staff:x:50:alice\n";
  Spec spec = DefaultLinuxSpec();
  const Spec before = spec;
  for (const char* user : {"alice", "1000", ""}) {
    absl::Status status = ApplyOpts(Ctx(root), spec, {WithUser(user)});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "WithUser: etc/passwd: not a regular file");
  }
  EXPECT_EQ(spec, before);
  // A missing rootfs is an error, not "no passwd file".
  absl::Status status = ApplyOpts(Ctx(root + "/nope"), spec, {WithUser("1000")});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "WithUser: rootfs \"" + root + "/nope\": No such file or directory");
  ::unlink((root + "/etc/passwd").c_str());
  ::unlink((root + "/etc/group").c_str());
  ::rmdir((root + "/etc").c_str());
  ::rmdir(root.c_str());
}

TEST(WithUserID, LooksUpTheUidOnly) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUserID(1001)}).ok());
  EXPECT_EQ(spec.process->user.gid, 100u);
  EXPECT_EQ(spec.process->user.additional_gids, (Gids{100, 50, 2001}));
  EXPECT_EQ(Home(spec.process->env), "/home/bob");

  Spec unknown = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), unknown, {WithUserID(4242)}).ok());
  EXPECT_EQ(unknown.process->user.uid, 4242u);
  EXPECT_EQ(unknown.process->user.gid, 0u);
  EXPECT_EQ(Home(unknown.process->env), "/");

  Spec big = DefaultLinuxSpec();
  absl::Status status = ApplyOpts(Ctx(kBasic), big, {WithUserID(2147483648u)});
  EXPECT_EQ(status.message(), "WithUserID: uid 2147483648 is out of range; expected 0 to 2147483647");
  EXPECT_EQ(big, DefaultLinuxSpec());
}

TEST(WithUsername, MatchesByNameOnly) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUsername("alice")}).ok());
  EXPECT_EQ(spec.process->user.uid, 1000u);
  EXPECT_EQ(spec.process->user.additional_gids, (Gids{1000, 10, 50}));
  // A name that looks like a number is still a name (here a hostile entry).
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUsername("1000")}).ok());
  EXPECT_EQ(spec.process->user.uid, 0u);
  const Spec before = spec;
  absl::Status status = ApplyOpts(Ctx(kBasic), spec, {WithUsername("alice:staff")});
  EXPECT_EQ(status.message(), "WithUsername: unable to find user \"alice:staff\": no matching entries in passwd file");
  EXPECT_EQ(spec, before);
}

TEST(WithAdditionalGIDs, CurrentGidFirstThenGroupsListingTheUser) {
  const auto run = [](const char* rootfs, const std::string& user) {
    Spec spec = DefaultLinuxSpec();
    spec.process->user.gid = 7;
    spec.process->user.additional_gids = {99};
    EXPECT_TRUE(ApplyOpts(Ctx(rootfs), spec, {WithAdditionalGIDs(user)}).ok()) << user;
    return spec.process->user.additional_gids;
  };
  EXPECT_EQ(run(kBasic, "alice"), (Gids{7, 10, 50}));
  EXPECT_EQ(run(kBasic, "1000"), (Gids{7, 10, 50}));  // name found by uid
  EXPECT_EQ(run(kBasic, "bob"), (Gids{7, 50, 2001}));  // group named like the user counts
  EXPECT_EQ(run(kBasic, "carol"), (Gids{7, 51}));  // names are not checked against passwd
  EXPECT_EQ(run(kBasic, "4242"), (Gids{7}));
  EXPECT_EQ(run(kBasic, "alice:staff"), (Gids{7}));
  EXPECT_EQ(run(kBasic, ""), (Gids{7}));
  EXPECT_EQ(run(kNoPasswd, "alice"), (Gids{7}));
  EXPECT_EQ(run(kNixos, "alice"), (Gids{7, 1}));

  Spec spec = DefaultLinuxSpec();
  absl::Status status = ApplyOpts({}, spec, {WithAdditionalGIDs("alice")});
  EXPECT_EQ(status.message(), "WithAdditionalGIDs: rootfs path is required to look up user \"alice\"");
  status = ApplyOpts(Ctx(kBasic), spec, {WithAdditionalGIDs("2147483648")});
  EXPECT_EQ(status.message(), "WithAdditionalGIDs: invalid USER value \"2147483648\": uid out of range");
  EXPECT_EQ(spec, DefaultLinuxSpec());
}

TEST(WithAppendAdditionalGroups, AppendsByNameOrNumberOnce) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec, {WithUser("alice")}).ok());
  ASSERT_TRUE(ApplyOpts(Ctx(kBasic), spec,
                        {WithAppendAdditionalGroups({"staff", "2001", "10", "wheel", "users", "2001"})})
                  .ok());
  EXPECT_EQ(spec.process->user.additional_gids, (Gids{1000, 10, 50, 2001, 100}));

  const Spec before = spec;
  absl::Status status = ApplyOpts(Ctx(kBasic), spec, {WithAppendAdditionalGroups({"users", "nope"})});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(),
            "WithAppendAdditionalGroups: unable to find group \"nope\": no matching entries in group file");
  status = ApplyOpts(Ctx(kBasic), spec, {WithAppendAdditionalGroups({"4294967295"})});
  EXPECT_EQ(status.message(), "WithAppendAdditionalGroups: invalid group \"4294967295\": gid out of range");
  status = ApplyOpts(Ctx(kNoPasswd), spec, {WithAppendAdditionalGroups({"1", "staff"})});
  EXPECT_EQ(status.message(),
            "WithAppendAdditionalGroups: unable to find group \"staff\": etc/group: No such file or directory");
  status = ApplyOpts({}, spec, {WithAppendAdditionalGroups({"staff"})});
  EXPECT_EQ(status.message(), "WithAppendAdditionalGroups: rootfs path is required to look up group \"staff\"");
  EXPECT_EQ(spec, before);
}

TEST(WithAppendAdditionalGroups, NumbersNeedNoRootfsAndPrimaryComesFirst) {
  Spec spec = DefaultLinuxSpec();
  spec.process->user.gid = 5;
  spec.process->user.additional_gids = {7, 5};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithAppendAdditionalGroups({"8", "4294967294", "7"})}).ok());
  EXPECT_EQ(spec.process->user.additional_gids, (Gids{5, 7, 8, 4294967294u}));
  ASSERT_TRUE(ApplyOpts(Ctx(kNoPasswd), spec, {WithAppendAdditionalGroups({"9"})}).ok());
  EXPECT_EQ(spec.process->user.additional_gids, (Gids{5, 7, 8, 4294967294u, 9}));
}

TEST(WithUmask, SetsUmaskUpTo0777) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUmask(022)}).ok());
  EXPECT_EQ(spec.process->user.umask, 022u);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUmask(0777)}).ok());
  EXPECT_EQ(spec.process->user.umask, 0777u);
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUmask(0)}).ok());
  EXPECT_NE(Marshal(spec).find(R"("user":{"uid":0,"gid":0,"umask":0})"), std::string::npos);
  const Spec before = spec;
  absl::Status status = ApplyOpts({}, spec, {WithUmask(01000)});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "WithUmask: umask 01000 is out of range; expected 0 to 0777");
  EXPECT_EQ(spec, before);
}

TEST(WithProcessPathLookup, ResolvesBareCommandsInsideTheRootfs) {
  const auto run = [](std::vector<std::string> args, Env env) {
    Spec spec = DefaultLinuxSpec();
    spec.process->args = std::move(args);
    spec.process->env = std::move(env);
    absl::Status status = ApplyOpts(Ctx(kBasic), spec, {WithProcessPathLookup()});
    return status.ok() ? spec.process->args[0] : std::string(status.message());
  };
  // The default spec's PATH, then a PATH given in the environment.
  EXPECT_EQ(run({"tool", "-v"}, {std::string(kDefaultPathEnv)}), "/usr/local/bin/tool");
  EXPECT_EQ(run({"sh"}, {std::string(kDefaultPathEnv)}), "/bin/sh");
  EXPECT_EQ(run({"sh"}, {}), "/bin/sh");  // no PATH: the default one
  EXPECT_EQ(run({"tool"}, {"A=1", "PATH=/bin:/usr/local/bin", "PATH=/nope"}), "/usr/local/bin/tool");
  EXPECT_EQ(run({"sh"}, {"PATH=/usr/local/bin"}),
            "WithProcessPathLookup: executable file \"sh\" not found in $PATH inside the rootfs");
  EXPECT_EQ(run({"notes"}, {"PATH=/usr/bin"}),  // not executable
            "WithProcessPathLookup: executable file \"notes\" not found in $PATH inside the rootfs");
  // A path is left alone, even one that does not exist, and needs no rootfs.
  Spec spec = DefaultLinuxSpec();
  spec.process->args = {"./run.sh"};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessPathLookup()}).ok());
  EXPECT_EQ(spec.process->args, (std::vector<std::string>{"./run.sh"}));
  spec.process->args.clear();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessPathLookup()}).ok());
  spec.process->args = {"tool"};
  EXPECT_EQ(ApplyOpts({}, spec, {WithProcessPathLookup()}).message(),
            "WithProcessPathLookup: rootfs path is required to look up executable \"tool\"");
  Spec empty;
  ASSERT_TRUE(ApplyOpts({}, empty, {WithProcessPathLookup()}).ok());
  EXPECT_EQ(empty, Spec());
}

TEST(WithHostnameEnv, AddsHostnameUnlessSet) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostnameEnv()}).ok());
  EXPECT_TRUE(spec.process->env.empty());  // no hostname: no-op
  spec.hostname = "web";
  spec.process->env = {std::string(kDefaultPathEnv)};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostnameEnv(), WithHostnameEnv()}).ok());
  EXPECT_EQ(spec.process->env, (Env{std::string(kDefaultPathEnv), "HOSTNAME=web"}));
  spec.process->env = {"HOSTNAME=other"};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostnameEnv()}).ok());
  EXPECT_EQ(spec.process->env, Env{"HOSTNAME=other"});
}

}  // namespace
}  // namespace ocikit
