// File: spec/json/encoding-inl.h
//
// Definitions of spec/json/encoding.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_JSON_ENCODING_INL_H_
#define OCIKIT_SPEC_JSON_ENCODING_INL_H_

#include "spec/json/encoding.h"
#include "spec/internal/compile_mode.h"
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include "absl/strings/string_view.h"

namespace ocikit::json {

OCIKIT_INLINE size_t Utf8SequenceLength(absl::string_view s, size_t i) {
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

OCIKIT_INLINE bool EqualFoldGo(absl::string_view key, absl::string_view field) {
  const auto upper = [](unsigned char c) { return c >= 'a' && c <= 'z' ? static_cast<unsigned char>(c - 32) : c; };
  size_t i = 0;
  for (const char f : field) {
    if (i >= key.size()) return false;
    const unsigned char want = upper(static_cast<unsigned char>(f));
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (c < 0x80) {
      if (upper(c) != want) return false;
      ++i;
    } else if (key.substr(i, 3) == "\xE2\x84\xAA") {  // U+212A KELVIN SIGN
      if (want != 'K') return false;
      i += 3;
    } else if (key.substr(i, 2) == "\xC5\xBF") {  // U+017F LATIN SMALL LETTER LONG S
      if (want != 'S') return false;
      i += 2;
    } else {
      return false;
    }
  }
  return i == key.size();
}

OCIKIT_INLINE void AppendUtf8(std::string& out, uint32_t cp) {
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

OCIKIT_INLINE uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
}  // namespace internal

OCIKIT_INLINE size_t SafePrefixLength(absl::string_view s) {
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

OCIKIT_INLINE void AppendQuoted(std::string& out, absl::string_view s) {
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

#endif  // OCIKIT_SPEC_JSON_ENCODING_INL_H_
