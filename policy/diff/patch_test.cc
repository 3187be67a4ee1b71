#include "policy/diff/patch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

Spec Parse(absl::string_view text) {
  absl::StatusOr<Spec> s = ParseSpec(text);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : Spec();
}

TEST(ApplySpecPatch, JsonPatchIsDetectedFromAnArray) {
  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(DefaultLinuxSpec(), R"([
      {"op": "add", "path": "/hostname", "value": "web"},
      {"op": "add", "path": "/process/env", "value": ["A=1"]},
      {"op": "add", "path": "/process/env/-", "value": "B=2"},
      {"op": "test", "path": "/process/cwd", "value": "/"},
      {"op": "move", "from": "/mounts/6", "path": "/mounts/0"},
      {"op": "copy", "from": "/hostname", "path": "/domainname"},
      {"op": "remove", "path": "/linux/maskedPaths"}])");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->type, PatchType::kJsonPatch);
  EXPECT_EQ(out->spec.hostname, "web");
  EXPECT_EQ(out->spec.domainname, "web");
  EXPECT_EQ(out->spec.process->env, (std::vector<std::string>{"A=1", "B=2"}));
  EXPECT_EQ(out->spec.mounts[0].destination, "/run");
  EXPECT_TRUE(out->spec.linux_section->masked_paths.empty());
}

TEST(ApplySpecPatch, MergePatchIsDetectedFromAnObject) {
  Spec base = DefaultLinuxSpec();
  base.annotations = {{"a", "1"}, {"b", "2"}};
  absl::StatusOr<PatchOutcome> out =
      ApplySpecPatch(base, R"({"hostname": "web", "annotations": {"a": null, "c": "3"}, "process": {"terminal": true}})");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->type, PatchType::kMergePatch);
  EXPECT_EQ(out->spec.hostname, "web");
  EXPECT_EQ(out->spec.annotations, (std::map<std::string, std::string>{{"b", "2"}, {"c", "3"}}));
  EXPECT_TRUE(out->spec.process->terminal);
  EXPECT_EQ(out->spec.process->capabilities, base.process->capabilities);
}

TEST(ApplySpecPatch, TheDiffPatchTurnsAIntoB) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.hostname = "web";
  std::reverse(b.mounts.begin(), b.mounts.end());
  b.linux_section->namespaces.pop_back();
  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(a, FormatJsonPatch(DiffSpecs(a, b).patch));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(Marshal(out->spec), Marshal(b));
}

TEST(ApplySpecPatch, UnknownFieldsKeepTheirOrder) {
  const Spec base = Parse(R"({"ociVersion":"1.3.0","x-b":[1,{"z":1,"a":2}],"x-a":"s"})");
  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(base, R"({"hostname":"h","x-c":true})");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(Marshal(out->spec), R"({"ociVersion":"1.3.0","hostname":"h","x-b":[1,{"z":1,"a":2}],"x-a":"s","x-c":true})");
}

TEST(ApplyPatchToText, MemberOrderGoOrInput) {
  const std::string text = R"({"z":1,"root":{"readonly":true,"x":[],"path":"r"},"ociVersion":"1.2.0"})";
  const std::string patch = R"([{"op":"replace","path":"/root/path","value":"rootfs"},
                                {"op":"add","path":"/hostname","value":"h"}])";
  absl::StatusOr<PatchOutcome> go = ApplyPatchToText(text, patch, PatchType::kAuto, 0);
  ASSERT_TRUE(go.ok()) << go.status();
  EXPECT_EQ(go->text, R"({"ociVersion":"1.2.0","root":{"path":"rootfs","readonly":true,"x":[]},"hostname":"h","z":1})");
  absl::StatusOr<PatchOutcome> input =
      ApplyPatchToText(text, patch, PatchType::kAuto, 0, "config.json", MemberOrder::kInput);
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->text, R"({"z":1,"root":{"readonly":true,"x":[],"path":"rootfs"},"ociVersion":"1.2.0","hostname":"h"})");
  EXPECT_EQ(input->spec, go->spec);
}

