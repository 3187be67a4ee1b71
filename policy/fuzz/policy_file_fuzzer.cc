// Fuzz target: the lint policy-file loader (`ocikit lint --policy FILE`). The
// input is "POLICY<RS>CONFIG" (RS = 0x1e): the policy file is parsed; when it
// loads, its rules lint CONFIG (or, when CONFIG is empty or not a config.json,
// moby's default spec). Property: loading never crashes, an error says which
// file, and every finding names a rule of the catalogue or of the policy.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "policy/diff/baselines.h"
#include "policy/fuzz/lint_check.h"
#include "policy/lint/lint.h"
#include "policy/lint/policy_file.h"
#include "spec/codec.h"
#include "spec/fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<absl::string_view> parts = ocikit::fuzz::SplitParts(ocikit::fuzz::AsText(data, size), 2);
  const absl::StatusOr<ocikit::LintPolicy> policy = ocikit::ParseLintPolicy(parts[0], "fuzz-policy.json");
  if (!policy.ok()) {
    OCIKIT_FUZZ_CHECK(absl::StrContains(policy.status().message(), "fuzz-policy.json"),
                      "the error does not name the file: ", policy.status().ToString());
    return 0;
  }
  ocikit::LintOptions options;
  options.libseccomp = false;
  options.policies = {&*policy};
  absl::StatusOr<ocikit::Spec> spec = ocikit::ParseSpec(parts[1], "fuzz-config.json");
  if (!spec.ok()) spec = ocikit::BaselineSpec("moby");
  OCIKIT_FUZZ_CHECK(spec.ok(), spec.status().ToString());
  const std::string text = ocikit::MarshalIndent(*spec, 4);
  ocikit::fuzz::CheckFindings(ocikit::LintSpec(*spec, options, text), text, options.policies);
  return 0;
}
