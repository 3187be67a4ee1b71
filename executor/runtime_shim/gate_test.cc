#include "executor/runtime_shim/gate.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

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
  ASSERT_THAT(Ids(r->reports), ::testing::Contains("SEC405"));
  const NodePolicy audit = Policy(R"({"modes":{"security":"audit"}})");
  r = EvaluateConfig(audit, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->refused());
  for (const GateFinding& f : r->reports) {
    if (f.finding.rule_id == "SEC405") {
      EXPECT_EQ(f.Level(), "info");
    }
  }
  const NodePolicy off = Policy(R"({"modes":{"SEC405":"off"}})");
  r = EvaluateConfig(off, Marshal(spec), "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(Ids(r->reports), ::testing::Not(::testing::Contains("SEC405")));
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
  // Known fields keep the input's (Go's) order: ociVersion before process before root.
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

TEST(GateTest, MutationOfUnparseableConfigIsAnError) {
  const NodePolicy p = Policy(R"({"mutations":[{"name":"noNewPrivileges"}]})");
  absl::StatusOr<GateResult> r = EvaluateConfig(p, R"({"ociVersion":"1.2.0","process":{"cwd":1}})", "b/config.json");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cannot apply the mutations: b/config.json:1:"));
  EXPECT_THAT(r.status().message(), HasSubstr("process.cwd"));
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
