// File: spec/field_path.h
//
// FieldPath names one place in a config.json: the sequence of object keys,
// array positions and map keys that lead to it from the top. The semantic
// diff reports changes by FieldPath and the linter reports findings by it;
// both print it the way the JSON reader prints the path of a parse error:
//
//   process.rlimits[2].hard           field, field, index, field
//   linux.sysctl["net.ipv4.ip_forward"]  map keys are always quoted
//   ["x.y"].a                         so are object keys that are not
//                                     identifiers ([A-Za-z0-9_-]+)
//   (root)                            the empty path
//
// A fourth kind of segment, the selector, names an element of a keyed array
// by the value of its key instead of by position, so a diff can say which
// mount changed however the list was reordered:
//
//   mounts[destination=/proc].options
//   linux.namespaces[type=pid].path
//   process.env[name=PATH]            `name` may also be a pseudo-key, here
//                                     the part of "PATH=/bin" before '='
//
// The value is written as is unless it is empty or contains ']', '"', a
// backslash, white space or another control byte; then it is JSON-quoted
// (`mounts[destination="/my dir"]`). A key name that is not an identifier is
// quoted too. Parse() reads every form back.
//
// Example:
//   FieldPath p = FieldPath().Field("process").Field("rlimits").Index(2).Field("hard");
//   p.ToString();       // "process.rlimits[2].hard"
//   *p.ToJsonPointer(); // "/process/rlimits/2/hard"
//   p.Pattern();        // "process.rlimits[].hard"
//   FieldPath::Parse("annotations[\"a.b\"]")->Pattern();  // "annotations[*]"
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_FIELD_PATH_H_
#define OCIKIT_SPEC_FIELD_PATH_H_

#include <compare>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/json/encoding.h"
#include "spec/json/reader.h"

namespace ocikit {

// FieldPath
//
// A value type: builders return a longer copy and leave the original alone.
// Paths compare segment by segment (kind, then name, value, index), so a
// path sorts right before the paths below it and indexes sort numerically.
class FieldPath {
 public:
  enum class Kind {
    kField,     // an object member: `.name`, or `["name"]` if not an identifier
    kIndex,     // an array position: `[2]`
    kKey,       // a map key: `["key"]`
    kSelector,  // a keyed array element: `[name=value]`
  };

  struct Segment {
    Kind kind = Kind::kField;
    std::string name;    // field name, map key, or the selector's key name
    std::string value;   // the selector's value; empty otherwise
    uint64_t index = 0;  // the array position of kIndex; 0 otherwise

    bool operator==(const Segment&) const = default;
    std::strong_ordering operator<=>(const Segment&) const = default;
  };

  // The empty path: the whole document.
  FieldPath() = default;

  // The path of these segments, in order from the top.
  explicit FieldPath(std::vector<Segment> segments) : segments_(std::move(segments)) {}

  // Builders: this path with one more segment.
  FieldPath Field(absl::string_view name) const { return With({Kind::kField, std::string(name), "", 0}); }
  FieldPath Index(uint64_t i) const { return With({Kind::kIndex, "", "", i}); }
  FieldPath Key(absl::string_view key) const { return With({Kind::kKey, std::string(key), "", 0}); }
  FieldPath Select(absl::string_view name, absl::string_view value) const {
    return With({Kind::kSelector, std::string(name), std::string(value), 0});
  }

  const std::vector<Segment>& segments() const { return segments_; }
  bool empty() const { return segments_.empty(); }
  size_t size() const { return segments_.size(); }

  // This path without its last segment; the empty path stays empty.
  FieldPath Parent() const {
    FieldPath p = *this;
    if (!p.segments_.empty()) p.segments_.pop_back();
    return p;
  }

  // FieldPath::ToString()
  //
  // The one-line form shown above; "(root)" for the empty path. For fields,
  // indexes and map keys it is exactly json::ReadError::path.
  std::string ToString() const {
    if (segments_.empty()) return "(root)";
    std::string out;
    for (const Segment& s : segments_) AppendSegment(out, s, /*pattern=*/false);
    return out;
  }

