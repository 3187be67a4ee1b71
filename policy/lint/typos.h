// File: policy/lint/typos.h
//
// Unknown fields (TYPO301-TYPO303). The runtime-spec tells runtimes to ignore
// properties they do not know, so a misspelt key (`rootPropagation` for
// `rootfsPropagation`, runtime-tools #317) silently does nothing. The codec
// keeps every unknown key in the `unknown` list of its object; this walks
// those lists and suggests the closest known key of the same object (field
// catalog KnownKeys/SuggestKey).
//
//   TYPO301  unknown field; with a "did you mean" when a known key is close.
//            A key that reads as a vendor extension ("x-..." or dotted,
//            reverse-domain style) is only info.
//   TYPO302  a key equal to a known one under Go's case folding ("Process",
//            "proce\u017fs"): Go's encoding/json (runc, containerd) applies it,
//            crun and youki ignore it. An error in every profile; the
//            linter then also judges the file as Go reads it
//            (policy/lint/lint.h). No hint says such a key is ignored.
//   TYPO303  a field the declared version no longer has (intelRdt.enableCMT
//            and enableMBM, removed in 1.3.0).
// TYPO301 and TYPO303 become errors with --strict. The platform sections kept verbatim
// (windows, solaris, vm, zos, freebsd) are not looked into.
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_TYPOS_H_
#define OCIKIT_POLICY_LINT_TYPOS_H_

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

// The known key of `object` that Go's encoding/json binds `key` to when it
// is not a known key itself (json::EqualFoldGo); empty when none.
absl::string_view GoFoldedKey(absl::string_view object, absl::string_view key);

// "x-vendor", "X-Foo", "com.example.key": keys that name an extension, not a typo.
bool LooksLikeVendorKey(absl::string_view key);

}  // namespace internal

// CheckUnknownFields()
//
// Reports every unknown key of every model object.
void CheckUnknownFields(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/typos-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_TYPOS_H_
