// File: policy/internal/ordered_json.h
//
// nlohmann::ordered_json in linear time. ordered_json keeps an object's
// members in a vector and finds a key by linear search, so its own parse
// (which looks up every key it reads) and its insertion cost O(n) per member:
// O(n^2) for an object of n members. A seccomp profile with 50,000 unknown
// keys (800 KB) took 19 s to load; a 16 MiB one would not have finished.
//
// Example:
//   nlohmann::ordered_json doc = internal::ParseOrderedJson(R"({"b":1,"a":2})");
//   internal::AppendNewMember(doc, "c", 3);  // {"b":1,"a":2,"c":3}
//
// Dependencies: absl_hash absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_INTERNAL_ORDERED_JSON_H_
#define OCIKIT_POLICY_INTERNAL_ORDERED_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/string_view.h"

namespace ocikit {
namespace internal {

// What nlohmann::ordered_json::parse(text) returns, in O(n): a key given
// twice keeps its first place and its last value. Throws what that parse
// throws (nlohmann::json::parse_error, out_of_range).
nlohmann::ordered_json ParseOrderedJson(absl::string_view text);

// Appends a member that `object` (an object) does not have, in O(1).
void AppendNewMember(nlohmann::ordered_json& object, std::string key, nlohmann::ordered_json value);

}  // namespace internal
}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/internal/ordered_json-inl.h"
#endif

#endif  // OCIKIT_POLICY_INTERNAL_ORDERED_JSON_H_
