// File: spec/json/encoding.h
//
// The byte-level rules ocikit shares with Go's encoding/json: how strings are
// escaped on output and which byte sequences are valid UTF-8. Both the reader
// and the writer use these, so a string read and written again is stable.
//
// Example:
//   std::string out;
//   ocikit::json::AppendQuoted(out, "a<b");  // out == "\"a\\u003cb\""
#ifndef OCIKIT_SPEC_JSON_ENCODING_H_
#define OCIKIT_SPEC_JSON_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include "absl/strings/string_view.h"

namespace ocikit::json {

// Length of the valid UTF-8 sequence starting at `s[i]` (a byte >= 0x80), or 0
// when the bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF are invalid, as in Go's unicode/utf8).
inline size_t Utf8SequenceLength(absl::string_view s, size_t i) {
  const auto byte = [&](size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
  const unsigned c = byte(i);
  const size_t left = s.size() - i;
  const auto cont = [&](size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  if (c >= 0xC2 && c <= 0xDF) {
    return left >= 2 && cont(i + 1) ? 2 : 0;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Appends the UTF-8 encoding of `cp` (a valid, non-surrogate code point).
inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace internal {

// 1 where an ASCII byte can be copied to a JSON string unchanged under Go's
// default (HTML-safe) escaping.
struct SafeAsciiTable {
  bool safe[128];
  constexpr SafeAsciiTable() : safe() {
    for (int c = 0x20; c < 0x80; ++c) safe[c] = true;
    safe[static_cast<int>('"')] = false;
    safe[static_cast<int>('\\')] = false;
    safe[static_cast<int>('<')] = false;
    safe[static_cast<int>('>')] = false;
    safe[static_cast<int>('&')] = false;
  }
};
inline constexpr SafeAsciiTable kSafeAscii;

}  // namespace internal

namespace internal {

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// Nonzero when some byte of `v` is zero (the classic "haszero" bit trick).
constexpr uint64_t HasZeroByte(uint64_t v) { return (v - kOnes) & ~v & kHighs; }
constexpr uint64_t HasByte(uint64_t v, unsigned char c) { return HasZeroByte(v ^ (kOnes * c)); }
// Nonzero when some byte is below 0x20 or at/above 0x80.
constexpr uint64_t HasControlOrHigh(uint64_t v) { return ((v - kOnes * 0x20) | v) & kHighs; }

}  // namespace internal

// Length of the longest prefix of `s` that Go writes unchanged inside a JSON
// string (printable ASCII other than " \\ < > &). Checks eight bytes at a
// time.
inline size_t SafePrefixLength(absl::string_view s) {
  using namespace internal;  // NOLINT: bit helpers only
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t v = Load64(s.data() + i);
    if (HasControlOrHigh(v) | HasByte(v, '"') | HasByte(v, '\\') | HasByte(v, '<') | HasByte(v, '>') |
        HasByte(v, '&')) {
      break;
    }
  }
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || !kSafeAscii.safe[c]) break;
    ++i;
  }
  return i;
}

// Appends `s` as a quoted JSON string exactly as Go's json.Marshal does: short
// escapes for \" \\ \b \f \n \r \t, \u00XX for other control bytes, \u003c
// \u003e \u0026 for < > &, \u2028 and \u2029 escaped, and every invalid UTF-8
// byte replaced by \ufffd.
inline void AppendQuoted(std::string& out, absl::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t start = 0;
  size_t i = SafePrefixLength(s);
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (internal::kSafeAscii.safe[c]) {
        ++i;
        continue;
      }
      out.append(s.data() + start, i - start);
      out.push_back('\\');
      switch (c) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '\b': out.push_back('b'); break;
        case '\f': out.push_back('f'); break;
        case '\n': out.push_back('n'); break;
        case '\r': out.push_back('r'); break;
        case '\t': out.push_back('t'); break;
        default:
          out.append("u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
      }
      start = ++i;
      continue;
    }
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out.append(s.data() + start, i - start);
      out.append("\\ufffd");
      start = ++i;
      continue;
    }
    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / A9.
    if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
      out.append(s.data() + start, i - start);
      out.append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
      start = i += 3;
      continue;
    }
    i += n;
  }
  out.append(s.data() + start, s.size() - start);
  out.push_back('"');
}

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_ENCODING_H_
