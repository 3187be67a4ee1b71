#include "executor/runtime_shim/gate.h"
#include "policy/lint/lint.h"

#include <stdlib.h>

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::runtime_shim {
namespace {

using ::testing::HasSubstr;

// containerd's default spec as a bundle's config.json, with a seccomp
// filter (containerd adds one for CRI pods): passes the baseline.
std::string DefaultConfig() {
  Spec spec = DefaultLinuxSpec();
  spec.process->args = {"sh"};
  spec.root->path = "rootfs";
  spec.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
  return MarshalIndent(spec, 4) + "\n";
}

NodePolicy Policy(const char* json) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(json, "runtime.json");
  EXPECT_TRUE(p.ok()) << p.status();
  return *std::move(p);
}

std::vector<std::string> Ids(const std::vector<GateFinding>& findings) {
  std::vector<std::string> ids;
  for (const GateFinding& f : findings) ids.push_back(f.finding.rule_id);
  return ids;
}

// The first finding of rule `id` in `findings`, or null.
const GateFinding* Find(const std::vector<GateFinding>& findings, absl::string_view id) {
  for (const GateFinding& f : findings) {
    if (f.finding.rule_id == id) return &f;
  }
  return nullptr;
}

TEST(GateTest, DefaultAllowsTheDefaultSpec) {
  absl::StatusOr<GateResult> r = EvaluateConfig(DefaultNodePolicy(), DefaultConfig(), "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->refused()) << RefusalMessage(DefaultNodePolicy(), *r);
  EXPECT_FALSE(r->mutated_text.has_value());
}

TEST(GateTest, DefaultRefusesPrivileged) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.process->capabilities->bounding.push_back("CAP_SYS_ADMIN");
  spec.linux_section->seccomp.reset();
  absl::StatusOr<GateResult> r = EvaluateConfig(DefaultNodePolicy(), Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(Ids(r->refusals), ::testing::IsSupersetOf({"SEC401", "SEC405"}));
  const std::string msg = RefusalMessage(DefaultNodePolicy(), *r);
  EXPECT_THAT(msg, HasSubstr("ocikit: refused by policy baseline: "));
  EXPECT_THAT(msg, HasSubstr("[SEC405]"));
}

TEST(GateTest, WarnAndAuditModesReportInsteadOfRefusing) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.linux_section->seccomp.reset();
  const NodePolicy warn = Policy(R"({"modes":{"SEC405":"warn"}})");
  absl::StatusOr<GateResult> r = EvaluateConfig(warn, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->refused());
  const GateFinding* sec405 = Find(r->reports, "SEC405");
  ASSERT_NE(sec405, nullptr);
  EXPECT_EQ(sec405->mode, RuleMode::kWarn);
  EXPECT_EQ(sec405->Level(), "warning");
  const NodePolicy audit = Policy(R"({"modes":{"security":"audit"}})");
  r = EvaluateConfig(audit, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->refused());
  sec405 = Find(r->reports, "SEC405");
  ASSERT_NE(sec405, nullptr);  // reported, not dropped
  EXPECT_EQ(sec405->mode, RuleMode::kAudit);
  EXPECT_EQ(sec405->Level(), "info");
  const NodePolicy off = Policy(R"({"modes":{"SEC405":"off"}})");
  r = EvaluateConfig(off, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(Ids(r->reports), ::testing::Not(::testing::Contains("SEC405")));
}

// A node policy file `runtime_json` beside a lint policy file acme.json
// (docs/lint.md's format) in a fresh directory, read as the shim reads it.
NodePolicy PolicyWithAcmeRules(const std::string& runtime_json) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(tmp != nullptr ? tmp : "/tmp") + "/gate-policy.XXXXXX";
  EXPECT_NE(::mkdtemp(dir.data()), nullptr);
  const absl::Status acme = WriteFileAtomic(dir + "/acme.json", R"({"version": 1, "name": "acme", "rules": [
      {"id": "ACME001", "type": "annotationValues", "key": "com\\.acme\\.debug", "value": "false",
       "message": "no debug containers on production nodes"}]})", 0644);
  EXPECT_TRUE(acme.ok()) << acme;
  EXPECT_TRUE(WriteFileAtomic(dir + "/runtime.json", runtime_json, 0644).ok());
  absl::StatusOr<NodePolicy> p = ReadNodePolicyFile(dir + "/runtime.json");
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : NodePolicy();
}

