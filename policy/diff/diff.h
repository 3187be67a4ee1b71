// File: policy/diff/diff.h
//
// Semantic diff of two config.json specs: what changed by meaning, not by
// text. The walk follows the model's Fields() lists, so every field is
// compared, and a field added to the model is compared without new code:
//   - scalars and whole values: changed (replace);
//   - a member present in only one spec (by Go's omitempty): added/removed;
//   - maps (annotations, sysctl, unified, netDevices, rdma, timeOffsets):
//     by key;
//   - lists: by the keyed-array rules of policy/diff/rules.h (mounts by
//     destination, env by name, namespaces and rlimits by type, ...), else
//     lists of objects by position and lists of scalars whole;
//   - unknown fields and platform sections: generically (policy/diff/raw.h).
//
// Keyed lists: elements pair up by key; unpaired ones are added or removed.
// The paired ones keep their relative order except for a fewest set of
// movers, found as the longest increasing subsequence of their positions
// in B; in ordered lists (mounts, hooks, device cgroup rules) each mover is
// reported as `moved` with its positions in A and B; in unordered lists and
// sets a reordering is no change at all (the patch still reorders, so that
// it reproduces B exactly). Seccomp rules pair by (names as a set, action,
// args); rules left over with the same action and args and at least one
// name in common then pair too, so a rule that gained a syscall shows as a
// change of its `names` set instead of a removed and an added rule.
//
// Alongside the changes the walk writes an RFC 6902 patch that turns A's
// canonical JSON into B's exactly: removals from the highest index down,
// then moves, then additions in B's order, then changes inside elements at
// their B positions.
//
// Example:
//   SpecDiff d = DiffSpecs(DefaultLinuxSpec(), *ReadSpecFile("config.json"));
//   for (const Change& c : d.changes) std::cout << c.path.ToString() << "\n";
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_DIFF_DIFF_H_
#define OCIKIT_POLICY_DIFF_DIFF_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diff/change.h"
#include "policy/diff/raw.h"
#include "policy/diff/rules.h"

namespace ocikit {
namespace diff_internal {

// Whether a member's value holds other values (for the section rule).
template <class T>
constexpr bool IsContainer() {
  if constexpr (json::IsOptional<T>::value) {
    return IsContainer<typename T::value_type>();
  } else {
    return json::IsVector<T>::value || json::IsStringMap<T>::value || json::Object<T> ||
           std::is_same_v<T, json::RawJson>;
  }
}

// The positions (into `seq`) of a longest strictly increasing subsequence.
std::vector<bool> LongestIncreasing(const std::vector<size_t>& seq);

// Equal keys paired, the k-th "/x" of A with the k-th "/x" of B: b_of_a[i]
// is the B index of A's element i and a_of_b[j] the A index of B's element
// j, SIZE_MAX for none.
struct KeyPairing {
  std::vector<size_t> b_of_a;
  std::vector<size_t> a_of_b;
};
KeyPairing PairKeys(const std::vector<absl::string_view>& ka, const std::vector<absl::string_view>& kb);

// The moves that put A's paired elements in B's order: those off a longest
// increasing run move, each right after its predecessor in B.
struct MovePlan {
  std::vector<bool> moved;                          // by B index
  std::vector<std::pair<size_t, size_t>> from_to;   // the "move" operations, in order
};
MovePlan PlanMoves(const KeyPairing& pairing);

// For each key, how many times it occurred up to and including its index
// (1 for the first "/tmp", 2 for the second): the "#2" of display keys.
std::vector<size_t> Occurrences(const std::vector<absl::string_view>& keys);

// For set-like lists: the keys left unpaired whose other copies did pair,
// i.e. elements listed more often in one spec than in the other.
struct CopyCount {
  absl::string_view key;
  size_t in_a = 0, in_b = 0;        // copies in A and in B
  size_t first_a = SIZE_MAX;        // the first unpaired copy in A (SIZE_MAX: none)
  size_t first_b = SIZE_MAX;        // the first unpaired copy in B (SIZE_MAX: none)
};
struct CopyCounts {
  std::vector<CopyCount> counts;  // sorted by key
  const CopyCount* Find(absl::string_view key) const;
};
CopyCounts CountUnpairedCopies(const std::vector<absl::string_view>& ka, const std::vector<absl::string_view>& kb,
                               const KeyPairing& pairing);

class Walker {
 public:
  explicit Walker(Sink& sink) : sink_(sink) {}

  template <class T>
  void Value(const Loc& loc, const T& a, const T& b) {
    if (a == b) return;
    if constexpr (std::is_same_v<T, json::RawJson>) {
      DiffRaw(sink_, loc, a.text, b.text);
    } else if constexpr (json::IsOptional<T>::value) {
      if (a && b) {
        Value(loc, *a, *b);
      } else {
        sink_.Replaced(loc, ToCanonicalJson(a), ToCanonicalJson(b));
      }
    } else if constexpr (json::IsVector<T>::value) {
      List(loc, a, b);
    } else if constexpr (json::IsStringMap<T>::value) {
      Map(loc, a, b);
    } else if constexpr (json::Object<T>) {
      Object(loc, a, b);
    } else {
      sink_.Replaced(loc, ToCanonicalJson(a), ToCanonicalJson(b));
    }
  }

