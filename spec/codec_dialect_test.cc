// The two readings of config.json (spec/codec.h ParseOptions): the default
// strict one and the Go-semantics one. The strict reading refuses every
// construct runtimes read differently; the Go reading reads it as runc does;
// on every file without such a construct the two agree (the property test
// over the corpora of testdata/).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/json/fields.h"
#include "spec/json/reader.h"

namespace ocikit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The issue's example: harmless canonical sections, and case variants that
// runc applies.
constexpr char kShadowed[] = R"({
  "ociVersion": "1.3.0",
  "process": {"user": {"uid": 1000, "gid": 1000}, "args": ["sh"], "cwd": "/",
              "capabilities": {"bounding": [], "effective": [], "permitted": []}},
  "root": {"path": "rootfs"},
  "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO"}},
  "PROCESS": {"user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_SYS_ADMIN"],
              "effective": ["CAP_SYS_ADMIN"], "permitted": ["CAP_SYS_ADMIN"]}},
  "Linux": {"seccomp": null}
})";

std::string Error(const absl::StatusOr<Spec>& spec) { return spec.ok() ? "" : std::string(spec.status().message()); }

TEST(ParseSpec, RefusesKeysThatOnlyGoFoldsToAField) {
  EXPECT_EQ(Error(ParseSpec(kShadowed, "config.json")),
            "config.json:7:3: PROCESS: key \"PROCESS\" is not the field \"process\" but equals it under Go's case "
            "folding: runc and containerd (Go's encoding/json) read it as \"process\", crun and youki ignore it; "
            "runtimes disagree, so expected \"process\" exactly (or a Go-semantics reading, ocikit --go-semantics)");
  EXPECT_THAT(Error(ParseSpec(R"({"ociVersion":"1.3.0","linux":{"Seccomp":null}})", "c.json")),
              HasSubstr("c.json:1:32: linux.Seccomp: key \"Seccomp\" is not the field \"seccomp\""));
  EXPECT_THAT(Error(ParseSpec(R"({"ociVersion":"1.3.0","process":{"capabilities":{"BOUNDING":[]}}})", "c.json")),
              HasSubstr("process.capabilities.BOUNDING: key \"BOUNDING\" is not the field \"bounding\""));
  EXPECT_THAT(Error(ParseSpec("{\"ociVersion\":\"1.3.0\",\"proce\xC5\xBFs\":{}}", "c.json")),
              HasSubstr("is not the field \"process\" but equals it under Go's case folding"));
  EXPECT_THAT(Error(ParseSpec("{\"ociVersion\":\"1.3.0\",\"hoo\xE2\x84\xAAs\":{}}", "c.json")),
              HasSubstr("c.json:1:23: [\"hoo\xE2\x84\xAAs\"]: key \"hoo\xE2\x84\xAAs\" is not the field \"hooks\""));
  EXPECT_THAT(Error(ParseSpec("{\"ociVersion\":\"1.3.0\",\"linux\":{\"\xC5\xBF" "eccomp\":{}}}", "c.json")),
              HasSubstr("is not the field \"seccomp\""));
  // A key equal to no field under folding stays an unknown field.
  absl::StatusOr<Spec> spec = ParseSpec(R"({"ociVersion":"1.3.0","Processes":{}, "pr0cess": 1})");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->unknown.size(), 2u);
}

TEST(ParseSpec, DuplicateKeysSayRuntimesDisagree) {
  EXPECT_EQ(Error(ParseSpec(R"({"ociVersion":"1.3.0","hostname":"a","hostname":"b"})", "config.json")),
            "config.json:1:38: hostname: duplicate key \"hostname\"; runtimes disagree on it: Go's encoding/json "
            "(runc, containerd) keeps the last one, merged into the first, while crun and youki read the first");
}

TEST(ParseSpec, GoSemanticsReadsWhatRuncActsOn) {
  ParseOptions go;
  go.go_semantics = true;
  absl::StatusOr<Spec> spec = ParseSpec(kShadowed, "config.json", go);
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_TRUE(spec->process.has_value());
  EXPECT_EQ(spec->process->user.uid, 0u);
  EXPECT_EQ(spec->process->args, std::vector<std::string>{"sh"});  // merged: PROCESS had no args
  ASSERT_TRUE(spec->process->capabilities.has_value());
  EXPECT_EQ(spec->process->capabilities->bounding, std::vector<std::string>{"CAP_SYS_ADMIN"});
  ASSERT_TRUE(spec->linux_section.has_value());
  EXPECT_FALSE(spec->linux_section->seccomp.has_value());
  EXPECT_TRUE(spec->unknown.empty());
  // Written back, every runtime reads the same thing.
  const std::string text = Marshal(*spec);
  EXPECT_THAT(text, Not(HasSubstr("PROCESS")));
  absl::StatusOr<Spec> again = ParseSpec(text);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(Marshal(*again), text);
}