TEST(GateTest, CustomLintPolicyFileRefusesAndItsModeApplies) {
  // "acme.json" is relative: to the node policy file, not the working directory.
  const NodePolicy enforce = PolicyWithAcmeRules(R"({"version":1,"name":"acme-node","policies":["acme.json"]})");
  ASSERT_EQ(enforce.policies.size(), 1u);
  Spec spec = *ParseSpec(DefaultConfig());
  absl::StatusOr<GateResult> r = EvaluateConfig(enforce, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->refused()) << RefusalMessage(enforce, *r);  // no such annotation
  spec.annotations["com.acme.debug"] = "true";
  r = EvaluateConfig(enforce, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(Ids(r->refusals), ::testing::ElementsAre("ACME001"));
  const std::string msg = RefusalMessage(enforce, *r);
  EXPECT_THAT(msg, HasSubstr("ocikit: refused by policy acme-node: annotations"));
  EXPECT_THAT(msg, HasSubstr("no debug containers on production nodes [ACME001]"));
  const NodePolicy warn =
      PolicyWithAcmeRules(R"({"version":1,"policies":["acme.json"],"modes":{"ACME001":"warn"}})");
  r = EvaluateConfig(warn, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->refused()) << RefusalMessage(warn, *r);
  const GateFinding* acme = Find(r->reports, "ACME001");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->Level(), "warning");
}

TEST(GateTest, ExemptionSkipsEvaluationAndMutation) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.linux_section->seccomp.reset();
  spec.annotations["io.kubernetes.pod.namespace"] = "kube-system";
  const NodePolicy p = Policy(R"({"exemptions":[{"annotation":"io\\.kubernetes\\.pod\\.namespace","value":"kube-system"}],
                                  "mutations":[{"name":"noNewPrivileges"}]})");
  absl::StatusOr<GateResult> r = EvaluateConfig(p, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exempted_by, "io\\.kubernetes\\.pod\\.namespace=kube-system");
  EXPECT_FALSE(r->refused());
  EXPECT_FALSE(r->mutated_text.has_value());
}

