// Fuzz target: the linter on mutated valid configs. The input is
// "PATCH<RS>BASE" (RS = 0x1e): PATCH, an RFC 7396 merge patch or RFC 6902
// JSON Patch, is applied to the built-in spec BASE (default, containerd,
// moby or podman; another name picks one by its bytes), so the linter sees
// valid configs changed anywhere, as libFuzzer mutates the patch. The result
// is linted as a Spec (with its text for positions) and as text, compact and
// indented, with the restricted profile. Property: as lint_fuzzer's.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/diff/baselines.h"
#include "policy/diff/patch.h"
#include "policy/fuzz/lint_check.h"
#include "policy/lint/lint.h"
#include "spec/codec.h"
#include "spec/fuzz/check.h"

namespace {

absl::string_view BaseName(absl::string_view name) {
  for (const absl::string_view known : ocikit::kDiffBaselineNames) {
    if (known == name) return known;
  }
  size_t pick = 0;
  for (const char c : name) pick += static_cast<unsigned char>(c);
  return ocikit::kDiffBaselineNames[pick % std::size(ocikit::kDiffBaselineNames)];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<absl::string_view> parts = ocikit::fuzz::SplitParts(ocikit::fuzz::AsText(data, size), 2);
  const absl::StatusOr<ocikit::Spec> base = ocikit::BaselineSpec(BaseName(parts[1]));
  OCIKIT_FUZZ_CHECK(base.ok(), base.status().ToString());
  const absl::StatusOr<ocikit::PatchOutcome> patched = ocikit::ApplySpecPatch(*base, parts[0]);
  if (!patched.ok()) return 0;
  ocikit::LintOptions options;
  options.profile = ocikit::LintProfile::kRestricted;
  const std::string compact = ocikit::Marshal(patched->spec);
  ocikit::fuzz::CheckFindings(ocikit::LintSpec(patched->spec, options, compact), compact, {});
  const std::string indented = ocikit::MarshalIndent(patched->spec, 4);
  ocikit::fuzz::CheckFindings(ocikit::LintConfigText(indented, options), indented, {});
  return 0;
}
