// File: spec/json/writer.h
//
// Writes JSON text byte for byte as Go's encoding/json does: json.Marshal
// (compact) or json.MarshalIndent(v, "", indent) with `indent` spaces, where
// "{}" and "[]" stay on one line. Strings are escaped as in encoding.h.
//
// The writer appends to a string it grows in large steps and writes bytes in
// place; Finish() (or the destructor) trims the string to what was written.
//
// Example:
//   std::string out;
//   json::Writer w(out, /*indent=*/2);
//   w.BeginObject();
//   w.Key("a");
//   w.Uint(1);
//   w.EndObject();
//   w.Finish();  // out == "{\n  \"a\": 1\n}"
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_JSON_WRITER_H_
#define OCIKIT_SPEC_JSON_WRITER_H_

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "spec/json/encoding.h"
#include "spec/json/raw.h"

namespace ocikit::json {

class Writer {
 public:
  // Appends to `out`. `indent` is the number of spaces per level; 0 writes
  // compact JSON.
  explicit Writer(std::string& out, int indent = 0)
      : out_(out), pos_(out.size()), indent_(indent < 0 ? 0 : indent) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { Finish(); }

  // Trims the output string to the bytes written. Call before reading it.
  void Finish() { out_.resize(pos_); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // Starts an object member; `key` is escaped like any string.
  void Key(absl::string_view key) {
    Separate();
    Quoted(key);
    Colon();
  }

  // Starts an object member whose key is known to need no escaping (a field
  // name of the model: ASCII letters and digits).
  void SafeKey(absl::string_view key) {
    Separate();
    char* p = Grow(key.size() + 4);
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    pos_ = static_cast<size_t>(p - out_.data());
    Colon();
  }

  void String(absl::string_view s) {
    BeforeValue();
    Quoted(s);
  }
  void Bool(bool b) { Literal(b ? absl::string_view("true") : absl::string_view("false")); }
  void Null() { Literal("null"); }
  void Uint(uint64_t v) { Number(v); }
  void Int(int64_t v) { Number(v); }
  void Raw(const RawJson& raw) {
    BeforeValue();
    Finish();
    if (indent_ == 0) {
      out_.append(raw.text);
    } else {
      AppendIndented(out_, raw.text, indent_, static_cast<int>(depth_));
    }
    pos_ = out_.size();
  }

  // Writes unknown fields back, after the known fields of the same object.
  void Unknown(const UnknownFields& fields) {
    for (const UnknownField& f : fields) {
      Key(f.key);
      Raw(f.value);
    }
  }

 private:
  void Quoted(absl::string_view s) {
    const size_t safe = SafePrefixLength(s);
    if (safe == s.size()) {
      char* p = Grow(s.size() + 2);
      *p++ = '"';
      std::memcpy(p, s.data(), s.size());
      p[s.size()] = '"';
      pos_ += s.size() + 2;
      return;
    }
    Finish();
    AppendQuoted(out_, s);
    pos_ = out_.size();
  }

  // Makes room for `n` more bytes and returns where to write them.
  char* Grow(size_t n) {
    if (pos_ + n > out_.size()) [[unlikely]] GrowSlow(n);
    return out_.data() + pos_;
  }
  // Within the capacity only a little is made writable (resize zero-fills):
  // after each Raw or escaped string the buffer is trimmed to pos_, and
  // making all of the capacity writable again each time was quadratic in the
  // number of such values.
  [[gnu::noinline]] void GrowSlow(size_t n) {
    const size_t need = pos_ + n;
    out_.resize(need <= out_.capacity() ? std::min(out_.capacity(), need + 1024)
                                        : std::max({out_.size() * 2, need + 1024}));
  }

  void Put(char c) {
    *Grow(1) = c;
    ++pos_;
  }

  void Literal(absl::string_view text) {
    BeforeValue();
    std::memcpy(Grow(text.size()), text.data(), text.size());
    pos_ += text.size();
  }

  template <class Int>
  void Number(Int v) {
    BeforeValue();
    char* p = Grow(24);
    pos_ = static_cast<size_t>(std::to_chars(p, p + 24, v).ptr - out_.data());
  }

  void Colon() {
    if (indent_ > 0) {
      char* p = Grow(2);
      p[0] = ':';
      p[1] = ' ';
      pos_ += 2;
    } else {
      Put(':');
    }
    after_key_ = true;
  }

  void NewLine(size_t depth) {
    const size_t n = depth * static_cast<size_t>(indent_);
    char* p = Grow(n + 1);
    *p = '\n';
    std::memset(p + 1, ' ', n);
    pos_ += n + 1;
  }

  // Comma and line break before an object member or array element.
  void Separate() {
    if (depth_ == 0) return;
    if (!first_) Put(',');
    first_ = false;
    if (indent_ > 0) NewLine(depth_);
  }

  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
    } else {
      Separate();
    }
  }

  void Open(char c) {
    BeforeValue();
    Put(c);
    ++depth_;
    first_ = true;
  }

  // A closed container is an element of its parent, so the parent is not
  // empty afterwards: no per-level state is needed.
  void Close(char c) {
    const bool empty = first_;
    --depth_;
    if (!empty && indent_ > 0) NewLine(depth_);
    Put(c);
    first_ = false;
  }

  std::string& out_;
  size_t pos_;  // bytes written; out_ may be longer until Finish()
  int indent_;
  bool after_key_ = false;
  bool first_ = true;  // no element written yet in the innermost open container
  size_t depth_ = 0;   // open containers
};

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_WRITER_H_
