// File: policy/diff/patch-inl.h
//
// Definitions of policy/diff/patch.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_PATCH_INL_H_
#define OCIKIT_POLICY_DIFF_PATCH_INL_H_

#include "policy/diff/patch.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <utility>
#include <nlohmann/json.hpp>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/diff/diff.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/json/raw.h"
#include "spec/json/reader.h"
#include "spec/internal/status_macros.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view PatchTypeName(PatchType type) {
  switch (type) {
    case PatchType::kAuto:
      return "auto";
    case PatchType::kJsonPatch:
      return "json-patch";
    case PatchType::kMergePatch:
      return "merge-patch";
  }
  return "";
}

OCIKIT_INLINE absl::StatusOr<PatchType> ParsePatchType(absl::string_view name) {
  for (PatchType t : {PatchType::kAuto, PatchType::kJsonPatch, PatchType::kMergePatch}) {
    if (PatchTypeName(t) == name) return t;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown patch type \"", name, "\"; expected json-patch, merge-patch or auto"));
}

namespace patch_internal {

OCIKIT_INLINE std::string Why(const nlohmann::json::exception& e) {
  absl::string_view what = e.what();
  if (const size_t close = what.find("] "); what.rfind("[json.exception.", 0) == 0 && close != absl::string_view::npos) {
    what.remove_prefix(close + 2);
  }
  return std::string(what);
}

OCIKIT_INLINE std::string WithoutPosition(absl::string_view message) {
  if (!message.empty() && message.front() == ':') {
    if (const size_t sep = message.find(": "); sep != absl::string_view::npos) message.remove_prefix(sep + 2);
  }
  return std::string(message);
}

OCIKIT_INLINE absl::Status CheckOperation(const Json& op, size_t index) {
  const std::string where = absl::StrCat("patch[", index, "]");
  if (!op.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": expected an operation object, got a JSON ", op.type_name()));
  }
  const auto it = op.find("op");
  if (it == op.end() || !it->is_string()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": missing \"op\"; expected one of add, remove, replace, move, copy, test"));
  }
  const std::string name = it->get<std::string>();
  if (name != "add" && name != "remove" && name != "replace" && name != "move" && name != "copy" && name != "test") {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": unknown op \"", name, "\"; expected one of add, remove, replace, move, copy, test"));
  }
  const auto path = op.find("path");
  if (path == op.end() || !path->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat(where, " (", name, "): missing \"path\"; expected a JSON Pointer string"));
  }
  const std::string label = absl::StrCat(where, " (", name, " \"", path->get<std::string>(), "\")");
  if ((name == "add" || name == "replace" || name == "test") && !op.contains("value")) {
    return absl::InvalidArgumentError(absl::StrCat(label, ": missing \"value\""));
  }
  if (name == "move" || name == "copy") {
    const auto from = op.find("from");
    if (from == op.end() || !from->is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(label, ": missing \"from\"; expected a JSON Pointer string"));
    }
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ApplyOperation(Json& doc, const Json& op, size_t index) {
  OCIKIT_RETURN_IF_ERROR(CheckOperation(op, index));
  const std::string name = op["op"].get<std::string>();
  const std::string path = op["path"].get<std::string>();
  const std::string label = absl::StrCat("patch[", index, "] (", name, " \"", path, "\")");
  try {
    if (name == "test") {
      const Json::json_pointer pointer(path);
      if (!doc.contains(pointer)) return absl::FailedPreconditionError(absl::StrCat(label, ": no value at that path"));
      if (doc.at(pointer) != op["value"]) {
        return absl::FailedPreconditionError(absl::StrCat(label, ": test failed: the value is ", doc.at(pointer).dump(),
                                                          ", expected ", op["value"].dump()));
      }
      return absl::OkStatus();
    }
    doc.patch_inplace(Json::array({op}));
  } catch (const nlohmann::json::parse_error& e) {  // a malformed JSON Pointer
    return absl::InvalidArgumentError(absl::StrCat(label, ": ", Why(e)));
  } catch (const nlohmann::json::exception& e) {
    return absl::FailedPreconditionError(absl::StrCat(label, ": ", Why(e)));
  }
  return absl::OkStatus();
}
OCIKIT_INLINE absl::Status CheckPatchText(absl::string_view text) {
  json::Reader reader(text);
  json::RawJson value;
  reader.ReadRaw(value);
  reader.Finish();
  if (reader.ok()) return absl::OkStatus();
  const json::ReadError& e = reader.error();
  return absl::InvalidArgumentError(absl::StrCat("patch: line ", e.line, ", column ", e.column, ": ",
                                                 e.path.empty() ? "" : absl::StrCat(e.path, ": "), e.message));
}
}  // namespace patch_internal

