// File: policy/lint/versions.h
//
// Version-aware lint rules (OCI100-OCI104). Every released 1.x ociVersion is
// accepted (1.0.0 to 1.3.0, with pre-release and build suffixes such as
// runc's "1.0.2-dev"); the config is then checked against the version it
// declares: a field the declared release does not have is a warning, since a
// runtime implementing that release ignores it. Field ages come from the
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

const absl::flat_hash_map<absl::string_view, const FieldInfo*>& FieldCatalogIndex();

// Checks ociVersion and returns the version to check the config against.
OciVersion CheckOciVersion(const Spec& spec, LintSink& sink);

void ReportNewer(const LintContext& ctx, FieldPath path, absl::string_view what, absl::string_view since);

// Values that are newer than the field holding them.
// Seccomp actions, flags and architectures newer than the declared version.
void CheckNewerSeccompValues(const LintContext& ctx, const LinuxSeccomp& sc);

void CheckNewerValues(const LintContext& ctx);

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
