// File: policy/lint/walk-inl.h
//
// Definitions of policy/lint/walk.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_WALK_INL_H_
#define OCIKIT_POLICY_LINT_WALK_INL_H_

#include "policy/lint/walk.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/field_path.h"
#include "spec/json/fields.h"

namespace ocikit::internal {

OCIKIT_INLINE FieldPath ToFieldPath(const LintPathNode* node) {
  size_t depth = 0;
  for (const LintPathNode* n = node; n != nullptr; n = n->parent) ++depth;
  std::vector<FieldPath::Segment> segments(depth);
  for (const LintPathNode* n = node; n != nullptr; n = n->parent) {
    FieldPath::Segment& s = segments[--depth];
    s.kind = n->kind;
    if (n->kind == FieldPath::Kind::kIndex) {
      s.index = n->index;
    } else {
      s.name = std::string(n->name);
    }
  }
  return FieldPath(std::move(segments));
}

OCIKIT_INLINE void AppendPattern(const LintPathNode* node, std::string& out) {
  if (node == nullptr) return;
  AppendPattern(node->parent, out);
  switch (node->kind) {
    case FieldPath::Kind::kIndex:
    case FieldPath::Kind::kSelector:
      out.append("[]");
      break;
    case FieldPath::Kind::kKey:
      out.append("[*]");
      break;
    case FieldPath::Kind::kField:
      if (node->parent != nullptr) out.push_back('.');
      out.append(node->name.data(), node->name.size());
      break;
  }
}
}  // namespace ocikit::internal

#endif  // OCIKIT_POLICY_LINT_WALK_INL_H_
