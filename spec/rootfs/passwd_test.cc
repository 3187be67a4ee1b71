#include "spec/rootfs/passwd.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ocikit {
namespace {

PasswdEntry User(std::string name, uint32_t uid, uint32_t gid, std::string home = "", std::string shell = "") {
  PasswdEntry e;
  e.name = std::move(name);
  e.password = "x";
  e.uid = uid;
  e.gid = gid;
  e.home = std::move(home);
  e.shell = std::move(shell);
  return e;
}

TEST(ParsePasswd, ReadsEveryField) {
  const std::vector<PasswdEntry> entries = ParsePasswd("alice:x:1000:100:Alice A.:/home/alice:/bin/sh\n");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "alice");
  EXPECT_EQ(entries[0].password, "x");
  EXPECT_EQ(entries[0].uid, 1000u);
  EXPECT_EQ(entries[0].gid, 100u);
  EXPECT_EQ(entries[0].gecos, "Alice A.");
  EXPECT_EQ(entries[0].home, "/home/alice");
  EXPECT_EQ(entries[0].shell, "/bin/sh");
}

TEST(ParsePasswd, TrimsLinesSkipsBlanksAndComments) {
  const std::vector<PasswdEntry> entries = ParsePasswd(
      "  root:x:0:0::/root:/bin/sh  \r\n"
      "\n"
      "   \t\r\n"
      "# comment:x:0:0::/:/bin/sh\n"
      "  #indented:x:0:0::/:/bin/sh\n"
      "bin:x:2:2::/bin:/bin/false");  // no final newline
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], User("root", 0, 0, "/root", "/bin/sh"));
  EXPECT_EQ(entries[1], User("bin", 2, 2, "/bin", "/bin/false"));
}

TEST(ParsePasswd, MissingTrailingFieldsAreEmptyExtraFieldsIgnored) {
  const std::vector<PasswdEntry> entries = ParsePasswd("a:x:1:2\nb:x:3:4::/home/b:/bin/sh:extra:more\nc:x:5:6:\n");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0], User("a", 1, 2));
  EXPECT_EQ(entries[1], User("b", 3, 4, "/home/b", "/bin/sh"));
  EXPECT_EQ(entries[2], User("c", 5, 6));
}

