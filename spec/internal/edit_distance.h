// File: spec/internal/edit_distance.h
//
// Levenshtein distance, for "did you mean" suggestions (unknown flags, unknown
// config.json keys).
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_
#define OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"

namespace ocikit::internal {

// The number of single-character insertions, deletions and substitutions
// that turn `a` into `b`.
size_t EditDistance(absl::string_view a, absl::string_view b);

}  // namespace ocikit::internal

#ifndef OCIKIT_COMPILED_LIB
#include "spec/internal/edit_distance-inl.h"
#endif

#endif  // OCIKIT_SPEC_INTERNAL_EDIT_DISTANCE_H_
