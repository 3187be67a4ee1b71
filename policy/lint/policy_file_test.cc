#include "policy/lint/policy_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/lint/lint.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

std::string ErrorOf(absl::string_view text) {
  absl::StatusOr<LintPolicy> p = ParseLintPolicy(text, "p.json");
  return p.ok() ? "OK" : std::string(p.status().message());
}

TEST(ParseLintPolicy, ParsesRulesWithDefaults) {
  absl::StatusOr<LintPolicy> p = ParseLintPolicy(R"({"version": 1, "name": "acme", "rules": [
      {"id": "A1", "type": "deniedCapabilities", "capabilities": ["sys_admin", "ALL"]},
      {"id": "A2", "type": "forbiddenEnv", "severity": "warning", "title": "no secrets", "patterns": ["(?i).*secret.*"]}]})",
                                                 "p.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->name, "acme");
  ASSERT_EQ(p->rules.size(), 2u);
  EXPECT_EQ(p->rules[0].rule.id, "A1");
  EXPECT_EQ(p->rules[0].rule.severity, LintSeverity::kError);
  EXPECT_EQ(p->rules[0].rule.family, LintFamily::kPolicy);
  EXPECT_EQ(p->rules[0].rule.reference, "p.json");
  EXPECT_EQ(p->rules[0].values.front(), "CAP_SYS_ADMIN");
  EXPECT_EQ(p->rules[0].values.size(), 1u + KnownCapabilities().size());
  EXPECT_EQ(p->rules[0].sets.size(), 5u);
  EXPECT_EQ(p->rules[1].rule.severity, LintSeverity::kWarning);
  EXPECT_EQ(p->rules[1].rule.title, "no secrets");
}

TEST(ParseLintPolicy, RuleTextsSurviveMoves) {
  // LintRule views its texts; a policy rule's live on the heap, so moving
  // the policy (and its rules) keeps them, short (SSO) strings included.
  absl::StatusOr<LintPolicy> p = ParseLintPolicy(R"({"version": 1, "rules": [
      {"id": "A1", "type": "forbiddenEnv", "fix": "x", "patterns": ["S"]}]})",
                                                 "p");
  ASSERT_TRUE(p.ok()) << p.status();
  std::vector<LintPolicy> moved;
  moved.push_back(*std::move(p));
  for (int i = 0; i < 8; ++i) moved.push_back(LintPolicy{});  // reallocates, moving the first
  const LintRule& rule = moved.front().rules.at(0).rule;
  EXPECT_EQ(rule.id, "A1");
  EXPECT_EQ(rule.name, "forbiddenEnv");
  EXPECT_EQ(rule.title, "policy rule forbiddenEnv");
  EXPECT_EQ(rule.rationale, "custom forbiddenEnv rule of p");
  EXPECT_EQ(rule.reference, "p");
  EXPECT_EQ(rule.fix, "x");
}

TEST(ParseLintPolicy, ErrorsNameTheFileTheRuleAndTheField) {
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "R1", "type": "allowedMountSources", "patterns": ["/srv/(.*"]}]})"),
            "p.json: rules[0] (\"R1\"): patterns[0]: invalid RE2 pattern \"/srv/(.*\": missing ): /srv/(.*");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "R1", "type": "forbiddenEnv", "pattern": ["X"]}]})"),
            "p.json: rules[0] (\"R1\"): pattern: unknown field for type forbiddenEnv; expected one of id, type, severity, "
            "title, message, fix or patterns; did you mean \"patterns\"?");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "R1", "type": "forbiddenEnv", "severity": "fatal", "patterns": ["X"]}]})"),
            "p.json: rules[0] (\"R1\"): severity: \"fatal\" is not a severity; expected error, warning or info");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"type": "forbiddenEnv"}]})"),
            "p.json: rules[0]: id: missing; expected a string such as \"ACME001\"");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "1bad", "type": "forbiddenEnv", "patterns": ["X"]}]})"),
            "p.json: rules[0] (\"1bad\"): id: expected a letter followed by up to 63 letters, digits, '_', '-' or '.'");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "A", "type": "forbiddenEnv", "patterns": ["X"]},
                                   {"id": "A", "type": "forbiddenEnv", "patterns": ["Y"]}]})"),
            "p.json: rules[1] (\"A\"): id: used by another rule of this file; expected a unique id");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "N", "type": "requiredNamespaces", "namespaces": ["net"]}]})"),
            "p.json: rules[0] (\"N\"): namespaces[0]: unknown namespace type \"net\"; expected one of pid, network, mount, ipc, "
            "uts, user, cgroup, time");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "L", "type": "rlimitBounds", "rlimit": "RLIMIT_NOFILE", "maxSoft": -1}]})"),
            "p.json: rules[0] (\"L\"): maxSoft: expected an unsigned integer, got -1");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "L", "type": "rlimitBounds", "rlimit": "RLIMIT_NOFILE"}]})"),
            "p.json: rules[0] (\"L\"): expected at least one of minSoft, maxSoft, minHard, maxHard or required");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "P", "type": "requiredMaskedPaths", "paths": []}]})"),
            "p.json: rules[0] (\"P\"): paths: empty; expected at least one entry");
  EXPECT_EQ(ErrorOf(R"({"rules": [{"id": "P", "type": "requiredMaskedPaths", "paths": ["proc/kcore"]}]})"),
            "p.json: rules[0] (\"P\"): paths[0]: \"proc/kcore\" is not absolute; expected a path such as /proc/kcore");
}

