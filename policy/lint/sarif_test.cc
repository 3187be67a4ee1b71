#include "policy/lint/sarif.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "policy/lint/lint.h"
#include "policy/lint/output.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

using Json = nlohmann::json;

bool NonEmptyString(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j.at(key).is_string() && !j.at(key).get<std::string>().empty();
}

// The structure SARIF 2.1.0 requires (OASIS schema minimums) and the
// properties GitHub code scanning needs, checked field by field.
void ExpectGitHubAcceptable(const std::string& text) {
  const Json log = Json::parse(text, nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << text;
  EXPECT_TRUE(NonEmptyString(log, "$schema"));
  EXPECT_EQ(log.at("version"), "2.1.0");
  ASSERT_TRUE(log.at("runs").is_array());
  ASSERT_EQ(log.at("runs").size(), 1u);
  const Json& run = log.at("runs")[0];
  const Json& driver = run.at("tool").at("driver");
  EXPECT_TRUE(NonEmptyString(driver, "name"));
  const Json& rules = driver.at("rules");
  ASSERT_TRUE(rules.is_array());
  const std::set<std::string> levels = {"none", "note", "warning", "error"};
  for (const Json& r : rules) {
    EXPECT_TRUE(NonEmptyString(r, "id"));
    EXPECT_LE(r.at("name").get<std::string>().size(), 255u);
    for (const char* d : {"shortDescription", "fullDescription", "help"}) {
      ASSERT_TRUE(NonEmptyString(r.at(d), "text")) << r.at("id") << " " << d;
      if (std::string(d) != "help") {
        EXPECT_LE(r.at(d).at("text").get<std::string>().size(), 1024u);
      }
    }
    EXPECT_TRUE(levels.count(r.at("defaultConfiguration").at("level").get<std::string>()));
    EXPECT_LE(r.at("properties").at("tags").size(), 20u);
  }
  std::set<std::string> fingerprints;
  for (const Json& res : run.at("results")) {
    ASSERT_TRUE(NonEmptyString(res, "ruleId"));
    ASSERT_TRUE(res.contains("ruleIndex"));
    const size_t index = res.at("ruleIndex").get<size_t>();
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index].at("id"), res.at("ruleId"));
    EXPECT_TRUE(levels.count(res.at("level").get<std::string>()));
    EXPECT_TRUE(NonEmptyString(res.at("message"), "text"));
    const Json& locations = res.at("locations");
    ASSERT_TRUE(locations.is_array());
    ASSERT_GE(locations.size(), 1u);
    ASSERT_LE(locations.size(), 10u);
    const Json& physical = locations[0].at("physicalLocation");
    EXPECT_TRUE(NonEmptyString(physical.at("artifactLocation"), "uri"));
    const Json& region = physical.at("region");
    for (const char* k : {"startLine", "startColumn", "endLine", "endColumn"}) {
      ASSERT_TRUE(region.contains(k) && region.at(k).is_number_integer()) << k;
      EXPECT_GE(region.at(k).get<int64_t>(), 1) << k;
    }
    EXPECT_EQ(region.at("endLine"), region.at("startLine"));
    EXPECT_GT(region.at("endColumn").get<int64_t>(), region.at("startColumn").get<int64_t>());
    ASSERT_TRUE(NonEmptyString(res.at("partialFingerprints"), "primaryLocationLineHash"));
    const std::string key = physical.at("artifactLocation").at("uri").get<std::string>() + " " +
                            res.at("partialFingerprints").at("primaryLocationLineHash").get<std::string>();
    EXPECT_TRUE(fingerprints.insert(key).second) << key;
  }
}

std::vector<LintFileResult> SampleResults() {
  Spec s = DefaultLinuxSpec();
  s.process->cwd = "t\u00e9mp";  // a non-ASCII value: columns in code points
  s.process->args = {"sh"};
  LintOptions o;
  o.profile = LintProfile::kRestricted;
  std::vector<LintFileResult> results;
  results.push_back({"bundles/web app/config.json", LintConfigText(MarshalIndent(s, 4), o)});
  results.push_back({"/abs/broken.json", LintConfigText("{\"ociVersion\": 1}", o)});
  results.push_back({"missing.json", LintConfigFile("/nonexistent/missing.json", o)});
  return results;
}

