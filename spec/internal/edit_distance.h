// File: spec/internal/edit_distance.h
//
// Levenshtein distance, for "did you mean" suggestions (unknown flags, unknown
// config.json keys).
#ifndef OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_
#define OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"

namespace ocikit::internal {

// The number of single-character insertions, deletions and substitutions
// that turn `a` into `b`.
inline size_t EditDistance(absl::string_view a, absl::string_view b) {
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

#endif  // OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_
