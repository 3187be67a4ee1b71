// Complexity check (issue 15 §4): every input ocikit accepts is processed in
// time and memory linear (or n log n) in its size. For each shape that once
// cost quadratic time (annotations, top-level unknown keys, env entries,
// mounts, seccomp rules, strings that need escaping; one compact line and
// indented), the document is built with N and 8N entries and run through what
// the commands do with it: parse + marshal (`spec --from`), lint (`lint`; and
// a document with one finding per entry, whose positions are all computed),
// diff against a reordered and changed copy, printed as text, --stat and a
// JSON Patch (`diff`), and that patch applied (`patch`).
//
// Two measures, both ratios of 8N to N, so the machine's speed cancels out:
//   - bytes allocated (operator new is counted in this binary): exact, so
//     its bound is tight: linear gives 8, quadratic 64; the bound is 20;
//   - CPU time of this thread, the minimum of several repetitions (what a
//     loaded machine adds is never below the true cost, so the minimum is the
//     robust estimate): linear gives ~8, n log n ~9.5, quadratic 64; the bound
//     is 28, generous for a loaded 2-core machine and still far below 64.
// These are not performance targets (docs/performance.md has those): a
// failure means a super-linear algorithm, and names the shape and operation.
#include <time.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmarks/allocations.h"
#include "gtest/gtest.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "policy/diff/patch.h"
#include "policy/lint/lint.h"
#include "policy/seccomp/profile.h"
#include "spec/codec.h"

