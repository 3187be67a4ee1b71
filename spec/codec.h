// File: spec/codec.h
//
// config.json in and out. Parsing never throws and never crashes on any input;
// a bad document gives an InvalidArgument status naming the source, the line
// and column, the JSON path and what was expected:
//   config.json:7:17: process.rlimits[0].hard: expected an unsigned 64-bit
//   integer, got -1
// Unknown fields are kept (spec/json/raw.h) and written back after the known
// fields of their object.
//
// Constructs that runtimes read differently are refused by default: a key
// that equals a field only under Go's case folding ("PROCESS", "proce\u017fs":
// runc binds it, crun and youki ignore it), a duplicate key, invalid UTF-8.
// A number in windows.credentialSpec beyond float64's range is refused in
// both readings (runc refuses the file).
// ParseOptions::go_semantics reads them as Go's encoding/json (runc,
// containerd) does instead, so the Spec is what runc acts on.
//
// Byte parity with Go holds for the typed sections. The platform sections
// (solaris, windows, vm, zos, freebsd) are kept verbatim and written back as
// read, where Go re-marshals its structs: Go writes windows.credentialSpec
// (an interface{}) with sorted keys and numbers as float64 (1e+21, 1.5e-05),
// always writes vm.hypervisor and vm.image (structs that omitempty cannot
// omit: "hypervisor":{"path":""}), drops unknown keys and uses struct field
// order. ocikit does not model these sections (no Linux runtime reads them),
// so it keeps them as written rather than guess; docs/design.md. Output is byte for byte what Go's encoding/json
// writes for the same spec: Marshal as json.Marshal (containerd's bundle
// writer), MarshalIndent as json.MarshalIndent(spec, "", indent).
//
// Example:
//   OCIKIT_ASSIGN_OR_RETURN(Spec spec, ReadSpecFile("bundle/config.json"));
//   spec.hostname = "demo";
//   OCIKIT_RETURN_IF_ERROR(WriteSpecFile("bundle/config.json", spec));
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_CODEC_H_
#define OCIKIT_SPEC_CODEC_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "spec/config.h"

namespace ocikit {

// Largest config.json ReadSpecFile accepts (a full seccomp profile is ~30 KiB).
inline constexpr size_t kMaxSpecFileBytes = 16 << 20;

// Whether `version` is a runtime-spec 1.x version ("1.0.2-dev", "1.3.0").
bool IsSupportedOciVersion(absl::string_view version);

// How ParseSpec reads the constructs that runtimes read differently.
struct ParseOptions {
  // false: refuse them, naming the JSON path, the key and how runtimes
  // differ. true: read them as Go's encoding/json does (json::Dialect::kGo):
  // exact key match first, then the first field equal under Go's case
  // folding; a duplicate key read again into the same value (last wins,
  // objects merged); invalid UTF-8 as U+FFFD.
  bool go_semantics = false;
};

// Parses config.json text. `source` names the input in error messages.
absl::StatusOr<Spec> ParseSpec(absl::string_view text, absl::string_view source = "<input>");
absl::StatusOr<Spec> ParseSpec(absl::string_view text, absl::string_view source, const ParseOptions& options);

// Reads and parses a config.json file (a regular file of at most 16 MiB).
absl::StatusOr<Spec> ReadSpecFile(const std::string& path);
absl::StatusOr<Spec> ReadSpecFile(const std::string& path, const ParseOptions& options);

// Appends the spec's JSON to `out`: compact when indent is 0, else indented.
void AppendSpecJson(std::string& out, const Spec& spec, int indent);

// json.Marshal(spec): compact, no trailing newline.
std::string Marshal(const Spec& spec);

// json.MarshalIndent(spec, "", <indent spaces>): no trailing newline.
std::string MarshalIndent(const Spec& spec, int indent);

namespace json {
class Reader;  // spec/json/reader.h
}  // namespace json

namespace internal {

// Reads one config.json document from `reader` into `spec`: an object (null
// is an error) and nothing after it. Errors stay in `reader`, with their
// position: ParseSpec turns them into a status, the linter into a finding.
void ReadSpecDocument(json::Reader& reader, Spec& spec);

// The first number of windows.credentialSpec (an interface{} in Go, so its
// numbers become float64) that Go's encoding/json refuses because it is
// beyond float64's range ("1e400"), as "windows.credentialSpec: <number>";
// empty when there is none.
std::string NumberGoRejects(const Spec& spec);

// The status of a document `reader` has read into `spec` from `source`: the
// reader's error, a number Go refuses, or a missing or unsupported ociVersion.
absl::Status CheckParsedSpec(const json::Reader& reader, const Spec& spec, absl::string_view source);

}  // namespace internal

// Writes config.json atomically with mode 0600; compact when indent is 0.
// The file ends with a newline (as Go's json.Encoder writes it).
absl::Status WriteSpecFile(const std::string& path, const Spec& spec, int indent = 0);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/codec-inl.h"
#endif

#endif  // OCIKIT_SPEC_CODEC_H_
