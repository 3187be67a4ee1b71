// File: policy/lint/context.h
//
// What every lint check receives: the spec, the options, the sink to report
// into, the declared runtime-spec version and the platform the config is for.
// Also the small helpers several rule families share: SemVer parsing of
// ociVersion, "did you mean" for enumerated values, namespace lookups and
// path builders.
//
// Platform: a config with a `windows` section and no `linux` section is a
// Windows config; one with only `solaris` is a Solaris config; everything
// else is checked as Linux (runtime-tools picks the platform with a flag;
// config.json itself says it through its platform sections).
//
// Example:
//   std::optional<OciVersion> v = ParseOciVersion("1.0.2-dev");
//   v->AtLeast(1, 0, 2);  // true: a development version counts as its release
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_POLICY_LINT_CONTEXT_H_
#define OCIKIT_POLICY_LINT_CONTEXT_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/types.h"
#include "spec/config.h"
#include "spec/field_catalog.h"
#include "spec/field_path.h"
#include "spec/internal/edit_distance.h"

namespace ocikit {

// OciVersion
//
// A SemVer 2.0.0 version; `pre` is the pre-release part ("dev", "rc.1"),
// `build` the build metadata ("dev" in "1.1.0+dev").
struct OciVersion {
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  std::string pre;
  std::string build;

  // Compares the release numbers only: a development or release-candidate
  // version ("1.0.2-dev", runc's) is taken as the release it leads to.
  bool AtLeast(uint64_t ma, uint64_t mi, uint64_t pa) const {
    return std::tie(major, minor, patch) >= std::tie(ma, mi, pa);
  }
  bool AtLeast(const OciVersion& o) const { return AtLeast(o.major, o.minor, o.patch); }
  std::string Release() const { return absl::StrCat(major, ".", minor, ".", patch); }
  // Whether this is runtime-spec's development tree after the release:
  // specs-go/version.go says "X.Y.Z-dev" (until 1.1.0) or "X.Y.Z+dev" (since)
  // between release X.Y.Z and the next one.
  bool Development() const { return pre == "dev" || build == "dev"; }
};

// ParseOciVersion()
//
// A SemVer 2.0.0 version ("1.3.0", "1.0.2-dev", "1.1.0-rc.1+build"), or nullopt.
std::optional<OciVersion> ParseOciVersion(absl::string_view text);

// The version this model implements, parsed once.
const OciVersion& CurrentOciVersion();

// The runtime-spec releases of the 1.x line, oldest first.
const std::vector<absl::string_view>& ReleasedOciVersions();

// The platform a config is for.
enum class LintPlatform { kLinux, kWindows, kSolaris };

namespace internal {

// Everything a check needs.
struct LintContext {
  const Spec& spec;
  const LintOptions& options;
  LintSink& sink;
  OciVersion version;  // declared (1.3.0 when missing or unparsable)
  LintPlatform platform = LintPlatform::kLinux;

  bool On(const LintRule& rule) const { return sink.On(rule); }
  void Report(const LintRule& rule, FieldPath path, std::string message,
              std::optional<LintSeverity> severity = std::nullopt) const {
    sink.Report(rule, std::move(path), std::move(message), severity);
  }
};

LintPlatform InferPlatform(const Spec& spec);

// `value` in quotes, JSON-escaped: "\"a\\nb\"".
std::string LintQuote(absl::string_view value);

// "a, b or c".
std::string LintOneOf(const std::vector<absl::string_view>& values);

// The closest of `known` to `value` (case-insensitive edit distance of at
// most 2, less than the value's length), or "".
absl::string_view LintClosest(absl::string_view value, const std::vector<absl::string_view>& known);

// "; did you mean \"X\"?" for the closest known value, or "".
std::string LintDidYouMean(absl::string_view value, const std::vector<absl::string_view>& known);

bool LintContains(const std::vector<absl::string_view>& list, absl::string_view v);
bool LintContains(const std::vector<std::string>& list, absl::string_view v);

// The namespace entry of `type`, or nullptr.
const LinuxNamespace* FindNamespace(const Spec& spec, absl::string_view type);

// Whether the container gets a new namespace of `type` (an entry without a path).
bool HasNewNamespace(const Spec& spec, absl::string_view type);

// The hook lists of `h` under their JSON names, in the specification's order.
using NamedHooks = std::pair<absl::string_view, const std::vector<Hook>*>;
std::array<NamedHooks, 6> HookKinds(const Hooks& h);

// The capability sets of `c` under their JSON names: bounding, effective,
// inheritable, permitted, ambient.
using NamedCapabilitySet = std::pair<absl::string_view, const std::vector<std::string>*>;
std::array<NamedCapabilitySet, 5> CapabilitySets(const LinuxCapabilities& c);

// Path builders: LintPath("process", "cwd") is process.cwd.
FieldPath LintPath(absl::string_view a);
FieldPath LintPath(absl::string_view a, absl::string_view b);
FieldPath LintPath(absl::string_view a, absl::string_view b, absl::string_view c);
FieldPath LinuxPath(absl::string_view field);
FieldPath ResourcesPath(absl::string_view field);

// Whether `path` is absolute for the platform (Windows: "X:\...").
bool IsAbsoluteFor(LintPlatform platform, absl::string_view path);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/context-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_CONTEXT_H_
