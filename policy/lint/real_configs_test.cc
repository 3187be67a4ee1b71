// Configs that real tools write, linted as `ocikit lint FILE` lints them: the
// default profile, a file linted as a template. Each must have no error and
// exactly the warnings listed here, every one a true finding that docs/lint.md
// justifies ("Findings on real configs"); the test checks that the docs name
// every rule listed here.
//
// The configs: `runc spec` and `crun spec` (plain and --rootless, runc 1.1.5
// and crun 1.8.1, testdata/roundtrip), two configs Podman 4.3.1 wrote
// (testdata/lint/real), containerd v2's default spec (testdata/golden/default)
// and every `ocikit spec` output of the golden corpus (testdata/golden).
#include <dirent.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/lint/lint.h"
#include "spec/file.h"
#include "spec/testing/golden_mode.h"

namespace ocikit {
namespace {

using RuleIds = std::multiset<std::string>;

struct Verdict {
  RuleIds errors;
  RuleIds warnings;
  std::string text;  // every error and warning, one per line, for failure messages
};

Verdict LintAsUserWould(const std::string& path) {
  Verdict v;
  for (const LintFinding& f : LintConfigFile(path, LintOptions()).findings) {
    if (f.severity == LintSeverity::kInfo) continue;
    (f.severity == LintSeverity::kError ? v.errors : v.warnings).insert(f.rule_id);
    absl::StrAppend(&v.text, "  ", f.line, ":", f.column, ": ", LintSeverityName(f.severity), ": ", f.Text(), " [", f.rule_id,
                    "]\n");
  }
  return v;
}

const RuleIds kAmbientNotInheritable = {"OCI131", "OCI131", "OCI131"};

struct RealConfig {
  const char* path;
  RuleIds warnings;
};

// The configs of other tools, and the warnings each keeps.
const std::vector<RealConfig>& RealConfigs() {
  static const auto* kConfigs = new std::vector<RealConfig>{
      // Ambient CAP_AUDIT_WRITE, CAP_KILL and CAP_NET_BIND_SERVICE are not
      // inheritable, so the kernel never raises them.
      {"testdata/roundtrip/runc-spec.json", kAmbientNotInheritable},
      {"testdata/roundtrip/runc-spec-rootless.json", kAmbientNotInheritable},
      {"testdata/roundtrip/crun-spec.json", kAmbientNotInheritable},
      // And a new user namespace without mappings, which runc refuses.
      {"testdata/roundtrip/crun-spec-rootless.json", {"OCI131", "OCI131", "OCI131", "OCI174"}},
      {"testdata/lint/real/podman-4.3.1.json", {}},
      {"testdata/lint/real/podman-4.3.1-image.json", {}},  // root.path .../merged
      {"testdata/golden/default/config.json", {}},  // containerd v2's default spec, as ocikit writes it
      {"testdata/lint/real/containerd-1.6.20-default.json", {}},  // `ctr oci spec` of Debian's containerd
  };
  return *kConfigs;
}

TEST(LintRealConfigs, ToolOutputsHaveNoErrorAndOnlyTrueWarnings) {
  for (const RealConfig& c : RealConfigs()) {
    const Verdict v = LintAsUserWould(testutil::WorkspacePath(c.path));
    EXPECT_EQ(v.errors, RuleIds()) << c.path << "\n" << v.text;
    EXPECT_EQ(v.warnings, c.warnings) << c.path << "\n" << v.text;
  }
}

// Golden `ocikit spec` outputs that keep a finding, because their flags ask
// for what it reports.
struct GoldenException {
  RuleIds errors;
  RuleIds warnings;
};

const std::map<std::string, GoldenException>& GoldenExceptions() {
  static const auto* kExceptions = new std::map<std::string, GoldenException>{
      // `--from` runc's own `runc spec`, with its ambient capabilities.
      {"from-runc-spec", {{}, kAmbientNotInheritable}},
      // `--annotation io.example/note=...`: not reverse-domain notation.
      {"annotations", {{}, {"OCI161"}}},
  };
  return *kExceptions;
}

std::vector<std::string> GoldenCases() {
  std::vector<std::string> names;
  const std::string dir = testutil::WorkspacePath("testdata/golden");
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    struct stat st;
    if (name != "." && name != ".." && ::stat((dir + "/" + name + "/config.json").c_str(), &st) == 0) names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

TEST(LintRealConfigs, EveryGoldenSpecOutputHasNoErrorAndOnlyTrueWarnings) {
  const std::vector<std::string> cases = GoldenCases();
  EXPECT_GE(cases.size(), 140u);
  for (const std::string& name : cases) {
    const Verdict v = LintAsUserWould(testutil::WorkspacePath(absl::StrCat("testdata/golden/", name, "/config.json")));
    const auto it = GoldenExceptions().find(name);
    const GoldenException none;
    const GoldenException& want = it == GoldenExceptions().end() ? none : it->second;
    EXPECT_EQ(v.errors, want.errors) << name << "\n" << v.text;
    EXPECT_EQ(v.warnings, want.warnings) << name << "\n" << v.text;
  }
}

TEST(LintRealConfigs, DocsJustifyEveryFindingLeft) {
  absl::StatusOr<std::string> docs = ReadRegularFile(testutil::WorkspacePath("docs/lint.md"), 1 << 20);
  ASSERT_TRUE(docs.ok()) << docs.status();
  const size_t start = docs->find("### Findings on real configs");
  ASSERT_NE(start, std::string::npos) << "docs/lint.md has no \"Findings on real configs\" section";
  const std::string section = docs->substr(start, docs->find("\n#", start + 1) - start);
  std::set<std::string> ids;
  for (const RealConfig& c : RealConfigs()) ids.insert(c.warnings.begin(), c.warnings.end());
  for (const auto& [name, e] : GoldenExceptions()) {
    ids.insert(e.errors.begin(), e.errors.end());
    ids.insert(e.warnings.begin(), e.warnings.end());
  }
  for (const std::string& id : ids) EXPECT_TRUE(absl::StrContains(section, id)) << id << " is not justified in docs/lint.md";
}

}  // namespace
}  // namespace ocikit
