// File: policy/diff/patch-inl.h
//
// Definitions of policy/diff/patch.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_PATCH_INL_H_
#define OCIKIT_POLICY_DIFF_PATCH_INL_H_

#include "policy/diff/patch.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/diff/diff.h"
#include "policy/internal/ordered_json.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/json/raw.h"
#include "spec/json/reader.h"
#include "spec/json/writer.h"
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

// Runs one operation (checked by CheckOperation) on `doc`.
OCIKIT_INLINE absl::Status RunOperation(PatchDocument& doc, const Json& op, const std::string& name,
                                        const std::string& path) {
  if (name == "add") return doc.Add(path, op["value"]);
  if (name == "remove") return doc.Remove(path);
  if (name == "replace") return doc.Replace(path, op["value"]);
  if (name == "move") return doc.Move(op["from"].get_ref<const std::string&>(), path);
  if (name == "copy") return doc.Copy(op["from"].get_ref<const std::string&>(), path);
  absl::StatusOr<Json> value = doc.Get(path);
  if (absl::IsFailedPrecondition(value.status())) return absl::FailedPreconditionError("no value at that path");
  OCIKIT_RETURN_IF_ERROR(value.status());
  if (*value != op["value"]) {
    return absl::FailedPreconditionError(
        absl::StrCat("test failed: the value is ", value->dump(), ", expected ", op["value"].dump()));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ApplyOperation(PatchDocument& doc, const Json& op, size_t index) {
  OCIKIT_RETURN_IF_ERROR(CheckOperation(op, index));
  const std::string& name = op["op"].get_ref<const std::string&>();
  const std::string& path = op["path"].get_ref<const std::string&>();
  const absl::Status status = RunOperation(doc, op, name, path);
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat("patch[", index, "] (", name, " \"", path, "\"): ", status.message()));
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

// What ends every refusal of a number nlohmann/json would respell.
inline constexpr absl::string_view kNumberLimit =
    "; nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way";

// The number tokens of `text`, JSON that CheckPatchText accepted, in order.
// Hand-written rather than through nlohmann's SAX interface, which gives the
// text of floats only: outside strings, a number is a run that starts with
// '-' or a digit and goes on over [-+.0-9eE].
OCIKIT_INLINE std::vector<absl::string_view> NumberTokens(absl::string_view text) {
  std::vector<absl::string_view> tokens;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) i += text[i] == '\\' ? 1 : 0;
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t end = text.find_first_not_of("-+.0123456789eE", i);
      tokens.push_back(text.substr(i, end == absl::string_view::npos ? absl::string_view::npos : end - i));
      i += tokens.back().size();
    } else {
      ++i;
    }
  }
  return tokens;
}

// Refuses a patch holding a number nlohmann/json would not write back as
// given (0e400, 1.5e3, integers beyond 64 bits): the patched spec would carry
// another spelling or value than the patch says.
OCIKIT_INLINE absl::Status CheckPatchNumbers(absl::string_view text) {
  for (const absl::string_view token : NumberTokens(text)) {
    std::string kept;
    try {
      kept = Json::parse(token.begin(), token.end()).dump();
    } catch (const nlohmann::json::exception& e) {
      return absl::UnimplementedError(
          absl::StrCat("patch: the patch engine cannot keep the number ", token, " (", Why(e), ")", kNumberLimit));
    }
    if (kept != token) {
      return absl::UnimplementedError(
          absl::StrCat("patch: the patch engine would write the number ", token, " as ", kept, kNumberLimit));
    }
  }
  return absl::OkStatus();
}
}  // namespace patch_internal

