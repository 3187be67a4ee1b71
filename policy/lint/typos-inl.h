// File: policy/lint/typos-inl.h
//
// Definitions of policy/lint/typos.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_TYPOS_INL_H_
#define OCIKIT_POLICY_LINT_TYPOS_INL_H_

#include "policy/lint/typos.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <type_traits>
#include <vector>
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/lint/versions.h"
#include "policy/lint/walk.h"
#include "spec/config.h"
#include "spec/field_catalog.h"
#include "spec/json/encoding.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE absl::string_view GoFoldedKey(absl::string_view object, absl::string_view key) {
  for (const absl::string_view known : KnownKeys(object)) {
    if (json::EqualFoldGo(key, known)) return known;
  }
  return {};
}

OCIKIT_INLINE bool LooksLikeVendorKey(absl::string_view key) {
  return absl::StartsWithIgnoreCase(key, "x-") || (key.find('.') != absl::string_view::npos && key.size() > 3);
}
}  // namespace internal

OCIKIT_INLINE void CheckUnknownFields(const internal::LintContext& ctx) {
  if (!ctx.On(rules::kUnknownField) && !ctx.On(rules::kFieldCaseMismatch) && !ctx.On(rules::kRemovedField)) return;
  internal::ForEachObject(ctx.spec, nullptr, [&](const auto& obj, const internal::LintPathNode* node) {
    if (obj.unknown.empty()) return;
    const FieldPath object_path = internal::ToFieldPath(node);
    const std::string pattern = object_path.Pattern();
    for (const json::UnknownField& field : obj.unknown) {
      const FieldPath path = object_path.Field(field.key);
      if (pattern == "linux.intelRdt" && (field.key == "enableCMT" || field.key == "enableMBM")) {
        if (ctx.version.AtLeast(1, 3, 0)) {
          ctx.Report(rules::kRemovedField, path,
                     absl::StrCat("removed in runtime-spec 1.3.0, and ociVersion is ", internal::LintQuote(ctx.spec.oci_version),
                                  "; expected enableMonitoring"));
        } else if (!internal::FieldsVersion(ctx.version).AtLeast(1, 1, 0)) {
          internal::ReportNewer(ctx, path, "the field", "1.1.0", false);
        }
        continue;
      }
      const absl::string_view folded = internal::GoFoldedKey(pattern, field.key);
      if (!folded.empty()) {
        ctx.Report(rules::kFieldCaseMismatch, path,
                   absl::StrCat("key ", internal::LintQuote(field.key), " is not the field ",
                                internal::LintQuote(folded),
                                " but runc and containerd (Go's encoding/json, case folding) apply it as ",
                                internal::LintQuote(folded), ", while crun and youki ignore it; expected ",
                                internal::LintQuote(folded), " exactly"));
        continue;
      }
      const absl::string_view suggestion = SuggestKey(pattern, field.key);
      if (internal::LooksLikeVendorKey(field.key)) {
        ctx.Report(rules::kUnknownField, path,
                   absl::StrCat("unknown field ", internal::LintQuote(field.key),
                                " (a vendor extension?); runtimes ignore it; expected vendor data in annotations"),
                   LintSeverity::kInfo);
      } else if (!suggestion.empty()) {
        ctx.Report(rules::kUnknownField, path,
                   absl::StrCat("unknown field ", internal::LintQuote(field.key), "; did you mean ",
                                internal::LintQuote(suggestion), "?"));
      } else {
        std::string known;
        for (const absl::string_view k : KnownKeys(pattern)) absl::StrAppend(&known, known.empty() ? "" : ", ", k);
        ctx.Report(rules::kUnknownField, path,
                   absl::StrCat("unknown field ", internal::LintQuote(field.key), "; runtimes ignore it; expected one of ",
                                known.empty() ? std::string("no other field here") : known));
      }
    }
  });
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_TYPOS_INL_H_
