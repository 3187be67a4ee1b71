// File: policy/diff/patch_document-inl.h
//
// Definitions of policy/diff/patch_document.h: included by it in header-only
// mode (the default); compiled once into its library when OCIKIT_COMPILED_LIB
// is defined (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_INL_H_
#define OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_INL_H_

#include "policy/diff/patch_document.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "policy/internal/ordered_json.h"
#include "spec/internal/status_macros.h"

namespace ocikit {
namespace patch_internal {

OCIKIT_INLINE std::string Why(const nlohmann::json::exception& e) {
  absl::string_view what = e.what();
  if (const size_t close = what.find("] "); what.rfind("[json.exception.", 0) == 0 && close != absl::string_view::npos) {
    what.remove_prefix(close + 2);
  }
  return std::string(what);
}

// ---- DocMembers ----

OCIKIT_INLINE DocNode* DocMembers::Find(absl::string_view key) const {
  const auto it = index_.find(key);
  return it == index_.end() ? nullptr : slots_[it->second].second.get();
}

OCIKIT_INLINE void DocMembers::Set(absl::string_view key, DocNodePtr value) {
  const auto [it, added] = index_.try_emplace(key, slots_.size());
  if (added) {
    slots_.emplace_back(std::string(key), std::move(value));
  } else {
    slots_[it->second].second = std::move(value);
  }
}

// The slot stays, empty, so the members after it keep their slots.
OCIKIT_INLINE DocNodePtr DocMembers::Remove(absl::string_view key) {
  const auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  DocNodePtr value = std::move(slots_[it->second].second);
  index_.erase(it);
  return value;
}

// ---- DocElements: an implicit treap ----
//
// A binary tree in array order (in-order traversal gives the elements), each
// item a max-heap by a random priority, so its depth is O(log n) expected;
// each item knows its subtree's size, which finds an index.

struct DocElements::Item {
  DocNodePtr value;
  uint64_t priority = 0;
  size_t size = 1;
  ItemPtr left, right;
};

// Each array draws its priorities from absl::Hash, whose seed differs per
// process (address-space randomization), so no crafted patch can predict
// them and build a degenerate tree.
OCIKIT_INLINE DocElements::DocElements() : state_(absl::HashOf(this)) {}
OCIKIT_INLINE DocElements::DocElements(DocElements&&) noexcept = default;
OCIKIT_INLINE DocElements& DocElements::operator=(DocElements&&) noexcept = default;
OCIKIT_INLINE DocElements::~DocElements() = default;

OCIKIT_INLINE uint64_t DocElements::NextPriority() { return absl::HashOf(state_++); }

OCIKIT_INLINE size_t DocElements::Size(const Item* t) { return t == nullptr ? 0 : t->size; }

OCIKIT_INLINE void DocElements::Resize(Item* t) { t->size = 1 + Size(t->left.get()) + Size(t->right.get()); }

OCIKIT_INLINE size_t DocElements::size() const { return Size(root_.get()); }

OCIKIT_INLINE void DocElements::Split(ItemPtr t, size_t k, ItemPtr& first_k, ItemPtr& rest) {
  if (t == nullptr) {
    first_k = nullptr;
    rest = nullptr;
    return;
  }
  const size_t left = Size(t->left.get());
  if (left < k) {
    Split(std::move(t->right), k - left - 1, t->right, rest);
    Resize(t.get());
    first_k = std::move(t);
  } else {
    Split(std::move(t->left), k, first_k, t->left);
    Resize(t.get());
    rest = std::move(t);
  }
}

OCIKIT_INLINE DocElements::ItemPtr DocElements::Merge(ItemPtr a, ItemPtr b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  if (a->priority > b->priority) {
    a->right = Merge(std::move(a->right), std::move(b));
    Resize(a.get());
    return a;
  }
  b->left = Merge(std::move(a), std::move(b->left));
  Resize(b.get());
  return b;
}

OCIKIT_INLINE DocNode* DocElements::At(size_t i) const {
  const Item* t = root_.get();
  while (t != nullptr) {
    const size_t left = Size(t->left.get());
    if (i == left) return t->value.get();
    if (i < left) {
      t = t->left.get();
    } else {
      i -= left + 1;
      t = t->right.get();
    }
  }
  return nullptr;
}

OCIKIT_INLINE void DocElements::Insert(size_t i, DocNodePtr value) {
  ItemPtr first, rest;
  Split(std::move(root_), i, first, rest);
  auto item = std::make_unique<Item>();
  item->value = std::move(value);
  item->priority = NextPriority();
  root_ = Merge(Merge(std::move(first), std::move(item)), std::move(rest));
}

OCIKIT_INLINE DocNodePtr DocElements::Remove(size_t i) {
  ItemPtr first, middle, rest;
  Split(std::move(root_), i, first, rest);
  Split(std::move(rest), 1, middle, rest);
  root_ = Merge(std::move(first), std::move(rest));
  return middle == nullptr ? nullptr : std::move(middle->value);
}

OCIKIT_INLINE std::vector<const DocNode*> DocElements::InOrder() const {
  std::vector<const DocNode*> out;
  out.reserve(size());
  std::vector<const Item*> stack;
  for (const Item* t = root_.get(); t != nullptr || !stack.empty();) {
    for (; t != nullptr; t = t->left.get()) stack.push_back(t);
    t = stack.back();
    stack.pop_back();
    out.push_back(t->value.get());
    t = t->right.get();
  }
  return out;
}

// ---- The tree and JSON ----

OCIKIT_INLINE DocNodePtr MakeDocNode(const Json& value) {
  auto node = std::make_unique<DocNode>();
  if (value.is_object()) {
    node->kind = DocNode::Kind::kObject;
    for (auto it = value.begin(); it != value.end(); ++it) node->members.Set(it.key(), MakeDocNode(it.value()));
  } else if (value.is_array()) {
    node->kind = DocNode::Kind::kArray;
    for (const Json& e : value) node->elements.Insert(node->elements.size(), MakeDocNode(e));
  } else {
    node->scalar = value;
  }
  return node;
}

OCIKIT_INLINE Json DocNodeToJson(const DocNode& node) {
  switch (node.kind) {
    case DocNode::Kind::kScalar:
      return node.scalar;
    case DocNode::Kind::kObject: {
      Json out = Json::object();
      for (const auto& [key, value] : node.members.slots()) {
        if (value != nullptr) internal::AppendNewMember(out, key, DocNodeToJson(*value));
      }
      return out;
    }
    case DocNode::Kind::kArray: {
      Json out = Json::array();
      auto& elements = out.get_ref<Json::array_t&>();
      elements.reserve(node.elements.size());
      for (const DocNode* e : node.elements.InOrder()) elements.push_back(DocNodeToJson(*e));
      return out;
    }
  }
  return nullptr;
}

namespace patch_document_internal {

OCIKIT_INLINE absl::Status NotFound(absl::string_view token) {
  return absl::FailedPreconditionError(absl::StrCat("key '", token, "' not found"));
}

OCIKIT_INLINE absl::Status OutOfRange(size_t index) {
  return absl::FailedPreconditionError(absl::StrCat("array index ", index, " is out of range"));
}

OCIKIT_INLINE absl::Status Unresolved(absl::string_view token) {
  return absl::FailedPreconditionError(absl::StrCat("unresolved reference token '", token, "'"));
}

// An array index token (RFC 6901: "0" or digits without a leading zero).
OCIKIT_INLINE absl::StatusOr<size_t> ArrayIndex(absl::string_view token) {
  if (token.size() > 1 && token[0] == '0') {
    return absl::InvalidArgumentError(absl::StrCat("array index '", token, "' must not begin with '0'"));
  }
  const bool digits = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
  size_t index = 0;
  if (!digits) return absl::InvalidArgumentError(absl::StrCat("array index '", token, "' is not a number"));
  if (!absl::SimpleAtoi(token, &index)) {
    return absl::FailedPreconditionError(absl::StrCat("array index ", token, " is out of range"));
  }
  return index;
}

// The index of an existing element: '-' (past the end) names none.
OCIKIT_INLINE absl::StatusOr<size_t> ExistingIndex(absl::string_view token, size_t size) {
  if (token == "-") {
    return absl::FailedPreconditionError(absl::StrCat("array index '-' (", size, ") is out of range"));
  }
  OCIKIT_ASSIGN_OR_RETURN(const size_t index, ArrayIndex(token));
  if (index >= size) return OutOfRange(index);
  return index;
}

// RFC 7396, in place: members of `patch` set to null are removed.
OCIKIT_INLINE void MergeInto(DocNode& target, const Json& patch) {
  if (!patch.is_object()) {
    target = std::move(*MakeDocNode(patch));
    return;
  }
  if (target.kind != DocNode::Kind::kObject) {
    target = DocNode{};
    target.kind = DocNode::Kind::kObject;
  }
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      target.members.Remove(it.key());
    } else if (DocNode* member = target.members.Find(it.key())) {
      MergeInto(*member, it.value());
    } else {
      auto added = std::make_unique<DocNode>();
      MergeInto(*added, it.value());
      target.members.Set(it.key(), std::move(added));
    }
  }
}

}  // namespace patch_document_internal

