// The lint corpus: every case under testdata/lint/cases is linted as
// `ocikit lint` would lint it, and the output must match the case's golden
// files byte for byte. A case folder holds:
//   config.json    the input (most cases; the default PATH)
//   args           optional: lint flags and PATHs, one per line ('#' lines
//                  skipped); relative paths are relative to the case folder,
//                  whose siblings ../../host, ../../policies and ../../runtime
//                  are the fake host tree, the policy files and runtime
//                  features documents
//   formats        optional: "json" and/or "sarif", for golden files in those
//                  formats too
//   chmod          optional: "MODE FILE" lines applied before linting
//   expected.txt   the text output, then the I/O errors and "exit status: N"
//   expected.json, expected.sarif   as listed in `formats`
// Cases run in a private copy of testdata/lint (under TEST_TMPDIR), so modes
// and paths are the same wherever the test runs.
//
// Also here: every built-in rule and every policy rule type fires in some
// case and stays silent in another where it is checked; the default spec and
// the round-trip corpus have no conformance errors (the golden configs and
// other tools' configs: //policy/lint:real_configs_test).
//
// Update the golden files (then review the diff):
//   bazel run //policy/lint:corpus_test -- --update
#include <dirent.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "policy/lint/lint.h"
#include "executor/flags/lint_flags.h"
#include "policy/lint/flags.h"
#include "policy/lint/runner.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "executor/flags/arg_parser.h"
#include "spec/testing/golden_mode.h"

namespace ocikit {
namespace {

bool update_mode = false;

std::string CorpusDir() { return testutil::WorkspacePath("testdata/lint"); }

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Copies `from` to `to` (following symlinks, as runfiles are symlinks):
// directories 0755, files 0700 when executable, else 0600.
void CopyTree(const std::string& from, const std::string& to) {
  struct stat st;
  ASSERT_EQ(::stat(from.c_str(), &st), 0) << from;
  if (S_ISDIR(st.st_mode)) {
    ::mkdir(to.c_str(), 0755);
    for (const std::string& name : ListDir(from)) CopyTree(from + "/" + name, to + "/" + name);
    return;
  }
  absl::StatusOr<std::string> data = ReadRegularFile(from, 64 << 20);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(WriteFileAtomic(to, *data, (st.st_mode & 0100) ? 0700 : 0600).ok()) << to;
  ::chmod(to.c_str(), (st.st_mode & 0100) ? 0700 : 0600);
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  if (!text.ok()) return lines;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lines.emplace_back(line);
  }
  return lines;
}

struct CaseRun {
  std::map<std::string, std::string> outputs;  // "txt", "json", "sarif"
  std::set<std::string> fired;
  std::set<std::string> active;  // rules that were checked
  std::set<std::string> policy_types_fired;
  std::set<std::string> policy_types_silent;
};

// A scratch copy of testdata/lint, made once.
const std::string& Scratch() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TEST_TMPDIR");
    std::string base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
    std::string templ = base + "/lint-corpus-XXXXXX";
    const char* made = ::mkdtemp(templ.data());
    const std::string root = made != nullptr ? std::string(made) : base;
    CopyTree(CorpusDir(), root + "/lint");
    return root + "/lint";
  }();
  return dir;
}