// A key only Go's case folding binds ("Annotations") makes the strict reading
// refuse the file; runc reads the annotation, and so does the exemption.
TEST(GateTest, ExemptionReadsTheFileAsRuncDoes) {
  const NodePolicy p = Policy(R"({"exemptions":[{"annotation":"team","value":"infra"}],
                                  "mutations":[{"name":"noNewPrivileges"}]})");
  std::string text = DefaultConfig();
  text.insert(text.rfind('}'), R"(, "Annotations": {"team": "infra"})");
  ASSERT_FALSE(ParseSpec(text).ok());
  absl::StatusOr<GateResult> r = EvaluateConfig(p, text, "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->exempted_by, "team=infra");
  // Without the exemption the mutation needs the strict reading: refused.
  absl::StrReplaceAll({{"infra\"}", "web\"}"}}, &text);
  absl::StatusOr<GateResult> refused = EvaluateConfig(p, text, "config.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("cannot apply the mutations: config.json"));
}

TEST(GateTest, MutationIsEvaluatedAndKeepsUnknownFieldsOrderAndLayout) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.linux_section->seccomp.reset();
  spec.process->no_new_privileges = false;
  // An engine's extension key inside process and at the top, and an empty list.
  std::string text = MarshalIndent(spec, 2) + "\n";
  text = absl::StrReplaceAll(text, {{"\"process\": {", "\"process\": {\n    \"x-engine\": {\"b\": 1, \"a\": [ ]},"},
                                    {"\"ociVersion\"", "\"zz-first\": null,\n  \"ociVersion\""}});
  ASSERT_TRUE(ParseSpec(text).ok()) << text;
  const NodePolicy p = Policy(R"({"mutations":[{"name":"defaultSeccomp"},{"name":"noNewPrivileges"}]})");
  absl::StatusOr<GateResult> r = EvaluateConfig(p, text, "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->refused()) << RefusalMessage(p, *r);  // SEC405 is gone: evaluated after mutation
  ASSERT_TRUE(r->mutated_text.has_value());
  EXPECT_THAT(r->mutations, ::testing::ElementsAre("defaultSeccomp", "noNewPrivileges"));
  const std::string& out = *r->mutated_text;
  EXPECT_THAT(out, HasSubstr("\"x-engine\": {\n      \"b\": 1,\n      \"a\": []\n    }"));
  EXPECT_THAT(out, HasSubstr("\"zz-first\": null"));
  EXPECT_THAT(out, HasSubstr("\n  \"process\": {"));  // two-space layout kept
  EXPECT_EQ(out.back(), '\n');
  absl::StatusOr<Spec> mutated = ParseSpec(out);
  ASSERT_TRUE(mutated.ok()) << mutated.status();
  EXPECT_TRUE(mutated->process->no_new_privileges);
  EXPECT_TRUE(mutated->linux_section->seccomp.has_value());
  // Members keep the input's order (here Go's): ociVersion before process before root.
  EXPECT_LT(out.find("\"ociVersion\""), out.find("\"process\""));
  EXPECT_LT(out.find("\"process\""), out.find("\"root\""));
}

// A file in Go's own encoding (what engines write) comes back as the mutated
// spec's encoding in the same layout (Mutate's shortcut; the patch engine
// gives the same bytes): members in place, a new one where Go puts it
// (noNewPrivileges, omitted while false, lands after capabilities).
TEST(GateTest, MutationOfAnEnginesOwnEncodingIsTheMutatedSpecEncoded) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.process->no_new_privileges = false;
  Spec expected = spec;
  expected.process->no_new_privileges = true;
  auto& caps = expected.process->capabilities->bounding;
  caps.erase(std::remove(caps.begin(), caps.end(), "CAP_NET_RAW"), caps.end());
  for (auto* set : {&expected.process->capabilities->effective, &expected.process->capabilities->permitted}) {
    set->erase(std::remove(set->begin(), set->end(), "CAP_NET_RAW"), set->end());
  }
  const NodePolicy p = Policy(R"({"mutations":[{"name":"noNewPrivileges"},
                                               {"name":"dropCapabilities","capabilities":["CAP_NET_RAW"]}]})");
  struct Case {
    std::string in, want;
  } cases[] = {
      {Marshal(spec), Marshal(expected)},
      {MarshalIndent(spec, 4) + "\n", MarshalIndent(expected, 4) + "\n"},
      {internal::MarshalLike(spec, 1, true, "\n"), internal::MarshalLike(expected, 1, true, "\n")},
  };
  for (const Case& c : cases) {
    absl::StatusOr<GateResult> r = EvaluateConfig(p, c.in, "config.json");
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_TRUE(r->mutated_text.has_value()) << c.in;
    EXPECT_EQ(*r->mutated_text, c.want);
  }
  EXPECT_THAT(cases[2].in, HasSubstr("\n\t\"process\": {\n\t\t\"user\""));
  EXPECT_LT(cases[0].want.find("noNewPrivileges"), cases[0].want.find("\"root\""));
}

using OrderedJson = nlohmann::ordered_json;

// `v` with the members of every object in reverse order: not Go's order.
OrderedJson Reversed(const OrderedJson& v) {
  if (v.is_array()) {
    OrderedJson out = OrderedJson::array();
    for (const OrderedJson& e : v) out.push_back(Reversed(e));
    return out;
  }
  if (!v.is_object()) return v;
  std::vector<std::string> keys;
  for (const auto& [key, value] : v.items()) keys.push_back(key);
  OrderedJson out = OrderedJson::object();
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) out[*it] = Reversed(v[*it]);
  return out;
}

// `object` with `key: value` as its first member.
OrderedJson WithFirst(const std::string& key, const OrderedJson& value, const OrderedJson& object) {
  OrderedJson out = OrderedJson::object();
  out[key] = value;
  for (const auto& [k, v] : object.items()) out[k] = v;
  return out;
}

