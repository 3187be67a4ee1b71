// File: spec/field_catalog-inl.h
//
// Definitions of spec/field_catalog.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_FIELD_CATALOG_INL_H_
#define OCIKIT_SPEC_FIELD_CATALOG_INL_H_

#include "spec/field_catalog.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/internal/edit_distance.h"
#include "absl/strings/strip.h"
#include "spec/field_path.h"

namespace ocikit {

OCIKIT_INLINE const FieldInfo* FindFieldByPattern(absl::string_view pattern) {
  for (const FieldInfo& f : kFieldCatalog) {
    if (f.pattern == pattern) return &f;
  }
  return nullptr;
}

OCIKIT_INLINE const FieldInfo* FindField(const FieldPath& path) {
  FieldPath p = path;
  while (!p.empty()) {
    if (const FieldInfo* f = FindFieldByPattern(p.Pattern())) return f;
    if (p.segments().back().kind == FieldPath::Kind::kField) return nullptr;
    p = p.Parent();
  }
  return nullptr;
}

OCIKIT_INLINE std::string DescribePath(const FieldPath& path) {
  const std::string text = path.ToString();
  if (path.empty()) return absl::StrCat(text, ": the whole config.json");
  if (const FieldInfo* f = FindFieldByPattern(path.Pattern())) return absl::StrCat(text, ": ", f->description);
  bool only_elements = true;  // whether everything below the known ancestor is an index or key
  for (FieldPath p = path; !p.empty(); p = p.Parent()) {
    if (const FieldInfo* f = FindFieldByPattern(p.Pattern())) {
      if (only_elements) return absl::StrCat(text, ": an entry of ", f->pattern, " (", f->description, ")");
      if (f->kind == "object (raw JSON)") {
        return absl::StrCat(text, ": inside ", f->pattern, " (", f->description, ")");
      }
      break;
    }
    if (p.segments().back().kind == FieldPath::Kind::kField) only_elements = false;
  }
  return absl::StrCat(text, ": unknown field, not in runtime-spec v1.3.0");
}

OCIKIT_INLINE std::vector<absl::string_view> KnownKeys(absl::string_view object) {
  std::vector<absl::string_view> keys;
  for (const FieldInfo& f : kFieldCatalog) {
    absl::string_view rest = f.pattern;
    if (!object.empty() && !(absl::ConsumePrefix(&rest, object) && absl::ConsumePrefix(&rest, "."))) continue;
    if (rest.find_first_of(".[") == absl::string_view::npos) keys.push_back(rest);
  }
  return keys;
}

OCIKIT_INLINE absl::string_view SuggestKey(absl::string_view object, absl::string_view key) {
  const std::string lower_key = absl::AsciiStrToLower(key);
  absl::string_view best;
  size_t best_distance = 3;
  for (const absl::string_view known : KnownKeys(object)) {
    const size_t d = internal::EditDistance(lower_key, absl::AsciiStrToLower(known));
    if (d < best_distance && d < key.size()) {
      best = known;
      best_distance = d;
    }
  }
  return best;
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_FIELD_CATALOG_INL_H_
