#include "spec/codec.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "spec/default_spec.h"

namespace ocikit {
namespace {

std::string ParseError(absl::string_view text) {
  absl::StatusOr<Spec> spec = ParseSpec(text, "config.json");
  return spec.ok() ? "" : std::string(spec.status().message());
}

TEST(ParseSpec, ErrorsNameSourcePositionPathAndExpectation) {
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","process":{"cwd":"/","user":{"uid":0,"gid":0},
"rlimits":[{"type":"A","hard":1,"soft":1},{"type":"B","hard":1,"soft":1},{"type":"C","hard":-1,"soft":1}]}})"),
            "config.json:2:93: process.rlimits[2].hard: expected an unsigned 64-bit integer, got -1");
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","process":{"user":{"uid":"0"}}})"),
            R"(config.json:1:48: process.user.uid: expected an unsigned 32-bit integer, got a string "0")");
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","linux":{"namespaces":{"type":"pid"}}})"),
            "config.json:1:45: linux.namespaces: expected an array, got an object");
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","annotations":{"a":1}})"),
            R"(config.json:1:42: annotations["a"]: expected a string, got 1)");
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","hostname":"a","hostname":"b"})"),
            R"(config.json:1:38: hostname: duplicate key "hostname"; runtimes disagree on it: Go's encoding/json )"
            R"((runc, containerd) keeps the last one, merged into the first, while crun and youki read the first)");
}

TEST(ParseSpec, RejectsNonObjectsAndBadVersions) {
  EXPECT_EQ(ParseError("[]"), "config.json:1:1: (root): expected an object, got an array");
  EXPECT_EQ(ParseError("null"), "config.json:1:5: (root): expected a config.json object, got null");
  EXPECT_EQ(ParseError("{}"),
            R"(config.json: ociVersion: missing; expected a runtime-spec 1.x version such as "1.3.0")");
  EXPECT_EQ(ParseError(R"({"ociVersion":"2.0.0"})"),
            R"(config.json: ociVersion: unsupported version "2.0.0"; expected a runtime-spec 1.x version such as "1.3.0")");
}

TEST(ParseSpec, AcceptsEveryReleased1xVersionForm) {
  for (absl::string_view v : {"1.0.0", "1.0.2-dev", "1.1.0-rc.1", "1.2.1", "1.3.0", "1.3.0+dev"}) {
    const std::string text = "{\"ociVersion\":\"" + std::string(v) + "\"}";
    EXPECT_EQ(ParseError(text), "") << v;
  }
}

TEST(IsSupportedOciVersion, MatchesTheSemverFormOf1x) {
  for (absl::string_view v : {"1.0.0", "1.10.20", "1.0.2-dev", "1.1.0-rc.1", "1.3.0+dev", "1.3.0-a-b.c+d.e-f"}) {
    EXPECT_TRUE(IsSupportedOciVersion(v)) << v;
  }
  for (absl::string_view v : {"", "1", "1.0", "1.0.", "2.0.0", "01.0.0", "1.00.0", "1.0.01", "1.0.0-", "1.0.0+",
                              "1.0.0-dev+", "1.0.0+a+b", "1.0.0-a_b", "1.0.0 ", " 1.0.0", "1.0.0.0", "1.a.0"}) {
    EXPECT_FALSE(IsSupportedOciVersion(v)) << v;
  }
}

TEST(ParseSpec, KeepsUnknownFieldsAfterKnownOnesInInputOrder) {
  constexpr absl::string_view kInput =
      R"({"zzz":1,"ociVersion":"1.3.0","process":{"x-b":[true],"cwd":"/","x-a":{"n":1e400},"user":{"uid":1,"gid":2,"x":null}},"aaa":"<"})";
  absl::StatusOr<Spec> spec = ParseSpec(kInput);
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_EQ(spec->unknown.size(), 2u);
  EXPECT_EQ(spec->unknown[0].key, "zzz");
  EXPECT_EQ(spec->unknown[1].key, "aaa");
  EXPECT_EQ(Marshal(*spec),
            R"({"ociVersion":"1.3.0","process":{"user":{"uid":1,"gid":2,"x":null},"cwd":"/","x-b":[true],"x-a":{"n":1e400}},"zzz":1,"aaa":"\u003c"})");
}

