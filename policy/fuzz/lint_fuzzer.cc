// Fuzz target: the linter on arbitrary bytes, as `ocikit lint` reads a file
// (both readings, libseccomp on), as a template and as a bundle's config with
// the restricted profile. Property: it never crashes, every finding names a
// rule of the catalogue and says something, and a finding's line is one of
// the text's lines.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "policy/fuzz/lint_check.h"
#include "policy/lint/lint.h"
#include "spec/fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = ocikit::fuzz::AsText(data, size);
  ocikit::LintOptions options;
  ocikit::fuzz::CheckFindings(ocikit::LintConfigText(text, options), text, {});
  options.bundle = true;
  options.strict = true;
  options.profile = ocikit::LintProfile::kRestricted;
  ocikit::fuzz::CheckFindings(ocikit::LintConfigText(text, options), text, {});
  return 0;
}
