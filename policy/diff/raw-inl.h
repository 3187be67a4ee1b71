// File: policy/diff/raw-inl.h
//
// Definitions of policy/diff/raw.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_RAW_INL_H_
#define OCIKIT_POLICY_DIFF_RAW_INL_H_

#include "policy/diff/raw.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/diff/change.h"
#include "spec/json/raw.h"
#include "spec/json/reader.h"

namespace ocikit::diff_internal {

OCIKIT_INLINE bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

OCIKIT_INLINE size_t SkipJsonSpace(absl::string_view s, size_t pos) {
  while (pos < s.size() && IsJsonSpace(s[pos])) ++pos;
  return pos;
}

OCIKIT_INLINE size_t SkipRawValue(absl::string_view s, size_t pos) {
  if (pos >= s.size()) return pos;
  if (s[pos] == '"') {
    ++pos;
    while (pos < s.size() && s[pos] != '"') pos += s[pos] == '\\' ? 2 : 1;
    return std::min(pos + 1, s.size());
  }
  if (s[pos] == '{' || s[pos] == '[') {
    size_t depth = 0;
    while (pos < s.size()) {
      const char c = s[pos];
      if (c == '"') {
        pos = SkipRawValue(s, pos);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return pos + 1;
      }
      ++pos;
    }
    return pos;
  }
  while (pos < s.size() && s[pos] != ',' && s[pos] != '}' && s[pos] != ']' && !IsJsonSpace(s[pos])) ++pos;
  return pos;
}

OCIKIT_INLINE std::vector<RawMember> RawObjectMembers(absl::string_view s) {
  std::vector<RawMember> out;
  size_t pos = SkipJsonSpace(s, 0);
  if (pos >= s.size() || s[pos] != '{') return out;
  pos = SkipJsonSpace(s, pos + 1);
  while (pos < s.size() && s[pos] == '"') {
    const size_t key_end = SkipRawValue(s, pos);
    RawMember& m = out.emplace_back();
    json::Reader reader(s.substr(pos, key_end - pos));
    reader.ReadString(m.key);
    pos = SkipJsonSpace(s, key_end);
    if (pos < s.size() && s[pos] == ':') pos = SkipJsonSpace(s, pos + 1);
    const size_t value_end = SkipRawValue(s, pos);
    m.value = s.substr(pos, value_end - pos);
    pos = SkipJsonSpace(s, value_end);
    if (pos < s.size() && s[pos] == ',') pos = SkipJsonSpace(s, pos + 1);
  }
  return out;
}

OCIKIT_INLINE std::vector<absl::string_view> RawArrayElements(absl::string_view s) {
  std::vector<absl::string_view> out;
  size_t pos = SkipJsonSpace(s, 0);
  if (pos >= s.size() || s[pos] != '[') return out;
  pos = SkipJsonSpace(s, pos + 1);
  while (pos < s.size() && s[pos] != ']') {
    const size_t end = SkipRawValue(s, pos);
    if (end == pos) break;
    out.push_back(s.substr(pos, end - pos));
    pos = SkipJsonSpace(s, end);
    if (pos < s.size() && s[pos] == ',') pos = SkipJsonSpace(s, pos + 1);
  }
  return out;
}

// A JSON number as sign, significant digits and decimal exponent, so that
// equal values compare equal whatever their spelling (1, 1.0, 10e-1).
struct DecimalNumber {
  bool negative = false;
  std::string digits;   // no leading or trailing zeros; empty for zero
  int64_t point = 0;    // value = 0.digits * 10^point

  bool operator==(const DecimalNumber&) const = default;
};

OCIKIT_INLINE std::optional<DecimalNumber> ParseDecimalNumber(absl::string_view s) {
  DecimalNumber n;
  size_t i = 0;
  if (i < s.size() && s[i] == '-') n.negative = true, ++i;
  int64_t int_digits = 0;
  bool any = false;
  for (; i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i])); ++i, ++int_digits, any = true) {
    n.digits.push_back(s[i]);
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i])); ++i, any = true) {
      n.digits.push_back(s[i]);
    }
  }
  if (!any) return std::nullopt;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    if (!absl::SimpleAtoi(s.substr(i + 1), &exponent)) return std::nullopt;  // also refuses absurd exponents
    i = s.size();
  }
  if (i != s.size()) return std::nullopt;
  n.point = int_digits + exponent;
  const size_t lead = n.digits.find_first_not_of('0');
  if (lead == std::string::npos) return DecimalNumber{};  // zero, whatever its sign
  n.digits.erase(0, lead);
  n.point -= static_cast<int64_t>(lead);
  n.digits.erase(n.digits.find_last_not_of('0') + 1);
  return n;
}