namespace patch_internal {

// Parses the patch and settles its type (detected from the top-level value
// unless given).
OCIKIT_INLINE absl::StatusOr<Json> ParsePatch(absl::string_view patch_text, PatchType& type) {
  OCIKIT_RETURN_IF_ERROR(CheckPatchText(patch_text));
  OCIKIT_RETURN_IF_ERROR(CheckPatchNumbers(patch_text));
  Json patch;
  try {
    patch = internal::ParseOrderedJson(patch_text);
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("patch: ", Why(e)));
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
  return patch;
}

// `text` (the JSON of `spec`) as an nlohmann document, refusing values
// nlohmann would round rather than change them unseen.
OCIKIT_INLINE absl::StatusOr<Json> LoadDocument(absl::string_view text, const Spec& spec) {
  Json doc;
  try {
    doc = internal::ParseOrderedJson(text);
  } catch (const nlohmann::json::exception& e) {
    return absl::UnimplementedError(absl::StrCat("the spec holds a number the patch engine cannot keep exactly (",
                                                 Why(e), ")", kNumberLimit));
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
  return doc;
}

// Applies `patch` to `doc` and reads the result back as a spec.
OCIKIT_INLINE absl::StatusOr<Spec> ApplyToDocument(Json& doc, const Json& patch, PatchType type) {
  PatchDocument working(doc);
  if (type == PatchType::kJsonPatch) {
    for (size_t i = 0; i < patch.size(); ++i) OCIKIT_RETURN_IF_ERROR(ApplyOperation(working, patch[i], i));
  } else {
    working.MergePatch(patch);
  }
  doc = working.ToJson();
  if (!doc.is_object()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the patched document is not a valid config.json: expected an object, got a JSON ", doc.type_name()));
  }
  absl::StatusOr<Spec> result = ParseSpec(doc.dump(), "");
  if (!result.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the patched document is not a valid config.json: ", WithoutPosition(result.status().message())));
  }
  return result;
}

// Writes an nlohmann value with the codec's writer: Go's escaping and layout.
OCIKIT_INLINE void WriteDocument(json::Writer& w, const Json& v) {
  if (v.is_object()) {
    w.BeginObject();
    for (const auto& [key, member] : v.items()) {
      w.Key(key);
      WriteDocument(w, member);
    }
    w.EndObject();
  } else if (v.is_array()) {
    w.BeginArray();
    for (const Json& e : v) WriteDocument(w, e);
    w.EndArray();
  } else if (v.is_string()) {
    w.String(v.get_ref<const std::string&>());
  } else if (v.is_boolean()) {
    w.Bool(v.get<bool>());
  } else if (v.is_null()) {
    w.Null();
  } else if (v.is_number_unsigned()) {
    w.Uint(v.get<uint64_t>());
  } else if (v.is_number_integer()) {
    w.Int(v.get<int64_t>());
  } else {
    w.Raw(json::RawJson{v.dump()});  // a double LoadDocument checked nlohmann keeps as written
  }
}

OCIKIT_INLINE absl::flat_hash_map<absl::string_view, const Json*> MembersByKey(const Json& object) {
  absl::flat_hash_map<absl::string_view, const Json*> by_key;
  by_key.reserve(object.size());
  for (auto it = object.begin(); it != object.end(); ++it) by_key.emplace(it.key(), &it.value());
  return by_key;
}

// An object of `canonical` (the patched spec as ocikit writes it: Go's
// member order) with the members the model dropped from `patched` put back:
// empty arrays and objects and nulls. Each goes right after the member it
// followed in `patched` (or first).
OCIKIT_INLINE Json InGoOrder(const Json& canonical, const Json& patched) {
  const absl::flat_hash_map<absl::string_view, const Json*> in_canonical = MembersByKey(canonical);
  const absl::flat_hash_map<absl::string_view, const Json*> in_patched = MembersByKey(patched);
  // The dropped members: those before every kept member, and the others by
  // the kept member they follow.
  std::vector<absl::string_view> leading;
  absl::flat_hash_map<absl::string_view, std::vector<absl::string_view>> after;
  std::optional<absl::string_view> anchor;
  for (auto it = patched.begin(); it != patched.end(); ++it) {
    if (in_canonical.contains(it.key())) {
      anchor = it.key();
    } else {
      (anchor ? after[*anchor] : leading).push_back(it.key());
    }
  }
  Json out = Json::object();
  const auto put_dropped = [&out, &in_patched](const std::vector<absl::string_view>& keys) {
    for (const absl::string_view d : keys) internal::AppendNewMember(out, std::string(d), *in_patched.at(d));
  };
  put_dropped(leading);
  for (auto it = canonical.begin(); it != canonical.end(); ++it) {
    const auto p = in_patched.find(it.key());
    internal::AppendNewMember(out, it.key(), p == in_patched.end() ? it.value() : RestoreDropped(it.value(), *p->second, MemberOrder::kGo));
    if (const auto a = after.find(it.key()); a != after.end()) put_dropped(a->second);
  }
  return out;
}

// An object of `canonical` in `patched`'s member order (the input's: a
// patch changes values in place and appends what it adds), each member
// valued as in `canonical`, or as in `patched` for what the model dropped;
// then the members only `canonical` has, in its (Go's) order.
OCIKIT_INLINE Json InInputOrder(const Json& canonical, const Json& patched) {
  const absl::flat_hash_map<absl::string_view, const Json*> in_canonical = MembersByKey(canonical);
  Json out = Json::object();
  for (auto it = patched.begin(); it != patched.end(); ++it) {
    const auto c = in_canonical.find(it.key());
    internal::AppendNewMember(out, it.key(), c == in_canonical.end() ? it.value() : RestoreDropped(*c->second, it.value(), MemberOrder::kInput));
  }
  const absl::flat_hash_map<absl::string_view, const Json*> in_patched = MembersByKey(patched);
  for (auto it = canonical.begin(); it != canonical.end(); ++it) {
    if (!in_patched.contains(it.key())) internal::AppendNewMember(out, it.key(), it.value());
  }
  return out;
}

// `canonical` with what the model dropped from `patched` put back, in
// `order` (InGoOrder, InInputOrder). Arrays pair element by element: the
// model keeps every element, so both have the same length.
OCIKIT_INLINE Json RestoreDropped(const Json& canonical, const Json& patched, MemberOrder order) {
  if (canonical.is_array() && patched.is_array() && canonical.size() == patched.size()) {
    Json out = Json::array();
    for (size_t i = 0; i < canonical.size(); ++i) out.push_back(RestoreDropped(canonical[i], patched[i], order));
    return out;
  }
  if (!canonical.is_object() || !patched.is_object()) return canonical;
  return order == MemberOrder::kGo ? InGoOrder(canonical, patched) : InInputOrder(canonical, patched);
}

// A patch run in one of two ways (see ApplySpecPatch and ApplyPatchToText).
OCIKIT_INLINE absl::StatusOr<PatchOutcome> Apply(const Spec& spec, absl::string_view text, absl::string_view patch_text,
                                                 PatchType type, int indent, MemberOrder order) {
  OCIKIT_ASSIGN_OR_RETURN(const Json patch, ParsePatch(patch_text, type));
  OCIKIT_ASSIGN_OR_RETURN(Json doc, LoadDocument(text, spec));
  PatchOutcome out;
  OCIKIT_ASSIGN_OR_RETURN(out.spec, ApplyToDocument(doc, patch, type));
  out.type = type;
  if (indent >= 0) {
    json::Writer w(out.text, indent);
    WriteDocument(w, RestoreDropped(internal::ParseOrderedJson(Marshal(out.spec)), doc, order));
  }
  return out;
}
}  // namespace patch_internal

OCIKIT_INLINE absl::StatusOr<PatchOutcome> ApplySpecPatch(const Spec& spec, absl::string_view patch_text,
                                                          PatchType type) {
  try {
    return patch_internal::Apply(spec, Marshal(spec), patch_text, type, /*indent=*/-1, MemberOrder::kGo);
  } catch (const nlohmann::json::exception& e) {
    return absl::InternalError(absl::StrCat("patch: ", patch_internal::Why(e)));
  }
}

OCIKIT_INLINE absl::StatusOr<PatchOutcome> ApplyPatchToText(absl::string_view text, absl::string_view patch_text,
                                                            PatchType type, int indent, absl::string_view source,
                                                            MemberOrder order) {
  OCIKIT_ASSIGN_OR_RETURN(const Spec spec, ParseSpec(text, source));
  try {
    return patch_internal::Apply(spec, text, patch_text, type, indent < 0 ? 0 : indent, order);
  } catch (const nlohmann::json::exception& e) {
    return absl::InternalError(absl::StrCat("patch: ", patch_internal::Why(e)));
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_PATCH_INL_H_
