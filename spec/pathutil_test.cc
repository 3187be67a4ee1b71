#include "spec/pathutil.h"

#include <gtest/gtest.h>

namespace ocikit {
namespace {

TEST(CleanPath, MatchesGoPathClean) {
  const std::pair<absl::string_view, absl::string_view> cases[] = {
      {"", "."},          {"/", "/"},           {"//", "/"},       {"/a/./b/../c/", "/a/c"},
      {"a/../..", ".."},  {"/../a", "/a"},      {"a//b", "a/b"},   {"./", "."},
      {"/dev/shm/", "/dev/shm"}, {"../../x", "../../x"}, {"a/b/../../c", "c"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(CleanPath(in), want) << "input " << in;
}

TEST(JoinPath, SkipsEmptyElementsAndCleans) {
  EXPECT_EQ(JoinPath({"/", "default", "ID"}), "/default/ID");
  EXPECT_EQ(JoinPath({"/", "default", ""}), "/default");
  EXPECT_EQ(JoinPath({"", ""}), "");
  EXPECT_EQ(JoinPath({"/", "a", "../../b"}), "/b");
}

}  // namespace
}  // namespace ocikit
