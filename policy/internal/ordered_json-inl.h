// File: policy/internal/ordered_json-inl.h
//
// Definitions of policy/internal/ordered_json.h: included by it in
// header-only mode (the default); compiled once into its library when
// OCIKIT_COMPILED_LIB is defined (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_INTERNAL_ORDERED_JSON_INL_H_
#define OCIKIT_POLICY_INTERNAL_ORDERED_JSON_INL_H_

#include "policy/internal/ordered_json.h"
#include "spec/internal/compile_mode.h"
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace ocikit {
namespace internal {

OCIKIT_INLINE void AppendNewMember(nlohmann::ordered_json& object, std::string key, nlohmann::ordered_json value) {
  using Members = nlohmann::ordered_json::object_t::Container;  // the vector under ordered_map
  static_cast<Members&>(object.get_ref<nlohmann::ordered_json::object_t&>()).emplace_back(std::move(key), std::move(value));
}

namespace ordered_json_internal {

using Json = nlohmann::ordered_json;

// An object being read: its members' places, indexed once it is large
// enough for a linear search to cost more than the index.
class OpenObject {
 public:
  explicit OpenObject(Json& object) : members_(&static_cast<Members&>(object.get_ref<Json::object_t&>())) {}

  // Where the value of `key` goes: a new member, or a repeated key's place
  // (its value then replaced, as nlohmann does).
  Json* Member(std::string key) {
    if (const size_t i = Find(key); i != kNone) return &(*members_)[i].second;
    if (index_ != nullptr) index_->emplace(key, members_->size());
    members_->emplace_back(std::move(key), nullptr);
    if (index_ == nullptr && members_->size() > kLinear) BuildIndex();
    return &members_->back().second;
  }

 private:
  using Members = Json::object_t::Container;
  static constexpr size_t kNone = static_cast<size_t>(-1);
  static constexpr size_t kLinear = 16;

  size_t Find(const std::string& key) const {
    if (index_ != nullptr) {
      const auto it = index_->find(key);
      return it == index_->end() ? kNone : it->second;
    }
    for (size_t i = 0; i < members_->size(); ++i) {
      if ((*members_)[i].first == key) return i;
    }
    return kNone;
  }
  void BuildIndex() {
    index_ = std::make_unique<absl::flat_hash_map<std::string, size_t>>();
    for (size_t i = 0; i < members_->size(); ++i) index_->emplace((*members_)[i].first, i);
  }

  Members* members_;
  std::unique_ptr<absl::flat_hash_map<std::string, size_t>> index_;
};

// nlohmann's SAX interface, building the document as its own DOM builder
// does, but finding keys through OpenObject.
class Builder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  explicit Builder(Json& root) : root_(root) {}

  bool null() { return Put(nullptr); }
  bool boolean(bool v) { return Put(v); }
  bool number_integer(number_integer_t v) { return Put(v); }
  bool number_unsigned(number_unsigned_t v) { return Put(v); }
  bool number_float(number_float_t v, const string_t& /*text*/) { return Put(v); }
  bool string(string_t& v) { return Put(std::move(v)); }
  bool binary(binary_t& v) { return Put(Json::binary(std::move(v))); }
  bool key(string_t& k) {
    member_ = objects_.back().Member(std::move(k));
    return true;
  }
  bool start_object(std::size_t /*size*/) {
    Json* object = Place(Json::object());
    open_.push_back(object);
    objects_.emplace_back(*object);
    return true;
  }
  bool end_object() {
    objects_.pop_back();
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) {
    open_.push_back(Place(Json::array()));
    return true;
  }
  bool end_array() {
    open_.pop_back();
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& e) {
    throw e;
  }

 private:
  // Puts `v` where the parser is (the root, the next element of the open
  // array, or the member of the last key) and returns where it went. An open
  // container stays where it is while it is filled: only it grows.
  Json* Place(Json v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    if (open_.back()->is_array()) {
      auto& elements = open_.back()->get_ref<Json::array_t&>();
      elements.push_back(std::move(v));
      return &elements.back();
    }
    *member_ = std::move(v);
    return member_;
  }
  bool Put(Json v) {
    Place(std::move(v));
    return true;
  }

  Json& root_;
  std::vector<Json*> open_;          // the open containers, innermost last
  std::vector<OpenObject> objects_;  // the open objects, innermost last
  Json* member_ = nullptr;           // the value of the last key read
};

}  // namespace ordered_json_internal

OCIKIT_INLINE nlohmann::ordered_json ParseOrderedJson(absl::string_view text) {
  nlohmann::ordered_json out;
  ordered_json_internal::Builder builder(out);
  nlohmann::ordered_json::sax_parse(text.begin(), text.end(), &builder);
  return out;
}

}  // namespace internal
}  // namespace ocikit

#endif  // OCIKIT_POLICY_INTERNAL_ORDERED_JSON_INL_H_