 private:
  static constexpr size_t kMaxFields = 32;

  template <class T>
  void Object(const Loc& loc, const T& a, const T& b) {
    // Visit B's fields first, then A's in the same order, pairing them.
    std::array<const void*, kMaxFields> fields_b{};
    size_t n = 0;
    T::Fields(b, [&](absl::string_view, const auto& field, json::Emit) {
      if (n < kMaxFields) fields_b[n] = &field;
      ++n;
    });
    size_t i = 0;
    T::Fields(a, [&](absl::string_view name, const auto& fa, json::Emit emit) {
      using F = std::remove_cvref_t<decltype(fa)>;
      if (i >= kMaxFields) return;
      const F& fb = *static_cast<const F*>(fields_b[i++]);
      if (!(fa == fb)) Member(loc, name, fa, fb, emit);
    });
    DiffUnknown(sink_, loc, a.unknown, b.unknown);
  }

  // A member is in the JSON unless Go's omitempty leaves it out.
  template <class F>
  void Member(const Loc& loc, absl::string_view name, const F& a, const F& b, json::Emit emit) {
    const Loc child = loc.Member(name, IsContainer<F>());
    const bool in_a = emit == json::kAlways || !json::IsEmpty(a);
    const bool in_b = emit == json::kAlways || !json::IsEmpty(b);
    if (in_a && in_b) {
      Value(child, a, b);
    } else if (in_b) {
      sink_.Added(child, ToCanonicalJson(b));
    } else if (in_a) {
      sink_.Removed(child, ToCanonicalJson(a));
    }
  }

  template <class V>
  void Map(const Loc& loc, const std::map<std::string, V>& a, const std::map<std::string, V>& b) {
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
      if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
        sink_.Removed(loc.MapKey(ia->first), ToCanonicalJson(ia->second));
        ++ia;
      } else if (ia == a.end() || ib->first < ia->first) {
        sink_.Added(loc.MapKey(ib->first), ToCanonicalJson(ib->second));
        ++ib;
      } else {
        if (!(ia->second == ib->second)) Value(loc.MapKey(ia->first), ia->second, ib->second);
        ++ia;
        ++ib;
      }
    }
  }

  template <class E>
  void List(const Loc& loc, const std::vector<E>& a, const std::vector<E>& b) {
    if (const ListRule* rule = FindListRule(loc.path.Pattern()); rule != nullptr) {
      Keyed(loc, *rule, a, b);
    } else if constexpr (json::Object<E>) {
      Positional(loc, a, b);
    } else {
      sink_.Replaced(loc, ToCanonicalJson(a), ToCanonicalJson(b));
    }
  }

  // Lists of objects without a rule: element by element.
  template <class E>
  void Positional(const Loc& loc, const std::vector<E>& a, const std::vector<E>& b) {
    const size_t common = std::min(a.size(), b.size());
    for (size_t i = a.size(); i-- > common;) sink_.Op("remove", absl::StrCat(loc.pointer, "/", i));
    for (size_t i = 0; i < common; ++i) Value(loc.Element(loc.path.Index(i), i), a[i], b[i]);
    for (size_t i = common; i < a.size(); ++i) {
      sink_.Report(loc.path.Index(i), loc.section, ChangeKind::kRemoved, ToCanonicalJson(a[i]), "");
    }
    for (size_t i = common; i < b.size(); ++i) sink_.Added(loc.Element(loc.path.Index(i), i), ToCanonicalJson(b[i]));
  }

