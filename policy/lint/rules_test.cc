// The rule registry (policy/lint/rules.h) and the check registry
// (BuiltinLintChecks, policy/lint/lint.h): ids and names are unique, every id
// has its family's prefix and range, and every rule is reported by a check.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/rules.h"

namespace ocikit {
namespace {

// The id prefix of a family, then the least and greatest number after it.
struct IdRange {
  absl::string_view prefix;
  int low;
  int high;
};

IdRange RangeOf(LintFamily family) {
  switch (family) {
    case LintFamily::kInput:
      return {"OCI", 0, 99};
    case LintFamily::kConformance:
      return {"OCI", 100, 199};
    case LintFamily::kHost:
      return {"HOST", 200, 249};
    case LintFamily::kBundle:
      return {"HOST", 250, 259};
    case LintFamily::kRuntime:
      return {"HOST", 260, 299};
    case LintFamily::kTypo:
      return {"TYPO", 300, 399};
    case LintFamily::kSecurity:
      return {"SEC", 400, 499};
    case LintFamily::kSeccomp:
      return {"SCMP", 500, 599};
    case LintFamily::kPolicy:
      break;
  }
  return {"", 1, 0};  // no built-in rule is a policy rule
}

// The number of an id of `prefix` and exactly three digits, or -1.
int IdNumber(absl::string_view id, absl::string_view prefix) {
  if (!absl::ConsumePrefix(&id, prefix) || id.size() != 3) return -1;
  int n = 0;
  for (const char c : id) {
    if (!absl::ascii_isdigit(c)) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

TEST(RuleRegistry, IdsAndNamesAreUnique) {
  std::set<std::string> ids;
  std::set<std::string> names;
  for (const LintRule* r : BuiltinLintRules()) {
    EXPECT_TRUE(ids.emplace(r->id).second) << "duplicate id " << r->id;
    EXPECT_TRUE(names.emplace(r->name).second) << "duplicate name " << r->name << " (" << r->id << ")";
  }
  EXPECT_GT(ids.size(), 100u);
}

TEST(RuleRegistry, IdsHaveTheirFamilysPrefixAndRange) {
  for (const LintRule* r : BuiltinLintRules()) {
    const IdRange range = RangeOf(r->family);
    const int n = IdNumber(r->id, range.prefix);
    EXPECT_TRUE(n >= range.low && n <= range.high)
        << r->id << " (" << LintFamilyName(r->family) << "): expected " << range.prefix << " and a number in "
        << range.low << ".." << range.high;
  }
}

TEST(RuleRegistry, IdsAscendWithinAFamily) {
  const std::vector<const LintRule*>& rules = BuiltinLintRules();
  for (size_t i = 1; i < rules.size(); ++i) {
    if (rules[i]->family == rules[i - 1]->family) {
      EXPECT_LT(rules[i - 1]->id, rules[i]->id) << rules[i]->id;
    }
  }
}

TEST(RuleRegistry, EveryRuleHasItsDocs) {
  for (const LintRule* r : BuiltinLintRules()) {
    EXPECT_FALSE(r->name.empty() || r->title.empty() || r->rationale.empty() || r->reference.empty() || r->fix.empty())
        << r->id;
    EXPECT_EQ(r->profile != LintProfile::kNone, r->family == LintFamily::kSecurity) << r->id;
  }
}

TEST(CheckRegistry, EveryRuleIsReportedByACheckAndEveryReportIsARule) {
  const std::vector<const LintRule*>& rules = BuiltinLintRules();
  std::set<const LintRule*> reported;
  std::set<absl::string_view> names;
  for (const LintCheck& check : BuiltinLintChecks()) {
    EXPECT_TRUE(names.insert(check.name).second) << "duplicate check " << check.name;
    EXPECT_FALSE(check.reports.empty()) << check.name;
    for (const LintRule* r : check.reports) {
      EXPECT_NE(std::find(rules.begin(), rules.end(), r), rules.end()) << check.name << " reports " << r->id;
      reported.insert(r);
    }
  }
  for (const LintRule* r : rules) EXPECT_TRUE(reported.contains(r)) << r->id << " is reported by no check";
}

}  // namespace
}  // namespace ocikit