// Every object of `before` (arrays pair by position when their lengths
// agree): the members `after` still has open its object, in the same order;
// whatever `after` added follows them.
void ExpectMemberOrderKept(const OrderedJson& before, const OrderedJson& after, const std::string& where) {
  if (before.is_array() && after.is_array() && before.size() == after.size()) {
    for (size_t i = 0; i < before.size(); ++i) ExpectMemberOrderKept(before[i], after[i], absl::StrCat(where, "[", i, "]"));
    return;
  }
  if (!before.is_object() || !after.is_object()) return;
  std::vector<std::string> kept, got;
  for (const auto& [key, value] : before.items()) {
    if (after.contains(key)) kept.push_back(key);
  }
  for (const auto& [key, value] : after.items()) got.push_back(key);
  ASSERT_GE(got.size(), kept.size()) << where;
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + kept.size()), kept) << where;
  for (const std::string& key : kept) ExpectMemberOrderKept(before[key], after[key], absl::StrCat(where, ".", key));
}

TEST(GateTest, MutationKeepsEveryMembersPositionAndAppendsNewOnes) {
  Spec spec = *ParseSpec(DefaultConfig());
  spec.linux_section->seccomp.reset();
  spec.process->no_new_privileges = false;
  ASSERT_THAT(spec.process->capabilities->bounding, ::testing::Contains("CAP_NET_RAW"));
  // Every object's members in reverse (non-Go) order, an unknown member
  // first at the top and in process.
  OrderedJson doc = Reversed(OrderedJson::parse(Marshal(spec)));
  doc["process"] = WithFirst("x-engine", OrderedJson::parse(R"({"b":1,"a":[]})"), doc["process"]);
  doc = WithFirst("zz-first", nullptr, doc);
  const std::string text = doc.dump(4) + "\n";
  ASSERT_TRUE(ParseSpec(text).ok()) << text;
  const NodePolicy p = Policy(R"({"mutations":[{"name":"dropCapabilities","capabilities":["CAP_NET_RAW"]},
                                               {"name":"maskedPaths"},{"name":"defaultSeccomp"},
                                               {"name":"noNewPrivileges"}]})");
  absl::StatusOr<GateResult> r = EvaluateConfig(p, text, "config.json");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->mutated_text.has_value());
  EXPECT_THAT(r->mutations, ::testing::ElementsAre("dropCapabilities", "maskedPaths", "defaultSeccomp", "noNewPrivileges"));
  const std::string& out = *r->mutated_text;
  const OrderedJson mutated = OrderedJson::parse(out);
  ExpectMemberOrderKept(doc, mutated, "$");
  EXPECT_EQ(mutated.begin().key(), "zz-first");
  EXPECT_EQ(mutated["process"].begin().key(), "x-engine");
  EXPECT_LT(out.find("\"zz-first\""), out.find("\"ociVersion\""));
  // New members come last in their object.
  EXPECT_EQ(std::prev(mutated["process"].end()).key(), "noNewPrivileges");
  EXPECT_EQ(std::prev(mutated["linux"].end()).key(), "seccomp");
  // The values are the mutated ones.
  absl::StatusOr<Spec> parsed = ParseSpec(out);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->process->capabilities->bounding, ::testing::Not(::testing::Contains("CAP_NET_RAW")));
  EXPECT_THAT(parsed->linux_section->masked_paths, ::testing::Contains("/sys/devices/virtual/powercap"));
  EXPECT_TRUE(parsed->process->no_new_privileges);
  EXPECT_TRUE(parsed->linux_section->seccomp.has_value());
}

TEST(GateTest, MutationOfUnparseableConfigIsAnError) {
  const NodePolicy p = Policy(R"({"mutations":[{"name":"noNewPrivileges"}]})");
  absl::StatusOr<GateResult> r = EvaluateConfig(p, R"({"ociVersion":"1.2.0","process":{"cwd":1}})", "b/config.json");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cannot apply the mutations: b/config.json:1:"));
  EXPECT_THAT(r.status().message(), HasSubstr("process.cwd"));
}

