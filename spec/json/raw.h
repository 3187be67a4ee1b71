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
//
// Dependencies: absl_strings
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
void AppendIndented(std::string& out, absl::string_view compact, int indent, int depth);

}  // namespace ocikit::json

#ifndef OCIKIT_COMPILED_LIB
#include "spec/json/raw-inl.h"
#endif

#endif  // OCIKIT_SPEC_JSON_RAW_H_
