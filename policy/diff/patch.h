// File: policy/diff/patch.h
//
// Applying a patch to a spec: an RFC 6902 JSON Patch (an array of
// operations) or an RFC 7396 merge patch (an object that mirrors the
// document; null deletes). The type is detected from the patch's top-level
// value unless given. It is applied to the spec's canonical JSON (with member
// order kept) in time O((n + k) log n) for k operations on n values
// (policy/diff/patch_document.h), and the result must parse as a config.json
// (spec/codec.h), so a patch can never produce a spec ocikit would not read.
//
// The patch text is read as strictly as a config.json (spec/json/reader.h):
// duplicate keys, a byte order mark, invalid UTF-8 or trailing data are an
// InvalidArgument error with the line and column, and raw input bytes are
// never echoed in messages.
//
// Nothing is applied unless everything is: on failure the spec is unchanged
// and the error names the operation and why, e.g.
//   patch[2] (remove "/process/env/7"): array index 7 is out of range
//   the patched document is not a valid config.json: process.rlimits[0].hard:
//   expected an unsigned 64-bit integer, got -1
//
// nlohmann/json keeps numbers as 64-bit integers or doubles. A spec whose
// unknown fields hold numbers it cannot keep exactly (1e400, 1.5e3, integers
// beyond 64 bits) is refused with Unimplemented naming the first such place,
// instead of being silently rounded; so is a patch holding such a number
// (0e400 too, which nlohmann would write as 0.0).
//
// Status codes: InvalidArgument for a patch that is not JSON or not a patch
// (an operation without "op" or "path"), FailedPrecondition for a patch that
// does not apply (missing path, failed test, invalid result), Unimplemented
// for the number limit above.
//
// Example:
//   absl::StatusOr<PatchOutcome> out = ApplySpecPatch(spec, R"({"hostname":"web"})");
//   out->spec.hostname;  // "web"; out->type == PatchType::kMergePatch
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_DIFF_PATCH_H_
#define OCIKIT_POLICY_DIFF_PATCH_H_

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/diff/patch_document.h"
#include "spec/config.h"

namespace ocikit {

enum class PatchType { kAuto, kJsonPatch, kMergePatch };

// The member order of ApplyPatchToText's text.
enum class MemberOrder {
  // As ocikit writes specs: each object's known members in Go's order, its
  // unknown ones after them (`ocikit patch`).
  kGo,
  // As the input had them: every member the input had stays where it was
  // (its value changed in place); members it did not have come after them,
  // in Go's order (`ocikit-runtime`'s rewrite of an engine's file).
  kInput,
};

// "json-patch" or "merge-patch" ("auto" for kAuto).
absl::string_view PatchTypeName(PatchType type);

// "json-patch", "merge-patch" or "auto".
absl::StatusOr<PatchType> ParsePatchType(absl::string_view name);

struct PatchOutcome {
  Spec spec;
  PatchType type = PatchType::kAuto;  // the type applied (detected or given)
  std::string text;                   // ApplyPatchToText: the patched document, no final newline
};

namespace json {
class Writer;
}  // namespace json

namespace patch_internal {

// A codec error without its "<source>:<line>:<column>: " prefix: the
// position in a document nobody sees would not help.
std::string WithoutPosition(absl::string_view message);

absl::Status CheckOperation(const Json& op, size_t index);
// The patch text read as strictly as a config.json; errors name line and column.
absl::Status CheckPatchText(absl::string_view text);

// Runs one operation, checked by CheckOperation (errors without its label).
absl::Status RunOperation(PatchDocument& doc, const Json& op, const std::string& name, const std::string& path);
// Applies operation `index` to `doc` in place.
absl::Status ApplyOperation(PatchDocument& doc, const Json& op, size_t index);

absl::StatusOr<Json> ParsePatch(absl::string_view patch_text, PatchType& type);
absl::StatusOr<Json> LoadDocument(absl::string_view text, const Spec& spec);
// Applies `patch` to `doc` (replaced by the result) and reads it as a spec.
absl::StatusOr<Spec> ApplyToDocument(Json& doc, const Json& patch, PatchType type);
// The members of an object by key: ordered_json finds one by linear search.
absl::flat_hash_map<absl::string_view, const Json*> MembersByKey(const Json& object);
void WriteDocument(json::Writer& w, const Json& v);
Json InGoOrder(const Json& canonical, const Json& patched);
Json InInputOrder(const Json& canonical, const Json& patched);
Json RestoreDropped(const Json& canonical, const Json& patched, MemberOrder order);
// indent < 0: no text output (ApplySpecPatch).
absl::StatusOr<PatchOutcome> Apply(const Spec& spec, absl::string_view text, absl::string_view patch_text,
                                   PatchType type, int indent, MemberOrder order);

}  // namespace patch_internal

// Applies `patch_text` to `spec`; see the file comment.
absl::StatusOr<PatchOutcome> ApplySpecPatch(const Spec& spec, absl::string_view patch_text,
                                                   PatchType type = PatchType::kAuto);

// Applies `patch_text` to the config.json `text` (read strictly, errors
// prefixed with `source`) and also returns the patched document as text, in
// Go's layout with `indent` spaces (0: compact). It is the spec as ocikit
// writes it (Go's escaping; the member order `order` says) plus what the
// input had and the model drops: empty arrays and objects
// (`"inheritable": []`) and nulls, each after the member it followed
// (kGo) or where it was (kInput).
absl::StatusOr<PatchOutcome> ApplyPatchToText(absl::string_view text, absl::string_view patch_text, PatchType type,
                                              int indent, absl::string_view source = "config.json",
                                              MemberOrder order = MemberOrder::kGo);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/patch-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_PATCH_H_
