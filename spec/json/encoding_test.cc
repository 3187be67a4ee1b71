#include "spec/json/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace ocikit::json {
namespace {

std::string Quoted(absl::string_view s) {
  std::string out;
  AppendQuoted(out, s);
  return out;
}

TEST(AppendQuoted, EscapesLikeGoEncodingJson) {
  EXPECT_EQ(Quoted("plain"), R"("plain")");
  EXPECT_EQ(Quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Quoted("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(Quoted(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(Quoted("<a&b>"), R"("\u003ca\u0026b\u003e")");
  EXPECT_EQ(Quoted("\x7f"), "\"\x7f\"");  // DEL is not escaped
  EXPECT_EQ(Quoted("/"), R"("/")");       // nor is the solidus
}

TEST(AppendQuoted, KeepsValidUtf8AndEscapesLineSeparators) {
  EXPECT_EQ(Quoted("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"), "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\"");
  EXPECT_EQ(Quoted("\xe2\x80\xa8|\xe2\x80\xa9"), R"("\u2028|\u2029")");
}

TEST(AppendQuoted, ReplacesEachInvalidByteWithReplacementCharacter) {
  EXPECT_EQ(Quoted("a\xff" "b"), R"("a\ufffdb")");
  EXPECT_EQ(Quoted("\xc0\xaf"), R"("\ufffd\ufffd")");       // overlong '/'
  EXPECT_EQ(Quoted("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // surrogate
  EXPECT_EQ(Quoted("\xe2\x82"), R"("\ufffd\ufffd")");       // truncated
}

TEST(Utf8SequenceLength, RejectsOutOfRangeAndOverlong) {
  EXPECT_EQ(Utf8SequenceLength("\xf4\x8f\xbf\xbf", 0), 4u);  // U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xf4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xe0\x80\x80", 0), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xc2\x80", 0), 2u);
  EXPECT_EQ(Utf8SequenceLength("\x80", 0), 0u);              // lone continuation
}

TEST(AppendUtf8, EncodesEveryLength) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace ocikit::json