  template <class E>
  void Keyed(const Loc& loc, const ListRule& rule, const std::vector<E>& a, const std::vector<E>& b) {
    constexpr size_t kNone = SIZE_MAX;
    const size_t n = a.size();
    const size_t m = b.size();
    std::vector<std::string> storage(n + m);  // keys that are not views of the elements
    std::vector<absl::string_view> ka(n), kb(m);
    for (size_t i = 0; i < n; ++i) ka[i] = MatchKey(rule, a[i], storage[i]);
    for (size_t j = 0; j < m; ++j) kb[j] = MatchKey(rule, b[j], storage[n + j]);

    KeyPairing pairing = PairKeys(ka, kb);
    if constexpr (std::is_same_v<E, LinuxSyscall>) PairSeccompLeftovers(a, b, pairing.b_of_a, pairing.a_of_b);
    const std::vector<size_t>& b_of_a = pairing.b_of_a;
    const std::vector<size_t>& a_of_b = pairing.a_of_b;

    // Sets name the list in changes; other lists name the element by key.
    const bool elements = rule.selector.empty();
    // Counted on first use: most lists compared have no change to name.
    std::optional<std::vector<size_t>> occurrence_a, occurrence_b;
    const auto element_path = [&](const std::vector<E>& list, const std::vector<absl::string_view>& keys,
                                  size_t index) {
      if (elements) return loc.path;
      std::optional<std::vector<size_t>>& occurrences = &list == &a ? occurrence_a : occurrence_b;
      if (!occurrences) occurrences = Occurrences(keys);
      return loc.path.Select(rule.selector, DisplayKey(rule, list[index], keys[index], (*occurrences)[index]));
    };
    // 1. Removals, from the end so the indexes stay valid.
    for (size_t i = n; i-- > 0;) {
      if (b_of_a[i] == kNone) sink_.Op("remove", absl::StrCat(loc.pointer, "/", i));
    }
    const CopyCounts copies = elements ? CountUnpairedCopies(ka, kb, pairing) : CopyCounts{};
    for (size_t i = 0; i < n; ++i) {
      if (b_of_a[i] != kNone) continue;
      if (const CopyCount* c = copies.Find(ka[i]); c != nullptr) {
        if (c->first_a == i) sink_.Copies(loc.path, loc.section, ToCanonicalJson(a[i]), c->in_a, c->in_b);
        continue;
      }
      sink_.Report(element_path(a, ka, i), loc.section, ChangeKind::kRemoved, ToCanonicalJson(a[i]), "", 0, 0,
                   elements);
    }
    // 2. Moves.
    const MovePlan moves = PlanMoves(pairing);
    for (const auto& [from, to] : moves.from_to) {
      sink_.Op("move", absl::StrCat(loc.pointer, "/", to), "", absl::StrCat(loc.pointer, "/", from));
    }
    // 3. Additions in B's order, at their B positions.
    for (size_t j = 0; j < m; ++j) {
      if (a_of_b[j] == kNone) sink_.Op("add", absl::StrCat(loc.pointer, "/", j), ToCanonicalJson(b[j]));
    }
    // 4. Report in B's order; changes inside paired elements at B positions.
    for (size_t j = 0; j < m; ++j) {
      const size_t i = a_of_b[j];
      if (i == kNone) {
        const CopyCount* c = copies.Find(kb[j]);
        if (c == nullptr) {
          sink_.Report(element_path(b, kb, j), loc.section, ChangeKind::kAdded, "", ToCanonicalJson(b[j]), 0, 0,
                       elements);
        } else if (c->first_b == j && c->first_a == kNone) {
          sink_.Copies(loc.path, loc.section, ToCanonicalJson(b[j]), c->in_a, c->in_b);
        }
        continue;
      }
      if (moves.moved[j] && rule.ordered) {
        sink_.Moved(element_path(b, kb, j), loc.section, i, j, j == 0 ? "" : element_path(b, kb, j - 1).ToString());
      }
      // A paired seccomp rule whose names changed is named as it was in A.
      if (!(a[i] == b[j])) Value(loc.Element(element_path(a, ka, i), j), a[i], b[j]);
    }
  }

  // Pairs seccomp rules left unpaired that share action and args and at
  // least one name, the most names in common first.
  static void PairSeccompLeftovers(const std::vector<LinuxSyscall>& a, const std::vector<LinuxSyscall>& b,
                                   std::vector<size_t>& b_of_a, std::vector<size_t>& a_of_b) {
    const auto sorted_names = [](const LinuxSyscall& r) {
      std::vector<absl::string_view> names;
      if (r.names) names.assign(r.names->begin(), r.names->end());
      std::sort(names.begin(), names.end());
      return names;
    };
    std::vector<size_t> left_a;
    std::vector<std::string> signatures_a;
    std::vector<std::vector<absl::string_view>> names_a;
    for (size_t i = 0; i < a.size(); ++i) {
      if (b_of_a[i] != SIZE_MAX) continue;
      left_a.push_back(i);
      signatures_a.push_back(SeccompSignature(a[i]));
      names_a.push_back(sorted_names(a[i]));
    }
    if (left_a.empty()) return;
    for (size_t j = 0; j < b.size(); ++j) {
      if (a_of_b[j] != SIZE_MAX) continue;
      const std::string signature = SeccompSignature(b[j]);
      const std::vector<absl::string_view> names = sorted_names(b[j]);
      size_t best = SIZE_MAX;
      size_t best_common = 0;
      for (size_t k = 0; k < left_a.size(); ++k) {
        if (b_of_a[left_a[k]] != SIZE_MAX || signatures_a[k] != signature) continue;
        size_t common = 0;
        for (auto x = names_a[k].cbegin(), y = names.cbegin(); x != names_a[k].cend() && y != names.cend();) {
          if (*x < *y) {
            ++x;
          } else if (*y < *x) {
            ++y;
          } else {
            ++common, ++x, ++y;
          }
        }
        if (common > best_common) {
          best = left_a[k];
          best_common = common;
        }
      }
      if (best != SIZE_MAX) {
        b_of_a[best] = j;
        a_of_b[j] = best;
      }
    }
  }

  Sink& sink_;
};

}  // namespace diff_internal

// The semantic diff of A and B, with the patch that turns A into B.
SpecDiff DiffSpecs(const Spec& a, const Spec& b);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/diff-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_DIFF_H_
