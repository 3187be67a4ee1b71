// File: spec/json/fields.h
//
// Reading and writing model types through one field list per struct. A model
// struct declares its JSON fields once, in the order of the runtime-spec Go
// struct and with Go's omitempty rule, and keeps unknown keys in `unknown`:
//
//   struct Root {
//     std::string path;
//     bool readonly = false;
//     json::UnknownFields unknown;
//
//     template <class Self, class Visit>
//     static void Fields(Self& self, Visit&& visit) {
//       visit("path", self.path, json::kAlways);
//       visit("readonly", self.readonly, json::kOmitEmpty);
//     }
//   };
//
// `Read` and `Write` below then handle it, and so can any other visitor (the
// semantic diff walks the same list). Member types map to Go types as:
// std::optional<T> = *T (null/absent = nil), std::vector<T> = []T,
// std::map<std::string, T> = map[string]T (written with sorted keys, as Go),
// json::RawJson = a value kept verbatim.
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_JSON_FIELDS_H_
#define OCIKIT_SPEC_JSON_FIELDS_H_

#include <concepts>
#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "spec/json/encoding.h"
#include "spec/json/field_list.h"
#include "spec/json/raw.h"
#include "spec/json/reader.h"
#include "spec/json/writer.h"

namespace ocikit::json {

// A struct with a field list and a place for unknown keys.
template <class T>
concept Object = requires(T& t) {
  { t.unknown } -> std::same_as<UnknownFields&>;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsStringMap : std::false_type {};
template <class T>
struct IsStringMap<std::map<std::string, T>> : std::true_type {};

// Go's notion of an "empty value" for omitempty. Structs are never empty.
template <class T>
bool IsEmpty(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return !v;
  } else if constexpr (std::is_arithmetic_v<T>) {
    return v == 0;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v.empty();
  } else if constexpr (IsOptional<T>::value) {
    return !v.has_value();
  } else if constexpr (IsVector<T>::value || IsStringMap<T>::value) {
    return v.empty();
  } else {
    return false;
  }
}

template <class T>
void Read(Reader& r, T& v);

// Keeps the value of an unknown key; a key met again (kGo) replaces it.
inline void ReadUnknownKey(Reader& r, absl::string_view key, UnknownFields& unknown) {
  if (r.dialect() == Dialect::kGo) {
    for (UnknownField& f : unknown) {
      if (f.key == key) return r.ReadRaw(f.value);
    }
  }
  r.ReadUnknown(key, unknown);
}

// Records a key that is not a field name but equals one under Go's case
// folding; the caller then refuses it (kStrict: the divergence is an error),
// binds it to that field (kGo) or keeps it unknown (kLiteral).
inline void NoteCaseVariant(Reader& r, absl::string_view key, absl::string_view field_name) {
  r.Diverge(r.key_offset(), DivergenceKind::kCaseVariantKey,
            absl::StrCat("key \"", key, "\" is not the field \"", field_name, "\" but equals it under Go's case ",
                         "folding: runc and containerd (Go's encoding/json) read it as \"", field_name,
                         "\", crun and youki ignore it; runtimes disagree, so expected \"", field_name,
                         "\" exactly (or a Go-semantics reading, ocikit --go-semantics)"));
}

template <Object T>
void ReadObject(Reader& r, T& obj) {
  if (r.ConsumeNull() || !r.BeginObject()) return;
  // One walk over the fields: it reads the field named `target` and returns
  // its name, or, with `fold`, only finds the first field Go's case folding
  // (EqualFoldGo) binds `target` to. One lambda for both uses, so each struct
  // instantiates its field readers once (the codec's compile cost).
  const auto walk = [&r, &obj](absl::string_view target, bool fold) {
    absl::string_view found;  // field names are never empty
    T::Fields(obj, [&](absl::string_view name, auto& field, Emit) {
      if (!found.empty() || !(fold ? EqualFoldGo(target, name) : name == target)) return;
      found = name;
      if (!fold) Read(r, field);
    });
    return found;
  };
  absl::string_view key;
  while (r.NextKey(key)) {
    if (!walk(key, /*fold=*/false).empty()) continue;
    const absl::string_view folded = walk(key, /*fold=*/true);
    if (folded.empty()) {
      ReadUnknownKey(r, key, obj.unknown);
      continue;
    }
    NoteCaseVariant(r, key, folded);
    if (r.dialect() == Dialect::kLiteral) {
      r.ReadUnknown(key, obj.unknown);
    } else {
      walk(folded, /*fold=*/false);
    }
  }
}

// Reads `v` from the next value. A null keeps Go's meaning: it leaves scalars
// and structs unchanged and resets pointers (optional), slices and maps.
// Reading into a value that already holds data (a key met again by a kGo
// reader) also does what Go does: a pointer and the elements of a slice are
// read into, a map keeps its other keys; in the other dialects every value is
// read once, into an empty one.
template <class T>
void Read(Reader& r, T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    r.ReadBool(v);
  } else if constexpr (std::is_integral_v<T>) {
    r.ReadInteger(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    r.ReadString(v);
  } else if constexpr (std::is_same_v<T, RawJson>) {
    r.ReadRaw(v);
  } else if constexpr (IsOptional<T>::value) {
    if (r.ConsumeNull()) {
      v.reset();
    } else {
      Read(r, v.has_value() ? *v : v.emplace());
    }
  } else if constexpr (IsVector<T>::value) {
    if (r.ConsumeNull()) return v.clear();
    if (!r.BeginArray()) return;
    v.reserve(8);  // most lists are short: one allocation instead of four
    size_t n = 0;
    while (r.NextElement()) Read(r, n < v.size() ? v[n++] : (++n, v.emplace_back()));
    while (v.size() > n) v.pop_back();  // not resize(): that instantiates default-append per element type
  } else if constexpr (IsStringMap<T>::value) {
    if (r.ConsumeNull()) return v.clear();
    if (!r.BeginObject(/*is_map=*/true)) return;
    absl::string_view key;
    while (r.NextKey(key)) {
      typename T::mapped_type& value = v[std::string(key)];
      value = typename T::mapped_type();  // Go decodes a map value into a fresh one
      Read(r, value);
    }
  } else {
    static_assert(Object<T>, "model types need Fields() and `unknown`");
    ReadObject(r, v);
  }
}

template <class T>
void Write(Writer& w, const T& v);

template <Object T>
void WriteObject(Writer& w, const T& obj) {
  w.BeginObject();
  T::Fields(obj, [&](absl::string_view name, const auto& field, Emit emit) {
    if (emit == kOmitEmpty && IsEmpty(field)) return;
    w.SafeKey(name);
    Write(w, field);
  });
  w.Unknown(obj.unknown);
  w.EndObject();
}

// Writes `v` as Go would marshal the corresponding Go value.
template <class T>
void Write(Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.Bool(v);
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
    w.Uint(v);
  } else if constexpr (std::is_integral_v<T>) {
    w.Int(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.String(v);
  } else if constexpr (std::is_same_v<T, RawJson>) {
    w.Raw(v);
  } else if constexpr (IsOptional<T>::value) {
    if (v.has_value()) {
      Write(w, *v);
    } else {
      w.Null();
    }
  } else if constexpr (IsVector<T>::value) {
    w.BeginArray();
    for (const auto& e : v) Write(w, e);
    w.EndArray();
  } else if constexpr (IsStringMap<T>::value) {
    w.BeginObject();
    for (const auto& [key, value] : v) {
      w.Key(key);
      Write(w, value);
    }
    w.EndObject();
  } else {
    static_assert(Object<T>, "model types need Fields() and `unknown`");
    WriteObject(w, v);
  }
}

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_FIELDS_H_
