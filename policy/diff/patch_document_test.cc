#include "policy/diff/patch_document.h"

#include <cstddef>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace ocikit {
namespace patch_internal {
namespace {

Json J(const char* text) { return Json::parse(text); }

std::string Applied(const char* doc, const std::function<absl::Status(PatchDocument&)>& op) {
  PatchDocument d(J(doc));
  const absl::Status s = op(d);
  return s.ok() ? d.ToJson().dump() : absl::StrCat("error ", absl::StatusCodeToString(s.code()), ": ", s.message());
}

TEST(PatchDocument, ObjectMembersKeepTheirOrder) {
  // Replacing keeps the member's place; a new member goes last, and so does
  // one removed and added again (a move onto itself), as nlohmann does.
  EXPECT_EQ(Applied(R"({"b":1,"a":2,"c":3})", [](PatchDocument& d) { return d.Replace("/a", 9); }),
            R"({"b":1,"a":9,"c":3})");
  EXPECT_EQ(Applied(R"({"b":1,"a":2})", [](PatchDocument& d) { return d.Add("/0", true); }), R"({"b":1,"a":2,"0":true})");
  EXPECT_EQ(Applied(R"({"b":1,"a":2,"c":3})", [](PatchDocument& d) { return d.Move("/b", "/b"); }),
            R"({"a":2,"c":3,"b":1})");
  EXPECT_EQ(Applied(R"({"b":1,"a":2})", [](PatchDocument& d) { return d.Remove("/b"); }), R"({"a":2})");
}

TEST(PatchDocument, Rfc6902Operations) {
  EXPECT_EQ(Applied(R"({"foo":["bar","baz"]})", [](PatchDocument& d) { return d.Add("/foo/1", "qux"); }),
            R"({"foo":["bar","qux","baz"]})");
  EXPECT_EQ(Applied(R"({"foo":["bar"]})", [](PatchDocument& d) { return d.Add("/foo/-", J(R"(["abc"])")); }),
            R"({"foo":["bar",["abc"]]})");
  EXPECT_EQ(Applied(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
                    [](PatchDocument& d) { return d.Move("/foo/waldo", "/qux/thud"); }),
            R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})");
  EXPECT_EQ(Applied(R"({"foo":["all","grass","cows","eat"]})", [](PatchDocument& d) { return d.Move("/foo/1", "/foo/3"); }),
            R"({"foo":["all","cows","eat","grass"]})");
  EXPECT_EQ(Applied(R"({"a/b":{"m~n":[1]}})", [](PatchDocument& d) { return d.Copy("/a~1b/m~0n", "/c"); }),
            R"({"a/b":{"m~n":[1]},"c":[1]})");
  EXPECT_EQ(Applied(R"({"a":1})", [](PatchDocument& d) { return d.Replace("", J("[2]")); }), "[2]");
  EXPECT_EQ(Applied(R"({"a":null})", [](PatchDocument& d) { return d.Add("/a/b", 1); }), R"({"a":{"b":1}})");
  PatchDocument d(J(R"({"a":[{"b":"c"}]})"));
  EXPECT_EQ(d.Get("/a/0").value(), J(R"({"b":"c"})"));
}

TEST(PatchDocument, ErrorsNameWhatDoesNotResolve) {
  const auto error = [](const char* doc, const std::function<absl::Status(PatchDocument&)>& op) {
    return Applied(doc, op);
  };
  EXPECT_EQ(error(R"({"a":1})", [](PatchDocument& d) { return d.Remove("/b"); }),
            "error FAILED_PRECONDITION: key 'b' not found");
  EXPECT_EQ(error(R"({"a":1})", [](PatchDocument& d) { return d.Add("/x/y", 1); }),
            "error FAILED_PRECONDITION: key 'x' not found");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Remove("/2"); }),
            "error FAILED_PRECONDITION: array index 2 is out of range");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Add("/3", 0); }),
            "error FAILED_PRECONDITION: array index 3 is out of range");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Replace("/-", 0); }),
            "error FAILED_PRECONDITION: array index '-' (2) is out of range");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Remove("/01"); }),
            "error INVALID_ARGUMENT: array index '01' must not begin with '0'");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Remove("/x"); }),
            "error INVALID_ARGUMENT: array index 'x' is not a number");
  EXPECT_EQ(error(R"([1,2])", [](PatchDocument& d) { return d.Remove("/99999999999999999999999"); }),
            "error FAILED_PRECONDITION: array index 99999999999999999999999 is out of range");
  EXPECT_EQ(error(R"({"a":"s"})", [](PatchDocument& d) { return d.Add("/a/b", 1); }),
            "error FAILED_PRECONDITION: unresolved reference token 'b'");
  EXPECT_EQ(error(R"({"a":"s"})", [](PatchDocument& d) { return d.Remove("/a/b"); }),
            "error FAILED_PRECONDITION: unresolved reference token 'b'");
  EXPECT_EQ(error(R"({"a":1})", [](PatchDocument& d) { return d.Remove(""); }),
            "error FAILED_PRECONDITION: JSON pointer has no parent");
  EXPECT_EQ(error(R"({"a":{}})", [](PatchDocument& d) { return d.Move("/a", "/a/b"); }),
            "error FAILED_PRECONDITION: key 'a' not found");
  EXPECT_EQ(error(R"({"a":1})", [](PatchDocument& d) { return d.Remove("a"); }),
            "error INVALID_ARGUMENT: parse error at byte 1: JSON pointer must be empty or begin with '/' - was: 'a'");
}

