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
  std::vector<const LintPathNode*> chain;
  for (const LintPathNode* n = node; n != nullptr; n = n->parent) chain.push_back(n);
  FieldPath path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    switch ((*it)->kind) {
      case FieldPath::Kind::kIndex:
        path = path.Index((*it)->index);
        break;
      case FieldPath::Kind::kKey:
        path = path.Key((*it)->name);
        break;
      default:
        path = path.Field((*it)->name);
        break;
    }
  }
  return path;
}
}  // namespace ocikit::internal

#endif  // OCIKIT_POLICY_LINT_WALK_INL_H_
