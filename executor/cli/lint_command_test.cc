#include "executor/cli/lint_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "executor/cli/command_test_util.h"
#include "absl/strings/match.h"
#include "nlohmann/json.hpp"
#include "policy/lint/output.h"
#include "policy/lint/rules.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "policy/lint/lint.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result Lint(const std::vector<std::string>& args, const std::string& base_dir = "", const std::string& input = "") {
  return RunCommandForTest(
      [&base_dir](const std::vector<std::string>& a, Streams io) { return RunLintIn(base_dir, a, io); }, args, input);
}

std::string Clean() {
  Spec s = DefaultLinuxSpec("default", "t");
  s.process->args = {"/bin/sh"};
  return MarshalIndent(s, 4) + "\n";
}

std::string WithCwd(const std::string& cwd) {
  Spec s = DefaultLinuxSpec("default", "t");
  s.process->args = {"/bin/sh"};
  s.process->cwd = cwd;
  return MarshalIndent(s, 4) + "\n";
}

// A fresh directory with the given files (relative path -> content).
std::string MakeDir(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/lint-cli-" + name;
  std::string cmd = "rm -rf '" + dir + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  for (const auto& [rel, content] : files) {
    const std::string path = dir + "/" + rel;
    for (size_t slash = path.find('/', dir.size()); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      ::mkdir(path.substr(0, slash).c_str(), 0755);
    }
    ::mkdir(dir.c_str(), 0755);
    EXPECT_TRUE(WriteFileAtomic(path, content, 0600).ok()) << path;
  }
  return dir;
}

