// File: policy/diff/test_util.h
//
// For tests of the semantic diff: applies a JSON Patch with nlohmann/json (an
// independent RFC 6902 implementation) to A's canonical JSON and returns the
// result written canonically, to compare with Marshal(B) byte for byte.
//
// Example:
//   SpecDiff d = DiffSpecs(a, b);
//   EXPECT_EQ(*ApplyPatchWithNlohmann(a, FormatJsonPatch(d.patch)), Marshal(b));
#ifndef OCIKIT_POLICY_DIFF_TEST_UTIL_H_
#define OCIKIT_POLICY_DIFF_TEST_UTIL_H_

#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/codec.h"
#include "spec/internal/status_macros.h"

namespace ocikit::testing {

// Marshal(ParseSpec(patch applied to Marshal(a))). The patch is applied to an
// order-keeping document, so unknown fields come out in the patched order.
inline absl::StatusOr<std::string> ApplyPatchWithNlohmann(const Spec& a, absl::string_view patch_text) {
  try {
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(Marshal(a));
    const nlohmann::ordered_json patch = nlohmann::ordered_json::parse(patch_text.begin(), patch_text.end());
    doc.patch_inplace(patch);
    OCIKIT_ASSIGN_OR_RETURN(Spec got, ParseSpec(doc.dump(), "patched"));
    return Marshal(got);
  } catch (const nlohmann::json::exception& e) {
    return absl::InternalError(absl::StrCat("nlohmann: ", e.what()));
  }
}

// Whether two JSON texts are equal as JSON values (object member order
// ignored), by nlohmann.
inline bool SameJsonValue(absl::string_view x, absl::string_view y) {
  const nlohmann::json a = nlohmann::json::parse(x.begin(), x.end(), nullptr, false);
  const nlohmann::json b = nlohmann::json::parse(y.begin(), y.end(), nullptr, false);
  return !a.is_discarded() && !b.is_discarded() && a == b;
}

}  // namespace ocikit::testing

#endif  // OCIKIT_POLICY_DIFF_TEST_UTIL_H_
