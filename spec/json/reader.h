// File: spec/json/reader.h
//
// A pull reader for JSON text that the spec model reads itself from, without
// building an intermediate document. By default (Dialect::kStrict) it is strict
// where Go's encoding/json is lenient in ways that hide mistakes, and refuses
// every construct that runtimes read differently, saying exactly where:
//   - duplicate object keys are an error (Go keeps the last one, merged into
//     the first; other parsers keep the first or refuse the file);
//   - a key that matches a field only under Go's case folding ("PROCESS") is
//     an error (runc and containerd bind it, crun and youki ignore it): the
//     field lists check it (spec/json/fields.h, EqualFoldGo);
//   - invalid UTF-8 and unpaired \u surrogates are errors (Go substitutes U+FFFD);
//   - integers must fit the field's Go type exactly (no fractions, exponents or
//     wrap-around); numbers in unknown fields are kept as written;
//   - nesting is limited (1000 levels by default).
// Errors are sticky: the first one is kept, later calls do nothing, so model
// code reads straight through and checks `ok()` once at the end.
//
// Two other dialects read those constructs instead of refusing them, and
// record each one as a Divergence (for the linter):
//   - Dialect::kGo reads as Go's encoding/json (runc, containerd): keys match
//     exactly or else case-insensitively, a duplicate key is read again into
//     the same value (last wins, objects merged), bad UTF-8 becomes U+FFFD;
//   - Dialect::kLiteral reads as parsers that do not fold (crun, youki): keys
//     match exactly, case variants stay unknown fields, the first duplicate
//     wins, bad UTF-8 becomes U+FFFD.
//
// Example:
//   json::Reader r(R"({"hard": -1})");
//   uint64_t hard = 0;
//   absl::string_view key;
//   if (r.BeginObject()) while (r.NextKey(key)) r.ReadInteger(hard);
//   r.error().message;  // "expected an unsigned 64-bit integer, got -1"
//   r.error().path;     // "hard"
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_JSON_READER_H_
#define OCIKIT_SPEC_JSON_READER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include "absl/strings/string_view.h"
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "spec/json/encoding.h"
#include "spec/json/raw.h"

namespace ocikit::json {

// Where and why reading failed.
struct ReadError {
  std::string path;     // e.g. "process.rlimits[2].hard"; empty for the top level
  std::string message;  // e.g. "expected an unsigned 64-bit integer, got -1"
  size_t offset = 0;    // byte offset in the input
  size_t line = 0;      // 1-based
  size_t column = 0;    // 1-based, in bytes
};

// How a Reader treats the constructs that runtimes read differently.
enum class Dialect {
  kStrict,   // refuse them (the default)
  kGo,       // read them as Go's encoding/json does
  kLiteral,  // read them as crun and youki do
};

// What kind of construct a Divergence is.
enum class DivergenceKind {
  kCaseVariantKey,  // a key equal to a field only under Go's case folding
  kDuplicateKey,
  kInvalidText,     // invalid UTF-8 or an unpaired \u surrogate
};

// One construct that runtimes read differently, met by a kGo or kLiteral reader.
struct Divergence {
  DivergenceKind kind = DivergenceKind::kDuplicateKey;
  std::string path;     // JSON path of the key or string, as ReadError::path
  std::string message;  // what it is and how runtimes differ
  size_t offset = 0;
  size_t line = 0;
  size_t column = 0;
};

// The type URL of the absl::Status payload that carries "line:column" of a
// read error, for tools (lint) that report positions.
inline constexpr absl::string_view kPositionPayload = "type.ocikit.dev/json-position";

class Reader {
 public:
  static constexpr size_t kDefaultMaxDepth = 1000;

  explicit Reader(absl::string_view text, size_t max_depth = kDefaultMaxDepth)
      : Reader(text, Dialect::kStrict, max_depth) {}
  Reader(absl::string_view text, Dialect dialect, size_t max_depth = kDefaultMaxDepth)
      : text_(text), max_depth_(max_depth), dialect_(dialect) {
    frames_.reserve(16);
    seen_.reserve(64);
  }

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool ok() const { return !failed_; }
  const ReadError& error() const { return error_; }
  Dialect dialect() const { return dialect_; }

