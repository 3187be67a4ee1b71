// File: policy/diff/change.h
//
// What the semantic diff of two config.json files produces (policy/diff/diff.h):
// a list of changes by meaning, each named by its FieldPath, and an RFC 6902
// JSON Patch that turns the first document into the second exactly.
//
//   Change   path      mounts[destination=/proc].options
//            section   mounts            (the group the text output uses)
//            kind      changed           (added, removed, changed, moved)
//            old/new   canonical compact JSON, as the model writes it
//            from/to   positions in A and B, for moved elements
//   PatchOp  {"op":"replace","path":"/mounts/0/options","value":[...]}
//
// A change to a set-like list (capabilities, masked paths, additionalGids,
// seccomp names) names the list and carries the element as its value:
//   + process.capabilities.bounding: "CAP_SYS_ADMIN"
//
// Example:
//   SpecDiff d = DiffSpecs(a, b);
//   for (const Change& c : d.changes) std::cout << c.path << " " << ChangeKindName(c.kind) << "\n";
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_POLICY_DIFF_CHANGE_H_
#define OCIKIT_POLICY_DIFF_CHANGE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "spec/field_path.h"
#include "spec/json/fields.h"

namespace ocikit {

enum class ChangeKind { kAdded, kRemoved, kChanged, kMoved };

// "added", "removed", "changed", "moved".
absl::string_view ChangeKindName(ChangeKind kind);

// The marker of the text output: '+', '-', '~', '>'.
char ChangeKindSymbol(ChangeKind kind);

// One difference by meaning.
struct Change {
  FieldPath path;
  std::string section;    // "process.env", "mounts", "linux.seccomp", ...
  ChangeKind kind = ChangeKind::kChanged;
  std::string old_value;  // canonical compact JSON in A; empty for added and moved
  std::string new_value;  // canonical compact JSON in B; empty for removed and moved
  uint64_t from = 0;      // moved: the element's position in A; copies: its count in A
  uint64_t to = 0;        // moved: its position in B; copies: its count in B
  std::string after;      // moved: the element now before it in B ("" = now first)
  bool element = false;   // the value is one element of the set-like list at `path`
  bool copies = false;    // changed: only the number of copies of this set element changed

  bool operator==(const Change&) const = default;
};

// One RFC 6902 operation. Values are canonical compact JSON text, so numbers
// the model keeps verbatim (unknown fields) are never rounded.
struct PatchOp {
  std::string op;     // "add", "remove", "replace" or "move"
  std::string path;   // RFC 6901 pointer
  std::string from;   // "move" only
  std::string value;  // "add" and "replace" only

  bool operator==(const PatchOp&) const = default;
};

// The result of DiffSpecs. `patch` also carries order-only edits (a reordered
// env or capability list, unknown fields in another order) that are not
// changes by meaning, so applying it gives B byte for byte after canonical
// writing; `changes` is empty exactly when A and B mean the same.
struct SpecDiff {
  std::vector<Change> changes;
  std::vector<PatchOp> patch;

  bool equal() const { return changes.empty(); }
};

// The canonical compact JSON of a model value (any type json::Write takes).
template <class T>
std::string ToCanonicalJson(const T& value) {
  std::string out;
  json::Writer writer(out, 0);
  json::Write(writer, value);
  writer.Finish();
  return out;
}

namespace diff_internal {

// Appends "/token" with RFC 6901 escaping ('~' -> "~0", '/' -> "~1").
void AppendPointerToken(std::string& pointer, absl::string_view token);

// Where the walk is: the change path, the JSON pointer into the document as
// the patch has left it so far, and the section for grouping.
struct Loc {
  FieldPath path;
  std::string pointer;
  std::string section;

  // An object member. Top-level members are their own section; the members
  // of process and linux that hold objects or lists are sections too
  // ("process.env", "linux.seccomp"), their scalar members stay in the parent.
  Loc Member(absl::string_view name, bool container) const {
    Loc l{path.Field(name), pointer, section};
    AppendPointerToken(l.pointer, name);
    if (path.empty()) {
      l.section = std::string(name);
    } else if (path.size() == 1 && container && (section == "process" || section == "linux")) {
      l.section = absl::StrCat(section, ".", name);
    }
    return l;
  }
  Loc MapKey(absl::string_view key) const {
    Loc l{path.Key(key), pointer, section};
    AppendPointerToken(l.pointer, key);
    return l;
  }
  Loc Element(FieldPath element_path, uint64_t index) const {
    Loc l{std::move(element_path), pointer, section};
    absl::StrAppend(&l.pointer, "/", index);
    return l;
  }
};

// Collects changes and patch operations. Operations can be switched off for
// a subtree whose patch is written another way (replaced whole).
class Sink {
 public:
  explicit Sink(SpecDiff& out) : out_(out) {}

  void Report(const FieldPath& path, const std::string& section, ChangeKind kind, std::string old_value,
              std::string new_value, uint64_t from = 0, uint64_t to = 0, bool element = false) {
    Change& c = out_.changes.emplace_back();
    c.path = path;
    c.section = section;
    c.kind = kind;
    c.old_value = std::move(old_value);
    c.new_value = std::move(new_value);
    c.from = from;
    c.to = to;
    c.element = element;
  }

  // An element of an ordered list that now follows `after` ("" = first).
  void Moved(const FieldPath& path, const std::string& section, uint64_t from, uint64_t to, std::string after) {
    Report(path, section, ChangeKind::kMoved, "", "", from, to);
    out_.changes.back().after = std::move(after);
  }

  // A set element listed `in_a` times in A and `in_b` times in B (both > 0):
  // de-duplication (or duplication), not a removal (or addition).
  void Copies(const FieldPath& path, const std::string& section, std::string value, uint64_t in_a, uint64_t in_b) {
    Report(path, section, ChangeKind::kChanged, value, value, in_a, in_b, /*element=*/true);
    out_.changes.back().copies = true;
  }

  void Op(absl::string_view op, std::string path, std::string value = "", std::string from = "") {
    if (!ops_) return;
    PatchOp& p = out_.patch.emplace_back();
    p.op = std::string(op);
    p.path = std::move(path);
    p.from = std::move(from);
    p.value = std::move(value);
  }

  // Member or element present only in B / only in A / in both with other values.
  void Added(const Loc& loc, const std::string& value) {
    Report(loc.path, loc.section, ChangeKind::kAdded, "", value);
    Op("add", loc.pointer, value);
  }
  void Removed(const Loc& loc, const std::string& value) {
    Report(loc.path, loc.section, ChangeKind::kRemoved, value, "");
    Op("remove", loc.pointer);
  }
  void Replaced(const Loc& loc, const std::string& old_value, const std::string& new_value) {
    Report(loc.path, loc.section, ChangeKind::kChanged, old_value, new_value);
    Op("replace", loc.pointer, new_value);
  }

  bool ops_enabled() const { return ops_; }
  // Returns the previous setting.
  bool set_ops_enabled(bool on) { return std::exchange(ops_, on); }

 private:
  SpecDiff& out_;
  bool ops_ = true;
};

}  // namespace diff_internal
}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/change-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_CHANGE_H_