// ---- PatchDocument ----

OCIKIT_INLINE PatchDocument::PatchDocument(const Json& value) : root_(MakeDocNode(value)) {}

OCIKIT_INLINE Json PatchDocument::ToJson() const { return DocNodeToJson(*root_); }

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> PatchDocument::Tokens(absl::string_view path) const {
  try {
    const Json::json_pointer checked{std::string(path)};  // RFC 6901 syntax, with nlohmann's messages
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(Why(e));
  }
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  for (const absl::string_view token : absl::StrSplit(path.substr(1), '/')) {
    tokens.push_back(absl::StrReplaceAll(token, {{"~1", "/"}, {"~0", "~"}}));
  }
  return tokens;
}

OCIKIT_INLINE absl::StatusOr<DocNode*> PatchDocument::Resolve(const std::vector<std::string>& tokens,
                                                              size_t count) const {
  namespace in = patch_document_internal;
  DocNode* node = root_.get();
  for (size_t i = 0; i < count; ++i) {
    const std::string& token = tokens[i];
    if (node->kind == DocNode::Kind::kObject) {
      DocNode* member = node->members.Find(token);
      if (member == nullptr) return in::NotFound(token);
      node = member;
    } else if (node->kind == DocNode::Kind::kArray) {
      OCIKIT_ASSIGN_OR_RETURN(const size_t index, in::ExistingIndex(token, node->elements.size()));
      node = node->elements.At(index);
    } else {
      return in::Unresolved(token);
    }
  }
  return node;
}