  // The constructs read differently by runtimes met so far (kGo, kLiteral).
  const std::vector<Divergence>& divergences() const { return divergences_; }

  // A construct runtimes read differently, at byte `offset`: an error in
  // kStrict, else recorded (once per path and message) and read on.
  void Diverge(size_t offset, DivergenceKind kind, std::string message) {
    if (dialect_ == Dialect::kStrict) return FailAt(offset, std::move(message));
    if (failed_) return;
    Divergence d;
    d.kind = kind;
    d.path = CurrentPath();
    d.message = std::move(message);
    if (!divergences_.empty() && divergences_.back().path == d.path && divergences_.back().message == d.message) return;
    d.offset = offset;
    LineColumn(offset, d.line, d.column);
    divergences_.push_back(std::move(d));
  }

  // Byte offset of the key NextKey returned last.
  size_t key_offset() const { return key_offset_; }

  // The first error as an InvalidArgument status "<source>:<line>:<col>:
  // <path>: <message>", with the position also attached as a payload.
  absl::Status status(absl::string_view source) const {
    if (ok()) return absl::OkStatus();
    absl::Status s = absl::InvalidArgumentError(
        absl::StrCat(source, ":", error_.line, ":", error_.column, ": ",
                     error_.path.empty() ? "(root)" : error_.path, ": ", error_.message));
    s.SetPayload(kPositionPayload, absl::Cord(absl::StrCat(error_.line, ":", error_.column)));
    return s;
  }

  // Records an error at the current path and position; only the first counts.
  void Fail(std::string message) { FailAt(pos_, std::move(message)); }

  // Consumes a `null` and returns true when the next value is null.
  bool ConsumeNull() {
    SkipSpace();
    if (!ok() || Peek() != 'n') return false;
    return ExpectLiteral("null");
  }

  // Enters an object; false (with an error) when the next value is not one.
  // `is_map` only changes how keys are shown in error paths: `sysctl["a.b"]`.
  bool BeginObject(bool is_map = false) { return Begin('{', is_map); }
  bool BeginArray() { return Begin('[', false); }

  // Moves to the next key of the current object. Returns false at its end (or
  // on error). A duplicate key is an error (kStrict), returned again (kGo), or
  // skipped with its value (kLiteral).
  bool NextKey(absl::string_view& key) {
    while (NextKeyOnce(key)) {
      if (!duplicate_) return true;
      if (dialect_ == Dialect::kGo) return true;
      RawJson ignored;
      ReadRaw(ignored);
    }
    return false;
  }

 private:
  bool NextKeyOnce(absl::string_view& key) {
    duplicate_ = false;
    if (!ok()) return false;
    Frame& f = frames_.back();
    f.has_key = false;
    SkipSpace();
    if (!f.first) {
      if (Peek() == '}') return End();
      if (Peek() != ',') return Fail(absl::StrCat("expected ',' or '}' after object member, got ", Describe())), false;
      ++pos_;
      SkipSpace();
    } else if (Peek() == '}') {
      return End();
    }
    f.first = false;
    if (Peek() != '"') return Fail(absl::StrCat("expected a string key, got ", Describe())), false;
    const size_t key_pos = pos_;
    if (!ParseKey(key)) return false;
    SkipSpace();
    if (Peek() != ':') return Fail(absl::StrCat("expected ':' after object key, got ", Describe())), false;
    ++pos_;
    f.key = key;
    f.has_key = true;
    key_offset_ = key_pos;
    if (IsDuplicate(f, key)) {
      duplicate_ = true;
      Diverge(key_pos, DivergenceKind::kDuplicateKey,
              absl::StrCat("duplicate key \"", key, "\"; runtimes disagree on it: Go's encoding/json (runc, ",
                           "containerd) keeps the last one, merged into the first, while crun and youki read the ",
                           "first"));
      return ok();
    }
    return true;
  }

 public:
  // Moves to the next element of the current array; false at its end.
  bool NextElement() {
    if (!ok()) return false;
    Frame& f = frames_.back();
    SkipSpace();
    if (Peek() == ']') return End();
    if (!f.first) {
      if (Peek() != ',') return Fail(absl::StrCat("expected ',' or ']' after array element, got ", Describe())), false;
      ++pos_;
      ++f.index;
    }
    f.first = false;
    return true;
  }