// Every config.json of the lint corpus, the round-trip set and the engines.
std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"testdata/lint/cases", "testdata/roundtrip", "testdata/engines"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() == ".json" && entry.path().filename() != "expected.json") {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A finding without its position, sortable.
std::vector<std::string> Keys(const std::vector<LintFinding>& findings) {
  std::vector<std::string> keys;
  for (const LintFinding& f : findings) {
    keys.push_back(absl::StrCat(f.rule_id, " ", f.path.ToString(), " ", f.message, " ", LintSeverityName(f.severity)));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// What the gate judges is what `ocikit lint` finds (LintConfigText), less
// the positions: for every corpus file, under each profile.
TEST(GateTest, GateLintIsLintConfigTextWithoutPositions) {
  const std::vector<std::string> files = CorpusFiles();
  ASSERT_GT(files.size(), 250u);
  size_t judged = 0;
  for (const char* profile : {"baseline", "restricted"}) {
    const NodePolicy p = Policy(absl::StrCat(R"({"profile":")", profile, R"("})").c_str());
    for (const std::string& file : files) {
      absl::StatusOr<std::string> text = ReadRegularFile(file, kMaxSpecFileBytes);
      ASSERT_TRUE(text.ok()) << text.status();
      EXPECT_EQ(Keys(internal::Lint(p, ParseSpec(*text), *text)), Keys(LintConfigText(*text, p.ToLintOptions()).findings))
          << file << " (" << profile << ")";
      judged += ParseSpec(*text).ok();
    }
  }
  EXPECT_GT(judged, 200u);  // most files take the strict reading's path
}

// A mutation of a file in Go's encoding hands back the mutated spec with its
// text, and the gate lints that spec without parsing the text: the text must
// parse back to it, and lint as it does, for every corpus file and mutation.
TEST(GateTest, AMutatedSpecIsWhatItsTextReadsAs) {
  const NodePolicy p = Policy(R"({"profile":"restricted","mutations":[{"name":"defaultSeccomp"},
      {"name":"maskedPaths"},{"name":"dropCapabilities","capabilities":["CAP_NET_RAW","CAP_SYS_ADMIN"]},
      {"name":"noNewPrivileges"}]})");
  size_t by_spec = 0;
  for (const std::string& file : CorpusFiles()) {
    absl::StatusOr<std::string> original = ReadRegularFile(file, kMaxSpecFileBytes);
    ASSERT_TRUE(original.ok()) << original.status();
    absl::StatusOr<Spec> parsed = ParseSpec(*original);
    if (!parsed.ok()) continue;
    // The file as an engine writes it (Go's encoding), and as it was written.
    for (const std::string& text : {Marshal(*parsed), *original}) {
      std::vector<std::string> changed;
      absl::StatusOr<std::optional<internal::Mutated>> m = internal::Mutate(p, *parsed, text, file, changed);
      if (!m.ok() || !m->has_value() || !(*m)->spec) continue;
      ++by_spec;
      absl::StatusOr<Spec> reread = ParseSpec((*m)->text);
      ASSERT_TRUE(reread.ok()) << file << ": " << reread.status();
      EXPECT_TRUE(*reread == *(*m)->spec) << file;
      EXPECT_EQ(Keys(internal::Lint(p, *(*m)->spec, (*m)->text)), Keys(LintConfigText((*m)->text, p.ToLintOptions()).findings))
          << file;
    }
  }
  EXPECT_GT(by_spec, 200u);
}

TEST(GateTest, ExecProcessJudgedByProcessRulesOnly) {
  Spec container = *ParseSpec(DefaultConfig());
  container.linux_section->seccomp.reset();  // a container finding: not the exec's business
  absl::StatusOr<Process> p = ParseProcessJson(
      R"({"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/","capabilities":{"bounding":["CAP_SYS_ADMIN"],
          "effective":["CAP_SYS_ADMIN"],"permitted":["CAP_SYS_ADMIN"]}})",
      "process.json");
  ASSERT_TRUE(p.ok()) << p.status();
  GateResult r = EvaluateProcess(DefaultNodePolicy(), container, *p);
  EXPECT_THAT(Ids(r.refusals), ::testing::Contains("SEC401"));
  EXPECT_THAT(Ids(r.refusals), ::testing::Not(::testing::Contains("SEC405")));
  r = EvaluateProcess(DefaultNodePolicy(), container, *container.process);
  EXPECT_FALSE(r.refused()) << RefusalMessage(DefaultNodePolicy(), r);
}

TEST(GateTest, BadProcessJsonNamesTheField) {
  absl::StatusOr<Process> p = ParseProcessJson(R"({"user":{"uid":-1}})", "/run/p.json");
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("/run/p.json"));
  EXPECT_THAT(p.status().message(), HasSubstr("process.user.uid"));
}

}  // namespace
}  // namespace ocikit::runtime_shim