TEST(RunLint, HelpListsTheFlags) {
  const Result r = Lint({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(absl::StartsWith(r.out, "Usage: ocikit lint [FLAGS] PATH...")) << r.out;
  for (const char* flag : {"--profile NAME", "--policy FILE", "--host", "--strict", "--format FORMAT", "--fail-on SEVERITY",
                           "--disable ID", "--list-rules", "--explain ID", "-j, --jobs N", "--stats"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(RunLint, UsageErrorsExitTwo) {
  EXPECT_EQ(Lint({}).code, 2);
  EXPECT_EQ(Lint({}).err, "ocikit: lint: no PATH given; expected a config.json, a bundle directory, a directory tree or -\n");
  Result r = Lint({"--profil", "baseline", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: unknown flag \"--profil\"; did you mean --profile?\n");
  r = Lint({"--profile", "strict", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: --profile \"strict\": expected one of baseline, restricted\n");
  r = Lint({"--format=yaml", "x"});
  EXPECT_EQ(r.code, 2);
  r = Lint({"--disable", "NOPE1", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(absl::StartsWith(r.err, "ocikit: lint: --disable: unknown rule \"NOPE1\"")) << r.err;
}

TEST(RunLint, ExitCodesFollowFailOn) {
  const std::string dir = MakeDir("exit", {{"clean.json", Clean()}, {"bad.json", WithCwd("tmp")},
                                           {"warn.json", [] {
                                              Spec s = DefaultLinuxSpec();
                                              s.process->args = {"sh"};
                                              s.process->env = {"A=1", "A=2"};  // OCI124
                                              return MarshalIndent(s, 4);
                                            }()}});
  Result r = Lint({"clean.json"}, dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "0 errors, 0 warnings, 0 info in 1 file\n");
  EXPECT_EQ(r.err, "");
  r = Lint({"bad.json"}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(absl::StartsWith(r.out, "bad.json:11:9: error: process.cwd: \"tmp\" is not absolute")) << r.out;
  EXPECT_EQ(Lint({"warn.json"}, dir).code, 0);
  EXPECT_EQ(Lint({"--fail-on", "warning", "warn.json"}, dir).code, 1);
  EXPECT_EQ(Lint({"--fail-on", "info", "clean.json"}, dir).code, 0);
}

TEST(RunLint, AFileIsATemplateUnlessBundleIsGiven) {
  const std::string dir = MakeDir("template", {{"template.json", MarshalIndent(DefaultLinuxSpec(), 4)}});
  Result r = Lint({"template.json"}, dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(absl::StrContains(r.out, "info: process.args: empty: fine for a template")) << r.out;
  r = Lint({"--bundle", "template.json"}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(absl::StrContains(r.out, "error: process.args: empty; expected at least one entry, the program to run "
                                       "(linted as a bundle: --bundle) [OCI120]"))
      << r.out;
}

TEST(RunLint, MissingPathIsAnIoErrorButTheOthersAreLinted) {
  const std::string dir = MakeDir("missing", {{"bad.json", WithCwd("tmp")}});
  const Result r = Lint({"nope.json", "bad.json"}, dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: nope.json: No such file or directory\n");
  EXPECT_NE(r.out.find("bad.json:11:9: error"), std::string::npos) << r.out;
}

TEST(RunLint, PipesAreReadAndOversizedInputIsAnIoError) {
  const std::string dir = MakeDir("pipes", {{"bad.json", WithCwd("tmp")}});
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string text = WithCwd("tmp");
  std::thread writer([&] {
    EXPECT_EQ(::write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(fds[1]);
  });
  const std::string fifo = "/dev/fd/" + std::to_string(fds[0]);  // what <(cmd) names
  Result r = Lint({fifo}, dir);
  writer.join();
  ::close(fds[0]);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(absl::StartsWith(r.out, fifo + ":11:9: error: process.cwd")) << r.out;
  r = Lint({"/dev/zero", "bad.json"}, dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: /dev/zero: input exceeds 16777216 bytes\n");
  EXPECT_NE(r.out.find("bad.json:11:9: error"), std::string::npos) << r.out;
  r = Lint({"-"}, dir, std::string(kMaxSpecFileBytes + 1, ' '));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: <stdin>: input exceeds 16777216 bytes\n");
}

TEST(RunLint, NonJsonInputIsAFindingAndLintingContinues) {
  const std::string dir = MakeDir("nonjson", {{"a.json", "oops"}, {"b.json", Clean()}});
  const Result r = Lint({"a.json", "b.json"}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "a.json:1:1: error: expected an object, got 'o' [OCI000]\n1 error, 0 warnings, 0 info in 2 files\n");
}

TEST(RunLint, StandardInput) {
  const Result r = Lint({"-"}, "", WithCwd("rel"));
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(absl::StartsWith(r.out, "<stdin>:11:9: error: process.cwd")) << r.out;
}

TEST(RunLint, BundleDirectoryAddsBundleChecks) {
  const std::string dir = MakeDir("bundle", {{"b/config.json", Clean()}, {"b/rootfs/bin/sh", "#!/bin/sh\n"}});
  ::chmod((dir + "/b/config.json").c_str(), 0666);
  ::chmod((dir + "/b/rootfs/bin/sh").c_str(), 0755);
  const Result r = Lint({"b"}, dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "b/config.json:1:1: warning: config.json has mode 0666, writable by anyone; expected 0600 [HOST251]\n"
            "0 errors, 1 warning, 0 info in 1 file\n");
}

TEST(RunLint, DirectoryTreeFindsEveryConfig) {
  const std::string dir = MakeDir("tree", {{"t/x/config.json", Clean()}, {"t/y/z/config.json", WithCwd("w")},
                                           {"t/y/notes.json", "{}"}});
  const Result r = Lint({"t"}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out,
            "t/y/z/config.json:11:9: error: process.cwd: \"w\" is not absolute; expected an absolute path such as \"/\" [OCI121]\n"
            "1 error, 0 warnings, 0 info in 2 files\n");
  EXPECT_EQ(Lint({"t/y/notes.json"}, dir).code, 1);  // named explicitly: linted
  const std::string empty = MakeDir("empty-tree", {{"e/readme.txt", "x"}});
  EXPECT_EQ(Lint({"e"}, empty).code, 2);
}

TEST(RunLint, JsonAndSarifFormats) {
  const std::string dir = MakeDir("formats", {{"bad.json", WithCwd("tmp")}});
  Result r = Lint({"--format", "json", "bad.json"}, dir);
  EXPECT_EQ(r.code, 1);
  nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["files"][0]["findings"][0]["ruleId"], "OCI121");
  r = Lint({"--format", "sarif", "bad.json"}, dir);
  doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.json");
}

TEST(RunLint, ListRulesAndExplain) {
  Result r = Lint({"--list-rules"});
  EXPECT_EQ(r.code, 0);
  for (const char* id : {"OCI000", "OCI121", "HOST201", "HOST250", "TYPO301", "SEC401", "SEC430", "SCMP509", "SCMP524"}) {
    EXPECT_NE(r.out.find(id), std::string::npos) << id;
  }
  r = Lint({"--list-rules", "--format", "json"});
  const nlohmann::json rules = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(rules.is_array());
  EXPECT_EQ(rules.size(), BuiltinLintRules().size());
  r = Lint({"--list-rules", "--format", "markdown"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, FormatRuleTableMarkdown(BuiltinLintRules()));
  EXPECT_TRUE(absl::StartsWith(r.out, "### Input\n\n| id | name | severity | what |\n|---|---|---|---|\n| OCI000 |")) << r.out;
  r = Lint({"--format", "markdown", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: --format markdown needs --list-rules\n");
  r = Lint({"--explain", "SCMP509"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(absl::StartsWith(r.out, "SCMP509 seccomp-clone3: clone3 is not handled the way glibc needs\n")) << r.out;
  for (const char* field : {"  family:    seccomp", "  severity:  warning", "  rationale: ", "  reference: ", "  fix:       "}) {
    EXPECT_NE(r.out.find(field), std::string::npos) << field;
  }
  r = Lint({"--explain", "SCMP59"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: --explain: unknown rule \"SCMP59\"; did you mean \"SCMP509\"?\n");
}

TEST(RunLint, PolicyFilesAddRulesAndBadOnesAreUsageErrors) {
  const std::string dir = MakeDir("policy", {
      {"c.json", Clean()},
      {"p.json", R"({"rules": [{"id": "ACME1", "type": "requiredAnnotations", "keys": ["com.acme.owner"], "severity": "warning"}]})"},
      {"bad.json", R"({"rules": [{"id": "ACME1", "type": "forbiddenEnv", "patterns": ["("]}]})"},
  });
  Result r = Lint({"--policy", "p.json", "c.json"}, dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("warning: annotations: \"com.acme.owner\" is missing; expected the annotation to be set [ACME1]"),
            std::string::npos)
      << r.out;
  r = Lint({"--policy", "p.json", "--explain", "ACME1"});
  EXPECT_EQ(r.code, 2);  // relative to the working directory: not found
  r = Lint({"--policy", "p.json", "--explain", "ACME1"}, dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("family:    policy"), std::string::npos) << r.out;
  r = Lint({"--policy", "bad.json", "c.json"}, dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: lint: bad.json: rules[0] (\"ACME1\"): patterns[0]: invalid RE2 pattern \"(\": missing ): (\n");
}

// A tree with findings, a file that is not JSON, a dangling link named
// config.json (unreadable: OCI000), a bundle, a missing path and an input over
// the size cap: -j 4 prints exactly what -j 1 prints, in every format.
TEST(RunLint, JobsPrintTheSameBytesAsOneJob) {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 24; ++i) files.emplace_back("t/c" + std::to_string(i) + "/config.json", WithCwd(i % 4 == 0 ? "rel" : "/"));
  files.emplace_back("t/c5/config.json", "oops");
  files.emplace_back("b/config.json", Clean());
  files.emplace_back("one.json", WithCwd("x"));
  const std::string dir = MakeDir("jobs", files);
  ::mkdir((dir + "/t/dangling").c_str(), 0755);
  ASSERT_EQ(::symlink((dir + "/nowhere").c_str(), (dir + "/t/dangling/config.json").c_str()), 0);
  for (const char* format : {"text", "json", "sarif"}) {
    const std::vector<std::string> paths = {"--format", format, "one.json", "t", "missing.json", "b", "/dev/zero", "t/c4"};
    std::vector<std::string> one = {"-j", "1"}, four = {"--jobs=4"};
    one.insert(one.end(), paths.begin(), paths.end());
    four.insert(four.end(), paths.begin(), paths.end());
    const Result a = Lint(one, dir);
    const Result b = Lint(four, dir);
    EXPECT_EQ(a.code, 2) << format;
    EXPECT_EQ(a.err, "ocikit: lint: missing.json: No such file or directory\nocikit: lint: /dev/zero: input exceeds 16777216 bytes\n");
    EXPECT_EQ(b.code, a.code) << format;
    EXPECT_EQ(b.out, a.out) << format;
    EXPECT_EQ(b.err, a.err) << format;
  }
  const Result text = Lint({"-j4", "t"}, dir);
  EXPECT_TRUE(absl::StrContains(text.out, "t/c5/config.json:1:1: error: expected an object, got 'o' [OCI000]\n")) << text.out;
  EXPECT_TRUE(absl::StrContains(text.out, "t/dangling/config.json: error: cannot read the file: ")) << text.out;
  EXPECT_TRUE(absl::EndsWith(text.out, "8 errors, 0 warnings, 0 info in 25 files\n")) << text.out;
}

TEST(RunLint, JobsMustBeANumberFromOneTo256) {
  for (const char* bad : {"0", "-1", "257", "two", ""}) {
    const Result r = Lint({"--jobs", bad, "x"});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_EQ(r.err, absl::StrCat("ocikit: lint: --jobs \"", bad, "\": expected a number of jobs from 1 to 256\n"));
  }
}

TEST(RunLint, StatsReportConfigsPerSecondOnStandardError) {
  const std::string dir = MakeDir("stats", {{"t/a/config.json", Clean()}, {"t/b/config.json", WithCwd("w")}});
  const Result plain = Lint({"-j", "2", "t"}, dir);
  const Result r = Lint({"--stats", "-j", "2", "t", "nope.json"}, dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, plain.out);
  EXPECT_TRUE(absl::StartsWith(r.err, "ocikit: lint: nope.json: No such file or directory\nocikit: lint: linted 2 configs in "))
      << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, " s (")) << r.err;
  EXPECT_TRUE(absl::EndsWith(r.err, " configs/s, 2 jobs)\n")) << r.err;
}

}  // namespace
}  // namespace ocikit::cli
