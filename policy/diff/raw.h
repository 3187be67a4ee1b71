// File: policy/diff/raw.h
//
// The generic part of the semantic diff: JSON values the model keeps verbatim
// (unknown fields, kept as json::RawJson in canonical compact form, and the
// solaris/windows/vm/zos/freebsd sections). Objects are compared member by
// member, whatever their order (JSON objects are unordered); arrays by
// position; numbers by value (1 and 1.0 are the same; the patch still
// writes B's spelling); anything else by its canonical text, so `1e400`
// stays `1e400`.
//
// The patch still reproduces B's member order exactly: ocikit writes unknown
// fields back in input order, so when members come in another order the
// patch removes and re-adds them (a JSON Patch "add" to an object appends in
// order-keeping implementations). Such order-only edits are not changes.
//
// Example (inside the diff walk):
//   DiffRaw(sink, loc, R"({"a":1,"b":[1,2]})", R"({"b":[1,3],"a":1})");
//   // one change: <loc>.b[1] changed 2 -> 3
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_DIFF_RAW_H_
#define OCIKIT_POLICY_DIFF_RAW_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diff/change.h"

namespace ocikit::diff_internal {

bool IsJsonSpace(char c);

size_t SkipJsonSpace(absl::string_view s, size_t pos);

// The end of the JSON value starting at `pos` (the input is valid JSON).
size_t SkipRawValue(absl::string_view s, size_t pos);

struct RawMember {
  std::string key;  // decoded
  absl::string_view value;

  bool operator==(const RawMember&) const = default;
};

// The members of a JSON object, in order.
std::vector<RawMember> RawObjectMembers(absl::string_view s);

// The elements of a JSON array, in order.
std::vector<absl::string_view> RawArrayElements(absl::string_view s);

bool IsRawContainer(absl::string_view v);

// Whether two JSON numbers have the same value, exactly (1 == 1.0 == 10e-1;
// no rounding through double). Go decodes unknown numbers to float64, so
// re-marshalled they would spell the same too. False for non-numbers.
bool JsonNumbersEqual(absl::string_view a, absl::string_view b);

void DiffRaw(Sink& sink, const Loc& loc, absl::string_view a, absl::string_view b);

// Object members of A and B by key; see the file comment for the order rule.
void DiffMembers(Sink& sink, const Loc& loc, const std::vector<RawMember>& a, const std::vector<RawMember>& b);

// Two JSON values in canonical form.
// The unknown fields of one object.
void DiffUnknown(Sink& sink, const Loc& loc, const json::UnknownFields& a, const json::UnknownFields& b);

}  // namespace ocikit::diff_internal

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/raw-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_RAW_H_
