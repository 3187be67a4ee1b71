#include "spec/json/writer.h"

#include <gtest/gtest.h>

#include <string>

namespace ocikit::json {
namespace {

void WriteSample(Writer& w) {
  w.BeginObject();
  w.Key("s");
  w.String("x<y");
  w.Key("n");
  w.Int(-3);
  w.Key("u");
  w.Uint(18446744073709551615u);
  w.Key("empty_obj");
  w.BeginObject();
  w.EndObject();
  w.Key("empty_arr");
  w.BeginArray();
  w.EndArray();
  w.Key("arr");
  w.BeginArray();
  w.Bool(true);
  w.Null();
  w.BeginObject();
  w.Key("k");
  w.Bool(false);
  w.EndObject();
  w.EndArray();
  w.Key("raw");
  w.Raw(RawJson{R"({"a":[1,{}],"b":[]})"});
  w.EndObject();
}

TEST(Writer, CompactMatchesGoMarshal) {
  std::string out;
  Writer w(out);
  WriteSample(w);
  w.Finish();
  EXPECT_EQ(out,
            R"({"s":"x\u003cy","n":-3,"u":18446744073709551615,"empty_obj":{},"empty_arr":[],)"
            R"("arr":[true,null,{"k":false}],"raw":{"a":[1,{}],"b":[]}})");
}

TEST(Writer, IndentedMatchesGoMarshalIndent) {
  std::string out;
  Writer w(out, 4);
  WriteSample(w);
  w.Finish();
  EXPECT_EQ(out, R"({
    "s": "x\u003cy",
    "n": -3,
    "u": 18446744073709551615,
    "empty_obj": {},
    "empty_arr": [],
    "arr": [
        true,
        null,
        {
            "k": false
        }
    ],
    "raw": {
        "a": [
            1,
            {}
        ],
        "b": []
    }
})");
}

TEST(Writer, AppendsToExistingTextAndEscapesOnlyWhenNeeded) {
  std::string out = "prefix:";
  {
    Writer w(out);
    w.BeginArray();
    w.String(std::string(3000, 'a'));  // forces the buffer to grow
    w.String("tab\there \xe2\x80\xa8");
    w.Key("k\"ey");
    w.EndArray();
  }  // the destructor trims
  EXPECT_EQ(out, "prefix:[\"" + std::string(3000, 'a') + R"(","tab\there \u2028","k\"ey":])");
}

TEST(AppendIndented, LeavesStringContentsAlone) {
  std::string out;
  AppendIndented(out, R"({"a":"{[,:]}\"","b":1})", 2, 0);
  EXPECT_EQ(out, "{\n  \"a\": \"{[,:]}\\\"\",\n  \"b\": 1\n}");
}

}  // namespace
}  // namespace ocikit::json