namespace ocikit {
namespace {

constexpr size_t kSmall = 1000;
constexpr size_t kFactor = 8;
constexpr double kMaxBytesRatio = 20;
constexpr double kMaxTimeRatio = 28;
constexpr int kRepetitions = 5;

// A config.json with `n` entries of one shape; `indented` puts each entry on
// a line of its own, else the document is one line.
using Shape = std::function<std::string(size_t n, bool indented)>;

std::string Document(absl::string_view before, size_t n, bool indented, absl::string_view after,
                     const std::function<std::string(size_t)>& entry) {
  const char* sep = indented ? ",\n    " : ",";
  std::string out = absl::StrCat("{\"ociVersion\":\"1.2.0\",", before, indented ? "\n    " : "");
  for (size_t i = 0; i < n; ++i) absl::StrAppend(&out, i ? sep : "", entry(i));
  absl::StrAppend(&out, indented ? "\n" : "", after, "}");
  return out;
}

std::string Annotations(size_t n, bool indented) {
  return Document("\"annotations\":{", n, indented, "}", [](size_t i) { return absl::StrCat("\"key.", i, "\":\"v", i, "\""); });
}

// Top-level unknown keys: each is kept raw (written back with Writer::Raw)
// and is a section of its own in a diff.
std::string UnknownKeys(size_t n, bool indented) {
  return Document("\"x-unknown\":0,", n, indented, "", [](size_t i) { return absl::StrCat("\"u", i, "\":[", i, "]"); });
}

// Annotation keys and values that need escaping when written (quotes,
// backslashes, control characters and Go's <, >, &).
std::string EscapedStrings(size_t n, bool indented) {
  return Document("\"annotations\":{", n, indented, "}", [](size_t i) {
    return absl::StrCat("\"key.q", i, "\\\"<&>\":\"line\\n\\t", i, " \\\\ <b>&amp;\\u0001\"");
  });
}

// Annotation keys outside reverse domain notation: one lint finding
// (OCI annotation key format) per entry.
std::string BadAnnotationKeys(size_t n, bool indented) {
  return Document("\"annotations\":{", n, indented, "}", [](size_t i) { return absl::StrCat("\"bad_", i, "\":\"v\""); });
}

std::string EnvEntries(size_t n, bool indented) {
  return Document("\"process\":{\"cwd\":\"/\",\"args\":[\"sh\"],\"env\":[", n, indented, "]}",
                  [](size_t i) { return absl::StrCat("\"VAR", i, "=value", i, "\""); });
}

std::string Mounts(size_t n, bool indented) {
  return Document("\"mounts\":[", n, indented, "]", [](size_t i) {
    return absl::StrCat("{\"destination\":\"/m", i, "\",\"type\":\"tmpfs\",\"source\":\"tmpfs\",\"options\":[\"nosuid\"]}");
  });
}

std::string SeccompRules(size_t n, bool indented) {
  return Document("\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[", n, indented, "]}}",
                  [](size_t i) {
                    return absl::StrCat("{\"names\":[\"read\",\"write", i % 7, "\"],\"action\":\"SCMP_ACT_ALLOW\",",
                                        "\"args\":[{\"index\":0,\"value\":", i, ",\"op\":\"SCMP_CMP_EQ\"}]}");
                  });
}

// A seccomp profile (`--security-opt seccomp=FILE`) with unknown keys, which
// the loader ignores, and one rule.
std::string SeccompProfileKeys(size_t n, bool indented) {
  return Document("\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}],",
                  n, indented, "", [](size_t i) { return absl::StrCat("\"x", i, "\":", i); });
}

// What a command does with a document.
using Operation = std::function<void(const std::string& text)>;

void ParseAndMarshal(const std::string& text) {
  absl::StatusOr<Spec> spec = ParseSpec(text, "scaling");
  ASSERT_TRUE(spec.ok()) << spec.status();
  const std::string out = MarshalIndent(*spec, 4);
  ASSERT_FALSE(out.empty());
}

void Lint(const std::string& text) {
  LintOptions options;
  options.libseccomp = false;  // libseccomp's own cost is not ocikit's
  const LintResult result = LintConfigText(text, options);
  ASSERT_TRUE(std::none_of(result.findings.begin(), result.findings.end(),
                           [](const LintFinding& f) { return f.rule_id == "OCI000"; }));
}

// The number of entries of a BadAnnotationKeys document.
size_t BadKeys(const std::string& text) {
  size_t n = 0;
  for (size_t at = 0; (at = text.find("\"bad_", at)) != std::string::npos; ++at) ++n;
  return n;
}

// Lint where every entry is a finding: each finding's position is computed.
void LintWithFindings(const std::string& text) {
  LintOptions options;
  options.libseccomp = false;
  const LintResult result = LintConfigText(text, options);
  ASSERT_GE(result.findings.size(), BadKeys(text));
}

// The same document read back with its lists reversed (every keyed element
// moves) and every annotation, env value and unknown key changed.
Spec Reordered(const Spec& a) {
  Spec b = a;
  std::reverse(b.mounts.begin(), b.mounts.end());
  if (b.process) {
    std::reverse(b.process->env.begin(), b.process->env.end());
    for (std::string& e : b.process->env) e += "x";
  }
  if (b.linux_section && b.linux_section->seccomp) {
    std::reverse(b.linux_section->seccomp->syscalls.begin(), b.linux_section->seccomp->syscalls.end());
  }
  for (auto it = b.annotations.begin(); it != b.annotations.end(); ++it) it->second += "x";
  for (json::UnknownField& u : b.unknown) {
    if (u.value.text.back() == ']') u.value.text.insert(u.value.text.size() - 1, ",0");
  }
  return b;
}

// Diff against the reordered copy, and what `ocikit diff` prints: the text,
// --stat and --patch (the JSON Patch).
void DiffReordered(const std::string& text) {
  absl::StatusOr<Spec> a = ParseSpec(text, "a");
  ASSERT_TRUE(a.ok()) << a.status();
  const SpecDiff d = DiffSpecs(*a, Reordered(*a));
  // A reordered seccomp rule list is no change (the patch still reorders it).
  ASSERT_EQ(FormatDiffText(d.changes, {}).empty(), d.changes.empty());
  ASSERT_EQ(FormatDiffStat(d.changes).empty(), d.changes.empty());
  ASSERT_FALSE(FormatJsonPatch(d.patch).empty());
}

// That JSON Patch applied to A (`ocikit patch`): it gives B.
void ApplyDiffPatch(const std::string& text) {
  absl::StatusOr<Spec> a = ParseSpec(text, "a");
  ASSERT_TRUE(a.ok()) << a.status();
  const Spec b = Reordered(*a);
  absl::StatusOr<PatchOutcome> patched = ApplySpecPatch(*a, FormatJsonPatch(DiffSpecs(*a, b).patch), PatchType::kJsonPatch);
  ASSERT_TRUE(patched.ok()) << patched.status();
  ASSERT_EQ(Marshal(patched->spec), Marshal(b));
}

double ThreadCpuSeconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Cost {
  double seconds = 0;  // the minimum over the repetitions
  size_t bytes = 0;    // allocated by one run
};

Cost Measure(const Operation& op, const std::string& text) {
  Cost cost;
  cost.seconds = 1e9;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    const size_t bytes_before = bench::AllocatedBytes();
    const double start = ThreadCpuSeconds();
    op(text);
    cost.seconds = std::min(cost.seconds, ThreadCpuSeconds() - start);
    cost.bytes = bench::AllocatedBytes() - bytes_before;
  }
  return cost;
}

void ExpectLinear(const char* shape_name, const Shape& shape, const char* op_name, const Operation& op) {
  for (const bool indented : {false, true}) {
    const std::string small = shape(kSmall, indented);
    const std::string large = shape(kSmall * kFactor, indented);
    const Cost a = Measure(op, small);
    const Cost b = Measure(op, large);
    const double bytes_ratio = static_cast<double>(b.bytes) / static_cast<double>(std::max<size_t>(a.bytes, 1));
    const double time_ratio = b.seconds / std::max(a.seconds, 1e-6);
    const std::string what = absl::StrCat(op_name, " of ", shape_name, indented ? " (indented)" : " (one line)", ": ",
                                          kSmall, " -> ", kSmall * kFactor, " entries: bytes x", bytes_ratio,
                                          ", CPU time x", time_ratio, " (", a.seconds * 1e3, " ms -> ",
                                          b.seconds * 1e3, " ms)");
    std::cerr << what << "\n";
    EXPECT_LT(bytes_ratio, kMaxBytesRatio) << what;
    EXPECT_LT(time_ratio, kMaxTimeRatio) << what;
  }
}

struct NamedShape {
  const char* name;
  Shape shape;
};

const std::vector<NamedShape>& Shapes() {
  static const auto* shapes = new std::vector<NamedShape>{
      {"annotations", Annotations}, {"unknown keys", UnknownKeys}, {"env entries", EnvEntries},
      {"mounts", Mounts},           {"seccomp rules", SeccompRules}, {"escaped strings", EscapedStrings},
  };
  return *shapes;
}

TEST(Scaling, ParseAndMarshalAreLinear) {
  for (const NamedShape& s : Shapes()) ExpectLinear(s.name, s.shape, "parse + marshal", ParseAndMarshal);
}

TEST(Scaling, LintIsLinear) {
  for (const NamedShape& s : Shapes()) ExpectLinear(s.name, s.shape, "lint", Lint);
}

TEST(Scaling, LintWithAFindingPerEntryIsLinear) {
  ExpectLinear("bad annotation keys", BadAnnotationKeys, "lint", LintWithFindings);
}

TEST(Scaling, DiffIsLinear) {
  for (const NamedShape& s : Shapes()) ExpectLinear(s.name, s.shape, "diff", DiffReordered);
}

// Applying the diff's JSON Patch (`ocikit patch`): one operation per changed
// annotation, env entry or unknown key and one move per reordered element.
TEST(Scaling, ApplyingTheDiffPatchIsLinear) {
  for (const NamedShape& s : Shapes()) ExpectLinear(s.name, s.shape, "patch", ApplyDiffPatch);
}

// nlohmann::ordered_json's own parse looked up every key it read: 50,000
// keys took 18.8 s.
TEST(Scaling, LoadingASeccompProfileIsLinear) {
  ExpectLinear("profile keys", SeccompProfileKeys, "seccomp profile load", [](const std::string& text) {
    ASSERT_TRUE(ParseSeccompProfile(text, "profile.json").ok());
  });
}

// The check itself: a quadratic operation fails it.
TEST(Scaling, AQuadraticOperationIsCaught) {
  const Operation quadratic = [](const std::string& text) {
    std::string grown;
    for (size_t i = 0; i < text.size(); i += 64) grown = grown + text.substr(i, 64);  // copies all each time
    ASSERT_EQ(grown.size(), text.size());
  };
  const std::string small = Annotations(kSmall, false);
  const std::string large = Annotations(kSmall * kFactor, false);
  const Cost a = Measure(quadratic, small);
  const Cost b = Measure(quadratic, large);
  EXPECT_GT(static_cast<double>(b.bytes) / static_cast<double>(a.bytes), kMaxBytesRatio);
}

}  // namespace
}  // namespace ocikit