TEST(ApplySpecPatch, TypeCanBeForced) {
  EXPECT_EQ(ApplySpecPatch(DefaultLinuxSpec(), "{}", PatchType::kJsonPatch).status().message(),
            "patch: expected a JSON array of operations (RFC 6902), got a JSON object");
  // An array as a merge patch replaces the whole document.
  EXPECT_EQ(ApplySpecPatch(DefaultLinuxSpec(), "[]", PatchType::kMergePatch).status().message(),
            "the patched document is not a valid config.json: expected an object, got a JSON array");
  EXPECT_EQ(ApplySpecPatch(DefaultLinuxSpec(), "\"x\"").status().message(),
            "patch: expected a JSON array (RFC 6902 JSON Patch) or object (RFC 7396 merge patch), got a JSON string");
}

TEST(ApplySpecPatch, FailingOperationNamesIndexOpPathAndWhy) {
  const Spec base = DefaultLinuxSpec();
  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(base, R"([
      {"op": "add", "path": "/hostname", "value": "web"},
      {"op": "remove", "path": "/mounts/7"}])");
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(out.status().message(), "patch[1] (remove \"/mounts/7\"): array index 7 is out of range");
  EXPECT_EQ(ApplySpecPatch(base, R"([{"op":"replace","path":"/nope","value":1}])").status().message(),
            "patch[0] (replace \"/nope\"): key 'nope' not found");
  EXPECT_EQ(ApplySpecPatch(base, R"([{"op":"add","path":"/a/b","value":1}])").status().message(),
            "patch[0] (add \"/a/b\"): key 'a' not found");
  EXPECT_EQ(ApplySpecPatch(base, R"([{"op":"test","path":"/process/cwd","value":"/srv"}])").status().message(),
            "patch[0] (test \"/process/cwd\"): test failed: the value is \"/\", expected \"/srv\"");
}

TEST(ApplySpecPatch, MalformedOperationsAreInvalidArguments) {
  const Spec base = DefaultLinuxSpec();
  const auto message = [&base](absl::string_view patch) {
    absl::StatusOr<PatchOutcome> out = ApplySpecPatch(base, patch);
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(out.status().message());
  };
  EXPECT_EQ(message("[1]"), "patch[0]: expected an operation object, got a JSON number");
  EXPECT_EQ(message(R"([{"path":"/x"}])"),
            "patch[0]: missing \"op\"; expected one of add, remove, replace, move, copy, test");
  EXPECT_EQ(message(R"([{"op":"delete","path":"/x"}])"),
            "patch[0]: unknown op \"delete\"; expected one of add, remove, replace, move, copy, test");
  EXPECT_EQ(message(R"([{"op":"add"}])"), "patch[0] (add): missing \"path\"; expected a JSON Pointer string");
  EXPECT_EQ(message(R"([{"op":"add","path":"/x"}])"), "patch[0] (add \"/x\"): missing \"value\"");
  EXPECT_EQ(message(R"([{"op":"move","path":"/x"}])"),
            "patch[0] (move \"/x\"): missing \"from\"; expected a JSON Pointer string");
  EXPECT_EQ(message(R"([{"op":"remove","path":"nope"}])"),
            "patch[0] (remove \"nope\"): parse error at byte 1: JSON pointer must be empty or begin with '/' - was: "
            "'nope'");
  EXPECT_EQ(message("[{]"), "patch: line 1, column 3: [0]: expected a string key, got ']'");
}

TEST(ApplySpecPatch, PatchTextIsReadAsStrictlyAsAConfig) {
  const Spec base = DefaultLinuxSpec();
  const auto message = [&base](absl::string_view patch) {
    absl::StatusOr<PatchOutcome> out = ApplySpecPatch(base, patch);
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << patch;
    return std::string(out.status().message());
  };
  EXPECT_THAT(message(R"({"hostname":"a","hostname":"b"})"),
              ::testing::StartsWith("patch: line 1, column 17: hostname: duplicate key \"hostname\";"));
  EXPECT_EQ(message("\xef\xbb\xbf{}"), "patch: line 1, column 1: expected a JSON value, got byte 0xef");
  const std::string bad = message("{\"hostname\":\"a\xff\"}");
  EXPECT_THAT(bad, ::testing::StartsWith("patch: line 1, column 15: hostname: invalid UTF-8 in string;"));
  EXPECT_EQ(bad.find('\xff'), std::string::npos);  // never echoes the raw byte
  EXPECT_EQ(message(R"({} x)"), "patch: line 1, column 4: unexpected data after the top-level value");
}