CaseRun RunCase(const std::string& name) {
  CaseRun out;
  const std::string dir = Scratch() + "/cases/" + name;
  for (const std::string& line : ReadLines(dir + "/chmod")) {
    const std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (parts.size() == 2) ::chmod((dir + "/" + parts[1]).c_str(), static_cast<mode_t>(std::stoul(parts[0], nullptr, 8)));
  }
  const std::vector<std::string> args = ReadLines(dir + "/args");
  std::vector<std::string> formats = {"txt"};
  for (const std::string& line : ReadLines(dir + "/formats")) {
    for (absl::string_view f : absl::StrSplit(line, ' ', absl::SkipEmpty())) formats.emplace_back(f);
  }
  LintFlags flags;
  FlagSet set;
  AddLintFlags(set, flags);
  absl::StatusOr<std::vector<std::string>> paths = set.Parse(args);
  absl::StatusOr<LintSetup> setup = paths.ok() ? PrepareLint(flags, dir) : absl::StatusOr<LintSetup>(paths.status());
  if (!setup.ok()) {
    for (const std::string& f : formats) out.outputs[f] = absl::StrCat("usage error: ", setup.status().message(), "\nexit status: 2\n");
    return out;
  }
  if (paths->empty()) paths->push_back("config.json");
  std::istringstream in(ReadRegularFile(dir + "/config.json", 16 << 20).value_or(""));
  const LintRun run = LintPaths(*paths, setup->options, dir, &in);
  const std::vector<const LintRule*> rules = LintCatalogue(setup->options.policies);
  const int exit_status = !run.errors.empty() ? 2 : run.Fails(setup->fail_on) ? 1 : 0;
  for (const std::string& f : formats) {
    std::string text = FormatLintRun(run, f == "txt" ? "text" : f, rules);
    if (f == "txt") {
      for (const std::string& e : run.errors) absl::StrAppend(&text, "I/O error: ", e, "\n");
      absl::StrAppend(&text, "exit status: ", exit_status, "\n");
    }
    out.outputs[f] = text;
  }
  // Which rules fired, and which were checked.
  bool bundle = false;
  for (const std::string& p : *paths) {
    struct stat st;
    bundle = bundle || (IsDir(ResolveLintPath(dir, p)) && ::stat(ResolveLintPath(dir, p + "/config.json").c_str(), &st) == 0);
  }
  bool parsed = false;
  for (const LintFileResult& file : run.files) {
    bool file_parsed = true;
    for (const LintFinding& f : file.result.findings) {
      out.fired.insert(f.rule_id);
      if (f.rule_id == "OCI000") file_parsed = false;
    }
    parsed = parsed || file_parsed;
  }
  const LintOptions& o = setup->options;
  for (const LintRule* r : BuiltinLintRules()) {
    if (std::find(o.disabled.begin(), o.disabled.end(), r->id) != o.disabled.end() || run.files.empty()) continue;
    bool active = r->family == LintFamily::kInput || parsed;
    if (r->family == LintFamily::kHost) active = active && (o.host || (r->id == "HOST201" && bundle));
    if (r->family == LintFamily::kBundle) active = active && bundle;
    if (r->family == LintFamily::kRuntime) active = active && o.features != nullptr;
    if (r->family == LintFamily::kSecurity) active = active && o.profile >= r->profile;
    if (r->family == LintFamily::kSeccomp && r->id >= "SCMP520") active = active && o.libseccomp;
    if (active) out.active.insert(std::string(r->id));
  }
  for (const LintPolicy* p : o.policies) {
    for (const LintPolicyRule& r : p->rules) {
      (out.fired.count(std::string(r.rule.id)) ? out.policy_types_fired : out.policy_types_silent).insert(r.type);
    }
  }
  return out;
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const std::string& name : ListDir(CorpusDir() + "/cases")) {
    if (IsDir(CorpusDir() + "/cases/" + name)) cases.push_back(name);
  }
  return cases;
}

const std::map<std::string, CaseRun>& AllRuns() {
  static const auto* runs = [] {
    auto* m = new std::map<std::string, CaseRun>();
    for (const std::string& c : Cases()) (*m)[c] = RunCase(c);
    return m;
  }();
  return *runs;
}

class LintCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LintCorpusTest, MatchesGoldenOutput) {
  const CaseRun& run = AllRuns().at(GetParam());
  for (const auto& [format, text] : run.outputs) {
    const std::string path = absl::StrCat(CorpusDir(), "/cases/", GetParam(), "/expected.", format);
    if (update_mode) {
      absl::StatusOr<std::string> old = ReadRegularFile(path, 16 << 20);
      if (!old.ok() || *old != text) {
        ASSERT_TRUE(WriteFileAtomic(path, text, 0644).ok()) << path;
        std::cout << "updated " << path << "\n";
      }
      continue;
    }
    absl::StatusOr<std::string> expected = ReadRegularFile(path, 16 << 20);
    ASSERT_TRUE(expected.ok()) << expected.status() << " (run with --update to create it)";
    EXPECT_EQ(text, *expected) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, LintCorpusTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(LintCorpus, HasAtLeast150Cases) { EXPECT_GE(Cases().size(), 150u); }

TEST(LintCorpus, EveryRuleFiresSomewhereAndIsSilentSomewhereElse) {
  std::map<std::string, std::vector<std::string>> fired, silent;
  for (const auto& [name, run] : AllRuns()) {
    for (const std::string& id : run.fired) fired[id].push_back(name);
    for (const std::string& id : run.active) {
      if (!run.fired.count(id)) silent[id].push_back(name);
    }
  }
  for (const LintRule* r : BuiltinLintRules()) {
    EXPECT_FALSE(fired[std::string(r->id)].empty()) << r->id << " " << r->name << " fires in no case";
    EXPECT_FALSE(silent[std::string(r->id)].empty()) << r->id << " " << r->name << " is silent in no case where it is checked";
  }
}

TEST(LintCorpus, EveryPolicyRuleTypeFiresAndIsSilent) {
  std::set<std::string> fired, silent;
  for (const auto& [name, run] : AllRuns()) {
    fired.insert(run.policy_types_fired.begin(), run.policy_types_fired.end());
    silent.insert(run.policy_types_silent.begin(), run.policy_types_silent.end());
  }
  for (const absl::string_view type : LintPolicyRuleTypes()) {
    EXPECT_TRUE(fired.count(std::string(type))) << type << " fires in no case";
    EXPECT_TRUE(silent.count(std::string(type))) << type << " is silent in no case";
  }
}

// Error findings of the families that run without flags.
std::set<std::string> ConformanceErrors(const LintResult& result) {
  std::set<std::string> ids;
  for (const LintFinding& f : result.findings) {
    if (f.severity == LintSeverity::kError) ids.insert(f.rule_id);
  }
  return ids;
}

TEST(LintReferenceConfigs, DefaultSpecHasNoConformanceErrors) {
  Spec spec = DefaultLinuxSpec("default", "web");
  EXPECT_EQ(ConformanceErrors(LintSpec(spec, LintOptions())), std::set<std::string>());
  const std::string text = MarshalIndent(spec, 4);
  EXPECT_EQ(ConformanceErrors(LintConfigText(text, LintOptions())), std::set<std::string>());
  spec.process->args = {"/bin/sh"};
  const LintResult with_args = LintSpec(spec, LintOptions());
  for (const LintFinding& f : with_args.findings) ADD_FAILURE() << f.rule_id << " " << f.Text();
}

TEST(LintReferenceConfigs, RoundTripCorpusHasNoConformanceErrors) {
  // Two files are codec fixtures, not configs a runtime would run: they hold
  // deliberately out-of-range values and every platform section at once.
  const std::map<std::string, std::set<std::string>> kFixtures = {
      {"extremes.json",
       {"OCI133", "OCI139", "OCI173", "OCI177", "OCI178", "OCI181", "OCI199", "SCMP504", "SCMP505", "SCMP506"}},
      {"platform-sections.json", {"OCI113"}},
  };
  const std::string dir = testutil::WorkspacePath("testdata/roundtrip");
  size_t linted = 0;
  for (const std::string& name : ListDir(dir)) {
    if (!absl::EndsWith(name, ".json")) continue;
    ++linted;
    const LintResult r = LintConfigFile(dir + "/" + name, LintOptions());
    const auto it = kFixtures.find(name);
    EXPECT_EQ(ConformanceErrors(r), it == kFixtures.end() ? std::set<std::string>() : it->second) << name;
  }
  EXPECT_GE(linted, 8u);
}

}  // namespace
}  // namespace ocikit

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ocikit::update_mode = ocikit::testutil::UpdateModeRequested(argc, argv);
  return RUN_ALL_TESTS();
}
