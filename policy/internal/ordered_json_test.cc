#include "policy/internal/ordered_json.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace ocikit {
namespace internal {
namespace {

using Json = nlohmann::ordered_json;

TEST(ParseOrderedJson, ReadsAsNlohmannDoes) {
  const std::string small_object = R"({"z":1,"a":[-1,18446744073709551615,1.5,"s\u00e9",true,null,{}],"m":{"y":{"x":[]},"b":"c"}})";
  std::string large_object = "{";  // past the size where members are indexed
  for (int i = 0; i < 100; ++i) absl::StrAppend(&large_object, i ? "," : "", "\"k", i % 60, "\":", i);
  large_object += "}";
  for (const std::string& text : {small_object, large_object, std::string(R"({"a":1,"b":2,"a":{"c":3}})")}) {
    const Json mine = ParseOrderedJson(text);
    EXPECT_EQ(mine.dump(), Json::parse(text).dump()) << text;  // values, number kinds and member order
  }
  EXPECT_TRUE(ParseOrderedJson(small_object)["a"][1].is_number_unsigned());
  EXPECT_EQ(ParseOrderedJson(large_object).size(), 60u);
}

TEST(ParseOrderedJson, ThrowsWhatNlohmannThrows) {
  EXPECT_THROW(ParseOrderedJson("{\"a\":}"), nlohmann::json::parse_error);
  EXPECT_THROW(ParseOrderedJson("[1e400]"), nlohmann::json::out_of_range);
}

TEST(AppendNewMember, AppendsAtTheEnd) {
  Json doc = ParseOrderedJson(R"({"b":1,"a":2})");
  AppendNewMember(doc, "c", 3);
  EXPECT_EQ(doc.dump(), R"({"b":1,"a":2,"c":3})");
  EXPECT_EQ(doc["c"], 3);
}

}  // namespace
}  // namespace internal
}  // namespace ocikit
