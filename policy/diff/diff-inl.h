// File: policy/diff/diff-inl.h
//
// Definitions of policy/diff/diff.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_DIFF_INL_H_
#define OCIKIT_POLICY_DIFF_DIFF_INL_H_

#include "policy/diff/diff.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/diff/change.h"
#include "policy/diff/raw.h"
#include "policy/diff/rules.h"
#include "spec/config.h"
#include "spec/json/fields.h"

namespace ocikit {

namespace diff_internal {

OCIKIT_INLINE std::vector<bool> LongestIncreasing(const std::vector<size_t>& seq) {
  std::vector<size_t> tails;          // index into seq of the last element of each run length
  std::vector<size_t> prev(seq.size(), SIZE_MAX);
  for (size_t i = 0; i < seq.size(); ++i) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), seq[i],
                                     [&seq](size_t t, size_t value) { return seq[t] < value; });
    if (it != tails.begin()) prev[i] = *(it - 1);
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<bool> in(seq.size(), false);
  for (size_t i = tails.empty() ? SIZE_MAX : tails.back(); i != SIZE_MAX; i = prev[i]) in[i] = true;
  return in;
}
}  // namespace diff_internal

OCIKIT_INLINE SpecDiff DiffSpecs(const Spec& a, const Spec& b) {
  SpecDiff out;
  out.changes.reserve(16);
  out.patch.reserve(16);
  diff_internal::Sink sink(out);
  diff_internal::Walker(sink).Value(diff_internal::Loc{}, a, b);
  return out;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_DIFF_INL_H_
