// File: policy/diff/patch_document.h
//
// The working document a patch is applied to (policy/diff/patch.h): a JSON
// tree on which every RFC 6902 operation costs O(log n) in the size of what
// it touches, so a patch of k operations on a document of n values costs
// O((n + k) log n) whatever its shape.
//
// Why not nlohmann's own patch_inplace: ordered_json finds a member by linear
// search and an array insertion or removal shifts every element after it, so
// each operation costs O(n) and applying a diff's patch (one operation per
// changed annotation, one move per reordered element) was quadratic: 1.6 to
// 2.3 s for 8000 entries (benchmarks/scaling_test.cc). Here an object keeps
// its members in insertion order and finds them through a hash index; an
// array is an implicit treap (a randomized balanced tree ordered by position).
//
// Paths are RFC 6901 JSON Pointers; a malformed one is InvalidArgument, a path
// that does not resolve FailedPrecondition, with nlohmann's words
// ("key 'a' not found", "array index 7 is out of range"). Semantics follow
// nlohmann where RFC 6902 leaves room: `add` under a null makes it an
// object; a member removed and added again (a `move` onto itself) goes last.
//
// Example:
//   patch_internal::PatchDocument doc(nlohmann::ordered_json::parse(R"({"a":[1,2]})"));
//   absl::Status s = doc.Move("/a/0", "/a/-");  // {"a":[2,1]}
//   nlohmann::ordered_json out = doc.ToJson();
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_H_
#define OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ocikit {
namespace patch_internal {

using Json = nlohmann::ordered_json;

// nlohmann's message without its "[json.exception.x.n] " prefix.
std::string Why(const nlohmann::json::exception& e);

struct DocNode;
using DocNodePtr = std::unique_ptr<DocNode>;

// An object's members in insertion order, found by key in O(1).
class DocMembers {
 public:
  DocNode* Find(absl::string_view key) const;
  // Replaces the value of `key` in place, or appends it.
  void Set(absl::string_view key, DocNodePtr value);
  // Null if there is no such member.
  DocNodePtr Remove(absl::string_view key);
  size_t size() const { return index_.size(); }
  // The members in order: (key, value) pairs, a removed one's value null.
  const std::vector<std::pair<std::string, DocNodePtr>>& slots() const { return slots_; }

 private:
  std::vector<std::pair<std::string, DocNodePtr>> slots_;
  absl::flat_hash_map<std::string, size_t> index_;  // key -> slot
};

// An array: insertion, removal and access at an index in O(log n) expected.
class DocElements {
 public:
  DocElements();
  DocElements(DocElements&&) noexcept;
  DocElements& operator=(DocElements&&) noexcept;
  ~DocElements();

  size_t size() const;
  DocNode* At(size_t i) const;  // i < size()
  void Insert(size_t i, DocNodePtr value);  // i <= size()
  DocNodePtr Remove(size_t i);               // i < size()
  // The elements in order.
  std::vector<const DocNode*> InOrder() const;

 private:
  struct Item;
  using ItemPtr = std::unique_ptr<Item>;
  static size_t Size(const Item* t);
  static void Resize(Item* t);
  static void Split(ItemPtr t, size_t k, ItemPtr& first_k, ItemPtr& rest);
  static ItemPtr Merge(ItemPtr a, ItemPtr b);
  uint64_t NextPriority();

  ItemPtr root_;
  uint64_t state_;  // splitmix64, seeded at random so no input can unbalance the tree
};

struct DocNode {
  enum class Kind { kScalar, kObject, kArray };
  Kind kind = Kind::kScalar;
  Json scalar;  // kScalar: a string, number, boolean or null
  DocMembers members;
  DocElements elements;
};

// A JSON document under RFC 6902 operations; see the file comment.
class PatchDocument {
 public:
  explicit PatchDocument(const Json& value);

  absl::Status Add(absl::string_view path, const Json& value);
  absl::Status Remove(absl::string_view path);
  absl::Status Replace(absl::string_view path, const Json& value);
  absl::Status Move(absl::string_view from, absl::string_view path);
  absl::Status Copy(absl::string_view from, absl::string_view path);
  // The value at `path` as JSON (the subject of a `test`).
  absl::StatusOr<Json> Get(absl::string_view path) const;
  // RFC 7396.
  void MergePatch(const Json& patch);

  Json ToJson() const;

 private:
  // Where a path's last token goes: its parent's node and the token.
  struct Location {
    DocNode* parent = nullptr;  // null for the root
    std::string token;
  };
  absl::StatusOr<std::vector<std::string>> Tokens(absl::string_view path) const;
  absl::StatusOr<DocNode*> Resolve(const std::vector<std::string>& tokens, size_t count) const;
  absl::StatusOr<Location> Locate(absl::string_view path) const;
  absl::Status AddAt(const Location& at, DocNodePtr value);
  absl::StatusOr<DocNodePtr> Detach(absl::string_view path);

  DocNodePtr root_;
};

// The tree of `value`, and back.
DocNodePtr MakeDocNode(const Json& value);
Json DocNodeToJson(const DocNode& node);

}  // namespace patch_internal
}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/patch_document-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_H_
