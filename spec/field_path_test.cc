#include "spec/field_path.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/codec.h"

namespace ocikit {
namespace {

using ::testing::HasSubstr;

// The path part of ParseSpec's "<source>:<line>:<col>: <path>: <message>".
// The messages used below contain no ": ", so the path ends at the last one.
std::string ErrorPath(absl::string_view text) {
  absl::StatusOr<Spec> spec = ParseSpec(text, "config.json");
  if (spec.ok()) return "<no error>";
  absl::string_view message = spec.status().message();
  for (int i = 0; i < 3; ++i) message.remove_prefix(message.find(':') + 1);
  message.remove_prefix(1);  // the space after "<col>:"
  return std::string(message.substr(0, message.rfind(": ")));
}

FieldPath P(absl::string_view text) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse(text);
  EXPECT_TRUE(p.ok()) << text << ": " << p.status();
  return p.ok() ? *p : FieldPath();
}

TEST(FieldPath, RendersLikeReaderErrors) {
  const FieldPath root;
  EXPECT_EQ(ErrorPath("[]"), root.ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","process":{"cwd":"/","user":{},
      "rlimits":[{"type":"A","hard":1,"soft":1},{"type":"B","hard":1,"soft":1},{"type":"C","hard":-1}]}})"),
            root.Field("process").Field("rlimits").Index(2).Field("hard").ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","process":{"env":["A=1",5]}})"),
            root.Field("process").Field("env").Index(1).ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","linux":{"sysctl":{"net.ipv4.ip_forward":1}}})"),
            root.Field("linux").Field("sysctl").Key("net.ipv4.ip_forward").ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","annotations":{"a\"b<\u00e9":1}})"),
            root.Field("annotations").Key("a\"b<\u00e9").ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","linux":{"timeOffsets":{"boottime":{"secs":"1"}}}})"),
            root.Field("linux").Field("timeOffsets").Key("boottime").Field("secs").ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","linux":{"resources":{"rdma":{"mlx5_0":{"hcaHandles":-1}}}}})"),
            root.Field("linux").Field("resources").Field("rdma").Key("mlx5_0").Field("hcaHandles").ToString());
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"A",
      "syscalls":[{"names":["read"],"action":"A","args":[{"index":0,"value":1,"op":"B"},{"index":1,"value":2,"op":5}]}]}}})"),
            root.Field("linux").Field("seccomp").Field("syscalls").Index(0).Field("args").Index(1).Field("op").ToString());
  // Unknown keys that are not identifiers are quoted, as map keys are.
  EXPECT_EQ(ErrorPath(R"({"ociVersion":"1.3.0","x.y":{"a":tru}})"), root.Field("x.y").Field("a").ToString());
  EXPECT_EQ(root.Field("x.y").Field("a").ToString(), R"(["x.y"].a)");
}

TEST(FieldPath, RendersEachSegmentKind) {
  const FieldPath root;
  EXPECT_EQ(root.ToString(), "(root)");
  EXPECT_EQ(root.Field("process").Field("rlimits").Index(2).Field("hard").ToString(), "process.rlimits[2].hard");
  EXPECT_EQ(root.Field("linux").Field("sysctl").Key("net.ipv4.ip_forward").ToString(),
            R"(linux.sysctl["net.ipv4.ip_forward"])");
  EXPECT_EQ(root.Field("annotations").Key("plain").ToString(), R"(annotations["plain"])");
  EXPECT_EQ(root.Index(0).Field("a").ToString(), "[0].a");
}

TEST(FieldPath, RendersSelectorsAsKeyEqualsValue) {
  const FieldPath root;
  EXPECT_EQ(root.Field("mounts").Select("destination", "/proc").Field("options").ToString(),
            "mounts[destination=/proc].options");
  EXPECT_EQ(root.Field("linux").Field("namespaces").Select("type", "pid").ToString(), "linux.namespaces[type=pid]");
  EXPECT_EQ(root.Field("process").Field("env").Select("name", "PATH").ToString(), "process.env[name=PATH]");
  EXPECT_EQ(root.Field("mounts").Select("destination", "/my dir").ToString(), R"(mounts[destination="/my dir"])");
  EXPECT_EQ(root.Field("x").Select("k", "").ToString(), R"(x[k=""])");
  EXPECT_EQ(root.Field("x").Select("k", "a]b").ToString(), R"(x[k="a]b"])");
  EXPECT_EQ(root.Field("x").Select("k", "a=b").ToString(), "x[k=a=b]");
  EXPECT_EQ(root.Field("x").Select("a b", "1").ToString(), R"(x["a b"=1])");
}

TEST(FieldPath, ParseReadsToStringBack) {
  const FieldPath root;
  const std::vector<std::string> keys = {
      "a.b", "a\"b", "a]b", "[x]", "[0]", "\u00fcn\u00ef\u00e7\u00f8d\u00e9", "\xF0\x9F\x98\x80 smile", "", "a\\b",
      "line\nbreak", "tab\t", "<&>", "\u2028", "~/", "x=y", "(root)", ".", "\x01",
  };
  std::vector<FieldPath> paths = {
      root,
      root.Field("process").Field("rlimits").Index(2).Field("hard"),
      root.Index(0),
      root.Index(UINT64_MAX).Index(0),
      root.Field("a-b_c").Field("123").Field("x"),
      root.Field("mounts").Select("destination", "/proc").Field("options").Index(1),
      root.Field("process").Field("env").Select("name", "PATH"),
  };
  for (const std::string& k : keys) {
    paths.push_back(root.Field("annotations").Key(k));
    paths.push_back(root.Field("linux").Field("timeOffsets").Key(k).Field("secs"));
    paths.push_back(root.Field("mounts").Select("destination", k).Field("type"));
    paths.push_back(root.Field("x").Select(k, k));
  }
  for (const FieldPath& p : paths) {
    absl::StatusOr<FieldPath> back = FieldPath::Parse(p.ToString());
    ASSERT_TRUE(back.ok()) << p.ToString() << ": " << back.status();
    EXPECT_EQ(*back, p) << p.ToString() << " read back as " << back->ToString();
  }
}