OCIKIT_INLINE absl::StatusOr<PatchDocument::Location> PatchDocument::Locate(absl::string_view path) const {
  OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> tokens, Tokens(path));
  Location at;
  if (tokens.empty()) return at;
  OCIKIT_ASSIGN_OR_RETURN(at.parent, Resolve(tokens, tokens.size() - 1));
  at.token = std::move(tokens.back());
  return at;
}

OCIKIT_INLINE absl::Status PatchDocument::AddAt(const Location& at, DocNodePtr value) {
  namespace in = patch_document_internal;
  if (at.parent == nullptr) {
    root_ = std::move(value);
    return absl::OkStatus();
  }
  DocNode& parent = *at.parent;
  if (parent.kind == DocNode::Kind::kScalar && parent.scalar.is_null()) {
    parent.kind = DocNode::Kind::kObject;  // as nlohmann: a member added under null makes it an object
  }
  if (parent.kind == DocNode::Kind::kObject) {
    parent.members.Set(at.token, std::move(value));
    return absl::OkStatus();
  }
  if (parent.kind != DocNode::Kind::kArray) return in::Unresolved(at.token);
  size_t index = parent.elements.size();
  if (at.token != "-") {
    OCIKIT_ASSIGN_OR_RETURN(index, in::ArrayIndex(at.token));
    if (index > parent.elements.size()) return in::OutOfRange(index);
  }
  parent.elements.Insert(index, std::move(value));
  return absl::OkStatus();
}

OCIKIT_INLINE absl::StatusOr<DocNodePtr> PatchDocument::Detach(absl::string_view path) {
  namespace in = patch_document_internal;
  OCIKIT_ASSIGN_OR_RETURN(const Location at, Locate(path));
  if (at.parent == nullptr) return absl::FailedPreconditionError("JSON pointer has no parent");
  DocNode& parent = *at.parent;
  if (parent.kind == DocNode::Kind::kObject) {
    DocNodePtr value = parent.members.Remove(at.token);
    if (value == nullptr) return in::NotFound(at.token);
    return value;
  }
  if (parent.kind != DocNode::Kind::kArray) return in::Unresolved(at.token);
  OCIKIT_ASSIGN_OR_RETURN(const size_t index, in::ExistingIndex(at.token, parent.elements.size()));
  return parent.elements.Remove(index);
}

OCIKIT_INLINE absl::Status PatchDocument::Add(absl::string_view path, const Json& value) {
  OCIKIT_ASSIGN_OR_RETURN(const Location at, Locate(path));
  return AddAt(at, MakeDocNode(value));
}

OCIKIT_INLINE absl::Status PatchDocument::Remove(absl::string_view path) { return Detach(path).status(); }

OCIKIT_INLINE absl::Status PatchDocument::Replace(absl::string_view path, const Json& value) {
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> tokens, Tokens(path));
  OCIKIT_ASSIGN_OR_RETURN(DocNode* const node, Resolve(tokens, tokens.size()));
  *node = std::move(*MakeDocNode(value));
  return absl::OkStatus();
}

// A move detaches the value, then adds it: RFC 6902's "remove, then add".
OCIKIT_INLINE absl::Status PatchDocument::Move(absl::string_view from, absl::string_view path) {
  OCIKIT_ASSIGN_OR_RETURN(DocNodePtr value, Detach(from));
  OCIKIT_ASSIGN_OR_RETURN(const Location at, Locate(path));
  return AddAt(at, std::move(value));
}

OCIKIT_INLINE absl::Status PatchDocument::Copy(absl::string_view from, absl::string_view path) {
  OCIKIT_ASSIGN_OR_RETURN(const Json value, Get(from));
  return Add(path, value);
}

OCIKIT_INLINE absl::StatusOr<Json> PatchDocument::Get(absl::string_view path) const {
  OCIKIT_ASSIGN_OR_RETURN(const std::vector<std::string> tokens, Tokens(path));
  OCIKIT_ASSIGN_OR_RETURN(const DocNode* const node, Resolve(tokens, tokens.size()));
  return DocNodeToJson(*node);
}

OCIKIT_INLINE void PatchDocument::MergePatch(const Json& patch) { patch_document_internal::MergeInto(*root_, patch); }

}  // namespace patch_internal
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_PATCH_DOCUMENT_INL_H_
