// File: spec/json/encoding.h
//
// The byte-level rules ocikit shares with Go's encoding/json: how strings are
// escaped on output and which byte sequences are valid UTF-8. Both the reader
// and the writer use these, so a string read and written again is stable.
//
// Example:
//   std::string out;
//   ocikit::json::AppendQuoted(out, "a<b");  // out == "\"a\\u003cb\""
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_JSON_ENCODING_H_
#define OCIKIT_SPEC_JSON_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

namespace ocikit::json {

// Length of the valid UTF-8 sequence starting at `s[i]` (a byte >= 0x80), or 0
// when the bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF are invalid, as in Go's unicode/utf8).
size_t Utf8SequenceLength(absl::string_view s, size_t i);

// Appends the UTF-8 encoding of `cp` (a valid, non-surrogate code point).
void AppendUtf8(std::string& out, uint32_t cp);

// Whether Go's encoding/json binds object key `key` to the struct field named
// `field` (ASCII) when they differ: bytes.EqualFold, i.e. ASCII letters
// compared without case, and U+212A KELVIN SIGN and U+017F LATIN SMALL LETTER
// LONG S folded to k and s (the only non-ASCII runes whose Unicode simple
// case-folding orbit holds an ASCII letter). Any other non-ASCII rune, and
// invalid UTF-8, never matches.
bool EqualFoldGo(absl::string_view key, absl::string_view field);

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

uint64_t Load64(const char* p);

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
size_t SafePrefixLength(absl::string_view s);

// Appends `s` as a quoted JSON string exactly as Go's json.Marshal does: short
// escapes for \" \\ \b \f \n \r \t, \u00XX for other control bytes, \u003c
// \u003e \u0026 for < > &, \u2028 and \u2029 escaped, and every invalid UTF-8
// byte replaced by \ufffd.
void AppendQuoted(std::string& out, absl::string_view s);

}  // namespace ocikit::json

#ifndef OCIKIT_COMPILED_LIB
#include "spec/json/encoding-inl.h"
#endif

#endif  // OCIKIT_SPEC_JSON_ENCODING_H_