  // FieldPath::Pattern()
  //
  // The path with array positions and selectors replaced by `[]` and map keys
  // by `[*]`: the key of the field catalog (spec/field_catalog.h). The empty
  // path gives "".
  //
  // Example:
  //   FieldPath::Parse("mounts[destination=/proc].options")->Pattern();  // "mounts[].options"
  //   FieldPath::Parse("linux.timeOffsets[\"boottime\"].secs")->Pattern();  // "linux.timeOffsets[*].secs"
  std::string Pattern() const {
    std::string out;
    for (const Segment& s : segments_) AppendSegment(out, s, /*pattern=*/true);
    return out;
  }

  // FieldPath::ToJsonPointer()
  //
  // The RFC 6901 JSON Pointer ("" for the empty path), with '~' written as
  // "~0" and '/' as "~1". A selector has no pointer form: callers resolve it
  // to the element's index first. Returns FailedPrecondition for a path that
  // still holds one.
  //
  // Example:
  //   FieldPath().Field("annotations").Key("a/b~c").ToJsonPointer();  // "/annotations/a~1b~0c"
  absl::StatusOr<std::string> ToJsonPointer() const {
    std::string out;
    for (const Segment& s : segments_) {
      out.push_back('/');
      switch (s.kind) {
        case Kind::kIndex:
          absl::StrAppend(&out, s.index);
          break;
        case Kind::kSelector:
          return absl::FailedPreconditionError(
              absl::StrCat(ToString(), ": selector ", SegmentText(s),
                           " has no JSON Pointer form; resolve it to an array index first"));
        case Kind::kField:
        case Kind::kKey:
          for (const char c : s.name) {
            if (c == '~') {
              out.append("~0");
            } else if (c == '/') {
              out.append("~1");
            } else {
              out.push_back(c);
            }
          }
          break;
      }
    }
    return out;
  }

