#include "policy/lint/positions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ocikit {
namespace {

constexpr char kText[] =
    "{\n"
    "  \"ociVersion\": \"1.3.0\",\n"
    "  \"process\": {\"cwd\": \"x\", \"env\": [\"A=1\", \"B=2\"]},\n"
    "  \"linux\": {\"sysctl\": {\"net.ipv4.ip_forward\": \"1\", \"a/b~c\": \"2\"},\n"
    "            \"skipped\": {\"deep\": [1, [2, {\"x\": \"}]\\\"\"}]], \"k\": \"v\"},\n"
    "            \"after\": true}\n"
    "}\n";

JsonPosition At(const std::string& pointer) { return FindJsonPointers(kText, {pointer})[0]; }

TEST(FindJsonPointers, ObjectMembersPointAtTheirKey) {
  const JsonPosition p = At("/process/cwd");
  ASSERT_TRUE(p.found);
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, 15u);
  EXPECT_EQ(p.end_column, 20u);  // just after "cwd" with its quotes
}

TEST(FindJsonPointers, ArrayElementsPointAtTheirValue) {
  const JsonPosition p = At("/process/env/1");
  ASSERT_TRUE(p.found);
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, 42u);
}

TEST(FindJsonPointers, MapKeysAndEscapedPointerSegments) {
  EXPECT_EQ(At("/linux/sysctl/net.ipv4.ip_forward").line, 4u);
  const JsonPosition p = At("/linux/sysctl/a~1b~0c");
  ASSERT_TRUE(p.found);
  EXPECT_EQ(p.line, 4u);
}

TEST(FindJsonPointers, SkipsSubtreesWithBracketsAndQuotesInStrings) {
  const JsonPosition p = At("/linux/after");
  ASSERT_TRUE(p.found);
  EXPECT_EQ(p.line, 6u);
  EXPECT_EQ(p.column, 13u);
}

TEST(FindJsonPointers, RootAndMissing) {
  EXPECT_EQ(At("").line, 1u);
  EXPECT_EQ(At("").column, 1u);
  EXPECT_FALSE(At("/process/args").found);
  EXPECT_FALSE(At("/process/env/9").found);
}

TEST(FindJsonPointers, ManyPointersInOneWalkKeepTheirOrder) {
  const std::vector<JsonPosition> p = FindJsonPointers(kText, {"/linux/after", "/ociVersion", "/ociVersion", "/nope"});
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].line, 6u);
  EXPECT_EQ(p[1].line, 2u);
  EXPECT_EQ(p[2].line, 2u);
  EXPECT_FALSE(p[3].found);
}

TEST(FindJsonPointers, ColumnsInCodePoints) {
  const std::string text = "{\"h\u00e9\": 1, \"x\": 2}";
  const JsonPosition p = FindJsonPointers(text, {"/x"})[0];
  EXPECT_EQ(p.column, 12u);       // bytes: é is two
  EXPECT_EQ(p.char_column, 11u);  // code points
}

TEST(FindJsonPointers, NeverReadsPastTruncatedInput) {
  for (const char* text : {"", "{", "{\"a\": [1, {\"b\": \"x", "[[[[", "{\"a\": \"\\"}) {
    EXPECT_FALSE(FindJsonPointers(text, {"/a/1/b", "/zzz"})[1].found) << text;
  }
}

TEST(LocateFindings, FallsBackToTheNearestAncestor) {
  std::vector<LintFinding> findings(2);
  findings[0].path = FieldPath().Field("process").Field("args");  // not in the text
  findings[1].path = FieldPath().Field("linux").Field("sysctl").Key("net.ipv4.ip_forward");
  LocateFindings(kText, findings);
  EXPECT_EQ(findings[0].line, 3u);  // "process"
  EXPECT_EQ(findings[0].column, 3u);
  EXPECT_EQ(findings[1].line, 4u);
  EXPECT_EQ(findings[1].column, 24u);
}

TEST(PositionAt, LineAndColumnOfAnOffset) {
  const JsonPosition p = PositionAt("ab\ncd\u00e9f", 7, 8);
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 5u);
  EXPECT_EQ(p.char_column, 4u);
  EXPECT_EQ(p.end_column, 6u);
}

}  // namespace
}  // namespace ocikit
