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
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_map.h"
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

OCIKIT_INLINE KeyPairing PairKeys(const std::vector<absl::string_view>& ka, const std::vector<absl::string_view>& kb) {
  constexpr size_t kNone = SIZE_MAX;
  const size_t n = ka.size();
  const size_t m = kb.size();
  KeyPairing p{std::vector<size_t>(n, kNone), std::vector<size_t>(m, kNone)};
  if (n == m && std::equal(ka.begin(), ka.end(), kb.begin())) {
    for (size_t i = 0; i < n; ++i) p.b_of_a[i] = p.a_of_b[i] = i;
  } else if (n * m <= 1024) {  // short lists: scanning beats sorting
    for (size_t j = 0; j < m; ++j) {
      for (size_t i = 0; i < n; ++i) {
        if (p.b_of_a[i] == kNone && ka[i] == kb[j]) {
          p.b_of_a[i] = j;
          p.a_of_b[j] = i;
          break;
        }
      }
    }
  } else {
    const auto sorted = [](const std::vector<absl::string_view>& keys) {
      std::vector<size_t> order(keys.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&keys](size_t x, size_t y) {
        const int c = keys[x].compare(keys[y]);
        return c < 0 || (c == 0 && x < y);
      });
      return order;
    };
    const std::vector<size_t> sa = sorted(ka), sb = sorted(kb);
    for (size_t x = 0, y = 0; x < n && y < m;) {
      const int c = ka[sa[x]].compare(kb[sb[y]]);
      if (c < 0) {
        ++x;
      } else if (c > 0) {
        ++y;
      } else {
        p.b_of_a[sa[x]] = sb[y];
        p.a_of_b[sb[y]] = sa[x];
        ++x;
        ++y;
      }
    }
  }
  return p;
}

// Counts occupied slots before a slot (a Fenwick tree): the position of an
// element in a list that elements leave and enter, in O(log n).
class SlotCounter {
 public:
  explicit SlotCounter(size_t slots) : tree_(slots + 1, 0) {}
  void Add(size_t slot, int delta) {
    for (size_t i = slot + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
  }
  size_t Before(size_t slot) const {
    int n = 0;
    for (size_t i = slot; i > 0; i -= i & (~i + 1)) n += tree_[i];
    return static_cast<size_t>(n);
  }

 private:
  std::vector<int> tree_;
};

// Slots order the list as it changes: element k of `order` starts at slot
// (k, 0); a moved element goes right after its predecessor in B, so a run of
// moved elements after the kept element at k takes (k, 1), (k, 2), ...
// ((-1, c) at the front).
struct MoveSlots {
  using Slot = std::pair<ptrdiff_t, size_t>;
  std::vector<Slot> start;   // by B index
  std::vector<Slot> placed;  // by B index: where it ends up
  std::vector<Slot> all;     // every slot used, sorted
};

OCIKIT_INLINE MoveSlots PlanMoveSlots(const KeyPairing& pairing, const std::vector<bool>& moved,
                                      const std::vector<size_t>& order) {
  const size_t m = pairing.a_of_b.size();
  MoveSlots s;
  s.start.resize(m);
  s.placed.resize(m);
  for (size_t k = 0; k < order.size(); ++k) {
    s.start[order[k]] = {static_cast<ptrdiff_t>(k), 0};
    s.all.push_back(s.start[order[k]]);
  }
  ptrdiff_t anchor = -1;
  size_t run = 0;
  for (size_t j = 0; j < m; ++j) {
    if (pairing.a_of_b[j] == SIZE_MAX) continue;
    if (!moved[j]) {
      anchor = s.start[j].first;
      run = 0;
      s.placed[j] = s.start[j];
    } else {
      s.placed[j] = {anchor, ++run};
      s.all.push_back(s.placed[j]);
    }
  }
  std::sort(s.all.begin(), s.all.end());
  return s;
}

OCIKIT_INLINE MovePlan PlanMoves(const KeyPairing& pairing) {
  constexpr size_t kNone = SIZE_MAX;
  const size_t m = pairing.a_of_b.size();
  std::vector<size_t> order;  // the list, as B positions
  order.reserve(pairing.b_of_a.size());
  for (size_t b : pairing.b_of_a) {
    if (b != kNone) order.push_back(b);
  }
  MovePlan plan;
  plan.moved.assign(m, false);
  const std::vector<bool> stable = LongestIncreasing(order);
  bool any_moved = false;
  for (size_t k = 0; k < order.size(); ++k) {
    if (!stable[k]) plan.moved[order[k]] = any_moved = true;
  }
  if (!any_moved) return plan;
  const MoveSlots slots = PlanMoveSlots(pairing, plan.moved, order);
  const auto number = [&slots](const MoveSlots::Slot& slot) {
    return static_cast<size_t>(std::lower_bound(slots.all.begin(), slots.all.end(), slot) - slots.all.begin());
  };
  SlotCounter list(slots.all.size());
  for (size_t k = 0; k < order.size(); ++k) list.Add(number(slots.start[order[k]]), 1);
  size_t pred = kNone;  // the previous element in B's order
  for (size_t j = 0; j < m; ++j) {
    if (pairing.a_of_b[j] == kNone) continue;
    if (plan.moved[j]) {
      const size_t from = list.Before(number(slots.start[j]));
      list.Add(number(slots.start[j]), -1);
      const size_t to = pred == kNone ? 0 : list.Before(number(slots.placed[pred])) + 1;
      list.Add(number(slots.placed[j]), 1);
      plan.from_to.emplace_back(from, to);
    }
    pred = j;
  }
  return plan;
}
OCIKIT_INLINE std::vector<size_t> Occurrences(const std::vector<absl::string_view>& keys) {
  absl::flat_hash_map<absl::string_view, size_t> seen;
  seen.reserve(keys.size());
  std::vector<size_t> out;
  out.reserve(keys.size());
  for (absl::string_view k : keys) out.push_back(++seen[k]);
  return out;
}

OCIKIT_INLINE const CopyCount* CopyCounts::Find(absl::string_view key) const {
  const auto it = std::lower_bound(counts.begin(), counts.end(), key,
                                   [](const CopyCount& c, absl::string_view k) { return c.key < k; });
  return it != counts.end() && it->key == key ? &*it : nullptr;
}

OCIKIT_INLINE CopyCounts CountUnpairedCopies(const std::vector<absl::string_view>& ka,
                                             const std::vector<absl::string_view>& kb, const KeyPairing& pairing) {
  std::map<absl::string_view, CopyCount> unpaired;
  for (size_t i = 0; i < ka.size(); ++i) {
    if (pairing.b_of_a[i] != SIZE_MAX) continue;
    CopyCount& c = unpaired[ka[i]];
    c.first_a = std::min(c.first_a, i);
  }
  for (size_t j = 0; j < kb.size(); ++j) {
    if (pairing.a_of_b[j] != SIZE_MAX) continue;
    CopyCount& c = unpaired[kb[j]];
    c.first_b = std::min(c.first_b, j);
  }
  if (unpaired.empty()) return {};
  for (absl::string_view k : ka) {
    if (auto it = unpaired.find(k); it != unpaired.end()) ++it->second.in_a;
  }
  for (absl::string_view k : kb) {
    if (auto it = unpaired.find(k); it != unpaired.end()) ++it->second.in_b;
  }
  CopyCounts out;
  for (auto& [key, c] : unpaired) {
    if (c.in_a == 0 || c.in_b == 0) continue;
    c.key = key;
    out.counts.push_back(c);
  }
  return out;
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