TEST(ParsePasswd, SkipsEntriesWithInvalidIds) {
  // moby would read each of these as uid or gid 0, i.e. root.
  const std::vector<PasswdEntry> entries = ParsePasswd(
      "evil:x:abc:0::/:/bin/sh\n"
      "nogid:x:5:zz::/:/bin/sh\n"
      "short:x\n"
      "nameonly\n"
      "emptyuid:x::0::/:/bin/sh\n"
      "neg:x:-1:0::/:/bin/sh\n"
      "plus:x:+1:0::/:/bin/sh\n"
      "space:x: 1:0::/:/bin/sh\n"
      "hex:x:0x10:0::/:/bin/sh\n"
      "minus-one:x:4294967295:0::/:/bin/sh\n"
      "wraps:x:4294967296:0::/:/bin/sh\n"
      "huge:x:99999999999999999999999:0::/:/bin/sh\n"
      "max:x:4294967294:4294967294::/:/bin/sh\n"
      "zeros:x:0000001000:007::/:/bin/sh\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "max");
  EXPECT_EQ(entries[0].uid, 4294967294u);
  EXPECT_EQ(entries[0].gid, 4294967294u);
  EXPECT_EQ(entries[1].uid, 1000u);
  EXPECT_EQ(entries[1].gid, 7u);
}

TEST(ParsePasswd, NamesAreKeptAsWritten) {
  const std::vector<PasswdEntry> entries = ParsePasswd("1000:x:0:0::/root:/bin/sh\n:x:7:7::/:\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "1000");
  EXPECT_EQ(entries[1].name, "");
}

TEST(ParseGroup, ReadsMembersAndSkipsInvalidEntries) {
  const std::vector<GroupEntry> entries = ParseGroup(
      "# comment\n"
      "root:x:0:\r\n"
      "staff:x:50:alice,bob\n"
      "odd:x:60:,alice,,bob,\n"
      "spaced:x:70:alice, bob\n"
      "evil:x:abc:alice\n"
      "nomembers:x:80\n"
      "big:x:4294967295:alice\n");
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].name, "root");
  EXPECT_EQ(entries[0].gid, 0u);
  EXPECT_TRUE(entries[0].members.empty());
  EXPECT_EQ(entries[1].members, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(entries[2].members, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(entries[3].members, (std::vector<std::string>{"alice", " bob"}));  // not trimmed, as in moby
  EXPECT_EQ(entries[4].name, "nomembers");
  EXPECT_EQ(entries[4].gid, 80u);
}

TEST(FindPasswd, FirstValidMatchWins) {
  const absl::string_view text =
      "evil:x:abc:0::/:/bin/sh\n"
      "alice:x:bad:0::/:/bin/sh\n"
      "alice:x:1000:1000::/home/alice:/bin/sh\n"
      "alice:x:1500:1500::/home/alice2:/bin/sh\n"
      "other:x:1000:5::/home/other:/bin/sh\n";
  std::optional<PasswdEntry> alice = FindPasswdByName(text, "alice");
  ASSERT_TRUE(alice.has_value());
  EXPECT_EQ(alice->uid, 1000u);
  EXPECT_EQ(alice->home, "/home/alice");
  std::optional<PasswdEntry> by_uid = FindPasswdByUid(text, 1000);
  ASSERT_TRUE(by_uid.has_value());
  EXPECT_EQ(by_uid->name, "alice");
  EXPECT_FALSE(FindPasswdByName(text, "evil").has_value());
  EXPECT_FALSE(FindPasswdByUid(text, 0).has_value());  // "abc" is not 0
  EXPECT_FALSE(FindPasswdByName(text, "bob").has_value());
  EXPECT_FALSE(FindPasswdByName("", "alice").has_value());
}

TEST(FindGroup, GidOfFirstValidGroupByName) {
  const absl::string_view text = "staff:x:zz:\nstaff:x:50:\nstaff:x:51:\n";
  EXPECT_EQ(FindGroupGid(text, "staff"), 50u);
  EXPECT_EQ(FindGroupGid(text, "nope"), std::nullopt);
}

TEST(FindSupplementaryGids, MembersInFileOrderEachGidOnce) {
  const absl::string_view text =
      "wheel:x:10:alice\n"
      "staff:x:50:bob,alice\n"
      "alice:x:1000:alice\n"    // named like the user: still counts
      "adm:x:10:alice\n"        // same gid as wheel
      "evil:x:abc:alice\n"      // invalid gid: skipped, never 0
      "others:x:60:alicex,xalice\n"
      "empty:x:70:,,\n";
  EXPECT_EQ(FindSupplementaryGids(text, "alice"), (std::vector<uint32_t>{10, 50, 1000}));
  EXPECT_EQ(FindSupplementaryGids(text, "bob"), (std::vector<uint32_t>{50}));
  EXPECT_TRUE(FindSupplementaryGids(text, "").empty());
  EXPECT_TRUE(FindSupplementaryGids(text, "carol").empty());
}

TEST(FindSupplementaryGids, LinearOnLargeInput) {
  // 10 MiB of one member list and of many groups: one pass each, no blow-up.
  std::string members = "g:x:1:";
  while (members.size() < (size_t{10} << 20)) members += "a,";
  members += "alice\n";
  EXPECT_EQ(FindSupplementaryGids(members, "alice"), (std::vector<uint32_t>{1}));
  std::string groups;
  for (uint32_t gid = 0; groups.size() < (size_t{10} << 20); ++gid) {
    groups += "g:x:" + std::to_string(gid % 1000) + ":alice\n";
  }
  EXPECT_EQ(FindSupplementaryGids(groups, "alice").size(), 1000u);
}

}  // namespace
}  // namespace ocikit