TEST(ParseSpec, GoSemanticsFoldsUnicodeAndKeepsTheLastDuplicate) {
  ParseOptions go;
  go.go_semantics = true;
  absl::StatusOr<Spec> spec = ParseSpec(
      "{\"ociVersion\":\"1.3.0\",\"hostname\":\"a\",\"HOSTNAME\":\"b\",\"proce\xC5\xBFs\":{\"cwd\":\"/x\"},"
      "\"process\":{\"user\":{\"uid\":5}},\"annotations\":{\"k\":\"1\"},\"annotations\":{\"l\":\"2\"}}",
      "c.json", go);
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->hostname, "b");
  ASSERT_TRUE(spec->process.has_value());
  EXPECT_EQ(spec->process->cwd, "/x");
  EXPECT_EQ(spec->process->user.uid, 5u);
  EXPECT_EQ(spec->annotations.size(), 2u);  // a Go map keeps its keys
}

TEST(ParseSpec, GoSemanticsReadsBadUtf8AsReplacementCharacters) {
  ParseOptions go;
  go.go_semantics = true;
  absl::StatusOr<Spec> spec = ParseSpec("{\"ociVersion\":\"1.3.0\",\"hostname\":\"a\xff\"}", "c.json", go);
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->hostname, "a\xEF\xBF\xBD");
  EXPECT_FALSE(ParseSpec("{\"ociVersion\":\"1.3.0\",\"hostname\":\"a\xff\"}").ok());
}

TEST(ParseSpec, RefusesNumbersGoCannotHoldInCredentialSpec) {
  const std::string text =
      R"({"ociVersion":"1.3.0","windows":{"layerFolders":["C:\\l"],"credentialSpec":{"a":"1e999","n":[1,-2e400]}}})";
  ParseOptions go;
  go.go_semantics = true;
  EXPECT_THAT(Error(ParseSpec(text, "c.json", go)),
              HasSubstr("c.json: windows.credentialSpec: -2e400: a number Go's encoding/json cannot hold"));
  EXPECT_THAT(Error(ParseSpec(text, "c.json")), HasSubstr("so runc refuses the file"));
  json::Reader reader(text);
  Spec spec;
  internal::ReadSpecDocument(reader, spec);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(internal::NumberGoRejects(spec), "windows.credentialSpec: -2e400");
  EXPECT_EQ(internal::NumberGoRejects(*ParseSpec(R"({"ociVersion":"1.3.0","windows":{"credentialSpec":{"a":1e308,"b":1e-400}}})")),
            "");
}

// The platform sections are kept as written, where Go re-marshals its structs
// (spec/codec.h, docs/design.md): pinned here so a change is deliberate.
TEST(Marshal, PlatformSectionsAreWrittenAsReadNotAsGoWould) {
  const std::string text =
      R"({"ociVersion":"1.3.0","windows":{"credentialSpec":{"b":1,"a":1.50}},"vm":{"kernel":{"path":"/k"}}})";
  absl::StatusOr<Spec> spec = ParseSpec(text);
  ASSERT_TRUE(spec.ok()) << spec.status();
  // Go writes {"a":1.5,"b":1} and "vm":{"hypervisor":{"path":""},"kernel":{"path":"/k"},"image":{"path":"","format":""}}.
  EXPECT_EQ(Marshal(*spec), text);
}

// Every *.json file of the corpora under testdata/ (from the workspace root in
// runfiles).
std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"testdata/roundtrip", "testdata/golden", "testdata/lint", "testdata/diff"}) {
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (it->path().extension() == ".json") files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ParseSpec, StrictAndGoReadingsAgreeOnEveryFileWithoutDivergences) {
  const std::vector<std::string> files = CorpusFiles();
  ASSERT_GT(files.size(), 400u);
  ParseOptions go;
  go.go_semantics = true;
  size_t compared = 0;
  size_t divergent = 0;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadRegularFile(file, kMaxSpecFileBytes);
    ASSERT_TRUE(text.ok()) << text.status();
    json::Reader literal(*text, json::Dialect::kLiteral);
    Spec ignored;
    internal::ReadSpecDocument(literal, ignored);
    const absl::StatusOr<Spec> strict = ParseSpec(*text, file);
    const absl::StatusOr<Spec> as_go = ParseSpec(*text, file, go);
    if (!literal.divergences().empty() || !internal::NumberGoRejects(ignored).empty()) {
      ++divergent;
      EXPECT_FALSE(strict.ok()) << file << " has a construct runtimes read differently; strict must refuse it";
      continue;
    }
    ASSERT_EQ(strict.ok(), as_go.ok()) << file << ": " << strict.status() << " / " << as_go.status();
    if (!strict.ok()) {
      EXPECT_EQ(strict.status(), as_go.status()) << file;
      continue;
    }
    EXPECT_EQ(Marshal(*strict), Marshal(*as_go)) << file;
    EXPECT_EQ(MarshalIndent(*strict, 4), MarshalIndent(*as_go, 4)) << file;
    ++compared;
  }
  EXPECT_GT(compared, 300u);
  std::cout << compared << " files read the same both ways; " << divergent << " have divergent constructs\n";
}

