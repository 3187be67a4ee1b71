#include "executor/runtime_shim/node_policy.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/lint/lint.h"
#include "spec/codec.h"

namespace ocikit::runtime_shim {
namespace {

using ::testing::HasSubstr;

const LintRule& Rule(const char* id) { return *FindLintRule(id); }

TEST(NodePolicyTest, DefaultIsBaselineEnforceWithoutMutations) {
  const NodePolicy p = DefaultNodePolicy();
  EXPECT_EQ(p.profile, LintProfile::kBaseline);
  EXPECT_EQ(p.ModeFor(Rule("SEC403")), RuleMode::kEnforce);
  EXPECT_EQ(p.ModeFor(Rule("OCI121")), RuleMode::kEnforce);
  EXPECT_TRUE(p.mutations.empty());
  EXPECT_EQ(p.DisplayName(), "baseline");
}

TEST(NodePolicyTest, ModesByRuleIdThenGroupThenDefault) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(
      R"({"profile":"restricted","name":"acme","modes":{"default":"audit","security":"warn","SEC403":"enforce","typo":"off"}})",
      "runtime.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->profile, LintProfile::kRestricted);
  EXPECT_EQ(p->DisplayName(), "acme");
  EXPECT_EQ(p->ModeFor(Rule("SEC403")), RuleMode::kEnforce);
  EXPECT_EQ(p->ModeFor(Rule("SEC430")), RuleMode::kWarn);
  EXPECT_EQ(p->ModeFor(Rule("OCI121")), RuleMode::kAudit);
  EXPECT_EQ(p->ModeFor(Rule("TYPO301")), RuleMode::kOff);
  const LintOptions o = p->ToLintOptions();
  EXPECT_THAT(o.disabled, ::testing::Contains("TYPO301"));
  EXPECT_THAT(o.disabled, ::testing::Not(::testing::Contains("SEC403")));
  EXPECT_TRUE(o.AsBundle());
  EXPECT_FALSE(o.libseccomp);  // runc compiles the filter itself: half the gate's time otherwise
}

TEST(NodePolicyTest, ExemptionsMatchWholeKeyAndValue) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(
      R"({"exemptions":[{"annotation":"io.kubernetes.pod.namespace","value":"kube-system|monitoring"}]})", "r.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_NE(p->ExemptionFor({{"io.kubernetes.pod.namespace", "kube-system"}}), nullptr);
  EXPECT_EQ(p->ExemptionFor({{"io.kubernetes.pod.namespace", "kube-system-x"}}), nullptr);
  EXPECT_EQ(p->ExemptionFor({{"io.kubernetes.pod.name", "kube-system"}}), nullptr);
}

TEST(NodePolicyTest, MutationsApplyInOrder) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(
      R"({"mutations":[{"name":"dropCapabilities","capabilities":["net_raw"]},{"name":"noNewPrivileges"},
                       {"name":"defaultSeccomp"},{"name":"maskedPaths","defaults":"moby"}]})",
      "r.json");
  ASSERT_TRUE(p.ok()) << p.status();
  absl::StatusOr<Spec> spec = ParseSpec(R"({"ociVersion":"1.2.0","process":{"user":{"uid":0,"gid":0},"cwd":"/",
      "capabilities":{"bounding":["CAP_NET_RAW","CAP_CHOWN"]}},"linux":{}})");
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_TRUE(ApplyOpts(SpecContext{}, *spec, p->MutationOpts()).ok());
  EXPECT_THAT(spec->process->capabilities->bounding, ::testing::ElementsAre("CAP_CHOWN"));
  EXPECT_TRUE(spec->process->no_new_privileges);
  ASSERT_TRUE(spec->linux_section->seccomp.has_value());
  EXPECT_EQ(spec->linux_section->seccomp->default_action, "SCMP_ACT_ERRNO");
  EXPECT_THAT(spec->linux_section->masked_paths, ::testing::Contains("/proc/kcore"));
  EXPECT_THAT(spec->linux_section->readonly_paths, ::testing::Contains("/proc/sys"));
}

