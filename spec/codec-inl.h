// File: spec/codec-inl.h
//
// Definitions of spec/codec.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_CODEC_INL_H_
#define OCIKIT_SPEC_CODEC_INL_H_

#include "spec/codec.h"
#include "spec/internal/compile_mode.h"
#include <cmath>
#include <cstdlib>
#include <string>
#include "absl/strings/string_view.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/json/fields.h"
#include "spec/json/reader.h"
#include "spec/json/writer.h"

namespace ocikit {

namespace internal {

// A number without leading zeros ("0", "12") at the start of `s`, consumed.
OCIKIT_INLINE bool ConsumeVersionNumber(absl::string_view& s) {
  size_t n = 0;
  while (n < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n == 0 || (n > 1 && s[0] == '0')) return false;
  s.remove_prefix(n);
  return true;
}

// An optional `sep` followed by one or more of [0-9A-Za-z.-], consumed.
OCIKIT_INLINE bool ConsumeVersionSuffix(absl::string_view& s, char sep) {
  if (s.empty() || s[0] != sep) return true;
  size_t n = 1;
  while (n < s.size() && (absl::ascii_isalnum(static_cast<unsigned char>(s[n])) || s[n] == '.' || s[n] == '-')) ++n;
  if (n == 1) return false;
  s.remove_prefix(n);
  return true;
}

}  // namespace internal

// 1\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?,
// matched by hand rather than with RE2: for one pattern, RE2 would cost every
// codec user its headers (compile time) and its library (link line); the
// codec depends on Abseil alone.
OCIKIT_INLINE bool IsSupportedOciVersion(absl::string_view version) {
  absl::string_view s = version;
  return absl::ConsumePrefix(&s, "1.") && internal::ConsumeVersionNumber(s) && absl::ConsumePrefix(&s, ".") &&
         internal::ConsumeVersionNumber(s) && internal::ConsumeVersionSuffix(s, '-') &&
         internal::ConsumeVersionSuffix(s, '+') && s.empty();
}

OCIKIT_INLINE void internal::ReadSpecDocument(json::Reader& reader, Spec& spec) {
  if (reader.ConsumeNull()) {
    reader.Fail("expected a config.json object, got null");
  } else {
    json::ReadObject(reader, spec);
  }
  reader.Finish();
}

// Scans the canonical compact text of credentialSpec: a number is a token
// that starts with '-' or a digit outside strings.
OCIKIT_INLINE std::string internal::NumberGoRejects(const Spec& spec) {
  if (!spec.windows.has_value()) return "";
  json::Reader reader(spec.windows->text, json::Dialect::kLiteral);
  json::RawJson credential_spec;
  absl::string_view key;
  if (!reader.BeginObject()) return "";
  while (reader.NextKey(key)) {
    if (key == "credentialSpec") {
      reader.ReadRaw(credential_spec);
    } else {
      json::RawJson ignored;
      reader.ReadRaw(ignored);
    }
  }
  const absl::string_view text = credential_spec.text;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) i += text[i] == '\\' ? 1 : 0;
      continue;
    }
    if (c != '-' && !absl::ascii_isdigit(static_cast<unsigned char>(c))) continue;
    size_t end = i;
    while (end < text.size() && absl::string_view("0123456789.eE+-").find(text[end]) != absl::string_view::npos) ++end;
    const std::string token(text.substr(i, end - i));
    const double value = std::strtod(token.c_str(), nullptr);
    if (std::isinf(value)) return absl::StrCat("windows.credentialSpec: ", token);
    i = end - 1;
  }
  return "";
}

OCIKIT_INLINE absl::StatusOr<Spec> ParseSpec(absl::string_view text, absl::string_view source) {
  return ParseSpec(text, source, ParseOptions());
}

OCIKIT_INLINE absl::Status internal::CheckParsedSpec(const json::Reader& reader, const Spec& spec,
                                                    absl::string_view source) {
  if (!reader.ok()) return reader.status(source);
  if (const std::string number = NumberGoRejects(spec); !number.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": ", number, ": a number Go's encoding/json cannot hold in a float64 (the field is an ",
        "interface{}), so runc refuses the file; expected a number within float64's range"));
  }
  if (spec.oci_version.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": ociVersion: missing; expected a runtime-spec 1.x version such as \"", kOciVersion, "\""));
  }
  if (!IsSupportedOciVersion(spec.oci_version)) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ociVersion: unsupported version \"",
                                                   spec.oci_version, "\"; expected a runtime-spec 1.x version such as \"",
                                                   kOciVersion, "\""));
  }
  return absl::OkStatus();
}

// The Spec is read in place, inside the StatusOr that is returned (one named
// return value): no Spec is moved, so a header-only consumer does not compile
// the move constructors of the whole model (about 10% of its compile time).
OCIKIT_INLINE absl::StatusOr<Spec> ParseSpec(absl::string_view text, absl::string_view source,
                                             const ParseOptions& options) {
  json::Reader reader(text, options.go_semantics ? json::Dialect::kGo : json::Dialect::kStrict);
  absl::StatusOr<Spec> result(absl::in_place);
  internal::ReadSpecDocument(reader, *result);
  if (absl::Status status = internal::CheckParsedSpec(reader, *result, source); !status.ok()) {
    result = std::move(status);
  }
  return result;
}

OCIKIT_INLINE absl::StatusOr<Spec> ReadSpecFile(const std::string& path) {
  return ReadSpecFile(path, ParseOptions());
}

OCIKIT_INLINE absl::StatusOr<Spec> ReadSpecFile(const std::string& path, const ParseOptions& options) {
  OCIKIT_ASSIGN_OR_RETURN(std::string text, ReadRegularFile(path, kMaxSpecFileBytes));
  return ParseSpec(text, path, options);
}

OCIKIT_INLINE void AppendSpecJson(std::string& out, const Spec& spec, int indent) {
  json::Writer writer(out, indent);
  json::Write(writer, spec);
  writer.Finish();
}

OCIKIT_INLINE std::string Marshal(const Spec& spec) {
  std::string out;
  out.reserve(4096);
  AppendSpecJson(out, spec, 0);
  return out;
}

OCIKIT_INLINE std::string MarshalIndent(const Spec& spec, int indent) {
  std::string out;
  out.reserve(8192);
  AppendSpecJson(out, spec, indent);
  return out;
}

OCIKIT_INLINE absl::Status WriteSpecFile(const std::string& path, const Spec& spec, int indent) {
  std::string text = indent > 0 ? MarshalIndent(spec, indent) : Marshal(spec);
  text.push_back('\n');
  return WriteFileAtomic(path, text, 0600);
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_CODEC_INL_H_
