// File: policy/lint/positions.h
//
// Source positions for lint findings. The spec model keeps no positions (the
// codec parses straight into it), so after the checks have run the linter
// walks the input text once more and looks up where each finding's JSON path
// is. Paths are compared as RFC 6901 JSON Pointers, which is how FieldPath
// spells fields and map keys alike (`linux.sysctl["a.b"]` is
// "/linux/sysctl/a.b"). The walk only enters the subtrees that lead to a
// wanted pointer and skips the rest by bracket matching, so its cost grows
// with the size of the input, not with the number of keys in it.
//
// A path's position is that of its key for an object member and that of the
// value for an array element; (root) is the first byte of the document. A
// path that is not in the text (a missing required field, a value the model
// filled in) falls back to its nearest ancestor that is.
//
// Lines are 1-based; columns are 1-based in bytes (as the JSON reader's
// errors) and, for SARIF, in Unicode code points.
//
// Example:
//   std::vector<JsonPosition> p = FindJsonPointers(R"({"process": {"cwd": "x"}})", {"/process/cwd"});
//   p[0].line;    // 1
//   p[0].column;  // 14, the quote before cwd
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_POSITIONS_H_
#define OCIKIT_POLICY_LINT_POSITIONS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/types.h"
#include "spec/json/encoding.h"
#include "spec/json/reader.h"

namespace ocikit {

// JsonPosition
//
// Where a token is; `found` is false (and the rest 0) when it is not there.
struct JsonPosition {
  bool found = false;
  size_t offset = 0;           // byte offset of the token
  size_t end_offset = 0;       // byte offset just after it (after "{" for containers)
  size_t line = 0;             // 1-based
  size_t column = 0;           // 1-based, bytes
  size_t char_column = 0;      // 1-based, code points
  size_t end_column = 0;       // bytes, just after the token (same line)
  size_t char_end_column = 0;  // code points
};

// PositionAt()
//
// The line and columns of byte `offset` (and of `end_offset`, when given) in `text`.
JsonPosition PositionAt(absl::string_view text, size_t offset, size_t end_offset = 0);

// FindJsonPointers()
//
// The position of each JSON Pointer in `pointers` within `text`, which must
// be valid JSON (the walk does not validate it, but never reads out of
// bounds). The result has one entry per pointer, in order.
std::vector<JsonPosition> FindJsonPointers(absl::string_view text, const std::vector<std::string>& pointers);

// LocateFindings()
//
// Sets the position fields of every finding from its path (or its nearest
// ancestor present in `text`).
void LocateFindings(absl::string_view text, std::vector<LintFinding>& findings);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// Walks valid JSON text, recording the offsets of wanted pointers.
class JsonPointerScanner {
 public:
  JsonPointerScanner(absl::string_view text, const absl::flat_hash_map<std::string, size_t>& targets,
                     const absl::flat_hash_set<std::string>& prefixes, std::vector<JsonPosition>& out)
      : text_(text), targets_(targets), prefixes_(prefixes), out_(out) {}

  void Run() {
    SkipSpace();
    Record(pos_, TokenEnd(pos_));
    if (!done_) Value();
  }

 private:
  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }

  // Offset just after the string whose opening quote is at `i`.
  size_t StringEnd(size_t i) const {
    const size_t start = i + 1;
    size_t from = start;
    while (from < text_.size()) {
      const void* q = std::memchr(text_.data() + from, '"', text_.size() - from);
      if (q == nullptr) break;
      const size_t j = static_cast<size_t>(static_cast<const char*>(q) - text_.data());
      size_t backslashes = 0;
      while (j - backslashes > start && text_[j - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return j + 1;
      from = j + 1;
    }
    return text_.size();
  }

  // Offset just after the scalar token at `i`, or after the bracket of a container.
  size_t TokenEnd(size_t i) const {
    const char c = At(i);
    if (c == '"') return StringEnd(i);
    if (c == '{' || c == '[') return i + 1;
    while (i < text_.size() && absl::string_view(",}] \t\r\n").find(text_[i]) == absl::string_view::npos) ++i;
    return i;
  }

  // Records a wanted pointer; once every one is found, ends the walk.
  void Record(size_t start, size_t end) {
    const auto it = targets_.find(pointer_);
    if (it == targets_.end()) return;
    JsonPosition& p = out_[it->second];
    if (p.found) return;
    p.found = true;
    p.offset = start;
    p.end_offset = end;
    if (++found_ == targets_.size()) done_ = true;
  }

  // The first offset at or after `i` holding '"', '{', '}', '[' or ']'
  // (text size when none), sixteen bytes at a time. `c | 0x20` maps '[' to
  // '{' and ']' to '}'. GCC vector extensions: SIMD where the target has it,
  // plain code elsewhere.
  size_t NextStructural(size_t i) const {
    using Bytes = unsigned char __attribute__((vector_size(16)));
    while (i + 16 <= text_.size()) {
      Bytes v;
      std::memcpy(&v, text_.data() + i, sizeof(v));
      const Bytes folded = v | 0x20;
      const Bytes hits = (v == '"') | (folded == '{') | (folded == '}');
      uint64_t halves[2];
      std::memcpy(halves, &hits, sizeof(halves));
      if ((halves[0] | halves[1]) != 0) break;
      i += 16;
    }
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == '"' || c == '{' || c == '}' || c == '[' || c == ']') return i;
      ++i;
    }
    return i;
  }