// runc would apply "Hostname" as hostname and crun ignore it: refused, not
// kept as an unknown field (spec/codec_dialect_test.cc has the rest).
TEST(ParseSpec, CaseVariantKeysAreRefusedNotKeptUnknown) {
  EXPECT_EQ(ParseError(R"({"ociVersion":"1.3.0","Hostname":"a"})"),
            R"(config.json:1:23: Hostname: key "Hostname" is not the field "hostname" but equals it under Go's case )"
            R"(folding: runc and containerd (Go's encoding/json) read it as "hostname", crun and youki ignore it; )"
            R"(runtimes disagree, so expected "hostname" exactly (or a Go-semantics reading, ocikit --go-semantics))");
}

TEST(ParseSpec, KeepsFullIntegerRanges) {
  absl::StatusOr<Spec> spec = ParseSpec(
      R"({"ociVersion":"1.3.0","process":{"user":{"uid":4294967295,"gid":0},"cwd":"/","oomScoreAdj":-1000,)"
      R"("rlimits":[{"type":"RLIMIT_CPU","hard":18446744073709551615,"soft":18446744073709551615}]},)"
      R"("linux":{"resources":{"memory":{"limit":-1,"swap":9223372036854775807}}}})");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->user.uid, 4294967295u);
  EXPECT_EQ(spec->process->rlimits[0].hard, UINT64_MAX);
  EXPECT_EQ(*spec->linux_section->resources->memory->limit, -1);
  EXPECT_EQ(*spec->linux_section->resources->memory->swap, INT64_MAX);
  EXPECT_EQ(*ParseSpec(Marshal(*spec)), *spec);
}

TEST(ParseSpec, NullMeansWhatItMeansInGo) {
  absl::StatusOr<Spec> spec = ParseSpec(
      R"({"ociVersion":"1.3.0","process":null,"hostname":null,"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":null,"action":"SCMP_ACT_ALLOW"},{"names":[],"action":"SCMP_ACT_LOG"}]}}})");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_FALSE(spec->process.has_value());
  EXPECT_EQ(Marshal(*spec),
            R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":null,"action":"SCMP_ACT_ALLOW"},{"names":[],"action":"SCMP_ACT_LOG"}]}}})");
}

TEST(ParseSpec, NonPointerStructsAreAlwaysWritten) {
  absl::StatusOr<Spec> spec = ParseSpec(R"({"ociVersion":"1.3.0","process":{},"linux":{}})");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(Marshal(*spec), R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":""},"linux":{}})");
}

TEST(ParseSpec, NeverCrashesOnMutatedInput) {
  const std::string base = MarshalIndent(DefaultLinuxSpec(), 2);
  std::mt19937 rng(1234);
  const std::string alphabet = "{}[]\":,0-1e.\\u\xff\x00tnf ";
  int rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[pos] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(pos, 1 + rng() % 8); break;
        default: text.insert(pos, 1, alphabet[rng() % alphabet.size()]);
      }
      if (text.empty()) text = "{";
    }
    absl::StatusOr<Spec> spec = ParseSpec(text);
    if (!spec.ok()) {
      ++rejected;
      EXPECT_EQ(spec.status().code(), absl::StatusCode::kInvalidArgument);
      continue;
    }
    // Whatever parses must round-trip.
    absl::StatusOr<Spec> again = ParseSpec(Marshal(*spec));
    ASSERT_TRUE(again.ok()) << again.status() << "\n" << text;
    EXPECT_EQ(*again, *spec);
  }
  EXPECT_GT(rejected, 1000);
}

TEST(Marshal, WritingWhatOcikitWroteGivesTheSameBytes) {
  const std::string once = MarshalIndent(DefaultLinuxSpec("default", "x"), 4);
  absl::StatusOr<Spec> spec = ParseSpec(once);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(MarshalIndent(*spec, 4), once);
}

}  // namespace
}  // namespace ocikit
