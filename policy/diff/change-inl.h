// File: policy/diff/change-inl.h
//
// Definitions of policy/diff/change.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_CHANGE_INL_H_
#define OCIKIT_POLICY_DIFF_CHANGE_INL_H_

#include "policy/diff/change.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/field_path.h"
#include "spec/json/fields.h"
#include "spec/json/writer.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
    case ChangeKind::kChanged:
      return "changed";
    case ChangeKind::kMoved:
      return "moved";
  }
  return "";
}

OCIKIT_INLINE char ChangeKindSymbol(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return '+';
    case ChangeKind::kRemoved:
      return '-';
    case ChangeKind::kChanged:
      return '~';
    case ChangeKind::kMoved:
      return '>';
  }
  return '?';
}

namespace diff_internal {

OCIKIT_INLINE void AppendPointerToken(std::string& pointer, absl::string_view token) {
  pointer.push_back('/');
  for (const char c : token) {
    if (c == '~') {
      pointer.append("~0");
    } else if (c == '/') {
      pointer.append("~1");
    } else {
      pointer.push_back(c);
    }
  }
}
}  // namespace diff_internal
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_CHANGE_INL_H_