TEST(NodePolicyTest, DefaultSeccompKeepsAnExistingFilter) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(R"({"mutations":[{"name":"defaultSeccomp"}]})", "r.json");
  ASSERT_TRUE(p.ok());
  absl::StatusOr<Spec> spec = ParseSpec(
      R"({"ociVersion":"1.2.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_KILL"}}})");
  ASSERT_TRUE(spec.ok());
  ASSERT_TRUE(ApplyOpts(SpecContext{}, *spec, p->MutationOpts()).ok());
  EXPECT_EQ(spec->linux_section->seccomp->default_action, "SCMP_ACT_KILL");
}

struct BadCase {
  const char* text;
  const char* error;
};

class BadPolicyTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadPolicyTest, NamesFileAndField) {
  absl::StatusOr<NodePolicy> p = ParseNodePolicy(GetParam().text, "/etc/ocikit/runtime.json");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadPolicyTest,
    ::testing::Values(
        BadCase{"{", "/etc/ocikit/runtime.json:1:2: invalid JSON; expected a node policy object"},
        BadCase{"[]", "/etc/ocikit/runtime.json: expected a node policy object, got array"},
        BadCase{R"({"profiles":"baseline"})",
                "/etc/ocikit/runtime.json: profiles: unknown field; expected one of version, name, profile, policies, "
                "modes, exemptions, mutations, keepOriginal, failOpen or delegate; did you mean \"profile\"?"},
        BadCase{R"({"version":2})", "/etc/ocikit/runtime.json: version: 2 is not supported; expected 1"},
        BadCase{R"({"profile":"strict"})",
                "/etc/ocikit/runtime.json: profile: \"strict\" is not a profile; expected none, baseline or restricted"},
        BadCase{R"({"modes":{"typo":"block"}})",
                "/etc/ocikit/runtime.json: modes.typo: expected enforce, warn, audit or off, got \"block\""},
        BadCase{R"({"modes":{"secrity":"warn"}})",
                "/etc/ocikit/runtime.json: modes.secrity: not a rule group or rule id; expected default, input, "
                "conformance, typo, security, seccomp or policy or a rule id (SEC403); did you mean \"security\"?"},
        BadCase{R"({"exemptions":[{"annotation":"("}]})",
                "/etc/ocikit/runtime.json: exemptions[0].annotation: invalid RE2 pattern \"(\": missing ): ("},
        BadCase{R"({"exemptions":[{"value":"x"}]})",
                "/etc/ocikit/runtime.json: exemptions[0].annotation: missing; expected an RE2 pattern of annotation keys"},
        BadCase{R"({"mutations":[{"name":"seccomp"}]})",
                "/etc/ocikit/runtime.json: mutations[0]: name: \"seccomp\" is not a mutation; expected one of "
                "defaultSeccomp, maskedPaths, dropCapabilities or noNewPrivileges"},
        BadCase{R"({"mutations":[{"name":"dropCapabilities","capabilities":["CAP_NOPE"]}]})",
                "/etc/ocikit/runtime.json: mutations[0]: capabilities: unknown capability \"CAP_NOPE\"; expected a name such as "
                "CAP_NET_RAW or ALL"},
        BadCase{R"({"mutations":[{"name":"noNewPrivileges","value":true}]})",
                "/etc/ocikit/runtime.json: mutations[0]: value: unknown field for noNewPrivileges; expected name"},
        BadCase{R"({"failOpen":"yes"})", "/etc/ocikit/runtime.json: failOpen: expected true or false, got \"yes\""},
        BadCase{R"({"policies":["/nonexistent/acme.json"]})",
                "/etc/ocikit/runtime.json: policies[0]: /nonexistent/acme.json: No such file or directory"}));

TEST(NodePolicyTest, AsksFailOpenReadsInvalidFilesLeniently) {
  EXPECT_TRUE(AsksFailOpen(R"({"failOpen":true,"profile":"strict"})"));
  EXPECT_FALSE(AsksFailOpen(R"({"failOpen":false})"));
  EXPECT_FALSE(AsksFailOpen("{"));
}

}  // namespace
}  // namespace ocikit::runtime_shim