  // Skips the value at pos_ without looking inside: bracket matching.
  void SkipValue() {
    SkipSpace();
    const char c = At(pos_);
    if (c != '{' && c != '[') {
      pos_ = TokenEnd(pos_);
      return;
    }
    size_t depth = 0;
    while (pos_ < text_.size()) {
      pos_ = NextStructural(pos_);
      if (pos_ >= text_.size()) return;
      const char d = text_[pos_];
      if (d == '"') {
        pos_ = StringEnd(pos_);
        continue;
      }
      ++pos_;
      if (d == '{' || d == '[') {
        ++depth;
      } else if ((d == '}' || d == ']') && --depth == 0) {
        return;
      }
    }
  }

  void AppendPointerSegment(absl::string_view raw_key) {
    std::string decoded;
    absl::string_view key = raw_key.substr(1, raw_key.size() - 2);
    if (key.find('\\') != absl::string_view::npos) {
      json::Reader reader(raw_key);
      reader.ReadString(decoded);
      key = decoded;
    }
    pointer_.push_back('/');
    for (const char c : key) {
      if (c == '~') {
        pointer_.append("~0");
      } else if (c == '/') {
        pointer_.append("~1");
      } else {
        pointer_.push_back(c);
      }
    }
  }

  // The value at pos_ lies on a wanted path: enter it.
  void Value() {
    SkipSpace();
    const char c = At(pos_);
    if (c == '{') {
      Object();
    } else if (c == '[') {
      Array();
    } else {
      pos_ = TokenEnd(pos_);
    }
  }

  void Object() {
    ++pos_;
    while (pos_ < text_.size()) {
      SkipSpace();
      if (At(pos_) == ',') {
        ++pos_;
        SkipSpace();
      }
      if (At(pos_) != '"') {  // '}' or end of input
        ++pos_;
        return;
      }
      const size_t key_start = pos_;
      const size_t key_end = StringEnd(pos_);
      const size_t saved = pointer_.size();
      AppendPointerSegment(text_.substr(key_start, key_end - key_start));
      Record(key_start, key_end);
      if (done_) return;
      pos_ = key_end;
      SkipSpace();
      if (At(pos_) == ':') ++pos_;
      if (prefixes_.contains(pointer_)) {
        Value();
      } else {
        SkipValue();
      }
      if (done_) return;
      pointer_.resize(saved);
    }
  }

  void Array() {
    ++pos_;
    size_t index = 0;
    while (pos_ < text_.size()) {
      SkipSpace();
      if (At(pos_) == ',') {
        ++pos_;
        SkipSpace();
      }
      if (At(pos_) == ']' || pos_ >= text_.size()) {
        ++pos_;
        return;
      }
      const size_t saved = pointer_.size();
      absl::StrAppend(&pointer_, "/", index++);
      Record(pos_, TokenEnd(pos_));
      if (done_) return;
      if (prefixes_.contains(pointer_)) {
        Value();
      } else {
        SkipValue();
      }
      if (done_) return;
      pointer_.resize(saved);
    }
  }

  absl::string_view text_;
  const absl::flat_hash_map<std::string, size_t>& targets_;
  const absl::flat_hash_set<std::string>& prefixes_;
  std::vector<JsonPosition>& out_;
  size_t pos_ = 0;
  size_t found_ = 0;
  bool done_ = false;
  std::string pointer_;
};

// Code points in text[from, to): bytes that are not UTF-8 continuation bytes.
size_t CountCodePoints(absl::string_view text, size_t from, size_t to);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/positions-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_POSITIONS_H_
