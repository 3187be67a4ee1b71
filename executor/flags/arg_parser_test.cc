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