TEST(FieldPath, ParseReadsQuotedFieldNamesAsKeys) {
  // The reader's rendering cannot tell a non-identifier field from a map key.
  EXPECT_EQ(P(R"(["x.y"].a)"), FieldPath().Key("x.y").Field("a"));
}

TEST(FieldPath, ParseReadsRootForms) {
  EXPECT_EQ(P(""), FieldPath());
  EXPECT_EQ(P("(root)"), FieldPath());
  EXPECT_TRUE(P("(root)").empty());
}

TEST(FieldPath, ParseRejectsMalformedPaths) {
  for (absl::string_view bad :
       {".a", "a.", "a..b", "a[", "a[]", "a[x]", "a[\"x]", "a[1", "a[1]b", "a[k=v", "a[k=a b]", "a[k=\"v]",
        "a[99999999999999999999]", "a b", "(root).a", "a[\"\\q\"]", "a[=v]"}) {
    absl::StatusOr<FieldPath> p = FieldPath::Parse(bad);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(p.status().message(), HasSubstr("invalid field path")) << bad;
  }
  EXPECT_EQ(FieldPath::Parse("process.").status().message(),
            R"(invalid field path "process." at offset 8: expected a field name)");
}

TEST(FieldPath, JsonPointerEscapesTildeAndSlash) {
  const FieldPath root;
  EXPECT_EQ(*root.ToJsonPointer(), "");
  EXPECT_EQ(*root.Field("process").Field("args").Index(0).ToJsonPointer(), "/process/args/0");
  EXPECT_EQ(*root.Field("annotations").Key("a/b~c").ToJsonPointer(), "/annotations/a~1b~0c");
  EXPECT_EQ(*root.Field("annotations").Key("~1").ToJsonPointer(), "/annotations/~01");
  EXPECT_EQ(*root.Field("annotations").Key("").ToJsonPointer(), "/annotations/");
  EXPECT_EQ(*root.Field("linux").Field("sysctl").Key("net.ipv4.ip_forward").ToJsonPointer(),
            "/linux/sysctl/net.ipv4.ip_forward");
}

TEST(FieldPath, JsonPointerRefusesSelectors) {
  absl::StatusOr<std::string> pointer =
      FieldPath().Field("linux").Field("namespaces").Select("type", "pid").Field("path").ToJsonPointer();
  EXPECT_EQ(pointer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(pointer.status().message(), HasSubstr("linux.namespaces[type=pid].path: selector [type=pid]"));
}

TEST(FieldPath, PatternReplacesIndexesSelectorsAndKeys) {
  EXPECT_EQ(FieldPath().Pattern(), "");
  EXPECT_EQ(P("process.rlimits[2].hard").Pattern(), "process.rlimits[].hard");
  EXPECT_EQ(P("mounts[destination=/proc].options").Pattern(), "mounts[].options");
  EXPECT_EQ(P(R"(annotations["a.b"])").Pattern(), "annotations[*]");
  EXPECT_EQ(P(R"(linux.timeOffsets["boottime"].secs)").Pattern(), "linux.timeOffsets[*].secs");
  EXPECT_EQ(P("linux.seccomp.syscalls[3].args[0].op").Pattern(), "linux.seccomp.syscalls[].args[].op");
  EXPECT_EQ(P("process.env[name=PATH]").Pattern(), "process.env[]");
}

TEST(FieldPath, ComparesSegmentBySegment) {
  EXPECT_EQ(P("process.args[1]"), FieldPath().Field("process").Field("args").Index(1));
  EXPECT_NE(P("process.args[1]"), P("process.args[2]"));
  EXPECT_NE(P(R"(a["1"])"), P("a[1]"));
  std::vector<FieldPath> paths = {P("process.args[10]"), P("process.args"), P("hostname"), P("process.args[2]"),
                                  P("process")};
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> sorted;
  for (const FieldPath& p : paths) sorted.push_back(p.ToString());
  EXPECT_THAT(sorted, ::testing::ElementsAre("hostname", "process", "process.args", "process.args[2]",
                                             "process.args[10]"));
}

TEST(FieldPath, BuildersLeaveTheOriginalAlone) {
  const FieldPath process = FieldPath().Field("process");
  const FieldPath args = process.Field("args");
  EXPECT_EQ(process.ToString(), "process");
  EXPECT_EQ(args.size(), 2u);
  EXPECT_EQ(args.Parent(), process);
  EXPECT_EQ(FieldPath().Parent(), FieldPath());
  EXPECT_EQ(args.segments().back().kind, FieldPath::Kind::kField);
  EXPECT_EQ(args.segments().back().name, "args");
}

}  // namespace
}  // namespace ocikit