TEST(ApplySpecPatch, ResultMustBeAValidSpec) {
  const Spec base = DefaultLinuxSpec();
  absl::StatusOr<PatchOutcome> out =
      ApplySpecPatch(base, R"([{"op":"replace","path":"/process/rlimits/0/hard","value":-1}])");
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(out.status().message(),
            "the patched document is not a valid config.json: process.rlimits[0].hard: expected an unsigned 64-bit "
            "integer, got -1");
  EXPECT_EQ(ApplySpecPatch(base, R"({"ociVersion":null})").status().message(),
            "the patched document is not a valid config.json: ociVersion: missing; expected a runtime-spec 1.x "
            "version such as \"1.3.0\"");
}

TEST(ApplySpecPatch, NumbersNlohmannCannotKeepAreRefused) {
  const Spec base = Parse(R"({"ociVersion":"1.3.0","x":{"big":123456789012345678901234567890}})");
  absl::StatusOr<PatchOutcome> out = ApplySpecPatch(base, R"({"hostname":"h"})");
  EXPECT_EQ(out.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(out.status().message(),
            "the spec holds a number the patch engine cannot keep exactly at x.big (123456789012345678901234567890); "
            "nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way");
  EXPECT_EQ(ApplySpecPatch(Parse(R"({"ociVersion":"1.3.0","x":1e400})"), "{}").status().message(),
            "the spec holds a number the patch engine cannot keep exactly (number overflow parsing '1e400'); "
            "nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way");
  EXPECT_TRUE(ApplySpecPatch(Parse(R"({"ociVersion":"1.3.0","x":[18446744073709551615,-9223372036854775808,0.5,-0.0]})"),
                             "{}")
                  .ok());
}

TEST(ApplySpecPatch, PatchNumbersNlohmannWouldRespellAreRefused) {
  const Spec base = Parse(R"({"ociVersion":"1.3.0"})");
  const auto message = [&](absl::string_view patch) {
    return std::string(ApplySpecPatch(base, patch).status().message());
  };
  EXPECT_EQ(message(R"({"x":{"huge":0e400}})"),
            "patch: the patch engine would write the number 0e400 as 0.0; "
            "nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way");
  EXPECT_EQ(message(R"([{"op":"add","path":"/x","value":[1,123456789012345678901234567891]}])"),
            "patch: the patch engine would write the number 123456789012345678901234567891 as "
            "1.2345678901234568e+29; nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file "
            "another way");
  EXPECT_EQ(message(R"({"x":-1e400})"),
            "patch: the patch engine cannot keep the number -1e400 (number overflow parsing '-1e400'); "
            "nlohmann/json keeps numbers as 64-bit integers or doubles, so edit this file another way");
  EXPECT_EQ(ApplySpecPatch(base, R"({"x":"1e400 \" 1.5e3"})").status().code(), absl::StatusCode::kOk);
  absl::StatusOr<PatchOutcome> kept = ApplySpecPatch(base, R"({"x":[0,-7,0.5,-0.0,18446744073709551615]})");
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(Marshal(kept->spec), R"({"ociVersion":"1.3.0","x":[0,-7,0.5,-0.0,18446744073709551615]})");
}

TEST(ParsePatchType, Names) {
  EXPECT_EQ(*ParsePatchType("json-patch"), PatchType::kJsonPatch);
  EXPECT_EQ(*ParsePatchType("merge-patch"), PatchType::kMergePatch);
  EXPECT_EQ(ParsePatchType("strategic").status().message(),
            "unknown patch type \"strategic\"; expected json-patch, merge-patch or auto");
}

}  // namespace
}  // namespace ocikit