  // Scalars. A JSON null leaves the value unchanged, as Go does.
  void ReadString(std::string& out) {
    SkipSpace();
    if (!ok() || ConsumeNull()) return;
    if (Peek() != '"') return Fail(absl::StrCat("expected a string, got ", Describe()));
    ParseString(out);
  }

  void ReadBool(bool& out) {
    SkipSpace();
    if (!ok() || ConsumeNull()) return;
    if (Peek() == 't' && ExpectLiteral("true")) {
      out = true;
    } else if (Peek() == 'f' && ExpectLiteral("false")) {
      out = false;
    } else if (ok()) {
      Fail(absl::StrCat("expected true or false, got ", Describe()));
    }
  }

  template <class Int>
  void ReadInteger(Int& out) {
    static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
    SkipSpace();
    if (!ok() || ConsumeNull()) return;
    const size_t start = pos_;
    bool integral = false;
    if (!ScanNumber(integral)) {
      return Fail(absl::StrCat("expected ", IntegerName<Int>(), ", got ", Describe()));
    }
    const absl::string_view token = text_.substr(start, pos_ - start);
    const bool negative = token[0] == '-';
    uint64_t magnitude = 0;
    bool fits = integral;
    for (size_t i = negative ? 1 : 0; fits && i < token.size(); ++i) {
      const uint64_t digit = static_cast<uint64_t>(token[i] - '0');
      if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) fits = false;
      magnitude = magnitude * 10 + digit;
    }
    if (fits) {
      if constexpr (std::is_unsigned_v<Int>) {
        fits = !negative && magnitude <= std::numeric_limits<Int>::max();
        if (fits) out = static_cast<Int>(magnitude);
      } else {
        const uint64_t max = static_cast<uint64_t>(std::numeric_limits<Int>::max());
        fits = negative ? magnitude <= max + 1 : magnitude <= max;
        if (fits) out = negative ? static_cast<Int>(0 - magnitude) : static_cast<Int>(magnitude);
      }
    }
    if (!fits) FailAt(start, absl::StrCat("expected ", IntegerName<Int>(), ", got ", Excerpt(token)));
  }

  // Reads any value into canonical compact form (see raw.h).
  void ReadRaw(RawJson& out) {
    out.text.clear();
    AppendRaw(out.text);
  }

  // Keeps the value of an unknown key in `fields`.
  void ReadUnknown(absl::string_view key, UnknownFields& fields) {
    fields.push_back(UnknownField{std::string(key), {}});
    ReadRaw(fields.back().value);
  }

  // Checks that nothing but white space follows the top-level value.
  void Finish() {
    SkipSpace();
    if (ok() && pos_ != text_.size()) Fail("unexpected data after the top-level value");
  }

 private:
  struct Frame {
    bool is_array = false;
    bool is_map = false;
    bool first = true;
    bool has_key = false;
    uint64_t index = 0;
    absl::string_view key;
    size_t seen_begin = 0;
    std::unique_ptr<std::set<absl::string_view>> seen_set;  // large objects
  };

  // Objects with more keys than this switch from a linear scan to a set: a
  // balanced tree (std::set), O(log n) a key whatever the keys are (no hash
  // an input could collide), and it spares every codec consumer the
  // flat_hash_set headers and instantiations (about 0.4 s of its compile).
  static constexpr size_t kLinearKeyScan = 32;

  template <class Int>
  static constexpr absl::string_view IntegerName() {
    if constexpr (std::is_unsigned_v<Int>) {
      if constexpr (sizeof(Int) == 8) return "an unsigned 64-bit integer";
      if constexpr (sizeof(Int) == 4) return "an unsigned 32-bit integer";
      if constexpr (sizeof(Int) == 2) return "an unsigned 16-bit integer";
      return "an unsigned 8-bit integer";
    } else {
      if constexpr (sizeof(Int) == 8) return "a signed 64-bit integer";
      if constexpr (sizeof(Int) == 4) return "a signed 32-bit integer";
      if constexpr (sizeof(Int) == 2) return "a signed 16-bit integer";
      return "a signed 8-bit integer";
    }
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool AtEnd() const { return pos_ >= text_.size(); }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }

  void FailAt(size_t offset, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_.message = std::move(message);
    error_.offset = offset;
    error_.path = CurrentPath();
    LineColumn(offset, error_.line, error_.column);
  }

  void LineColumn(size_t offset, size_t& line, size_t& column) const {
    line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    column = offset - line_start + 1;
  }

  static bool IsIdentifier(absl::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && c != '_' && c != '-') return false;
    }
    return true;
  }

  std::string CurrentPath() const {
    std::string path;
    for (const Frame& f : frames_) {
      if (f.is_array) {
        if (!f.first) absl::StrAppend(&path, "[", f.index, "]");
        continue;
      }
      if (!f.has_key) continue;
      if (f.is_map || !IsIdentifier(f.key)) {
        path.push_back('[');
        AppendQuoted(path, f.key);
        path.push_back(']');
      } else {
        if (!path.empty()) path.push_back('.');
        path.append(f.key.data(), f.key.size());
      }
    }
    return path;
  }

  // A short description of the next value, for "expected X, got Y".
  std::string Describe() const {
    if (AtEnd()) return "end of input";
    switch (Peek()) {
      case '{': return "an object";
      case '[': return "an array";
      case '"': {
        size_t end = pos_ + 1;
        while (end < text_.size() && text_[end] != '"' && end - pos_ < 40) end += text_[end] == '\\' ? 2 : 1;
        return absl::StrCat("a string ", Excerpt(text_.substr(pos_, end + 1 - pos_)));
      }
      case 't': return text_.substr(pos_, 4) == "true" ? "true" : "invalid literal";
      case 'f': return text_.substr(pos_, 5) == "false" ? "false" : "invalid literal";
      case 'n': return text_.substr(pos_, 4) == "null" ? "null" : "invalid literal";
      default: break;
    }
    const char c = Peek();
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t end = pos_ + 1;
      while (end < text_.size() && absl::string_view("0123456789.eE+-").find(text_[end]) != absl::string_view::npos) ++end;
      return Excerpt(text_.substr(pos_, end - pos_));
    }
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80) {
      return absl::StrCat("byte 0x", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    }
    return absl::StrCat("'", absl::string_view(&text_[pos_], 1), "'");
  }

  static std::string Excerpt(absl::string_view token) {
    constexpr size_t kMax = 40;
    if (token.size() <= kMax) return std::string(token);
    return absl::StrCat(token.substr(0, kMax), "...");
  }

  bool ExpectLiteral(absl::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) {
      Fail(absl::StrCat("invalid literal; expected ", literal));
      return false;
    }
    pos_ += literal.size();
    return true;
  }

  bool Begin(char open, bool is_map) {
    SkipSpace();
    if (!ok()) return false;
    if (Peek() != open) {
      Fail(absl::StrCat("expected ", open == '{' ? "an object" : "an array", ", got ", Describe()));
      return false;
    }
    if (frames_.size() >= max_depth_) {
      Fail(absl::StrCat("nesting deeper than ", max_depth_, " levels"));
      return false;
    }
    ++pos_;
    Frame& f = frames_.emplace_back();
    f.is_array = open == '[';
    f.is_map = is_map;
    f.seen_begin = seen_.size();
    return true;
  }

  bool End() {
    ++pos_;
    seen_.resize(frames_.back().seen_begin);
    frames_.pop_back();
    return false;
  }

  bool IsDuplicate(Frame& f, absl::string_view key) {
    if (f.seen_set) return !f.seen_set->insert(key).second;
    for (size_t i = f.seen_begin; i < seen_.size(); ++i) {
      if (seen_[i] == key) return true;
    }
    seen_.push_back(key);
    if (seen_.size() - f.seen_begin > kLinearKeyScan) {
      f.seen_set = std::make_unique<std::set<absl::string_view>>(
          seen_.begin() + static_cast<std::ptrdiff_t>(f.seen_begin), seen_.end());
      seen_.resize(f.seen_begin);
    }
    return false;
  }

  // Scans a JSON number at pos_; `integral` is set when it has no fraction or
  // exponent. Returns false (position unchanged) if there is no valid number.
  bool ScanNumber(bool& integral) {
    const size_t start = pos_;
    size_t i = pos_;
    const auto digit = [&](size_t k) { return k < text_.size() && text_[k] >= '0' && text_[k] <= '9'; };
    if (i < text_.size() && text_[i] == '-') ++i;
    if (!digit(i)) return false;
    if (text_[i] == '0') {
      ++i;
    } else {
      while (digit(i)) ++i;
    }
    integral = true;
    if (i < text_.size() && text_[i] == '.') {
      ++i;
      if (!digit(i)) return false;
      while (digit(i)) ++i;
      integral = false;
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (!digit(i)) return false;
      while (digit(i)) ++i;
      integral = false;
    }
    // "01" or "1x": the token must end at a delimiter.
    if (i < text_.size() && absl::string_view(",}] \t\r\n").find(text_[i]) == absl::string_view::npos) {
      pos_ = start;
      return false;
    }
    pos_ = i;
    return true;
  }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool ParseHex4(uint32_t& out) {
    if (pos_ + 4 > text_.size()) return false;
    out = 0;
    for (size_t k = 0; k < 4; ++k) {
      const int h = HexValue(text_[pos_ + k]);
      if (h < 0) return false;
      out = out << 4 | static_cast<uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  // At a backslash inside a string: decodes one escape into `out`.
  bool ParseEscape(std::string& out) {
    const size_t start = pos_;
    ++pos_;
    if (AtEnd()) return FailAt(start, "unterminated string"), false;
    const char c = text_[pos_++];
    switch (c) {
      case '"': out.push_back('"'); return true;
      case '\\': out.push_back('\\'); return true;
      case '/': out.push_back('/'); return true;
      case 'b': out.push_back('\b'); return true;
      case 'f': out.push_back('\f'); return true;
      case 'n': out.push_back('\n'); return true;
      case 'r': out.push_back('\r'); return true;
      case 't': out.push_back('\t'); return true;
      case 'u': break;
      default: return FailAt(start, absl::StrCat("invalid escape '\\", absl::string_view(&c, 1), "' in string")), false;
    }
    uint32_t cp = 0;
    if (!ParseHex4(cp)) return FailAt(start, "invalid \\u escape in string; expected four hex digits"), false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return Unpaired(start, "low", out);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const size_t after_high = pos_;
      uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") return Unpaired(start, "high", out);
      pos_ += 2;
      if (!ParseHex4(low) || low < 0xDC00 || low > 0xDFFF) {
        pos_ = after_high;  // Go reads the next escape on its own
        return Unpaired(start, "high", out);
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(out, cp);
    return true;
  }

  static constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

  bool Unpaired(size_t start, absl::string_view which, std::string& out) {
    Diverge(start, DivergenceKind::kInvalidText,
            absl::StrCat("invalid \\u escape in string: unpaired ", which, " surrogate; runtimes disagree on it: ",
                         "Go's encoding/json (runc, containerd) reads U+FFFD instead"));
    out.append(kReplacement.data(), kReplacement.size());
    return ok();
  }

  // Scans the string body from pos_ (after the quote) up to the first escape,
  // the closing quote or (kGo, kLiteral) an invalid UTF-8 byte, validating
  // UTF-8. Returns false on error.
  bool ScanPlain() {
    while (pos_ + 8 <= text_.size()) {  // eight plain ASCII bytes at a time
      const uint64_t v = internal::Load64(text_.data() + pos_);
      if (internal::HasControlOrHigh(v) | internal::HasByte(v, '"') | internal::HasByte(v, '\\')) break;
      pos_ += 8;
    }
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\') return true;
      if (c < 0x20) return FailAt(pos_, "control character in string; expected it escaped"), false;
      if (c < 0x80) {
        ++pos_;
        continue;
      }
      const size_t n = Utf8SequenceLength(text_, pos_);
      if (n == 0) {
        if (dialect_ != Dialect::kStrict) return true;
        return FailAt(pos_, std::string(kInvalidUtf8)), false;
      }
      pos_ += n;
    }
    return FailAt(pos_, "unterminated string"), false;
  }

  // At an opening quote: decodes the string into `out`.
  bool ParseString(std::string& out) {
    ++pos_;
    out.clear();
    while (true) {
      const size_t chunk = pos_;
      if (!ScanPlain()) return false;
      out.append(text_.data() + chunk, pos_ - chunk);
      if (text_[pos_] == '"') {
        ++pos_;
        return true;
      }
      if (text_[pos_] != '\\') {  // an invalid UTF-8 byte, read as Go does
        Diverge(pos_, DivergenceKind::kInvalidText, std::string(kInvalidUtf8));
        out.append(kReplacement.data(), kReplacement.size());
        ++pos_;
        continue;
      }
      if (!ParseEscape(out)) return false;
    }
  }

  static constexpr absl::string_view kInvalidUtf8 =
      "invalid UTF-8 in string; runtimes disagree on it: Go's encoding/json (runc, containerd) reads U+FFFD "
      "instead of each bad byte";

  // Keys without escapes point into the input; others into key_storage_.
  bool ParseKey(absl::string_view& key) {
    const size_t start = pos_ + 1;
    pos_ = start;
    if (!ScanPlain()) return false;
    if (text_[pos_] == '"') {
      key = text_.substr(start, pos_ - start);
      ++pos_;
      return true;
    }
    pos_ = start - 1;
    std::string& decoded = *key_storage_.emplace_back(std::make_unique<std::string>());
    if (!ParseString(decoded)) return false;
    key = decoded;
    return true;
  }

  // The members of an object, after its '{'. A duplicate key read by kGo
  // replaces the earlier member, as a Go map[string]interface{} does.
  void AppendRawMembers(std::string& out) {
    struct Member {
      absl::string_view key;
      size_t begin;  // in `out`, at the member's leading comma
    };
    std::vector<Member> members;  // only the lenient dialects meet duplicates
    const size_t start = out.size();
    absl::string_view key;
    while (NextKey(key)) {
      if (duplicate_) {
        for (size_t i = 0; i < members.size(); ++i) {
          if (members[i].key != key) continue;
          const size_t end = i + 1 < members.size() ? members[i + 1].begin : out.size();
          out.erase(members[i].begin, end - members[i].begin);
          for (size_t j = i + 1; j < members.size(); ++j) members[j].begin -= end - members[i].begin;
          members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
      }
      if (dialect_ != Dialect::kStrict) members.push_back(Member{key, out.size()});
      out.push_back(',');
      AppendQuoted(out, key);
      out.push_back(':');
      AppendRaw(out);
    }
    if (out.size() > start) out.erase(start, 1);  // the first member's comma
  }

  void AppendRaw(std::string& out) {
    SkipSpace();
    if (!ok()) return;
    switch (Peek()) {
      case '{': {
        if (!BeginObject()) return;
        out.push_back('{');
        AppendRawMembers(out);
        out.push_back('}');
        return;
      }
      case '[': {
        if (!BeginArray()) return;
        out.push_back('[');
        bool first = true;
        while (NextElement()) {
          if (!first) out.push_back(',');
          first = false;
          AppendRaw(out);
        }
        out.push_back(']');
        return;
      }
      case '"': {
        std::string s;
        if (ParseString(s)) AppendQuoted(out, s);
        return;
      }
      case 't':
        if (ExpectLiteral("true")) out.append("true");
        return;
      case 'f':
        if (ExpectLiteral("false")) out.append("false");
        return;
      case 'n':
        if (ExpectLiteral("null")) out.append("null");
        return;
      default: {
        const size_t start = pos_;
        bool integral = false;
        if (!ScanNumber(integral)) return Fail(absl::StrCat("expected a JSON value, got ", Describe()));
        out.append(text_.data() + start, pos_ - start);
      }
    }
  }

  absl::string_view text_;
  size_t pos_ = 0;
  size_t max_depth_;
  Dialect dialect_ = Dialect::kStrict;
  bool duplicate_ = false;  // NextKeyOnce met a key its object already had
  size_t key_offset_ = 0;
  std::vector<Divergence> divergences_;
  std::vector<Frame> frames_;  // std::vector, not absl::InlinedVector: less code in every codec consumer
  std::vector<absl::string_view> seen_;      // keys of the open objects
  std::vector<std::unique_ptr<std::string>> key_storage_;  // keys that had escapes
  bool failed_ = false;
  ReadError error_;
};

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_READER_H_
