// File: policy/lint/versions.h
//
// Version-aware lint rules (OCI100-OCI104). Every released 1.x ociVersion is
// accepted (1.0.0 to 1.3.0, with pre-release and build suffixes such as
// runc's "1.0.2-dev"); the config is then checked against the version it
// declares: a field the declared release does not have is a warning, since a
// runtime implementing that release ignores it. Two exceptions keep real
// configs quiet: a development version ("1.0.2-dev", "1.1.0+dev") may hold
// the fields of the release that followed it (it was written from that
// development tree), and a field or value every current runtime reads
// whatever ociVersion says (seccomp errnoRet, defaultErrnoRet, the listener
// fields and the 1.1.0 actions, unified, the org.opencontainers.image.*
// annotations, ...) is info: it only dates the file. Field ages come from the
// field catalog (spec/field_catalog.h, its `since` column); values that
// arrived later than their field (namespace type "time", seccomp actions,
// flags and architectures, the idmap mount options, the
// org.opencontainers.image.* annotations) are listed here.
//
// A version newer than 1.3.0, or a 1.x version that was never released, is a
// warning and the config is checked as 1.3.0.
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_VERSIONS_H_
#define OCIKIT_POLICY_LINT_VERSIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/lint/walk.h"
#include "spec/config.h"
#include "spec/field_catalog.h"

namespace ocikit {

namespace internal {

// The catalog's fields that runtime-spec `version` does not have yet, by
// pattern (FieldPath::Pattern).
absl::flat_hash_map<absl::string_view, const FieldInfo*> FieldsNewerThan(const OciVersion& version);

// Checks ociVersion and returns the version to check the config against.
OciVersion CheckOciVersion(const Spec& spec, LintSink& sink);

// The release whose fields a config may hold: the declared one, or for a
// development version ("1.0.2-dev", "1.1.0+dev") the release that followed
// it, whose fields were added to the development tree that wrote the file
// (Podman 4 writes "1.0.2-dev" with errnoRet, a 1.1.0 field).
OciVersion FieldsVersion(const OciVersion& declared);

// Whether every current runtime reads the field (a FieldPath pattern)
// whatever ociVersion says: the 1.1.0 fields that Debian 12's runc 1.1.5 and
// crun 1.8.1 parse.
bool ReadByCurrentRuntimes(absl::string_view pattern);

// OCI103 for `what`, added in `since`: a warning, or info when every current
// runtime reads it anyway (`read_anyway`), which only dates the file.
void ReportNewer(const LintContext& ctx, FieldPath path, absl::string_view what, absl::string_view since,
                 bool read_anyway);

// Values that are newer than the field holding them, judged against `v`
// (FieldsVersion of the declared version).
// Seccomp actions, flags and architectures.
void CheckNewerSeccompValues(const LintContext& ctx, const LinuxSeccomp& sc, const OciVersion& v);

void CheckNewerValues(const LintContext& ctx, const OciVersion& v);

}  // namespace internal

// CheckVersionRules()
//
// OCI103 and OCI104 for a spec whose version CheckOciVersion settled.
void CheckVersionRules(const internal::LintContext& ctx);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/versions-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_VERSIONS_H_