OCIKIT_INLINE bool JsonNumbersEqual(absl::string_view a, absl::string_view b) {
  const std::optional<DecimalNumber> x = ParseDecimalNumber(a);
  return x.has_value() && x == ParseDecimalNumber(b);
}

OCIKIT_INLINE bool IsRawContainer(absl::string_view v) { return !v.empty() && (v.front() == '{' || v.front() == '['); }

OCIKIT_INLINE void DiffMembers(Sink& sink, const Loc& loc, const std::vector<RawMember>& a, const std::vector<RawMember>& b) {
  // Keyed lookups: a linear search per member was quadratic in the number
  // of unknown keys.
  const auto index = [](const std::vector<RawMember>& list) {
    absl::flat_hash_map<absl::string_view, const RawMember*> by_key;
    by_key.reserve(list.size());
    for (const RawMember& m : list) by_key.emplace(m.key, &m);  // first wins, as before
    return by_key;
  };
  const auto a_keys = index(a), b_keys = index(b);
  const auto find = [&](const std::vector<RawMember>& list, absl::string_view key) -> const RawMember* {
    const auto& keys = &list == &a ? a_keys : b_keys;
    const auto it = keys.find(key);
    return it == keys.end() ? nullptr : it->second;
  };
  std::vector<const RawMember*> kept;  // A's members that B has, in A's order
  for (const RawMember& m : a) {
    if (find(b, m.key) == nullptr) {
      sink.Removed(loc.Member(m.key, IsRawContainer(m.value)), std::string(m.value));
    } else {
      kept.push_back(&m);
    }
  }
  // B's leading members that are already in place keep their position.
  size_t in_place = 0;
  while (in_place < kept.size() && in_place < b.size() && kept[in_place]->key == b[in_place].key) ++in_place;
  for (size_t i = 0; i < b.size(); ++i) {
    const RawMember& mb = b[i];
    const Loc child = loc.Member(mb.key, IsRawContainer(mb.value));
    const RawMember* ma = find(a, mb.key);
    if (ma == nullptr) {
      sink.Added(child, std::string(mb.value));
    } else if (i < in_place) {
      DiffRaw(sink, child, ma->value, mb.value);
    } else {
      // Report the changes, but move the member to the end whole.
      const bool ops = sink.set_ops_enabled(false);
      DiffRaw(sink, child, ma->value, mb.value);
      sink.set_ops_enabled(ops);
      sink.Op("remove", child.pointer);
      sink.Op("add", child.pointer, std::string(mb.value));
    }
  }
}

OCIKIT_INLINE void DiffRaw(Sink& sink, const Loc& loc, absl::string_view a, absl::string_view b) {
  if (a == b) return;
  if (!a.empty() && !b.empty() && a.front() == '{' && b.front() == '{') {
    DiffMembers(sink, loc, RawObjectMembers(a), RawObjectMembers(b));
    return;
  }
  if (!a.empty() && !b.empty() && a.front() == '[' && b.front() == '[') {
    const std::vector<absl::string_view> ea = RawArrayElements(a);
    const std::vector<absl::string_view> eb = RawArrayElements(b);
    const size_t common = std::min(ea.size(), eb.size());
    for (size_t i = ea.size(); i-- > common;) sink.Op("remove", absl::StrCat(loc.pointer, "/", i));
    for (size_t i = 0; i < common; ++i) DiffRaw(sink, loc.Element(loc.path.Index(i), i), ea[i], eb[i]);
    for (size_t i = common; i < ea.size(); ++i) {
      sink.Report(loc.path.Index(i), loc.section, ChangeKind::kRemoved, std::string(ea[i]), "");
    }
    for (size_t i = common; i < eb.size(); ++i) sink.Added(loc.Element(loc.path.Index(i), i), std::string(eb[i]));
    return;
  }
  if (JsonNumbersEqual(a, b)) {
    sink.Op("replace", loc.pointer, std::string(b));  // same value, other spelling: B's text, no change
    return;
  }
  sink.Replaced(loc, std::string(a), std::string(b));
}

OCIKIT_INLINE void DiffUnknown(Sink& sink, const Loc& loc, const json::UnknownFields& a, const json::UnknownFields& b) {
  if (a == b) return;
  const auto members = [](const json::UnknownFields& fields) {
    std::vector<RawMember> out;
    out.reserve(fields.size());
    for (const json::UnknownField& f : fields) out.push_back({f.key, f.value.text});
    return out;
  };
  DiffMembers(sink, loc, members(a), members(b));
}
}  // namespace ocikit::diff_internal

#endif  // OCIKIT_POLICY_DIFF_RAW_INL_H_
