// The round-trip corpus (testdata/roundtrip, see its README.md): config.json
// files written by runc and crun and hand-written ones that together set every
// field of the model. Each must parse, survive parse -> Marshal -> parse
// unchanged, and serialise to the same bytes every time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "spec/codec.h"
#include "spec/json/fields.h"
#include "spec/file.h"

namespace ocikit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Key;
using ::testing::Not;
using ::testing::StartsWith;

// Relative to the test's working directory, the workspace root in runfiles.
constexpr char kCorpusDir[] = "testdata/roundtrip";

constexpr const char* kRuncFiles[] = {"runc-spec.json", "runc-spec-rootless.json"};
constexpr const char* kCrunFiles[] = {"crun-spec.json", "crun-spec-rootless.json"};
constexpr const char* kHandWrittenFiles[] = {"full-v1.3.0.json", "unknown-fields.json", "extremes.json",
                                             "platform-sections.json"};

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpusDir, error)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string CorpusPath(absl::string_view name) { return absl::StrCat(kCorpusDir, "/", name); }

std::string ReadCorpusText(absl::string_view name) {
  absl::StatusOr<std::string> text = ReadRegularFile(CorpusPath(name), kMaxSpecFileBytes);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

// Parses a corpus file; a failure is reported and gives an empty Spec.
Spec LoadCorpusSpec(absl::string_view name) {
  absl::StatusOr<Spec> spec = ReadSpecFile(CorpusPath(name));
  EXPECT_TRUE(spec.ok()) << spec.status();
  return spec.ok() ? *std::move(spec) : Spec{};
}

// A Spec has no printer; show both specs as JSON when they differ.
::testing::AssertionResult SameSpec(const Spec& actual, const Spec& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "specs differ\n  actual:   " << Marshal(actual)
                                       << "\n  expected: " << Marshal(expected);
}

TEST(Corpus, HoldsTheToolOutputsAndTheHandWrittenFiles) {
  std::vector<std::string> expected;
  for (const char* name : kRuncFiles) expected.push_back(name);
  for (const char* name : kCrunFiles) expected.push_back(name);
  for (const char* name : kHandWrittenFiles) expected.push_back(name);
  EXPECT_THAT(CorpusFiles(), IsSupersetOf(expected));
}

// ---------------------------------------------------------------------------
// Every file: parse, round-trip, byte stability.

class RoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, ParsesAndRoundTripsToTheSameSpecAndBytes) {
  absl::StatusOr<Spec> spec = ReadSpecFile(CorpusPath(GetParam()));
  ASSERT_TRUE(spec.ok()) << spec.status();

  const std::string compact = Marshal(*spec);
  absl::StatusOr<Spec> from_compact = ParseSpec(compact, "Marshal output");
  ASSERT_TRUE(from_compact.ok()) << from_compact.status() << "\n" << compact;
  EXPECT_TRUE(SameSpec(*from_compact, *spec));
  EXPECT_EQ(Marshal(*from_compact), compact);

  const std::string indented = MarshalIndent(*spec, 4);
  absl::StatusOr<Spec> from_indented = ParseSpec(indented, "MarshalIndent output");
  ASSERT_TRUE(from_indented.ok()) << from_indented.status() << "\n" << indented;
  EXPECT_TRUE(SameSpec(*from_indented, *spec));
  EXPECT_EQ(MarshalIndent(*from_indented, 4), indented);
  EXPECT_EQ(MarshalIndent(*from_compact, 4), indented);
}

