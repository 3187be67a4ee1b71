#include "policy/lint/walk.h"

#include <string>

#include "gtest/gtest.h"
#include "spec/codec.h"

namespace ocikit::internal {
namespace {

// Fields, array elements, map keys and maps of objects at several depths.
constexpr char kConfig[] = R"({
  "ociVersion": "1.0.2",
  "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0, "additionalGids": [1, 2]},
              "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
              "capabilities": {"bounding": ["CAP_CHOWN"]}},
  "mounts": [{"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid"]}],
  "annotations": {"io.x": "1", "a b": "2"},
  "linux": {"timeOffsets": {"boottime": {"secs": 1}},
            "seccomp": {"defaultAction": "SCMP_ACT_ERRNO",
                        "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW",
                                      "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}]}}
})";

std::string PatternOf(const LintPathNode* node) {
  std::string out = "unchanged:";
  AppendPattern(node, out);
  return out.substr(std::string("unchanged:").size());
}

TEST(WalkTest, AppendPatternIsThePatternOfTheNodesPath) {
  const absl::StatusOr<Spec> spec = ParseSpec(kConfig);
  ASSERT_TRUE(spec.ok()) << spec.status();
  int fields = 0, strings = 0;
  ForEachField(*spec, nullptr, [&](const auto&, const LintPathNode* node) {
    std::string pattern;
    AppendPattern(node, pattern);
    EXPECT_EQ(pattern, ToFieldPath(node).Pattern());
    ++fields;
    return true;
  });
  ForEachString(*spec, nullptr, [&](absl::string_view, const LintPathNode* node, bool) {
    std::string pattern;
    AppendPattern(node, pattern);
    EXPECT_EQ(pattern, ToFieldPath(node).Pattern()) << ToFieldPath(node);
    ++strings;
  });
  EXPECT_GT(fields, 25);
  EXPECT_GT(strings, 15);
}

TEST(WalkTest, ToFieldPathNamesEveryKindOfSegment) {
  const LintPathNode linux_node{nullptr, FieldPath::Kind::kField, "linux", 0};
  const LintPathNode offsets{&linux_node, FieldPath::Kind::kField, "timeOffsets", 0};
  const LintPathNode key{&offsets, FieldPath::Kind::kKey, "boot time", 0};
  const LintPathNode secs{&key, FieldPath::Kind::kField, "secs", 0};
  EXPECT_EQ(ToFieldPath(&secs).ToString(), "linux.timeOffsets[\"boot time\"].secs");
  EXPECT_EQ(PatternOf(&secs), "linux.timeOffsets[*].secs");
  const LintPathNode mounts{nullptr, FieldPath::Kind::kField, "mounts", 0};
  const LintPathNode third{&mounts, FieldPath::Kind::kIndex, {}, 3};
  EXPECT_EQ(ToFieldPath(&third), FieldPath().Field("mounts").Index(3));
  EXPECT_EQ(PatternOf(&third), "mounts[]");
  EXPECT_EQ(ToFieldPath(nullptr), FieldPath());
  EXPECT_EQ(PatternOf(nullptr), "");
}

}  // namespace
}  // namespace ocikit::internal
