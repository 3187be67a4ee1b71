#include "policy/diff/format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/diff/diff.h"
#include "policy/diff/test_util.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

// A: the default spec. B: PATH changed, a mount added, /run moved first.
SpecDiff Example() {
  Spec a = DefaultLinuxSpec();
  a.process->env = {"PATH=/bin"};
  Spec b = a;
  b.process->env = {"PATH=/usr/bin:/bin"};
  Mount data;
  data.destination = "/data";
  data.type = "bind";
  data.source = "/srv";
  b.mounts.push_back(data);
  std::rotate(b.mounts.begin(), b.mounts.begin() + 6, b.mounts.begin() + 7);
  return DiffSpecs(a, b);
}

TEST(FormatDiffText, GroupsBySectionWithHeadersAndSummary) {
  DiffTextOptions options;
  options.a_name = "a.json";
  options.b_name = "b.json";
  EXPECT_EQ(FormatDiffText(Example().changes, options),
            "--- a.json\n"
            "+++ b.json\n"
            "@@ process.env @@\n"
            "~ process.env[name=PATH]: \"PATH=/bin\" -> \"PATH=/usr/bin:/bin\"\n"
            "@@ mounts @@\n"
            "> mounts[destination=/run]: moved to the start (position 6 -> 0)\n"
            "+ mounts[destination=/data]: {\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv\"}\n"
            "3 changes: 1 added, 0 removed, 1 changed, 1 moved\n");
  EXPECT_EQ(FormatDiffText({}, options), "");
}

TEST(FormatDiffText, ColoursOnlyWhenAsked) {
  DiffTextOptions options;
  options.color = true;
  const std::string text = FormatDiffText(Example().changes, options);
  EXPECT_NE(text.find("\x1b[36m@@ mounts @@\x1b[0m\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[32m+ mounts[destination=/data]"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[33m~ process.env"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[35m> mounts"), std::string::npos) << text;
  EXPECT_EQ(text.find("---"), std::string::npos);  // no names, no header
}

TEST(FormatDiffText, ElementsOfOneSetShareALine) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.process->capabilities->bounding.push_back("CAP_SYS_ADMIN");
  b.process->capabilities->bounding.push_back("CAP_BPF");
  std::erase(b.process->capabilities->bounding, "CAP_KILL");
  const std::vector<Change> changes = DiffSpecs(a, b).changes;
  EXPECT_EQ(FormatDiffText(changes, {}),
            "@@ process.capabilities @@\n"
            "- process.capabilities.bounding: \"CAP_KILL\"\n"
            "+ process.capabilities.bounding: \"CAP_SYS_ADMIN\", \"CAP_BPF\"\n"
            "3 changes: 2 added, 1 removed, 0 changed, 0 moved\n");
  EXPECT_NE(FormatDiffJson(changes, "a", "b").find("\"kind\": \"added\",\n      \"element\": true,\n      \"new\": \"CAP_BPF\""),
            std::string::npos);
}

TEST(FormatDiffStat, CountsPerSection) {
  EXPECT_EQ(FormatDiffStat(Example().changes),
            " process.env | 1 ~1\n"
            " mounts      | 2 +1 >1\n"
            " 2 sections, 3 changes: 1 added, 0 removed, 1 changed, 1 moved\n");
  EXPECT_EQ(FormatDiffStat({}), "");
}

TEST(FormatDiffText, MovesNameTheirNewNeighbour) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.mounts.erase(b.mounts.begin());        // /proc removed
  std::swap(b.mounts[0], b.mounts[1]);     // /dev/pts now before /dev
  const std::string text = FormatDiffText(DiffSpecs(a, b).changes, DiffTextOptions());
  EXPECT_THAT(text, ::testing::HasSubstr("> mounts[destination=/dev]: moved after mounts[destination=/dev/pts]\n"))
      << text;
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("position 1 -> 1"))) << text;
}

