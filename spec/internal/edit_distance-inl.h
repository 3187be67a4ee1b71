// File: spec/internal/edit_distance-inl.h
//
// Definitions of spec/internal/edit_distance.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_INL_H_
#define OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_INL_H_

#include "spec/internal/edit_distance.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <vector>
#include "absl/strings/string_view.h"

namespace ocikit::internal {

OCIKIT_INLINE size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace ocikit::internal

#endif  // OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_INL_H_
