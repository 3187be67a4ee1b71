// File: spec/json/field_list.h
//
// What a model struct's field list is made of, and nothing more: the Emit
// rule of each field (Go's omitempty) and the UnknownFields that keep keys
// the model does not know. The model headers (spec/config.h, ...) include
// only this; the reading and writing of field lists is spec/json/fields.h,
// which the codec includes.
//
// Example:
//   struct Root {
//     std::string path;
//     json::UnknownFields unknown;
//     template <class Self, class Visit>
//     static void Fields(Self& self, Visit&& visit) { visit("path", self.path, json::kAlways); }
//   };
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_JSON_FIELD_LIST_H_
#define OCIKIT_SPEC_JSON_FIELD_LIST_H_

#include "spec/json/raw.h"

namespace ocikit::json {

// Go's `omitempty`: whether a field is left out when it holds its zero value.
enum Emit { kAlways, kOmitEmpty };

}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_FIELD_LIST_H_
