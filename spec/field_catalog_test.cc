#include "spec/field_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "spec/config.h"
#include "spec/json/fields.h"

namespace ocikit {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// absl::string_view is not std::string_view here and gtest prints it as a
// character array; these copies make failures readable.
std::string S(absl::string_view s) { return std::string(s); }

std::vector<std::string> Keys(absl::string_view object) {
  std::vector<std::string> keys;
  for (absl::string_view k : KnownKeys(object)) keys.emplace_back(k);
  return keys;
}

// ---------------------------------------------------------------------------
// The model's own list of fields, from the Fields() lists of Spec and below.
// ---------------------------------------------------------------------------

struct ModelField {
  std::string pattern;
  std::string kind;
  bool omit_empty = false;
};

// The catalog's name for the JSON kind of C++ member type T.
template <class T>
std::string KindOf() {
  if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (std::is_integral_v<T>) {
    return absl::StrCat(std::is_unsigned_v<T> ? "uint" : "int", sizeof(T) * 8);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, json::RawJson>) {
    return "object (raw JSON)";
  } else if constexpr (json::IsOptional<T>::value) {
    return KindOf<typename T::value_type>();
  } else if constexpr (json::IsVector<T>::value) {
    return "array of " + KindOf<typename T::value_type>();
  } else if constexpr (json::IsStringMap<T>::value) {
    return "map of " + KindOf<typename T::mapped_type>();
  } else {
    static_assert(json::Object<T>, "unexpected member type in the model");
    return "object";
  }
}

template <class T>
void WalkObject(const FieldPath& at, std::vector<ModelField>& out);

// Descends into a value of type T found at `at`: through optionals, into
// array elements (as index 0) and map values (as key "k"), down to objects.
template <class T>
void WalkValue(const FieldPath& at, std::vector<ModelField>& out) {
  if constexpr (json::IsOptional<T>::value) {
    WalkValue<typename T::value_type>(at, out);
  } else if constexpr (json::IsVector<T>::value) {
    WalkValue<typename T::value_type>(at.Index(0), out);
  } else if constexpr (json::IsStringMap<T>::value) {
    WalkValue<typename T::mapped_type>(at.Key("k"), out);
  } else if constexpr (json::Object<T>) {
    WalkObject<T>(at, out);
  }  // scalars, strings and raw JSON have no fields below them
}

template <class T>
void WalkObject(const FieldPath& at, std::vector<ModelField>& out) {
  T object;
  T::Fields(object, [&](absl::string_view name, auto& field, json::Emit emit) {
    using Member = std::remove_cvref_t<decltype(field)>;
    const FieldPath path = at.Field(name);
    out.push_back({path.Pattern(), KindOf<Member>(), emit == json::kOmitEmpty});
    WalkValue<Member>(path, out);
  });
}

std::vector<ModelField> ModelFields() {
  std::vector<ModelField> fields;
  WalkObject<Spec>(FieldPath(), fields);
  return fields;
}

TEST(FieldCatalog, HasExactlyTheModelsFields) {
  std::set<std::string> model;
  for (const ModelField& f : ModelFields()) model.insert(f.pattern);
  std::set<std::string> catalog;
  for (const FieldInfo& f : kFieldCatalog) catalog.insert(std::string(f.pattern));
  for (const std::string& p : model) EXPECT_TRUE(catalog.count(p)) << "missing from kFieldCatalog: " << p;
  for (const std::string& p : catalog) EXPECT_TRUE(model.count(p)) << "not in the model: " << p;
  EXPECT_EQ(catalog.size(), std::size(kFieldCatalog)) << "duplicate patterns in kFieldCatalog";
}

TEST(FieldCatalog, FollowsTheModelsOrderKindsAndOmitEmpty) {
  const std::vector<ModelField> model = ModelFields();
  ASSERT_EQ(model.size(), std::size(kFieldCatalog));
  for (size_t i = 0; i < model.size(); ++i) {
    const FieldInfo& entry = kFieldCatalog[i];
    ASSERT_EQ(std::string(entry.pattern), model[i].pattern) << "entry " << i << " is out of the model's order";
    EXPECT_EQ(std::string(entry.kind), model[i].kind) << entry.pattern;
    EXPECT_EQ(entry.omit_empty, model[i].omit_empty) << entry.pattern;
  }
}

// "1.2.1" -> {1, 2, 1}.
std::vector<int> VersionParts(absl::string_view v) {
  std::vector<int> parts;
  for (absl::string_view p : absl::StrSplit(v, '.')) parts.push_back(std::stoi(std::string(p)));
  return parts;
}

TEST(FieldCatalog, EntriesAreWellFormed) {
  const std::set<absl::string_view> releases = {"1.0.0", "1.0.1", "1.0.2", "1.1.0", "1.2.0", "1.2.1", "1.3.0"};
  for (const FieldInfo& f : kFieldCatalog) {
    EXPECT_TRUE(releases.count(f.since)) << f.pattern << ": " << f.since;
    EXPECT_FALSE(f.description.empty()) << f.pattern;
    EXPECT_NE(f.description.back(), '.') << f.pattern;
    // A field is never older than the object that holds it.
    const size_t cut = f.pattern.find_last_of(".");
    if (cut == absl::string_view::npos) continue;
    absl::string_view parent = f.pattern.substr(0, cut);
    while (parent.back() == ']') parent = parent.substr(0, parent.rfind('['));
    const FieldInfo* holder = FindFieldByPattern(parent);
    ASSERT_NE(holder, nullptr) << f.pattern;
    EXPECT_GE(VersionParts(f.since), VersionParts(holder->since)) << f.pattern << " vs " << holder->pattern;
  }
}

TEST(FieldCatalog, KnowsWhenFieldsWereAdded) {
  const std::map<std::string, std::string> since = {
      {"ociVersion", "1.0.0"},
      {"process.noNewPrivileges", "1.0.0"},
      {"linux.intelRdt.l3CacheSchema", "1.0.0"},
      {"process.user.umask", "1.0.2"},
      {"process.commandLine", "1.0.2"},
      {"hooks.createRuntime", "1.0.2"},
      {"hooks.startContainer[].path", "1.0.2"},
      {"linux.personality", "1.0.2"},
      {"linux.seccomp.flags", "1.0.2"},
      {"linux.resources.memory.useHierarchy", "1.0.2"},
      {"linux.intelRdt.closID", "1.0.2"},
      {"domainname", "1.1.0"},
      {"process.scheduler", "1.1.0"},
      {"process.ioPriority", "1.1.0"},
      {"mounts[].uidMappings", "1.1.0"},
      {"linux.timeOffsets", "1.1.0"},
      {"linux.resources.cpu.idle", "1.1.0"},
      {"linux.resources.cpu.burst", "1.1.0"},
      {"linux.resources.memory.checkBeforeUpdate", "1.1.0"},
      {"linux.resources.unified", "1.1.0"},
      {"linux.seccomp.defaultErrnoRet", "1.1.0"},
      {"linux.seccomp.listenerPath", "1.1.0"},
      {"linux.seccomp.syscalls[].errnoRet", "1.1.0"},
      {"process.execCPUAffinity", "1.2.1"},
      {"linux.netDevices", "1.3.0"},
      {"linux.memoryPolicy", "1.3.0"},
      {"linux.intelRdt.schemata", "1.3.0"},
      {"linux.intelRdt.enableMonitoring", "1.3.0"},
      {"freebsd", "1.3.0"},
  };
  for (const auto& [pattern, version] : since) {
    const FieldInfo* f = FindFieldByPattern(pattern);
    ASSERT_NE(f, nullptr) << pattern;
    EXPECT_EQ(std::string(f->since), version) << pattern;
  }
}

TEST(FindField, LooksUpByPattern) {
  const FieldInfo* hard = FindField(*FieldPath::Parse("process.rlimits[2].hard"));
  ASSERT_NE(hard, nullptr);
  EXPECT_EQ(S(hard->pattern), "process.rlimits[].hard");
  EXPECT_EQ(S(hard->kind), "uint64");
  EXPECT_FALSE(hard->omit_empty);

  const FieldInfo* options = FindField(*FieldPath::Parse("mounts[destination=/proc].options"));
  ASSERT_NE(options, nullptr);
  EXPECT_EQ(S(options->pattern), "mounts[].options");

  const FieldInfo* secs = FindField(*FieldPath::Parse(R"(linux.timeOffsets["boottime"].secs)"));
  ASSERT_NE(secs, nullptr);
  EXPECT_EQ(S(secs->kind), "int64");
  EXPECT_TRUE(secs->omit_empty);
}

TEST(FindField, GivesTheContainerForElements) {
  const FieldInfo* env = FindField(*FieldPath::Parse("process.env[3]"));
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(S(env->pattern), "process.env");
  const FieldInfo* annotation = FindField(*FieldPath::Parse(R"(annotations["org.example.a"])"));
  ASSERT_NE(annotation, nullptr);
  EXPECT_EQ(S(annotation->pattern), "annotations");
  EXPECT_EQ(S(annotation->kind), "map of string");
}

TEST(FindField, KnowsNothingOfUnknownOrVerbatimFields) {
  EXPECT_EQ(FindField(FieldPath()), nullptr);
  EXPECT_EQ(FindField(*FieldPath::Parse("process.vendorThing")), nullptr);
  EXPECT_EQ(FindField(*FieldPath::Parse("windows.layerFolders")), nullptr);
  EXPECT_EQ(FindField(*FieldPath::Parse("Process")), nullptr);
}

TEST(DescribePath, NamesThePathAndWhatIsThere) {
  EXPECT_EQ(DescribePath(*FieldPath::Parse("process.rlimits[2].hard")),
            "process.rlimits[2].hard: hard limit of a process resource limit (RLIMIT_*)");
  EXPECT_EQ(DescribePath(*FieldPath::Parse("process.noNewPrivileges")),
            "process.noNewPrivileges: sets the no_new_privs bit so the process cannot gain privileges through execve");
  EXPECT_EQ(DescribePath(*FieldPath::Parse("linux.namespaces[type=pid].path")),
            "linux.namespaces[type=pid].path: namespace file to join instead of creating a namespace");
  EXPECT_EQ(DescribePath(*FieldPath::Parse("process.env[3]")),
            "process.env[3]: an entry of process.env (environment of the process, as KEY=value strings)");
  EXPECT_EQ(DescribePath(*FieldPath::Parse(R"(linux.sysctl["net.ipv4.ip_forward"])")),
            R"(linux.sysctl["net.ipv4.ip_forward"]: an entry of linux.sysctl )"
            "(kernel parameters set for the container, keyed by sysctl name)");
  EXPECT_EQ(DescribePath(*FieldPath::Parse("windows.layerFolders[0]")),
            "windows.layerFolders[0]: inside windows (Windows-specific configuration, kept verbatim)");
  EXPECT_EQ(DescribePath(*FieldPath::Parse("process.vendorThing")),
            "process.vendorThing: unknown field, not in runtime-spec v1.3.0");
  EXPECT_EQ(DescribePath(FieldPath()), "(root): the whole config.json");
}

TEST(KnownKeys, ListsTheKeysOfAnObjectInGoOrder) {
  EXPECT_THAT(Keys(""), ElementsAre("ociVersion", "process", "root", "hostname", "domainname", "mounts", "hooks",
                                         "annotations", "linux", "solaris", "windows", "vm", "zos", "freebsd"));
  EXPECT_THAT(Keys("process.consoleSize"), ElementsAre("height", "width"));
  EXPECT_THAT(Keys("process.rlimits[]"), ElementsAre("type", "hard", "soft"));
  EXPECT_THAT(Keys("linux.timeOffsets[*]"), ElementsAre("secs", "nanosecs"));
  EXPECT_THAT(Keys(FieldPath::Parse("linux.intelRdt")->Pattern()),
              ElementsAre("closID", "schemata", "l3CacheSchema", "memBwSchema", "enableMonitoring"));
  EXPECT_THAT(Keys("process.args"), IsEmpty());
  EXPECT_THAT(Keys("proc"), IsEmpty());
}

TEST(SuggestKey, FindsTheClosestKnownKey) {
  EXPECT_EQ(S(SuggestKey("", "proces")), "process");
  EXPECT_EQ(S(SuggestKey("", "Process")), "process");
  EXPECT_EQ(S(SuggestKey("", "OCIVERSION")), "ociVersion");
  EXPECT_EQ(S(SuggestKey("", "hostnme")), "hostname");
  EXPECT_EQ(S(SuggestKey("process", "noNewPrivilege")), "noNewPrivileges");
  EXPECT_EQ(S(SuggestKey("process", "nonewprivileges")), "noNewPrivileges");
  EXPECT_EQ(S(SuggestKey("linux", "namespace")), "namespaces");
  EXPECT_EQ(S(SuggestKey("linux.resources.memory", "limt")), "limit");
  EXPECT_EQ(S(SuggestKey("process.user", "ui")), "uid");
}

TEST(SuggestKey, StaysQuietWhenNothingIsClose) {
  EXPECT_EQ(S(SuggestKey("process", "vendor")), "");
  EXPECT_EQ(S(SuggestKey("", "x")), "");
  EXPECT_EQ(S(SuggestKey("", "xy")), "");
  EXPECT_EQ(S(SuggestKey("process.args", "anything")), "");
}

}  // namespace
}  // namespace ocikit
