// File: policy/lint/walk.h
//
// Generic walks over the spec model for lint rules that look at every object,
// every field or every string (unknown fields, fields newer than the declared
// ociVersion, NUL bytes).
// They go through each struct's Fields() list, so a field added to the model
// is walked without changes here. Paths are kept as a chain of stack nodes
// and only turned into a FieldPath when a rule reports something, so a walk
// over a clean spec allocates nothing.
//
// Example:
//   internal::ForEachObject(spec, nullptr, [&](const auto& obj, const internal::LintPathNode* node) {
//     if (!obj.unknown.empty()) Report(internal::ToFieldPath(node), ...);
//   });
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_WALK_H_
#define OCIKIT_POLICY_LINT_WALK_H_

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

// One step of a path, on the stack of the walk.
struct LintPathNode {
  const LintPathNode* parent = nullptr;
  FieldPath::Kind kind = FieldPath::Kind::kField;
  absl::string_view name;  // field name or map key
  uint64_t index = 0;      // array position
};

// The FieldPath of `node` (the empty path for nullptr).
FieldPath ToFieldPath(const LintPathNode* node);

// Appends ToFieldPath(node).Pattern() to `out`, without building the path:
// the walk's nodes name model fields, which are identifiers. The version
// rules look up every field of a config this way.
void AppendPattern(const LintPathNode* node, std::string& out);

// Whether values of T can contain model objects (so the walk must enter them).
template <class T>
constexpr bool HoldsObjects() {
  if constexpr (json::IsOptional<T>::value || json::IsVector<T>::value) {
    return HoldsObjects<typename T::value_type>();
  } else if constexpr (json::IsStringMap<T>::value) {
    return HoldsObjects<typename T::mapped_type>();
  } else {
    return json::Object<T>;
  }
}

// ForEachObject()
//
// Calls visit(object, node) for every model object in `value`, parents
// before children, in Fields() order.
template <class T, class Visit>
void ForEachObject(const T& value, const LintPathNode* node, Visit&& visit) {
  if constexpr (!HoldsObjects<T>()) {
    return;
  } else if constexpr (json::IsOptional<T>::value) {
    if (value.has_value()) ForEachObject(*value, node, visit);
  } else if constexpr (json::IsVector<T>::value) {
    for (size_t i = 0; i < value.size(); ++i) {
      const LintPathNode child{node, FieldPath::Kind::kIndex, {}, i};
      ForEachObject(value[i], &child, visit);
    }
  } else if constexpr (json::IsStringMap<T>::value) {
    for (const auto& [key, v] : value) {
      const LintPathNode child{node, FieldPath::Kind::kKey, key, 0};
      ForEachObject(v, &child, visit);
    }
  } else {
    visit(value, node);
    T::Fields(value, [&](absl::string_view name, const auto& field, json::Emit) {
      const LintPathNode child{node, FieldPath::Kind::kField, name, 0};
      ForEachObject(field, &child, visit);
    });
  }
}

// ForEachField()
//
// Calls visit(field, node) for every non-empty field (Go's omitempty sense)
// of every object in `value`; the walk enters the field's value only when
// visit returns true. Array elements and map values are entered without a
// call of their own.
template <class T, class Visit>
void ForEachField(const T& value, const LintPathNode* node, Visit&& visit) {
  if constexpr (!HoldsObjects<T>()) {
    return;
  } else if constexpr (json::IsOptional<T>::value) {
    if (value.has_value()) ForEachField(*value, node, visit);
  } else if constexpr (json::IsVector<T>::value) {
    for (size_t i = 0; i < value.size(); ++i) {
      const LintPathNode child{node, FieldPath::Kind::kIndex, {}, i};
      ForEachField(value[i], &child, visit);
    }
  } else if constexpr (json::IsStringMap<T>::value) {
    for (const auto& [key, v] : value) {
      const LintPathNode child{node, FieldPath::Kind::kKey, key, 0};
      ForEachField(v, &child, visit);
    }
  } else {
    T::Fields(value, [&](absl::string_view name, const auto& field, json::Emit) {
      if (json::IsEmpty(field)) return;
      const LintPathNode child{node, FieldPath::Kind::kField, name, 0};
      if (visit(field, &child)) ForEachField(field, &child, visit);
    });
  }
}

// ForEachString()
//
// Calls visit(text, node, is_key) for every string in `value`: string
// fields, array elements, and map keys (is_key, at the entry's path) and
// values, at every level. Unknown fields are not entered.
template <class T, class Visit>
void ForEachString(const T& value, const LintPathNode* node, Visit&& visit) {
  if constexpr (std::is_same_v<T, std::string>) {
    visit(absl::string_view(value), node, false);
  } else if constexpr (json::IsOptional<T>::value) {
    if (value.has_value()) ForEachString(*value, node, visit);
  } else if constexpr (json::IsVector<T>::value) {
    for (size_t i = 0; i < value.size(); ++i) {
      const LintPathNode child{node, FieldPath::Kind::kIndex, {}, i};
      ForEachString(value[i], &child, visit);
    }
  } else if constexpr (json::IsStringMap<T>::value) {
    for (const auto& [key, v] : value) {
      const LintPathNode child{node, FieldPath::Kind::kKey, key, 0};
      visit(absl::string_view(key), &child, true);
      ForEachString(v, &child, visit);
    }
  } else if constexpr (json::Object<T>) {
    T::Fields(value, [&](absl::string_view name, const auto& field, json::Emit) {
      const LintPathNode child{node, FieldPath::Kind::kField, name, 0};
      ForEachString(field, &child, visit);
    });
  }
}

}  // namespace ocikit::internal

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/walk-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_WALK_H_