TEST(PatchDocument, MergePatchIsRfc7396) {
  PatchDocument d(J(R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"x"})"));
  d.MergePatch(J(R"({"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]})"));
  EXPECT_EQ(d.ToJson().dump(),
            R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"x","phoneNumber":"+01-123-456-7890"})");
  PatchDocument scalar(J("[1]"));
  scalar.MergePatch(J(R"({"a":{"b":null,"c":1}})"));
  EXPECT_EQ(scalar.ToJson().dump(), R"({"a":{"c":1}})");
}

// The array against std::vector under random insertions, removals and moves.
TEST(PatchDocument, ArrayOperationsMatchAVector) {
  std::mt19937 rng(7);
  std::vector<int> want;
  PatchDocument d(Json::array());
  int next = 0;
  for (int step = 0; step < 5000; ++step) {
    const size_t size = want.size();
    const int kind = size == 0 ? 0 : static_cast<int>(rng() % 3);
    if (kind == 0) {
      const size_t at = rng() % (size + 1);
      want.insert(want.begin() + static_cast<ptrdiff_t>(at), next);
      ASSERT_TRUE(d.Add(absl::StrCat("/", at), next++).ok());
    } else if (kind == 1 && step % 2 == 0) {
      const size_t at = rng() % size;
      want.erase(want.begin() + static_cast<ptrdiff_t>(at));
      ASSERT_TRUE(d.Remove(absl::StrCat("/", at)).ok());
    } else {
      const size_t from = rng() % size;
      const int v = want[from];
      want.erase(want.begin() + static_cast<ptrdiff_t>(from));
      const size_t to = rng() % size;
      want.insert(want.begin() + static_cast<ptrdiff_t>(to), v);
      ASSERT_TRUE(d.Move(absl::StrCat("/", from), absl::StrCat("/", to)).ok());
    }
  }
  ASSERT_GT(want.size(), 500u);
  EXPECT_EQ(d.ToJson(), Json(want));
  EXPECT_EQ(d.Get(absl::StrCat("/", want.size() / 2)).value(), Json(want[want.size() / 2]));
}

// The worst case of a plain tree (always inserting at the front) stays
// shallow: 200,000 insertions and the destruction do not exhaust the stack.
TEST(PatchDocument, InsertingAlwaysAtTheFrontStaysBalanced) {
  PatchDocument d(Json::array());
  for (int i = 0; i < 200000; ++i) ASSERT_TRUE(d.Add("/0", i).ok());
  const Json out = d.ToJson();
  ASSERT_EQ(out.size(), 200000u);
  EXPECT_EQ(out.front(), 199999);
  EXPECT_EQ(out.back(), 0);
}

}  // namespace
}  // namespace patch_internal
}  // namespace ocikit