  // FieldPath::Parse()
  //
  // Reads the ToString() form back; "" and "(root)" give the empty path.
  // `["k"]` always reads as a map key: an object member whose name is not an
  // identifier (only unknown fields have such names) is written the same way
  // and so reads back as a map key. Keys that are not valid UTF-8 (which the
  // reader never produces) are written with U+FFFD and do not read back.
  // Returns InvalidArgument naming the offset of the first problem.
  //
  // Example:
  //   FieldPath::Parse("process.rlimits[2].hard")->size();  // 4
  //   FieldPath::Parse("process.").status();  // INVALID_ARGUMENT: ... at offset 8: expected a field name
  static absl::StatusOr<FieldPath> Parse(absl::string_view text) {
    FieldPath path;
    if (text.empty() || text == "(root)") return path;
    size_t pos = 0;
    const auto fail = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat("invalid field path \"", text, "\" at offset ", pos, ": ", what));
    };
    while (pos < text.size()) {
      if (text[pos] != '[') {  // `.name`, or `name` at the start
        if (pos > 0) {
          if (text[pos] != '.') return fail("expected '.' or '['");
          ++pos;
        }
        const absl::string_view name = ScanIdentifier(text, pos);
        if (name.empty()) return fail("expected a field name");
        path.segments_.push_back({Kind::kField, std::string(name), "", 0});
        continue;
      }
      ++pos;
      Segment s;
      if (pos < text.size() && text[pos] == '"') {
        if (!ScanQuoted(text, pos, s.name)) return fail("expected a valid JSON string");
        s.kind = Kind::kKey;
      } else {
        const absl::string_view word = ScanIdentifier(text, pos);
        if (pos < text.size() && text[pos] == ']' && IsDigits(word)) {
          s.kind = Kind::kIndex;
          if (!ParseIndex(word, s.index)) return fail("array index out of range");
        } else if (word.empty() || pos >= text.size() || text[pos] != '=') {
          return fail("expected an index, a quoted key or name=value");
        } else {
          s.name = std::string(word);
        }
      }
      if (pos < text.size() && text[pos] == '=') {
        ++pos;
        s.kind = Kind::kSelector;
        if (pos < text.size() && text[pos] == '"') {
          if (!ScanQuoted(text, pos, s.value)) return fail("expected a valid JSON string");
        } else {
          const size_t end = text.find(']', pos);
          if (end == absl::string_view::npos) return fail("expected ']'");
          s.value = std::string(text.substr(pos, end - pos));
          if (NeedsQuotes(s.value)) return fail("selector value must be quoted");
          pos = end;
        }
      }
      if (pos >= text.size() || text[pos] != ']') return fail("expected ']'");
      ++pos;
      path.segments_.push_back(std::move(s));
    }
    return path;
  }

  bool operator==(const FieldPath&) const = default;
  std::strong_ordering operator<=>(const FieldPath&) const = default;

  friend std::ostream& operator<<(std::ostream& os, const FieldPath& p) { return os << p.ToString(); }

 private:
  // ---------------------------------------------------------------------------
  // Implementation details follow.
  // ---------------------------------------------------------------------------

  FieldPath With(Segment s) const {
    FieldPath p = *this;
    p.segments_.push_back(std::move(s));
    return p;
  }

  static bool IsIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  // The same test json::Reader applies before writing `.key`.
  static bool IsIdentifier(absl::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
      if (!IsIdentChar(c)) return false;
    }
    return true;
  }

  static bool IsDigits(absl::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  // Whether a selector value must be JSON-quoted to read back unchanged.
  static bool NeedsQuotes(absl::string_view v) {
    if (v.empty()) return true;
    for (const char c : v) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u <= 0x20 || u == 0x7f || c == ']' || c == '"' || c == '\\') return true;
    }
    return false;
  }

  static absl::string_view ScanIdentifier(absl::string_view text, size_t& pos) {
    const size_t start = pos;
    while (pos < text.size() && IsIdentChar(text[pos])) ++pos;
    return text.substr(start, pos - start);
  }

  // At an opening quote: decodes the JSON string into `out` and moves past it.
  static bool ScanQuoted(absl::string_view text, size_t& pos, std::string& out) {
    size_t end = pos + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    if (end >= text.size()) return false;
    json::Reader reader(text.substr(pos, end + 1 - pos));
    reader.ReadString(out);
    reader.Finish();
    if (!reader.ok()) return false;
    pos = end + 1;
    return true;
  }

  static bool ParseIndex(absl::string_view digits, uint64_t& out) {
    out = 0;
    for (const char c : digits) {
      const uint64_t d = static_cast<uint64_t>(c - '0');
      if (out > (UINT64_MAX - d) / 10) return false;
      out = out * 10 + d;
    }
    return true;
  }

  static void AppendMaybeQuoted(std::string& out, absl::string_view s, bool quote) {
    if (quote) {
      json::AppendQuoted(out, s);
    } else {
      out.append(s.data(), s.size());
    }
  }

  // "[name=value]" for error messages.
  static std::string SegmentText(const Segment& s) {
    std::string out;
    AppendSegment(out, s, /*pattern=*/false);
    return out;
  }

  static void AppendSegment(std::string& out, const Segment& s, bool pattern) {
    switch (s.kind) {
      case Kind::kField:
        if (IsIdentifier(s.name)) {
          if (!out.empty()) out.push_back('.');
          out.append(s.name);
        } else {
          out.push_back('[');
          json::AppendQuoted(out, s.name);
          out.push_back(']');
        }
        return;
      case Kind::kIndex:
        absl::StrAppend(&out, "[", pattern ? "" : absl::StrCat(s.index), "]");
        return;
      case Kind::kKey:
        if (pattern) {
          out.append("[*]");
        } else {
          out.push_back('[');
          json::AppendQuoted(out, s.name);
          out.push_back(']');
        }
        return;
      case Kind::kSelector:
        if (pattern) {
          out.append("[]");
        } else {
          out.push_back('[');
          AppendMaybeQuoted(out, s.name, !IsIdentifier(s.name));
          out.push_back('=');
          AppendMaybeQuoted(out, s.value, NeedsQuotes(s.value));
          out.push_back(']');
        }
        return;
    }
  }

  std::vector<Segment> segments_;
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_FIELD_PATH_H_