// Writes a value as json::Write does, but spells the struct field key number
// `target` (counting every struct field key written, in order) `respelled`.
struct RespellingWriter {
  json::Writer& w;
  size_t target;
  std::string respelled;
  size_t count = 0;
  std::string original;  // the key respelled

  template <class T>
  void Write(const T& v) {
    if constexpr (json::Object<T>) {
      w.BeginObject();
      T::Fields(v, [&](absl::string_view name, const auto& field, json::Emit emit) {
        if (emit == json::kOmitEmpty && json::IsEmpty(field)) return;
        if (count++ == target) {
          original = std::string(name);
          w.Key(Respell(name));
        } else {
          w.SafeKey(name);
        }
        Write(field);
      });
      w.Unknown(v.unknown);
      w.EndObject();
    } else if constexpr (json::IsOptional<T>::value) {
      if (v.has_value()) {
        Write(*v);
      } else {
        w.Null();
      }
    } else if constexpr (json::IsVector<T>::value) {
      w.BeginArray();
      for (const auto& e : v) Write(e);
      w.EndArray();
    } else if constexpr (json::IsStringMap<T>::value) {
      w.BeginObject();
      for (const auto& [key, value] : v) {
        w.Key(key);
        Write(value);
      }
      w.EndObject();
    } else {
      json::Write(w, v);
    }
  }

  // Another spelling Go folds to `name`: letters in other case, s and k
  // sometimes as U+017F and U+212A. `respelled` holds the choice, by position.
  std::string Respell(absl::string_view name) const {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
      const char c = name[i];
      const unsigned pick = static_cast<unsigned char>(respelled[i % respelled.size()]) % 4;
      if ((c == 's' || c == 'S') && pick == 3) {
        out += "\xC5\xBF";
      } else if ((c == 'k' || c == 'K') && pick == 3) {
        out += "\xE2\x84\xAA";
      } else if (absl::ascii_isalpha(static_cast<unsigned char>(c)) && pick >= 1) {
        out.push_back(absl::ascii_isupper(static_cast<unsigned char>(c)) ? absl::ascii_tolower(c) : absl::ascii_toupper(c));
      } else {
        out.push_back(c);
      }
    }
    if (out == name) {  // nothing changed: flip the first letter
      for (char& c : out) {
        if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) continue;
        c = absl::ascii_isupper(static_cast<unsigned char>(c)) ? absl::ascii_tolower(c) : absl::ascii_toupper(c);
        break;
      }
    }
    return out;
  }
};

// The property at every level: respell one struct key of a corpus spec as Go
// folds it; the strict reading refuses the file, naming that key, and the Go
// reading gives the original spec.
TEST(ParseSpec, EveryFieldKeyRespelledIsRefusedStrictlyAndBoundByGo) {
  std::mt19937 random(13);
  ParseOptions go;
  go.go_semantics = true;
  size_t checked = 0;
  for (const std::string& file : CorpusFiles()) {
    absl::StatusOr<std::string> text = ReadRegularFile(file, kMaxSpecFileBytes);
    ASSERT_TRUE(text.ok()) << text.status();
    const absl::StatusOr<Spec> spec = ParseSpec(*text, file);
    if (!spec.ok()) continue;
    const std::string want = Marshal(*spec);
    size_t keys = 0;
    {
      std::string ignored;
      json::Writer w(ignored);
      RespellingWriter counter{w, SIZE_MAX, "x"};
      counter.Write(*spec);
      keys = counter.count;
    }
    for (int round = 0; round < 3 && keys > 0; ++round) {
      std::string mutated;
      json::Writer w(mutated);
      RespellingWriter r{w, random() % keys, std::to_string(random())};
      r.Write(*spec);
      w.Finish();
      const absl::StatusOr<Spec> strict = ParseSpec(mutated, file);
      ASSERT_FALSE(strict.ok()) << file << ": key " << r.original << " respelled was accepted: " << mutated;
      EXPECT_THAT(strict.status().message(), HasSubstr("\" but equals it under Go's case folding")) << file;
      EXPECT_THAT(strict.status().message(), HasSubstr("is not the field \"" + r.original + "\"")) << file;
      const absl::StatusOr<Spec> as_go = ParseSpec(mutated, file, go);
      ASSERT_TRUE(as_go.ok()) << file << ": " << as_go.status();
      EXPECT_EQ(Marshal(*as_go), want) << file << ": key " << r.original;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace ocikit