TEST(ParseLintPolicy, TopLevelErrors) {
  EXPECT_EQ(ErrorOf(R"({"rule": []})"), "p.json: rule: unknown field; expected one of version, name, description or rules; did you mean \"rules\"?");
  EXPECT_EQ(ErrorOf(R"({"version": 2, "rules": []})"), "p.json: version: 2 is not supported; expected 1");
  EXPECT_EQ(ErrorOf(R"({"name": "x"})"), "p.json: rules: missing; expected an array of rules");
  EXPECT_EQ(ErrorOf("[]"), "p.json: expected a policy object, got array");
  EXPECT_EQ(ErrorOf("{\n  \"rules\": [,]\n}"),
            "p.json:2:13: invalid JSON; expected a policy object ([json.exception.parse_error.101] parse error at line 2, "
            "column 13: syntax error while parsing value - unexpected ','; expected '[', '{', or a literal)");
}

TEST(ParseLintPolicy, NeverThrows) {
  for (const std::string& text : {std::string(""), std::string("\xff"), std::string(5000, '['), std::string("{\"rules\": 5}"),
                                 std::string("{\"rules\": [5]}"), std::string("{\"rules\": [{\"id\": 5}]}"),
                                 std::string("{\"rules\": [{\"id\": \"A\", \"type\": \"annotationValues\", \"key\": 1}]}")}) {
    EXPECT_FALSE(ParseLintPolicy(text, "p.json").ok()) << text.substr(0, 40);
  }
}

TEST(CheckPolicies, RulesReportWithTheirIdsSeverityAndMessage) {
  absl::StatusOr<LintPolicy> p = ParseLintPolicy(R"({"rules": [
      {"id": "ENV1", "type": "forbiddenEnv", "severity": "warning", "message": "use a secrets file", "patterns": [".*TOKEN.*"]},
      {"id": "NS1", "type": "forbiddenNamespaces", "namespaces": ["user"]},
      {"id": "RL1", "type": "rlimitBounds", "rlimit": "RLIMIT_NOFILE", "minSoft": 4096}]})",
                                                 "p.json");
  ASSERT_TRUE(p.ok()) << p.status();
  Spec s = DefaultLinuxSpec();
  s.process->args = {"sh"};
  s.process->env = {"GITHUB_TOKEN=x", "PATH=/bin"};
  LintOptions o;
  o.policies = {&*p};
  ASSERT_TRUE(ValidateLintOptions(o).ok());
  const LintResult r = LintSpec(s, o);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].rule_id, "ENV1");
  EXPECT_EQ(r.findings[0].severity, LintSeverity::kWarning);
  EXPECT_EQ(r.findings[0].Text(), "process.env[0]: variable \"GITHUB_TOKEN\" is forbidden; use a secrets file");
  EXPECT_EQ(r.findings[1].rule_id, "RL1");
  EXPECT_EQ(r.findings[1].Text(), "process.rlimits[0].soft: 1024 is below 4096; expected at least 4096");
  EXPECT_EQ(FindLintRule("ENV1", o.policies)->rationale, "use a secrets file");
}

TEST(CheckPolicies, PolicyIdsMustNotShadowBuiltinRules) {
  absl::StatusOr<LintPolicy> p = ParseLintPolicy(R"({"rules": [{"id": "SEC401", "type": "forbiddenEnv", "patterns": ["X"]}]})", "p.json");
  ASSERT_TRUE(p.ok());
  LintOptions o;
  o.policies = {&*p};
  EXPECT_EQ(std::string(ValidateLintOptions(o).message()),
            "p.json: rule \"SEC401\": id: already used by a built-in rule or another policy file; expected a unique id");
}

}  // namespace
}  // namespace ocikit