OCIKIT_INLINE absl::StatusOr<PatchOutcome> ApplySpecPatch(const Spec& spec, absl::string_view patch_text,
                                                   PatchType type) {
  using patch_internal::Json;
  OCIKIT_RETURN_IF_ERROR(patch_internal::CheckPatchText(patch_text));
  try {
    Json patch;
    try {
      patch = Json::parse(patch_text.begin(), patch_text.end());
    } catch (const nlohmann::json::exception& e) {
      return absl::InvalidArgumentError(absl::StrCat("patch: ", patch_internal::Why(e)));
    }
    if (type == PatchType::kAuto) {
      if (patch.is_array()) {
        type = PatchType::kJsonPatch;
      } else if (patch.is_object()) {
        type = PatchType::kMergePatch;
      } else {
        return absl::InvalidArgumentError(absl::StrCat(
            "patch: expected a JSON array (RFC 6902 JSON Patch) or object (RFC 7396 merge patch), got a JSON ",
            patch.type_name()));
      }
    }
    if (type == PatchType::kJsonPatch && !patch.is_array()) {
      return absl::InvalidArgumentError(
          absl::StrCat("patch: expected a JSON array of operations (RFC 6902), got a JSON ", patch.type_name()));
    }

    // Refuse values nlohmann would round rather than change them unseen.
    constexpr absl::string_view kNumberLimit =
        "; nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way";
    Json doc;
    try {
      doc = Json::parse(Marshal(spec));
    } catch (const nlohmann::json::exception& e) {
      return absl::UnimplementedError(
          absl::StrCat("the spec holds a number the patch engine cannot keep exactly (", patch_internal::Why(e), ")",
                       kNumberLimit));
    }
    if (absl::StatusOr<Spec> same = ParseSpec(doc.dump()); !same.ok() || !(*same == spec)) {
      std::string where = "an unknown field";
      if (same.ok()) {
        const SpecDiff d = DiffSpecs(spec, *same);
        if (!d.changes.empty()) {
          where = absl::StrCat(d.changes.front().path.ToString(), " (", d.changes.front().old_value, ")");
        }
      }
      return absl::UnimplementedError(
          absl::StrCat("the spec holds a number the patch engine cannot keep exactly at ", where, kNumberLimit));
    }

    if (type == PatchType::kJsonPatch) {
      for (size_t i = 0; i < patch.size(); ++i) {
        OCIKIT_RETURN_IF_ERROR(patch_internal::ApplyOperation(doc, patch[i], i));
      }
    } else {
      doc.merge_patch(patch);
    }
    if (!doc.is_object()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the patched document is not a valid config.json: expected an object, got a JSON ", doc.type_name()));
    }
    absl::StatusOr<Spec> result = ParseSpec(doc.dump(), "");
    if (!result.ok()) {
      return absl::FailedPreconditionError(absl::StrCat("the patched document is not a valid config.json: ",
                                                        patch_internal::WithoutPosition(result.status().message())));
    }
    PatchOutcome out;
    out.spec = *std::move(result);
    out.type = type;
    return out;
  } catch (const nlohmann::json::exception& e) {
    return absl::InternalError(absl::StrCat("patch: ", patch_internal::Why(e)));
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_PATCH_INL_H_
