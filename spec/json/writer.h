// File: spec/json/writer.h
//
// Writes JSON text byte for byte as Go's encoding/json does: json.Marshal
// (compact) or json.MarshalIndent(v, "", indent) with `indent` spaces, where
// "{}" and "[]" stay on one line. Strings are escaped as in encoding.h.
//
// Example:
//   std::string out;
//   json::Writer w(out, /*indent=*/2);
//   w.BeginObject();
//   w.Key("a");
//   w.Uint(1);
//   w.EndObject();  // out == "{\n  \"a\": 1\n}"
#ifndef OCIKIT_SPEC_JSON_WRITER_H_
#define OCIKIT_SPEC_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "spec/json/encoding.h"
#include "spec/json/raw.h"

namespace ocikit::json {

class Writer {
 public:
  // `indent` is the number of spaces per level; 0 writes compact JSON.
  explicit Writer(std::string& out, int indent = 0) : out_(out), indent_(indent < 0 ? 0 : indent) {
    counts_.reserve(16);
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // Starts an object member; `key` is escaped like any string.
  void Key(absl::string_view key) {
    Separate();
    AppendQuoted(out_, key);
    if (indent_ > 0) {
      out_.append(": ", 2);
    } else {
      out_.push_back(':');
    }
    after_key_ = true;
  }

  void String(absl::string_view s) {
    BeforeValue();
    AppendQuoted(out_, s);
  }
  void Bool(bool b) {
    BeforeValue();
    out_.append(b ? "true" : "false");
  }
  void Null() {
    BeforeValue();
    out_.append("null");
  }
  void Uint(uint64_t v) {
    BeforeValue();
    AppendNumber(v);
  }
  void Int(int64_t v) {
    BeforeValue();
    AppendNumber(v);
  }
  void Raw(const RawJson& raw) {
    BeforeValue();
    if (indent_ == 0) {
      out_.append(raw.text);
    } else {
      AppendIndented(out_, raw.text, indent_, static_cast<int>(counts_.size()));
    }
  }

  // Writes unknown fields back, after the known fields of the same object.
  void Unknown(const UnknownFields& fields) {
    for (const UnknownField& f : fields) {
      Key(f.key);
      Raw(f.value);
    }
  }

 private:
  template <class Int>
  void AppendNumber(Int v) {
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof(buf), v);
    out_.append(buf, static_cast<size_t>(result.ptr - buf));
  }

  void NewLine(size_t depth) {
    out_.push_back('\n');
    out_.append(depth * static_cast<size_t>(indent_), ' ');
  }

  // Comma and line break before an object member or array element.
  void Separate() {
    if (counts_.empty()) return;
    if (counts_.back()++ > 0) out_.push_back(',');
    if (indent_ > 0) NewLine(counts_.size());
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
    out_.push_back(c);
    counts_.push_back(0);
  }

  void Close(char c) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty && indent_ > 0) NewLine(counts_.size());
    out_.push_back(c);
  }

  std::string& out_;
  int indent_;
  bool after_key_ = false;
  std::vector<uint32_t> counts_;  // members written so far, per open container
};

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_WRITER_H_
