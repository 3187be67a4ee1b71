#include "spec/json/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "spec/json/fields.h"

namespace ocikit::json {
namespace {

// Reads {"v": <value>} into T and returns the error message ("" if none).
template <class T>
std::string ReadField(absl::string_view value, T& out) {
  const std::string text = std::string(R"({"v":)") + std::string(value) + "}";
  Reader r(text);
  absl::string_view key;
  if (r.BeginObject()) {
    while (r.NextKey(key)) Read(r, out);
  }
  r.Finish();
  return r.ok() ? "" : r.error().path + ": " + r.error().message;
}

TEST(Reader, ReadsIntegersAtTheEdgesOfTheirRange) {
  uint64_t u = 0;
  EXPECT_EQ(ReadField("18446744073709551615", u), "");
  EXPECT_EQ(u, UINT64_MAX);
  int64_t i = 0;
  EXPECT_EQ(ReadField("-9223372036854775808", i), "");
  EXPECT_EQ(i, INT64_MIN);
  EXPECT_EQ(ReadField("9223372036854775807", i), "");
  EXPECT_EQ(i, INT64_MAX);
  uint32_t u32 = 0;
  EXPECT_EQ(ReadField("4294967295", u32), "");
  EXPECT_EQ(u32, UINT32_MAX);
}

TEST(Reader, RejectsIntegersOutsideTheirRange) {
  uint64_t u = 7;
  EXPECT_EQ(ReadField("-1", u), "v: expected an unsigned 64-bit integer, got -1");
  EXPECT_EQ(ReadField("18446744073709551616", u), "v: expected an unsigned 64-bit integer, got 18446744073709551616");
  EXPECT_EQ(u, 7u);
  int64_t i = 0;
  EXPECT_EQ(ReadField("9223372036854775808", i), "v: expected a signed 64-bit integer, got 9223372036854775808");
  uint32_t u32 = 0;
  EXPECT_EQ(ReadField("4294967296", u32), "v: expected an unsigned 32-bit integer, got 4294967296");
  uint16_t u16 = 0;
  EXPECT_EQ(ReadField("65536", u16), "v: expected an unsigned 16-bit integer, got 65536");
  int32_t i32 = 0;
  EXPECT_EQ(ReadField("-2147483649", i32), "v: expected a signed 32-bit integer, got -2147483649");
}

TEST(Reader, RejectsFractionsExponentsAndNonNumbers) {
  uint64_t u = 0;
  EXPECT_EQ(ReadField("1.0", u), "v: expected an unsigned 64-bit integer, got 1.0");
  EXPECT_EQ(ReadField("1e3", u), "v: expected an unsigned 64-bit integer, got 1e3");
  EXPECT_EQ(ReadField("-0", u), "v: expected an unsigned 64-bit integer, got -0");
  EXPECT_EQ(ReadField(R"("12")", u), R"(v: expected an unsigned 64-bit integer, got a string "12")");
  EXPECT_EQ(ReadField("012", u), "v: expected an unsigned 64-bit integer, got 012");
  EXPECT_EQ(ReadField("true", u), "v: expected an unsigned 64-bit integer, got true");
}

TEST(Reader, NullLeavesScalarsAndResetsOptionals) {
  std::string s = "keep";
  EXPECT_EQ(ReadField("null", s), "");
  EXPECT_EQ(s, "keep");
  std::optional<int64_t> o = 5;
  EXPECT_EQ(ReadField("null", o), "");
  EXPECT_FALSE(o.has_value());
  std::vector<std::string> v = {"a"};
  EXPECT_EQ(ReadField("null", v), "");
  EXPECT_TRUE(v.empty());
}

TEST(Reader, DecodesEscapesAndSurrogatePairs) {
  std::string s;
  EXPECT_EQ(ReadField(R"("a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00")", s), "");
  EXPECT_EQ(s, "a\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(Reader, RejectsBadStrings) {
  std::string s;
  EXPECT_EQ(ReadField("\"a\xff\"", s),
            "v: invalid UTF-8 in string; runtimes disagree on it: Go's encoding/json (runc, containerd) reads "
            "U+FFFD instead of each bad byte");
  EXPECT_EQ(ReadField(R"("\ud800")", s),
            "v: invalid \\u escape in string: unpaired high surrogate; runtimes disagree on it: Go's "
            "encoding/json (runc, containerd) reads U+FFFD instead");
  EXPECT_EQ(ReadField(R"("\udc00")", s),
            "v: invalid \\u escape in string: unpaired low surrogate; runtimes disagree on it: Go's "
            "encoding/json (runc, containerd) reads U+FFFD instead");
  EXPECT_EQ(ReadField(R"("\x")", s), "v: invalid escape '\\x' in string");
  EXPECT_EQ(ReadField(R"("\u12")", s), "v: invalid \\u escape in string; expected four hex digits");
  EXPECT_EQ(ReadField("\"a\nb\"", s), "v: control character in string; expected it escaped");
  EXPECT_EQ(ReadField("42", s), "v: expected a string, got 42");
}

TEST(Reader, RejectsDuplicateKeysAtAnyLevel) {
  Reader r(R"({"a": 1, "b": {"c": 1, "c": 2}})");
  RawJson raw;
  r.ReadRaw(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "b.c");
  EXPECT_EQ(r.error().message,
            "duplicate key \"c\"; runtimes disagree on it: Go's encoding/json (runc, containerd) keeps the last "
            "one, merged into the first, while crun and youki read the first");
  EXPECT_EQ(r.error().line, 1u);
  EXPECT_EQ(r.error().column, 24u);
}

TEST(Reader, DetectsDuplicatesInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  text += "\"k500\":1}";
  Reader r(text);
  RawJson raw;
  r.ReadRaw(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, ::testing::StartsWith("duplicate key \"k500\"; runtimes disagree"));
}

TEST(Reader, RawValuesAreCanonicalAndKeepNumbersAsWritten) {
  Reader r("{ \"b\" : [ 1e400 , -0.5, 123456789012345678901234567890 ], \"a\":\"\\u003c\\/x\" , \"c\" : { } }");
  RawJson raw;
  r.ReadRaw(raw);
  r.Finish();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(raw.text, R"({"b":[1e400,-0.5,123456789012345678901234567890],"a":"\u003c/x","c":{}})");
}

TEST(Reader, LimitsNestingDepth) {
  const std::string deep = std::string(2000, '[') + std::string(2000, ']');
  Reader r(deep);
  RawJson raw;
  r.ReadRaw(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "nesting deeper than 1000 levels");
}

TEST(Reader, ReportsSyntaxErrorsWithPosition) {
  Reader r("{\n  \"a\": [1,\n  2,]\n}");
  RawJson raw;
  r.ReadRaw(raw);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "expected a JSON value, got ']'");
  EXPECT_EQ(r.error().path, "a[2]");
  EXPECT_EQ(r.error().line, 3u);
  EXPECT_EQ(r.error().column, 5u);
}

TEST(Reader, RejectsTrailingDataAndTruncatedInput) {
  for (absl::string_view text : {"{} x", "{\"a\":", "{\"a\" 1}", "[1 2]", "", "nul", "{\"a\":1,}"}) {
    Reader r(text);
    RawJson raw;
    r.ReadRaw(raw);
    r.Finish();
    EXPECT_FALSE(r.ok()) << text;
  }
}

TEST(Reader, MapKeysAreQuotedInPaths) {
  std::map<std::string, uint32_t> m;
  EXPECT_EQ(ReadField(R"({"net.ipv4.ip_forward": "1"})", m),
            R"(v["net.ipv4.ip_forward"]: expected an unsigned 32-bit integer, got a string "1")");
}

TEST(Reader, StatusCarriesSourceLineColumnAndPayload) {
  Reader r("{\n\"a\": tru}");
  RawJson raw;
  r.ReadRaw(raw);
  absl::Status s = r.status("config.json");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "config.json:2:6: a: invalid literal; expected true");
  ASSERT_TRUE(s.GetPayload(kPositionPayload).has_value());
  EXPECT_EQ(std::string(*s.GetPayload(kPositionPayload)), "2:6");
}

// A model-like struct for the dialect tests.
struct Inner {
  std::string name;
  std::vector<std::string> list;
  UnknownFields unknown;
  template <class Self, class Visit>
  static void Fields(Self& self, Visit&& visit) {
    visit("name", self.name, kOmitEmpty);
    visit("list", self.list, kOmitEmpty);
  }
};
struct Outer {
  std::optional<Inner> process;
  Inner inner;
  std::map<std::string, std::string> labels;
  bool skip = false;
  UnknownFields unknown;
  template <class Self, class Visit>
  static void Fields(Self& self, Visit&& visit) {
    visit("process", self.process, kOmitEmpty);
    visit("inner", self.inner, kAlways);
    visit("labels", self.labels, kOmitEmpty);
    visit("skip", self.skip, kOmitEmpty);
  }
};

Outer ReadOuter(absl::string_view text, Dialect dialect, std::string* error = nullptr,
                std::vector<Divergence>* divergences = nullptr) {
  Reader r(text, dialect);
  Outer out;
  ReadObject(r, out);
  r.Finish();
  if (error != nullptr) *error = r.ok() ? "" : r.error().path + ": " + r.error().message;
  if (divergences != nullptr) *divergences = r.divergences();
  return out;
}

TEST(EqualFoldGo, FoldsAsciiCaseAndKelvinAndLongSOnly) {
  EXPECT_TRUE(EqualFoldGo("PROCESS", "process"));
  EXPECT_TRUE(EqualFoldGo("pRoCeSs", "process"));
  EXPECT_TRUE(EqualFoldGo("proce\xC5\xBFs", "process"));           // U+017F LATIN SMALL LETTER LONG S
  EXPECT_TRUE(EqualFoldGo("\xE2\x84\xAA" "ernel", "kernel"));           // U+212A KELVIN SIGN
  EXPECT_TRUE(EqualFoldGo("\xE2\x84\xAA" "ERNEL", "Kernel"));
  EXPECT_FALSE(EqualFoldGo("proce\xC5\xBF", "process"));             // shorter
  EXPECT_TRUE(EqualFoldGo("\xC5\xBFkip", "skip"));
  EXPECT_FALSE(EqualFoldGo("\xC5\xBF" "ey", "key"));                 // long s is not k
  EXPECT_FALSE(EqualFoldGo("\xE2\x84\xAAkip", "skip"));              // Kelvin is not s
  EXPECT_FALSE(EqualFoldGo("n\xC4\xB1" "ce", "nice"));                  // U+0131 dotless i does not fold to i
  EXPECT_FALSE(EqualFoldGo("\xC3\xA9", "e"));                        // other non-ASCII never matches
  EXPECT_FALSE(EqualFoldGo("\xC5", "s"));                             // invalid UTF-8 never matches
  EXPECT_FALSE(EqualFoldGo("oom_score", "oomScore"));
  EXPECT_TRUE(EqualFoldGo("OOMSCOREADJ", "oomScoreAdj"));
}

TEST(Reader, StrictRefusesCaseVariantKeysAtEveryLevel) {
  std::string error;
  ReadOuter(R"({"PROCESS": {"name": "x"}})", Dialect::kStrict, &error);
  EXPECT_EQ(error,
            "PROCESS: key \"PROCESS\" is not the field \"process\" but equals it under Go's case folding: runc and "
            "containerd (Go's encoding/json) read it as \"process\", crun and youki ignore it; runtimes disagree, so "
            "expected \"process\" exactly (or a Go-semantics reading, ocikit --go-semantics)");
  ReadOuter(R"({"inner": {"Name": "x"}})", Dialect::kStrict, &error);
  EXPECT_THAT(error, ::testing::StartsWith("inner.Name: key \"Name\" is not the field \"name\""));
  ReadOuter("{\"proce\xC5\xBFs\": {}}", Dialect::kStrict, &error);
  EXPECT_THAT(error, ::testing::HasSubstr("is not the field \"process\" but equals it under Go's case folding"));
  // Keys that match no field stay unknown; map keys are data, never folded.
  Outer o = ReadOuter(R"({"Processes": 1, "labels": {"NAME": "a", "name": "b"}})", Dialect::kStrict, &error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(o.unknown.size(), 1u);
  EXPECT_EQ(o.unknown[0].key, "Processes");
  EXPECT_EQ(o.labels.size(), 2u);
}

TEST(Reader, GoDialectBindsCaseVariantsAndMergesDuplicates) {
  std::vector<Divergence> divergences;
  std::string error;
  Outer o = ReadOuter(R"({"process": {"name": "a", "list": ["x", "y"]},
                         "PROCESS": {"list": ["z"]},
                         "inner": {"name": "n"}, "inner": {"list": ["l"]}, "Inner": null,
                         "labels": {"a": "1"}, "labels": {"b": "2"},
                         "skip": true, "sKiP": false,
                         "x": 1, "x": 2})",
                      Dialect::kGo, &error, &divergences);
  ASSERT_EQ(error, "");
  ASSERT_TRUE(o.process.has_value());
  EXPECT_EQ(o.process->name, "a");  // merged into what was there
  EXPECT_EQ(o.process->list, std::vector<std::string>{"z"});
  EXPECT_EQ(o.inner.name, "n");     // merged; null into a struct changes nothing
  EXPECT_EQ(o.inner.list, std::vector<std::string>{"l"});
  EXPECT_EQ(o.labels, (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}}));
  EXPECT_FALSE(o.skip);             // last wins
  ASSERT_EQ(o.unknown.size(), 1u);
  EXPECT_EQ(o.unknown[0].value.text, "2");
  std::vector<std::string> paths;
  for (const Divergence& d : divergences) paths.push_back(d.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"PROCESS", "inner", "Inner", "labels", "sKiP", "x"}));
  EXPECT_EQ(divergences[0].line, 2u);
}

