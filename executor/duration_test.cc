#include "executor/duration.h"

#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

TEST(ParseFlagDurationTest, GoSyntax) {
  EXPECT_EQ(*ParseFlagDuration("30s"), absl::Seconds(30));
  EXPECT_EQ(*ParseFlagDuration("500ms"), absl::Milliseconds(500));
  EXPECT_EQ(*ParseFlagDuration("2m"), absl::Minutes(2));
  EXPECT_EQ(*ParseFlagDuration("1h30m"), absl::Minutes(90));
  EXPECT_EQ(*ParseFlagDuration("1.5s"), absl::Milliseconds(1500));
}

TEST(ParseFlagDurationTest, RejectsBareNumbersZeroNegativeAndInfinity) {
  for (const char* text : {"10", "0", "0s", "-1s", "inf", "", "s", "1x", "1 s"}) {
    absl::StatusOr<absl::Duration> d = ParseFlagDuration(text);
    EXPECT_FALSE(d.ok()) << text;
  }
  EXPECT_EQ(ParseFlagDuration("10").status().message(),
            "expected a positive duration with a unit, such as 30s, 500ms or 2m");
}

}  // namespace
}  // namespace ocikit::executor
