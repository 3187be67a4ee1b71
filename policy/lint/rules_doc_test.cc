// docs/lint.md's rule catalogue, between its GENERATED RULES markers, must be
// what the registry renders (FormatRuleTableMarkdown of BuiltinLintRules()).
//
// Rewrite the section from the registry (then review the diff):
//   bazel run //policy/lint:rules_doc_test -- --update
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "policy/lint/output.h"
#include "policy/lint/rules.h"
#include "spec/testing/golden_mode.h"

namespace ocikit {
namespace {

bool update_mode = false;

constexpr char kDoc[] = "docs/lint.md";
constexpr char kBegin[] = "<!-- BEGIN GENERATED RULES";
constexpr char kEnd[] = "<!-- END GENERATED RULES -->";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Where the generated lines of `doc` start and end (the start of the END
// marker); nullopt without both markers.
std::optional<std::pair<size_t, size_t>> GeneratedSpan(const std::string& doc) {
  const size_t begin = doc.find(kBegin);
  const size_t end = doc.find(kEnd);
  if (begin == std::string::npos || end == std::string::npos) return std::nullopt;
  const size_t close = doc.find("-->\n", begin);  // the BEGIN comment may span lines
  if (close == std::string::npos || close + 4 > end) return std::nullopt;
  return std::make_pair(close + 4, end);
}

TEST(RulesDoc, GeneratedSectionMatchesTheRegistry) {
  const std::string path = testutil::WorkspacePath(kDoc);
  const std::string doc = ReadFile(path);
  ASSERT_FALSE(doc.empty()) << "cannot read " << path;
  const std::optional<std::pair<size_t, size_t>> span = GeneratedSpan(doc);
  ASSERT_TRUE(span.has_value()) << path << ": expected the markers " << kBegin << " ... --> and " << kEnd;
  const std::string generated = FormatRuleTableMarkdown(BuiltinLintRules());
  if (update_mode) {
    std::ofstream(path, std::ios::trunc) << doc.substr(0, span->first) << generated << doc.substr(span->second);
    return;
  }
  EXPECT_EQ(doc.substr(span->first, span->second - span->first), generated)
      << kDoc << "'s rule tables differ from the registry (policy/lint/rules-inl.h); update them with\n"
      << "  bazel run //policy/lint:rules_doc_test -- --update";
}

TEST(RulesDoc, SpanLiesBetweenTheMarkers) {
  const std::string doc = absl::StrCat("intro\n", kBegin, " note\n -->\nold\n", kEnd, "\nrest\n");
  const std::optional<std::pair<size_t, size_t>> span = GeneratedSpan(doc);
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(doc.substr(span->first, span->second - span->first), "old\n");
  EXPECT_FALSE(GeneratedSpan("no markers\n").has_value());
  EXPECT_FALSE(GeneratedSpan(absl::StrCat(kEnd, "\n", kBegin, " -->\n")).has_value());
}

}  // namespace
}  // namespace ocikit

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ocikit::update_mode = ocikit::testutil::UpdateModeRequested(argc, argv);
  return RUN_ALL_TESTS();
}
