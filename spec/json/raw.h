// File: spec/json/raw.h
//
// RawJson holds a JSON value ocikit does not model (an unknown field, or a
// platform section kept verbatim) in canonical compact form: no insignificant
// white space, strings re-escaped as Go escapes them, numbers exactly as they
// were written (so no precision is lost), object keys in input order.
//
// Example:
//   Spec spec = *ParseSpec(R"({"ociVersion":"1.3.0","x-vendor":{"a": 1e400}})");
//   spec.unknown[0].key;          // "x-vendor"
//   spec.unknown[0].value.text;   // {"a":1e400}
#ifndef OCIKIT_SPEC_JSON_RAW_H_
#define OCIKIT_SPEC_JSON_RAW_H_

#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

namespace ocikit::json {

// A JSON value in canonical compact text form.
struct RawJson {
  std::string text;

  bool operator==(const RawJson&) const = default;
};

// A field of a JSON object that the model does not know, kept for writing back.
struct UnknownField {
  std::string key;
  RawJson value;

  bool operator==(const UnknownField&) const = default;
};

// Unknown fields of one object, in input order; written after the known ones.
using UnknownFields = std::vector<UnknownField>;

// Appends canonical compact JSON `compact` re-indented the way Go's
// json.MarshalIndent lays values out: one element per line, `indent` spaces per
// level starting at `depth`, "{}" and "[]" kept on one line.
inline void AppendIndented(std::string& out, absl::string_view compact, int indent, int depth) {
  const auto newline = [&](int level) {
    out.push_back('\n');
    out.append(static_cast<size_t>(level) * static_cast<size_t>(indent), ' ');
  };
  size_t i = 0;
  while (i < compact.size()) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        const size_t start = i++;
        while (i < compact.size() && compact[i] != '"') i += compact[i] == '\\' ? 2 : 1;
        ++i;
        out.append(compact.data() + start, i - start);
        continue;
      }
      case '{':
      case '[': {
        const char close = c == '{' ? '}' : ']';
        out.push_back(c);
        if (i + 1 < compact.size() && compact[i + 1] == close) {
          out.push_back(close);
          i += 2;
          continue;
        }
        newline(++depth);
        break;
      }
      case '}':
      case ']':
        newline(--depth);
        out.push_back(c);
        break;
      case ',':
        out.push_back(',');
        newline(depth);
        break;
      case ':':
        out.append(": ");
        break;
      default:
        out.push_back(c);
    }
    ++i;
  }
}

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_RAW_H_