INSTANTIATE_TEST_SUITE_P(Corpus, RoundTripTest, ::testing::ValuesIn(CorpusFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ---------------------------------------------------------------------------
// Tool outputs.

// json.MarshalIndent(spec, "", "\t"), which is how runc writes config.json.
// Our writer indents with spaces only, so this writes one space per level and
// turns each line's leading spaces into tabs; JSON strings never hold a raw
// newline, so leading spaces are always indentation.
std::string MarshalIndentWithTabs(const Spec& spec) {
  std::string out;
  bool at_line_start = true;
  for (char c : MarshalIndent(spec, 1)) {
    if (at_line_start && c == ' ') {
      out.push_back('\t');
      continue;
    }
    at_line_start = c == '\n';
    out.push_back(c);
  }
  return out;
}

// Adds the path of every object key in canonical compact JSON (as
// json::Reader::ReadRaw and Marshal write it) to `out`, like
// "linux.namespaces[].type". Keys whose value is an empty array are left out:
// Go's omitempty drops them, so they cannot come back out.
void CollectKeyPaths(absl::string_view& text, const std::string& path, std::set<std::string>& out) {
  const auto take_string = [&text] {
    size_t end = 1;
    while (text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    const absl::string_view body = text.substr(1, end - 1);
    text.remove_prefix(end + 1);
    return body;
  };
  const auto skip_comma = [&text] {
    if (text.front() == ',') text.remove_prefix(1);
  };
  if (text.empty()) return;
  switch (text.front()) {
    case '{':
      text.remove_prefix(1);
      while (text.front() != '}') {
        skip_comma();
        const std::string key(take_string());
        text.remove_prefix(1);  // ':'
        const std::string key_path = path.empty() ? key : absl::StrCat(path, ".", key);
        if (text.substr(0, 2) != "[]") out.insert(key_path);
        CollectKeyPaths(text, key_path, out);
      }
      text.remove_prefix(1);
      break;
    case '[':
      text.remove_prefix(1);
      while (text.front() != ']') {
        skip_comma();
        CollectKeyPaths(text, path + "[]", out);
      }
      text.remove_prefix(1);
      break;
    case '"':
      take_string();
      break;
    default:  // number, true, false, null
      text.remove_prefix(std::min(text.find_first_of(",]}"), text.size()));
  }
}

std::set<std::string> KeyPaths(absl::string_view canonical_json) {
  std::set<std::string> paths;
  CollectKeyPaths(canonical_json, "", paths);
  EXPECT_THAT(canonical_json, IsEmpty()) << "trailing text after the JSON value";
  return paths;
}

// The canonical compact form of any JSON text; empty if it is not JSON.
std::string Canonical(absl::string_view text) {
  json::Reader reader(text);
  json::RawJson raw;
  reader.ReadRaw(raw);
  reader.Finish();
  EXPECT_TRUE(reader.ok()) << reader.status("canonical");
  return reader.ok() ? raw.text : "";
}

TEST(ToolOutput, RuncWritesGoMarshalIndentWithTabsAndWeReproduceItExactly) {
  for (const char* name : kRuncFiles) {
    SCOPED_TRACE(name);
    const std::string text = ReadCorpusText(name);
    ASSERT_THAT(text, StartsWith("{\n\t\"ociVersion\": "));
    EXPECT_EQ(MarshalIndentWithTabs(LoadCorpusSpec(name)), text);
  }
}

TEST(ToolOutput, EveryKeyOfTheOriginalComesBackOut) {
  // crun writes its spec from a text template, not with Go: it starts with two
  // spaces and spreads an empty "inheritable" array over two lines, so it is
  // only checked semantically (here and in RoundTripTest).
  std::vector<const char*> tool_files(std::begin(kRuncFiles), std::end(kRuncFiles));
  tool_files.insert(tool_files.end(), std::begin(kCrunFiles), std::end(kCrunFiles));
  for (const char* name : tool_files) {
    SCOPED_TRACE(name);
    const std::set<std::string> original = KeyPaths(Canonical(ReadCorpusText(name)));
    EXPECT_THAT(original, IsSupersetOf({"ociVersion", "process.user.uid", "mounts[].destination",
                                        "linux.namespaces[].type", "linux.maskedPaths"}));
    EXPECT_EQ(KeyPaths(Marshal(LoadCorpusSpec(name))), original);
  }
}

TEST(ToolOutput, CrunEmptyInheritableArrayIsDroppedAsGoWould) {
  const std::string text = ReadCorpusText("crun-spec.json");
  ASSERT_THAT(Canonical(text), HasSubstr(R"("inheritable":[])"));
  const Spec spec = LoadCorpusSpec("crun-spec.json");
  ASSERT_TRUE(spec.process && spec.process->capabilities);
  EXPECT_THAT(spec.process->capabilities->inheritable, IsEmpty());
  EXPECT_THAT(Marshal(spec), Not(HasSubstr("inheritable")));
}

// ---------------------------------------------------------------------------
// Hand-written files.

TEST(HandWritten, FullSpecIsExactlyGoMarshalIndentWithFourSpaces) {
  const std::string text = ReadCorpusText("full-v1.3.0.json");
  EXPECT_EQ(MarshalIndent(LoadCorpusSpec("full-v1.3.0.json"), 4) + "\n", text);
}

TEST(HandWritten, ExtremesIsExactlyGoMarshal) {
  const std::string text = ReadCorpusText("extremes.json");
  const Spec spec = LoadCorpusSpec("extremes.json");
  EXPECT_EQ(Marshal(spec) + "\n", text);

  ASSERT_TRUE(spec.process && spec.linux_section && spec.linux_section->resources &&
              spec.linux_section->resources->memory && spec.linux_section->seccomp);
  EXPECT_EQ(spec.process->user.uid, UINT32_MAX);
  EXPECT_EQ(spec.process->rlimits[0].hard, UINT64_MAX);
  EXPECT_EQ(spec.process->oom_score_adj, INT64_MIN);
  EXPECT_EQ(spec.linux_section->resources->memory->limit, INT64_MAX);
  EXPECT_EQ(spec.linux_section->resources->memory->reservation, INT64_MIN);
  EXPECT_EQ(spec.linux_section->seccomp->syscalls[2].args[0].value_two, UINT64_MAX);
  EXPECT_EQ(spec.linux_section->time_offsets.at("boottime").secs, INT64_MIN);
  EXPECT_FALSE(spec.linux_section->seccomp->syscalls[0].names.has_value());
  EXPECT_THAT(spec.annotations, ElementsAre(Key("<script>"), Key("B"), Key("a"), Key("z"), Key("\xc3\xa9")));
}

TEST(HandWritten, PlatformSectionsAreKeptVerbatimInCanonicalForm) {
  const Spec spec = LoadCorpusSpec("platform-sections.json");
  const std::string text = ReadCorpusText("platform-sections.json");
  for (absl::string_view section : {"solaris", "windows", "vm", "zos", "freebsd"}) {
    EXPECT_THAT(Marshal(spec), HasSubstr(absl::StrCat("\"", section, "\":{"))) << section;
  }
  ASSERT_TRUE(spec.windows && spec.freebsd);
  EXPECT_THAT(spec.windows->text, HasSubstr(R"("affinity":[{"mask":18446744073709551615,"group":0}])"));
  EXPECT_THAT(spec.windows->text, HasSubstr(R"("hyperv":{"utilityVMPath":"C:\\path\\to\\utilityvm"}})"));
  EXPECT_THAT(spec.freebsd->text, HasSubstr("\"description\":\"caf\xc3\xa9 jail \xe2\x98\x83\""));
  // The file uses tabs and CRLF line ends; the sections hold no white space.
  ASSERT_THAT(text, HasSubstr("\r\n\t"));
  EXPECT_EQ(Marshal(spec), Canonical(text));
}

// ---------------------------------------------------------------------------
// Unknown fields.

std::vector<std::string> UnknownKeys(const json::UnknownFields& fields) {
  std::vector<std::string> keys;
  for (const json::UnknownField& f : fields) keys.push_back(f.key);
  return keys;
}

std::string FieldPath(const std::string& path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

// Calls fn(path, object) for every model object reachable from `value`, with
// paths like "mounts[2]" and "linux.timeOffsets[\"boottime\"]".
template <class T, class Fn>
void ForEachObject(const T& value, const std::string& path, Fn& fn) {
  if constexpr (json::IsOptional<T>::value) {
    if (value) ForEachObject(*value, path, fn);
  } else if constexpr (json::IsVector<T>::value) {
    for (size_t i = 0; i < value.size(); ++i) ForEachObject(value[i], absl::StrCat(path, "[", i, "]"), fn);
  } else if constexpr (json::IsStringMap<T>::value) {
    for (const auto& [key, element] : value) ForEachObject(element, absl::StrCat(path, "[\"", key, "\"]"), fn);
  } else if constexpr (json::Object<T>) {
    fn(path, value);
    T::Fields(value, [&](absl::string_view name, const auto& field, json::Emit) {
      ForEachObject(field, FieldPath(path, name), fn);
    });
  }
}

template <class T>
std::string CompactJson(const T& value) {
  std::string out;
  json::Writer writer(out);
  json::Write(writer, value);
  return out;
}

TEST(UnknownFields, AreKeptAtEveryLevelWithTheirValuesAsWritten) {
  const Spec spec = LoadCorpusSpec("unknown-fields.json");
  ASSERT_TRUE(spec.process && spec.mounts.size() == 3 && spec.linux_section && spec.linux_section->resources &&
              spec.linux_section->resources->memory && spec.linux_section->seccomp);

  EXPECT_THAT(UnknownKeys(spec.unknown),
              ElementsAre("x-generator", "x-huge", "x-bignum", "x-negative", "x-escapes", "x-deep", "x-null"));
  EXPECT_EQ(spec.unknown[1].value.text, "1e400");
  EXPECT_EQ(spec.unknown[2].value.text, "123456789012345678901234567890");
  EXPECT_EQ(spec.unknown[3].value.text, "-0.0");
  EXPECT_EQ(spec.unknown[4].value.text,
            "\"tab\\tnewline\\ncr\\rquote\\\"backslash\\\\slash/bell\\u0007 unicode \xc3\xa9 raw \xc3\xa9 "
            "\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x90\xb3 \xf0\x9f\x98\x80 html \\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e "
            "\\u2028\\u2029\"");
  EXPECT_EQ(spec.unknown[5].value.text, R"([[[[[{"level":6,"items":[[],{},[null,true,false]]}]]]]])");
  EXPECT_EQ(spec.unknown[6].value.text, "null");

  const Process& process = *spec.process;
  EXPECT_THAT(UnknownKeys(process.unknown), ElementsAre("x-supervisor", "x-limits"));
  EXPECT_EQ(process.unknown[1].value.text,
            R"({"cpuSeconds":123456789012345678901234567890,"ratio":1e400,"tiny":-2.5E-400})");
  EXPECT_THAT(UnknownKeys(process.user.unknown), ElementsAre("x-windows-sid", "x-group-names"));
  EXPECT_THAT(UnknownKeys(spec.mounts[2].unknown), ElementsAre("x-csi", "x-propagation"));
  EXPECT_THAT(UnknownKeys(spec.linux_section->resources->memory->unknown), ElementsAre("x-tier", "x-note"));
  EXPECT_EQ(spec.linux_section->resources->memory->unknown[0].value.text,
            R"({"kind":"cxl","weights":[0.25,0.75],"spill":{"enabled":true,"limit":1e400}})");
  const LinuxSeccompArg& arg = spec.linux_section->seccomp->syscalls.at(1).args.at(0);
  EXPECT_THAT(UnknownKeys(arg.unknown), ElementsAre("x-comment", "x-mask", "x-history"));
  EXPECT_EQ(arg.unknown[1].value.text, "18446744073709551616");
}

TEST(UnknownFields, ComeBackOutAfterTheKnownFieldsOfTheirObject) {
  const Spec spec = LoadCorpusSpec("unknown-fields.json");
  const std::string marshalled = Marshal(spec);
  std::set<std::string> levels;
  auto check = [&](const std::string& path, const auto& object) {
    if (object.unknown.empty()) return;
    levels.insert(path);
    // The object as written without its unknown fields, with them appended.
    auto known_only = object;
    known_only.unknown.clear();
    std::string expected = CompactJson(known_only);
    expected.pop_back();  // '}'
    for (const json::UnknownField& field : object.unknown) {
      if (expected.size() > 1) expected.push_back(',');
      json::AppendQuoted(expected, field.key);
      absl::StrAppend(&expected, ":", field.value.text);
    }
    expected.push_back('}');
    const std::string written = CompactJson(object);
    EXPECT_EQ(written, expected) << path;
    EXPECT_THAT(marshalled, HasSubstr(written)) << path;
  };
  ForEachObject(spec, "", check);
  EXPECT_EQ(levels, (std::set<std::string>{"", "process", "process.user", "mounts[2]", "hooks.createRuntime[0]",
                                           "linux", "linux.resources.memory", "linux.seccomp",
                                           "linux.seccomp.syscalls[1].args[0]"}));
}

// ---------------------------------------------------------------------------
// Coverage: the hand-written files set every field of the model.

// Adds the path of every field of the model reachable from T, such as
// "linux.seccomp.syscalls[].args[].valueTwo" ("{}" for map values).
template <class T>
void CollectModelPaths(const std::string& path, std::set<std::string>& out) {
  if constexpr (json::IsOptional<T>::value) {
    CollectModelPaths<typename T::value_type>(path, out);
  } else if constexpr (json::IsVector<T>::value) {
    CollectModelPaths<typename T::value_type>(path + "[]", out);
  } else if constexpr (json::IsStringMap<T>::value) {
    CollectModelPaths<typename T::mapped_type>(path + "{}", out);
  } else if constexpr (json::Object<T>) {
    T prototype{};
    T::Fields(prototype, [&](absl::string_view name, auto& field, json::Emit) {
      const std::string field_path = FieldPath(path, name);
      out.insert(field_path);
      CollectModelPaths<std::remove_cvref_t<decltype(field)>>(field_path, out);
    });
  }
}

// Adds the model path of every field that is not empty (json::IsEmpty) in
// `value`, in the same form as CollectModelPaths.
template <class T>
void CollectFilledPaths(const T& value, const std::string& path, std::set<std::string>& out) {
  if constexpr (json::IsOptional<T>::value) {
    if (value) CollectFilledPaths(*value, path, out);
  } else if constexpr (json::IsVector<T>::value) {
    for (const auto& element : value) CollectFilledPaths(element, path + "[]", out);
  } else if constexpr (json::IsStringMap<T>::value) {
    for (const auto& [key, element] : value) CollectFilledPaths(element, path + "{}", out);
  } else if constexpr (json::Object<T>) {
    T::Fields(value, [&](absl::string_view name, const auto& field, json::Emit) {
      const std::string field_path = FieldPath(path, name);
      if (!json::IsEmpty(field)) out.insert(field_path);
      CollectFilledPaths(field, field_path, out);
    });
  }
}

std::set<std::string> Minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

TEST(Coverage, HandWrittenFilesSetEveryFieldOfTheModel) {
  std::set<std::string> model;
  CollectModelPaths<Spec>("", model);
  EXPECT_THAT(model, IsSupersetOf({"process.scheduler.flags", "process.ioPriority.class", "process.execCPUAffinity.final",
                                   "mounts[].gidMappings[].size", "hooks.startContainer[].timeout",
                                   "linux.resources.blockIO.throttleWriteIOPSDevice[].rate",
                                   "linux.resources.rdma{}.hcaObjects", "linux.netDevices{}.name",
                                   "linux.seccomp.syscalls[].args[].valueTwo", "linux.timeOffsets{}.nanosecs",
                                   "linux.intelRdt.schemata", "freebsd"}));

  std::set<std::string> filled_by_full;
  CollectFilledPaths(LoadCorpusSpec("full-v1.3.0.json"), "", filled_by_full);
  EXPECT_EQ(Minus(model, filled_by_full), (std::set<std::string>{"solaris", "windows", "vm", "zos", "freebsd"}))
      << "full-v1.3.0.json should set every typed field";

  std::set<std::string> filled;
  for (const char* name : kHandWrittenFiles) CollectFilledPaths(LoadCorpusSpec(name), "", filled);
  EXPECT_THAT(Minus(model, filled), IsEmpty());
}

}  // namespace
}  // namespace ocikit
