// policy/lint/runner.h: linting on several threads gives what one thread
// gives, in the same order, and hands results back while later inputs are
// still to be read; the streamed JSON is nlohmann's dump of the document.
#include "policy/lint/runner.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"
#include "policy/lint/lint.h"
#include "policy/lint/output.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit {
namespace {

std::string Config(const std::string& cwd) {
  Spec s = DefaultLinuxSpec("default", "t");
  s.process->args = {"/bin/sh"};
  s.process->cwd = cwd;
  return MarshalIndent(s, 4) + "\n";
}

// A fresh directory $TEST_TMPDIR/runner-NAME with the given files.
std::string MakeTree(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::filesystem::path dir = std::filesystem::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / ("runner-" + name);
  std::filesystem::remove_all(dir);
  for (const auto& [rel, content] : files) {
    std::filesystem::create_directories((dir / rel).parent_path());
    EXPECT_TRUE(WriteFileAtomic((dir / rel).string(), content, 0600).ok()) << rel;
  }
  return dir.string();
}

// 30 configs in a tree (every third one with a finding, one not JSON, one a
// dangling symbolic link), a bundle, a missing path and an input over the cap.
std::string MixedTree() {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 30; ++i) {
    files.emplace_back("tree/d" + std::to_string(i) + "/config.json", Config(i % 3 == 0 ? "rel" : "/"));
  }
  files.emplace_back("tree/d7/config.json", "{\"ociVersion\": ");
  files.emplace_back("bundle/config.json", Config("/"));
  files.emplace_back("one.json", Config("x"));
  const std::string dir = MakeTree("mixed", files);
  std::filesystem::create_directories(dir + "/tree/d9x");
  std::filesystem::create_symlink(dir + "/nowhere", dir + "/tree/d9x/config.json");
  return dir;
}

const std::vector<std::string> kMixedPaths = {"one.json", "missing.json", "tree", "/dev/zero", "bundle", "tree/d3"};

TEST(LintPaths, ParallelRunsGiveTheSameResultsInTheSameOrder) {
  const std::string dir = MixedTree();
  const LintRun one = LintPaths(kMixedPaths, LintOptions(), dir, nullptr, 1);
  ASSERT_EQ(one.files.size(), 34u);  // one.json, 31 in the tree, the bundle, tree/d3
  EXPECT_EQ(one.files[1].file, "tree/d0/config.json");
  EXPECT_EQ(one.files[32].file, "bundle/config.json");
  EXPECT_EQ(one.errors, (std::vector<std::string>{"missing.json: No such file or directory",
                                                 "/dev/zero: input exceeds 16777216 bytes"}));
  const std::vector<const LintRule*> rules = LintCatalogue();
  for (const int jobs : {2, 3, 8}) {
    const LintRun many = LintPaths(kMixedPaths, LintOptions(), dir, nullptr, jobs);
    EXPECT_EQ(many.errors, one.errors) << jobs;
    for (const char* format : {"text", "json", "sarif"}) {
      EXPECT_EQ(FormatLintRun(many, format, rules), FormatLintRun(one, format, rules)) << format << " " << jobs;
    }
  }
}

TEST(LintPaths, StandardInputIsReadInItsPlace) {
  const std::string dir = MixedTree();
  std::istringstream in(Config("stdin-rel"));
  const LintRun run = LintPaths({"one.json", "-", "-", "bundle"}, LintOptions(), dir, &in, 4);
  ASSERT_EQ(run.files.size(), 4u);
  EXPECT_EQ(run.files[1].file, "<stdin>");
  EXPECT_TRUE(run.files[1].result.Fails(LintSeverity::kError));  // the relative cwd
  EXPECT_EQ(run.files[2].file, "<stdin>");                       // read again: empty
  EXPECT_EQ(run.files[2].result.findings.at(0).rule_id, "OCI000");
}

// Each outcome is emitted before the next input is read: the second path is
// a pipe that is written only when the first file's outcome has arrived. A
// runner that collected every result first would read the pipe before
// emitting anything, and get the fallback text.
TEST(StreamLintPaths, EmitsEachOutcomeBeforeLaterInputsAreDone) {
  const std::string dir = MixedTree();
  for (const int jobs : {1, 4}) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::atomic<bool> first_emitted = false;
    std::thread writer([&] {
      for (int i = 0; i < 6000 && !first_emitted; ++i) ::usleep(10000);  // a guard against a hang, not a measure
      const std::string text = first_emitted ? Config("/") : "not emitted first";
      EXPECT_EQ(::write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
      ::close(fds[1]);
    });
    std::vector<std::string> order;
    StreamLintPaths({"one.json", "/dev/fd/" + std::to_string(fds[0])}, LintOptions(), dir, nullptr, jobs, [&](LintOutcome o) {
      EXPECT_EQ(o.error, "");
      order.push_back(o.file.file);
      if (order.size() == 1) {
        EXPECT_TRUE(o.file.result.Fails(LintSeverity::kError));  // one.json's relative cwd
      } else {
        EXPECT_FALSE(o.file.result.Fails(LintSeverity::kError)) << "the pipe was read before one.json was emitted";
      }
      first_emitted = true;
    });
    writer.join();
    ::close(fds[0]);
    EXPECT_EQ(order, (std::vector<std::string>{"one.json", "/dev/fd/" + std::to_string(fds[0])})) << jobs;
  }
}

TEST(LintJsonWriter, StreamedJsonIsNlohmannsDumpOfTheDocument) {
  LintFileResult clean{"a.json", {}};
  LintFileResult findings{"dir/b \"x\".json", {}};
  LintFinding& cwd = findings.result.findings.emplace_back();
  cwd.rule_id = "OCI121";
  cwd.path = FieldPath::Parse("process.cwd").value();
  cwd.message = "tab\there";
  cwd.line = 11;
  cwd.column = 9;
  LintFinding& unread = findings.result.findings.emplace_back();
  unread.rule_id = "OCI000";
  unread.severity = LintSeverity::kWarning;
  unread.message = "cannot read";
  for (const std::vector<LintFileResult>& results : std::vector<std::vector<LintFileResult>>{{}, {clean}, {clean, findings}}) {
    const std::string out = FormatLintJson(results);
    const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << out;
    EXPECT_EQ(out, doc.dump(2) + "\n");
    EXPECT_EQ(doc["summary"]["files"], results.size());
  }
}

}  // namespace
}  // namespace ocikit