TEST(Reader, GoDialectPrefersTheExactFieldAndThenTheFirstFold) {
  Outer o = ReadOuter("{\"PROCE\xC5\xBFS\": {\"NAME\": \"folded\"}}", Dialect::kGo);
  ASSERT_TRUE(o.process.has_value());
  EXPECT_EQ(o.process->name, "folded");
  EXPECT_TRUE(o.unknown.empty());
}

TEST(Reader, LiteralDialectKeepsCaseVariantsUnknownAndTheFirstDuplicate) {
  std::vector<Divergence> divergences;
  std::string error;
  Outer o = ReadOuter(R"({"PROCESS": {"name": "a"}, "skip": true, "skip": false})", Dialect::kLiteral, &error,
                      &divergences);
  ASSERT_EQ(error, "");
  EXPECT_FALSE(o.process.has_value());
  ASSERT_EQ(o.unknown.size(), 1u);
  EXPECT_EQ(o.unknown[0].key, "PROCESS");
  EXPECT_TRUE(o.skip);
  EXPECT_EQ(divergences.size(), 2u);
}

TEST(Reader, LenientDialectsReadBadUtf8AsGoDoes) {
  for (Dialect d : {Dialect::kGo, Dialect::kLiteral}) {
    std::vector<Divergence> divergences;
    std::string error;
    Outer o = ReadOuter("{\"inner\": {\"name\": \"a\xff\xe2\x82" "b\\ud800\\ud800\\udc00\\udc01\"}}", d, &error,
                        &divergences);
    ASSERT_EQ(error, "");
    EXPECT_EQ(o.inner.name, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD\xF0\x90\x80\x80\xEF\xBF\xBD");
    ASSERT_FALSE(divergences.empty());
    EXPECT_EQ(divergences[0].path, "inner.name");
  }
}

TEST(Reader, GoDialectKeepsTheLastDuplicateInRawValues) {
  Reader r(R"({"a": 1, "b": {"c": 1, "d": 0, "c": 2}, "a": [3]})", Dialect::kGo);
  RawJson raw;
  r.ReadRaw(raw);
  r.Finish();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(raw.text, R"({"b":{"d":0,"c":2},"a":[3]})");
  EXPECT_EQ(r.divergences().size(), 2u);
}

}  // namespace
}  // namespace ocikit::json