TEST(FormatLintSarif, IsAcceptedByGitHubCodeScanning) {
  const std::vector<LintFileResult> results = SampleResults();
  ASSERT_GT(results[0].result.findings.size(), 5u);
  ExpectGitHubAcceptable(FormatLintSarif(results, LintCatalogue()));
  ExpectGitHubAcceptable(FormatLintSarif({}, LintCatalogue()));
}

TEST(FormatLintSarif, ListsOnlyTheRulesWithResultsAndMapsLevels) {
  const Json log = Json::parse(FormatLintSarif(SampleResults(), LintCatalogue()));
  const Json& run = log.at("runs")[0];
  std::set<std::string> rule_ids, result_ids;
  for (const Json& r : run.at("tool").at("driver").at("rules")) rule_ids.insert(r.at("id").get<std::string>());
  for (const Json& r : run.at("results")) result_ids.insert(r.at("ruleId").get<std::string>());
  EXPECT_EQ(rule_ids, result_ids);
  EXPECT_EQ(run.at("columnKind"), "unicodeCodePoints");
  for (const Json& r : run.at("results")) {
    if (r.at("ruleId") == "SEC406") {
      EXPECT_EQ(r.at("level"), "note");  // info
    }
    if (r.at("ruleId") == "OCI000") {
      EXPECT_EQ(r.at("level"), "error");
    }
  }
  for (const Json& r : run.at("tool").at("driver").at("rules")) {
    if (r.at("id") == "SEC430") {
      EXPECT_EQ(r.at("properties").at("security-severity"), "8.0");
    }
  }
}

TEST(FormatLintSarif, UnreadableFilesAreAtLineOne) {
  const Json log = Json::parse(FormatLintSarif(SampleResults(), LintCatalogue()));
  bool seen = false;
  for (const Json& r : log.at("runs")[0].at("results")) {
    const Json& loc = r.at("locations")[0].at("physicalLocation");
    if (loc.at("artifactLocation").at("uri") != "missing.json") continue;
    seen = true;
    EXPECT_EQ(loc.at("region").at("startLine"), 1);
  }
  EXPECT_TRUE(seen);
}

TEST(SarifUri, RelativeAbsoluteAndStdin) {
  EXPECT_EQ(SarifUri("bundles/web app/config.json"), "bundles/web%20app/config.json");
  EXPECT_EQ(SarifUri("/abs/config.json"), "file:///abs/config.json");
  EXPECT_EQ(SarifUri("<stdin>"), "stdin");
  EXPECT_EQ(SarifUri("caf\u00e9.json"), "caf%C3%A9.json");
}

TEST(FormatLintText, SummaryAndPositions) {
  const std::string text = FormatLintText(SampleResults());
  EXPECT_NE(text.find("missing.json: error: cannot read the file"), std::string::npos) << text;
  EXPECT_NE(text.find("/abs/broken.json:1:16: error: ociVersion: expected a string, got 1 [OCI000]"), std::string::npos) << text;
  EXPECT_NE(text.find(" in 3 files\n"), std::string::npos);
}

TEST(FormatLintJson, IsValidJsonWithASummary) {
  const Json doc = Json::parse(FormatLintJson(SampleResults()));
  EXPECT_EQ(doc.at("files").size(), 3u);
  EXPECT_EQ(doc.at("summary").at("files"), 3);
  EXPECT_GE(doc.at("summary").at("error").get<int>(), 3);
  const Json& f = doc.at("files")[1].at("findings")[0];
  EXPECT_EQ(f.at("ruleId"), "OCI000");
  EXPECT_EQ(f.at("path"), "ociVersion");
  EXPECT_EQ(f.at("line"), 1);
  EXPECT_FALSE(doc.at("files")[2].at("findings")[0].contains("line"));
}

}  // namespace
}  // namespace ocikit