TEST(FormatDiffText, UmaskInOctalAndLongObjectsIndented) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  a.process->user.umask = 022;
  b.process->user.umask = 077;
  b.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
  b.linux_section->seccomp->architectures = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64",
                                     "SCMP_ARCH_ARM", "SCMP_ARCH_PPC64LE"};
  const std::string text = FormatDiffText(DiffSpecs(a, b).changes, DiffTextOptions());
  EXPECT_THAT(text, ::testing::HasSubstr("~ process.user.umask: 0022 -> 0077\n")) << text;
  EXPECT_THAT(text, ::testing::HasSubstr("+ linux.seccomp:\n    {\n      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
                                         "      \"architectures\": [\n        \"SCMP_ARCH_X86_64\",\n"))
      << text;
  EXPECT_EQ(diff_internal::IndentJson(R"({"a":[],"b":{"c":"x,{y}"}})", ""),
            "{\n  \"a\": [],\n  \"b\": {\n    \"c\": \"x,{y}\"\n  }\n}");
}

TEST(FormatDiffText, DeduplicationIsOneLine) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  a.process->capabilities->bounding.push_back("CAP_CHOWN");
  EXPECT_THAT(FormatDiffText(DiffSpecs(a, b).changes, DiffTextOptions()),
              ::testing::HasSubstr(
                  "~ process.capabilities.bounding: \"CAP_CHOWN\" listed 2 times -> 1 (de-duplicated)\n"));
}

TEST(FormatDiffJson, StructuredChanges) {
  const std::string json = FormatDiffJson(Example().changes, "a.json", "b.json");
  const std::string head =
            "{\n  \"equal\": false,\n  \"a\": \"a.json\",\n  \"b\": \"b.json\",\n  \"summary\": {\n    \"changes\": 3,\n"
            "    \"added\": 1,\n    \"removed\": 0,\n    \"changed\": 1,\n    \"moved\": 1\n  },\n";
  EXPECT_EQ(json.substr(0, head.size()), head);
  EXPECT_NE(json.find("\"path\": \"mounts[destination=/run]\",\n      \"section\": \"mounts\",\n      \"kind\": "
                      "\"moved\",\n      \"from\": 6,\n      \"to\": 0,\n      \"after\": null\n"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"old\": \"PATH=/bin\",\n      \"new\": \"PATH=/usr/bin:/bin\""), std::string::npos) << json;
  EXPECT_TRUE(testing::SameJsonValue(json, json));  // valid JSON
  EXPECT_EQ(FormatDiffJson({}, "a", "b"),
            "{\n  \"equal\": true,\n  \"a\": \"a\",\n  \"b\": \"b\",\n  \"summary\": {\n    \"changes\": 0,\n"
            "    \"added\": 0,\n    \"removed\": 0,\n    \"changed\": 0,\n    \"moved\": 0\n  },\n"
            "  \"sections\": [],\n  \"changes\": []\n}\n");
}

TEST(FormatJsonPatch, OneOperationPerLine) {
  EXPECT_EQ(FormatJsonPatch(Example().patch),
            "[\n"
            "  {\"op\":\"replace\",\"path\":\"/process/env/0\",\"value\":\"PATH=/usr/bin:/bin\"},\n"
            "  {\"op\":\"move\",\"from\":\"/mounts/6\",\"path\":\"/mounts/0\"},\n"
            "  {\"op\":\"add\",\"path\":\"/mounts/7\",\"value\":{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv\"}}\n"
            "]\n");
  EXPECT_EQ(FormatJsonPatch({}), "[]\n");
}

TEST(FilterChanges, DropsMatchingPaths) {
  absl::StatusOr<std::vector<Change>> kept = FilterChanges(Example().changes, {"^mounts\\["});
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ(kept->front().path.ToString(), "process.env[name=PATH]");
  EXPECT_EQ(FilterChanges(Example().changes, {"env", "run", "data"})->size(), 0u);
  EXPECT_EQ(FilterChanges(Example().changes, {})->size(), 3u);
}

TEST(FilterChanges, InvalidPatternIsAnError) {
  absl::StatusOr<std::vector<Change>> kept = FilterChanges(Example().changes, {"mounts["});
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(kept.status().message(),
            "invalid pattern \"mounts[\": missing ]: [; expected an RE2 regular expression");
}

}  // namespace
}  // namespace ocikit
