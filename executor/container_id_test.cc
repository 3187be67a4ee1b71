#include "executor/container_id.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

TEST(GenerateContainerIdTest, TwelveLowercaseHexCharacters) {
  absl::StatusOr<std::string> id = GenerateContainerId();
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->size(), 12u);
  EXPECT_EQ(id->find_first_not_of("0123456789abcdef"), std::string::npos) << *id;
  EXPECT_TRUE(ValidateContainerId(*id).ok());
}

TEST(GenerateContainerIdTest, ThousandIdsAreDistinct) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(*GenerateContainerId());
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(ValidateContainerIdTest, AcceptsRuncIds) {
  for (const char* id : {"web", "web-1", "a.b", "A_b+c", "x,y", "0", "..a"}) {
    EXPECT_TRUE(ValidateContainerId(id).ok()) << id;
  }
  EXPECT_TRUE(ValidateContainerId(std::string(128, 'a')).ok());
}

TEST(ValidateContainerIdTest, RejectsOthers) {
  for (const char* id : {"", ".", "..", "a/b", "a b", "a:b", "é", "a\nb", "$x", "-d", "--help", "-"}) {
    EXPECT_FALSE(ValidateContainerId(id).ok()) << id;
  }
  EXPECT_FALSE(ValidateContainerId(std::string(129, 'a')).ok());
  EXPECT_EQ(ValidateContainerId("a/b").message(),
            "invalid container id \"a/b\"; expected letters, digits and _ + , - . only (runc's rule ^[\\w+-\\.]+$)");
  // runc's rule allows them, but the runtime would read such an id as a flag.
  EXPECT_EQ(ValidateContainerId("--help").message(),
            "invalid container id \"--help\": it starts with '-', so a runtime would read it as a flag");
}

}  // namespace
}  // namespace ocikit::executor
