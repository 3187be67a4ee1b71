#include "executor/flags/arg_parser.h"

#include <gtest/gtest.h>

namespace ocikit {
namespace {

using Args = std::vector<std::string>;

class FlagSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_.Add({"env", 'e', "KEY=VALUE", "env", [this](absl::string_view v) {
                env_.emplace_back(v);
                return absl::OkStatus();
              }});
    set_.Add({"tty", 't', "", "tty", [this](absl::string_view v) {
                tty_ = v == "true";
                return absl::OkStatus();
              }});
    set_.Add({"interactive", 'i', "", "stdin", [this](absl::string_view v) {
                interactive_ = v == "true";
                return absl::OkStatus();
              }});
    set_.Add({"hostname", 0, "NAME", "hostname", [](absl::string_view v) {
                if (v.empty()) return absl::InvalidArgumentError("must not be empty");
                return absl::OkStatus();
              }});
  }
  FlagSet set_;
  Args env_;
  bool tty_ = false;
  bool interactive_ = false;
};

TEST_F(FlagSetTest, AcceptsEveryFormUsersType) {
  absl::StatusOr<Args> rest = set_.Parse({"-e", "A=1", "--env", "B=2", "--env=C=3", "-eD=4", "-it", "x", "y"});
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(env_, (Args{"A=1", "B=2", "C=3", "D=4"}));
  EXPECT_TRUE(tty_);
  EXPECT_TRUE(interactive_);
  EXPECT_EQ(*rest, (Args{"x", "y"}));
}

TEST_F(FlagSetTest, StopsAtFirstPositionalForContainerCommands) {
  absl::StatusOr<Args> rest = set_.Parse({"-t", "sh", "-e", "X"}, /*stop_at_positional=*/true);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, (Args{"sh", "-e", "X"}));
  EXPECT_TRUE(env_.empty());
  EXPECT_EQ(*set_.Parse({"--", "-e"}), Args{"-e"});
}

TEST_F(FlagSetTest, BooleansTakeExplicitValues) {
  ASSERT_TRUE(set_.Parse({"--tty=true", "--tty=false"}).ok());
  EXPECT_FALSE(tty_);
  EXPECT_EQ(set_.Parse({"--tty=yes"}).status().message(), "--tty takes no value or true/false, got \"yes\"");
}

TEST_F(FlagSetTest, ErrorsNameTheFlag) {
  EXPECT_EQ(set_.Parse({"--hostnme", "x"}).status().message(), "unknown flag \"--hostnme\"; did you mean --hostname?");
  EXPECT_EQ(set_.Parse({"--bogus=1"}).status().message(), "unknown flag \"--bogus\"");
  EXPECT_EQ(set_.Parse({"-x"}).status().message(), "unknown flag \"-x\"");
  EXPECT_EQ(set_.Parse({"--env"}).status().message(), "flag --env needs a value (KEY=VALUE)");
  EXPECT_EQ(set_.Parse({"--hostname="}).status().message(), "--hostname \"\": must not be empty");
}

TEST(FlagSet, DidYouMeanSkipsUnrelatedShortNames) {
  std::string from;
  bool rm = false;
  FlagSet set;
  set.Add({"from", 0, "FILE", "base", AssignFlag(from)});
  EXPECT_EQ(set.Parse({"--rm"}).status().message(), "unknown flag \"--rm\"");  // not --from
  EXPECT_EQ(set.Parse({"--frm", "x"}).status().message(), "unknown flag \"--frm\"; did you mean --from?");
  set.Add({"rm", 0, "", "remove", BoolFlag(rm)});
  EXPECT_EQ(set.Parse({"--rmm"}).status().message(), "unknown flag \"--rmm\"; did you mean --rm?");
}

TEST_F(FlagSetTest, RequireUtf8RefusesInvalidBytesWithoutEchoingThem) {
  const std::string bad = "A=caf\xe9";  // Latin-1, not UTF-8
  ASSERT_TRUE(set_.Parse({"-e", bad}).ok());  // without RequireUtf8 any bytes pass
  set_.RequireUtf8();
  set_.Add({"from", 0, "FILE", "read", [](absl::string_view) { return absl::OkStatus(); }, /*bytes=*/true});
  for (const Args& args : {Args{"-e", bad}, Args{"--env=" + bad}, Args{"-e" + bad}}) {
    absl::StatusOr<Args> rest = set_.Parse(args);
    EXPECT_EQ(rest.status().message(),
              "--env: the value is not valid UTF-8 (byte 0xe9 at offset 5); config.json holds UTF-8 only");
    EXPECT_EQ(rest.status().message().find('\xe9'), absl::string_view::npos);
  }
  EXPECT_EQ(set_.Parse({"sh", "-c", "echo \xff\xfe"}, /*stop_at_positional=*/true).status().message(),
            "argument 3 is not valid UTF-8 (byte 0xff at offset 5); config.json holds UTF-8 only");
  EXPECT_EQ(set_.Parse({"--hostname", "\xed\xa0\x80"}).status().message(),  // a surrogate, as Go refuses
            "--hostname: the value is not valid UTF-8 (byte 0xed at offset 0); config.json holds UTF-8 only");
  EXPECT_TRUE(set_.Parse({"-e", "A=caf\xc3\xa9", "--from", "/tmp/\xe9", "\xf0\x9f\x90\xb3"}).ok());
}

TEST(FirstInvalidUtf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8("plain"), absl::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("\xc3\xa9\xc3"), 2u);           // truncated sequence
  EXPECT_EQ(FirstInvalidUtf8("ab\xc0\xaf"), 2u);              // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("\xf4\x90\x80\x80"), 0u);        // above U+10FFFF
}

TEST_F(FlagSetTest, HelpListsEveryFlag) {
  EXPECT_EQ(set_.Help(),
            "  -e, --env KEY=VALUE   env\n"
            "  -t, --tty             tty\n"
            "  -i, --interactive     stdin\n"
            "      --hostname NAME   hostname\n");
}

TEST(EditDistance, CountsEdits) {
  EXPECT_EQ(internal::EditDistance("hostname", "hostnme"), 1u);
  EXPECT_EQ(internal::EditDistance("", "abc"), 3u);
  EXPECT_EQ(internal::EditDistance("cap-add", "cap-drop"), 4u);
}

}  // namespace
}  // namespace ocikit
