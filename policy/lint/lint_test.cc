#include "policy/lint/lint.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

std::vector<std::string> Ids(const LintResult& r) {
  std::vector<std::string> ids;
  for (const LintFinding& f : r.findings) ids.push_back(f.rule_id);
  return ids;
}

bool Has(const LintResult& r, absl::string_view id) {
  for (const LintFinding& f : r.findings) {
    if (f.rule_id == id) return true;
  }
  return false;
}

const LintFinding* Find(const LintResult& r, absl::string_view id) {
  for (const LintFinding& f : r.findings) {
    if (f.rule_id == id) return &f;
  }
  return nullptr;
}

Spec Runnable() {
  Spec s = DefaultLinuxSpec("default", "t");
  s.process->args = {"/bin/sh"};
  return s;
}

TEST(LintCatalogue, IdsAreUniqueAndMatchTheirFamily) {
  std::set<std::string> ids;
  for (const LintRule* r : BuiltinLintRules()) {
    EXPECT_TRUE(ids.emplace(r->id).second) << r->id;
    absl::string_view prefix;
    switch (r->family) {
      case LintFamily::kInput: prefix = "OCI0"; break;
      case LintFamily::kConformance: prefix = "OCI1"; break;
      case LintFamily::kHost: prefix = "HOST20"; break;
      case LintFamily::kBundle: prefix = "HOST25"; break;
      case LintFamily::kRuntime: prefix = "HOST26"; break;
      case LintFamily::kTypo: prefix = "TYPO3"; break;
      case LintFamily::kSecurity: prefix = "SEC4"; break;
      case LintFamily::kSeccomp: prefix = "SCMP5"; break;
      case LintFamily::kPolicy: prefix = "?"; break;
    }
    EXPECT_TRUE(absl::StartsWith(r->id, prefix)) << r->id;
    EXPECT_EQ(r->family == LintFamily::kSecurity, r->profile != LintProfile::kNone) << r->id;
  }
  EXPECT_GE(ids.size(), 100u);
}

TEST(LintCatalogue, EveryRuleIsDocumented) {
  for (const LintRule* r : BuiltinLintRules()) {
    EXPECT_FALSE(r->name.empty()) << r->id;
    EXPECT_FALSE(r->title.empty()) << r->id;
    EXPECT_FALSE(r->rationale.empty()) << r->id;
    EXPECT_FALSE(r->reference.empty()) << r->id;
    EXPECT_FALSE(r->fix.empty()) << r->id;
    for (const char c : r->name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << r->name;
    EXPECT_LE(r->title.size(), 1024u) << r->id;
  }
  EXPECT_EQ(FindLintRule("OCI121")->name, "process-cwd-absolute");
  EXPECT_EQ(FindLintRule("NOPE"), nullptr);
}

TEST(LintSpec, DefaultSpecWithCommandIsClean) {
  EXPECT_EQ(Ids(LintSpec(Runnable(), LintOptions())), std::vector<std::string>());
}

TEST(LintSpec, WithoutTextThereAreNoPositions) {
  Spec s = Runnable();
  s.process->cwd = "tmp";
  const LintResult r = LintSpec(s, LintOptions());
  ASSERT_EQ(Ids(r), std::vector<std::string>{"OCI121"});
  EXPECT_EQ(r.findings[0].line, 0u);
  EXPECT_EQ(r.findings[0].path.ToString(), "process.cwd");
  EXPECT_EQ(r.findings[0].Text(), "process.cwd: \"tmp\" is not absolute; expected an absolute path such as \"/\"");
}

TEST(LintSpec, ANulByteAnywhereIsAnError) {
  Spec s = Runnable();
  s.annotations[std::string("com.example.k\0ey", 16)] = "v";
  s.linux_section->sysctl["kernel.shm_rmid_forced"] = std::string("1\0", 2);
  s.process->user.username = std::string("\0", 1);  // nested objects and optional fields too
  std::vector<std::string> texts;
  for (const LintFinding& f : LintSpec(s, LintOptions()).findings) {
    if (f.rule_id == "OCI139") texts.push_back(f.path.ToString() + " " + f.message.substr(0, 40));
  }
  EXPECT_EQ(texts, (std::vector<std::string>{
                       "process.user.username the value holds a NUL byte (\\u0000) at o",
                       "annotations[\"com.example.k\\u0000ey\"] the key holds a NUL byte (\\u0000) at off",
                       "linux.sysctl[\"kernel.shm_rmid_forced\"] the value holds a NUL byte (\\u0000) at o",
                   }));
}

TEST(LintSpec, IdMappingsTheKernelRefusesAreErrors) {
  Spec s = Runnable();
  s.linux_section->namespaces.push_back({.type = "user"});
  s.linux_section->uid_mappings = {{.container_id = 0, .host_id = 1, .size = 4294967295u}};
  s.linux_section->gid_mappings = {{.container_id = 0, .host_id = 0, .size = 4294967295u}};  // all ids: fine
  const LintResult r = LintSpec(s, LintOptions());
  ASSERT_EQ(Ids(r), std::vector<std::string>{"OCI199"});
  EXPECT_EQ(r.findings[0].Text(),
            "linux.uidMappings[0]: mapping \"0:1:4294967295\": host id + size exceeds 4294967295 (the kernel never "
            "maps id 4294967295, (uid_t)-1); the kernel refuses it (EINVAL)");
}

TEST(LintConfigText, FindingsCarryPositionsInOrder) {
  Spec s = Runnable();
  s.process->cwd = "tmp";
  s.linux_section->namespaces.push_back(LinuxNamespace{"pid", "", {}});
  const std::string text = MarshalIndent(s, 4);
  const LintResult r = LintConfigText(text, LintOptions());
  ASSERT_EQ(Ids(r), (std::vector<std::string>{"OCI121", "OCI171"}));
  EXPECT_GT(r.findings[0].line, 1u);
  EXPECT_LT(r.findings[0].line, r.findings[1].line);
  EXPECT_EQ(r.findings[0].column, 9u);
}

TEST(LintConfigText, InvalidInputIsOneFindingWithThePosition) {
  const LintResult r = LintConfigText("{\n  \"ociVersion\": \"1.3.0\",\n  \"process\": {\"cwd\": 5}\n}\n", LintOptions());
  ASSERT_EQ(Ids(r), std::vector<std::string>{"OCI000"});
  EXPECT_EQ(r.findings[0].line, 3u);
  EXPECT_EQ(r.findings[0].column, 22u);
  EXPECT_EQ(r.findings[0].Text(), "process.cwd: expected a string, got 5");
  EXPECT_EQ(Ids(LintConfigText("null", LintOptions())), std::vector<std::string>{"OCI000"});
}

TEST(LintConfigFile, UnreadableFileIsAFindingWithoutPosition) {
  LintResult r = LintConfigFile("/nonexistent/config.json", LintOptions());
  ASSERT_EQ(Ids(r), std::vector<std::string>{"OCI000"});
  EXPECT_EQ(r.findings[0].line, 0u);
  EXPECT_EQ(r.findings[0].message, "cannot read the file: No such file or directory; expected a readable config.json");
  r = LintConfigFile("/", LintOptions());
  ASSERT_EQ(Ids(r), std::vector<std::string>{"OCI000"});
  EXPECT_TRUE(absl::StrContains(r.findings[0].message, "is a directory")) << r.findings[0].message;
}

TEST(OciVersion, SemVerParsing) {
  EXPECT_TRUE(ParseOciVersion("1.0.2-dev"));
  EXPECT_EQ(ParseOciVersion("1.0.2-dev")->pre, "dev");
  EXPECT_TRUE(ParseOciVersion("1.1.0-rc.1+build.5"));
  EXPECT_TRUE(ParseOciVersion("1.3.0+dev"));
  for (const char* bad : {"", "1", "1.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "v1.0.0", "1.0.0 ", "1..0"}) {
    EXPECT_FALSE(ParseOciVersion(bad)) << bad;
  }
  EXPECT_TRUE(ParseOciVersion("1.0.2-dev")->AtLeast(1, 0, 2));
  EXPECT_FALSE(ParseOciVersion("1.0.2")->AtLeast(1, 1, 0));
}

TEST(LintVersions, EveryReleasedVersionIsAccepted) {
  for (const absl::string_view v : ReleasedOciVersions()) {
    Spec s = Runnable();
    s.oci_version = std::string(v);
    EXPECT_EQ(Ids(LintSpec(s, LintOptions())), std::vector<std::string>()) << v;
  }
}

TEST(LintVersions, FieldsNewerThanTheDeclaredVersion) {
  Spec s = Runnable();
  s.oci_version = "1.0.2";
  s.domainname = "example.com";            // 1.1.0
  s.process->exec_cpu_affinity.emplace();  // 1.2.1
  s.process->exec_cpu_affinity->initial = "0";
  const LintResult r = LintSpec(s, LintOptions());
  ASSERT_EQ(Ids(r), (std::vector<std::string>{"OCI103", "OCI103"}));
  EXPECT_EQ(r.findings[0].path.ToString(), "process.execCPUAffinity");
  EXPECT_EQ(r.findings[0].severity, LintSeverity::kWarning);  // runc 1.1 ignores it
  EXPECT_EQ(r.findings[1].path.ToString(), "domainname");
  EXPECT_EQ(r.findings[1].severity, LintSeverity::kInfo);  // every current runtime reads it
  s.oci_version = "1.2.1";
  EXPECT_EQ(Ids(LintSpec(s, LintOptions())), std::vector<std::string>());
}

TEST(LintVersions, DevelopmentVersionsMayHoldTheNextReleasesFields) {
  const std::optional<OciVersion> plus = ParseOciVersion("1.1.0+dev");
  ASSERT_TRUE(plus.has_value());
  EXPECT_EQ(plus->build, "dev");
  EXPECT_TRUE(plus->Development());
  EXPECT_TRUE(ParseOciVersion("1.0.2-dev")->Development());
  EXPECT_FALSE(ParseOciVersion("1.1.0-rc.1")->Development());
  EXPECT_EQ(internal::FieldsVersion(*ParseOciVersion("1.0.2-dev")).Release(), "1.1.0");
  EXPECT_EQ(internal::FieldsVersion(*ParseOciVersion("1.2.0+dev")).Release(), "1.2.1");
  EXPECT_EQ(internal::FieldsVersion(*ParseOciVersion("1.3.0+dev")).Release(), "1.3.0");
  EXPECT_EQ(internal::FieldsVersion(*ParseOciVersion("1.0.2")).Release(), "1.0.2");

  Spec s = Runnable();
  s.oci_version = "1.0.2-dev";
  s.process->scheduler.emplace().policy = "SCHED_OTHER";  // 1.1.0: in the 1.0.2-dev tree
  EXPECT_EQ(Ids(LintSpec(s, LintOptions())), std::vector<std::string>());
  s.process->exec_cpu_affinity.emplace().initial = "0";  // 1.2.1: still newer
  EXPECT_EQ(Ids(LintSpec(s, LintOptions())), std::vector<std::string>{"OCI103"});
}

TEST(LintProcess, EmptyArgsAreInfoInATemplateAndAnErrorInABundle) {
  Spec s = Runnable();
  s.process->args.clear();
  LintOptions o;
  const LintResult template_result = LintSpec(s, o);
  ASSERT_EQ(Ids(template_result), std::vector<std::string>{"OCI120"});
  EXPECT_EQ(template_result.findings[0].severity, LintSeverity::kInfo);
  EXPECT_TRUE(absl::StrContains(template_result.findings[0].message, "linted as a template"))
      << template_result.findings[0].message;
  o.bundle = true;
  const LintResult bundle_result = LintSpec(s, o);
  ASSERT_EQ(Ids(bundle_result), std::vector<std::string>{"OCI120"});
  EXPECT_EQ(bundle_result.findings[0].severity, LintSeverity::kError);
  EXPECT_TRUE(absl::StrContains(bundle_result.findings[0].message, "linted as a bundle: --bundle"))
      << bundle_result.findings[0].message;
}

TEST(LintTypos, UnknownFieldsWithSuggestionsAndStrict) {
  const std::string text = R"({"ociVersion": "1.3.0", "Hostname": "x", "process": {"cwd": "/", "args": ["sh"], "noNewPrivilege": true},
      "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "uts"}]}})";
  LintResult r = LintConfigText(text, LintOptions());
  ASSERT_EQ(Ids(r), (std::vector<std::string>{"TYPO302", "TYPO301"}));
  EXPECT_EQ(r.findings[1].severity, LintSeverity::kWarning);
  EXPECT_TRUE(absl::StrContains(r.findings[1].message, "did you mean \"noNewPrivileges\"?")) << r.findings[1].message;
  LintOptions strict;
  strict.strict = true;
  r = LintConfigText(text, strict);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].severity, LintSeverity::kError);
  EXPECT_EQ(r.findings[1].severity, LintSeverity::kError);
}

// Issue 13: the canonical sections are hardened, the case variants after
// them are what runc runs.
std::string Shadowed() {
  Spec s = Runnable();
  s.process->user.uid = 1000;
  s.process->user.gid = 1000;
  s.process->no_new_privileges = true;
  s.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
  std::string text = Marshal(s);
  text.pop_back();
  text += R"(,"PROCESS":{"user":{"uid":0,"gid":0}},"Linux":{"seccomp":null}})";
  return text;
}

TEST(LintReadings, ASecurityProfileJudgesGosReadingToo) {
  LintOptions options;
  options.profile = LintProfile::kRestricted;
  options.libseccomp = false;
  const LintResult r = LintConfigText(Shadowed(), options);
  const LintFinding* root = Find(r, "SEC430");
  ASSERT_NE(root, nullptr) << "runc runs it as uid 0";
  EXPECT_TRUE(absl::EndsWith(root->message, "(as Go's encoding/json, so runc and containerd, reads the file)"))
      << root->message;
  EXPECT_TRUE(Has(r, "SEC405")) << "runc runs it without seccomp";
  const LintFinding* variant = Find(r, "TYPO302");
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ(variant->severity, LintSeverity::kError);
  EXPECT_EQ(variant->path.ToString(), "PROCESS");
  EXPECT_TRUE(r.Fails(LintSeverity::kError));
  // Without the variants the canonical sections pass these rules.
  std::string hardened = Shadowed();
  hardened = hardened.substr(0, hardened.find(R"(,"PROCESS")")) + "}";
  const LintResult h = LintConfigText(hardened, options);
  EXPECT_FALSE(Has(h, "SEC430"));
  EXPECT_FALSE(Has(h, "SEC405"));
}

TEST(LintReadings, DuplicateKeysAndBadUtf8AreOci001AndCanBeDisabled) {
  const std::string text = R"({"ociVersion":"1.3.0","hostname":"a","hostname":"b\ud800","root":{"path":"rootfs"}})";
  LintOptions options;
  options.libseccomp = false;
  LintResult r = LintConfigText(text, options);
  std::vector<std::string> oci001;
  for (const LintFinding& f : r.findings) {
    if (f.rule_id == "OCI001") oci001.push_back(f.message.substr(0, 24));
  }
  EXPECT_EQ(oci001, (std::vector<std::string>{"duplicate key \"hostname\"", "invalid \\u escape in str"}));
  options.disabled = {"OCI001"};
  r = LintConfigText(text, options);
  EXPECT_FALSE(Has(r, "OCI001"));
  EXPECT_FALSE(Has(r, "OCI000"));
}

TEST(LintReadings, AFileGoRefusesIsOci001) {
  LintOptions options;
  options.libseccomp = false;
  const LintResult r = LintConfigText(R"({"ociVersion":"1.3.0","root":{"path":"rootfs"},"PROCESS":5})", options);
  const LintFinding* f = Find(r, "OCI001");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(absl::StartsWith(f->message, "Go's encoding/json (runc, containerd) refuses the file here, while crun "
                                           "and youki read it: expected an object, got 5"))
      << f->message;
  EXPECT_TRUE(Has(r, "TYPO302"));
}

TEST(LintOptionsTest, DisabledRulesAreNotReported) {
  Spec s = Runnable();
  s.process->cwd = "tmp";
  LintOptions o;
  o.disabled = {"OCI121"};
  EXPECT_TRUE(ValidateLintOptions(o).ok());
  EXPECT_EQ(Ids(LintSpec(s, o)), std::vector<std::string>());
  o.disabled = {"oci121"};
  EXPECT_EQ(std::string(ValidateLintOptions(o).message()), "unknown rule \"oci121\"; did you mean \"OCI121\"?");
}

TEST(LintProfiles, SecurityRulesRunOnlyWithAProfile) {
  const Spec s = Runnable();
  EXPECT_FALSE(Has(LintSpec(s, LintOptions()), "SEC405"));
  LintOptions baseline;
  baseline.profile = LintProfile::kBaseline;
  const LintResult b = LintSpec(s, baseline);
  EXPECT_TRUE(Has(b, "SEC405"));  // no seccomp
  EXPECT_TRUE(Has(b, "SEC402"));  // NET_RAW
  EXPECT_FALSE(Has(b, "SEC430"));
  LintOptions restricted;
  restricted.profile = LintProfile::kRestricted;
  const LintResult r = LintSpec(s, restricted);
  EXPECT_TRUE(Has(r, "SEC405"));
  EXPECT_TRUE(Has(r, "SEC430"));  // root
  EXPECT_TRUE(Has(r, "SEC431"));
  EXPECT_TRUE(Has(r, "SEC432"));  // writable root
}

TEST(LintSeccomp, LibseccompChecksCanBeTurnedOff) {
  Spec s = Runnable();
  LinuxSeccomp& sc = s.linux_section->seccomp.emplace();
  sc.default_action = "SCMP_ACT_ERRNO";
  sc.default_errno_ret = 38;
  LinuxSyscall& rule = sc.syscalls.emplace_back();
  rule.names = std::vector<std::string>{"read", "opennat"};
  rule.action = "SCMP_ACT_ALLOW";
  LintOptions o;
  o.seccomp_arch = "x86_64";
  const LintResult on = LintSpec(s, o);
  EXPECT_TRUE(Has(on, "SCMP520"));
  EXPECT_EQ(Find(on, "SCMP520")->severity, LintSeverity::kWarning);  // a typo
  ASSERT_NE(Find(on, "SCMP524"), nullptr);
  EXPECT_TRUE(absl::StrContains(Find(on, "SCMP524")->message, "BPF instructions")) << Find(on, "SCMP524")->message;
  o.libseccomp = false;
  EXPECT_EQ(Ids(LintSpec(s, o)), std::vector<std::string>());
}

TEST(LintSeccomp, SystemCallsNewerThanTheHostsLibseccompAreAHostFact) {
  Spec s = Runnable();
  LinuxSeccomp& sc = s.linux_section->seccomp.emplace();
  sc.default_action = "SCMP_ACT_ERRNO";
  sc.default_errno_ret = 38;
  LinuxSyscall& rule = sc.syscalls.emplace_back();
  rule.names = std::vector<std::string>{"read", "mseal"};  // mseal: Linux 6.10, unknown to libseccomp 2.5.4
  rule.action = "SCMP_ACT_ALLOW";
  LintOptions o;
  o.seccomp_arch = "x86_64";
  // The results outlive the findings pointed into them (ASan found the
  // temporaries' use after free).
  const LintResult as_template = LintSpec(s, o);
  const LintFinding* f = Find(as_template, "SCMP520");
  if (f == nullptr) GTEST_SKIP() << "this libseccomp knows mseal";
  EXPECT_EQ(f->severity, LintSeverity::kInfo) << f->message;
  o.host = true;  // the strict host check
  const LintResult on_host = LintSpec(s, o);
  f = Find(on_host, "SCMP520");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, LintSeverity::kWarning) << f->message;
}

TEST(RuntimeFeatures, ParsesRuncFeaturesAndReportsBadDocuments) {
  absl::StatusOr<LintRuntimeFeatures> f = ParseRuntimeFeatures(R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.0.2-dev",
      "hooks": ["prestart"], "linux": {"namespaces": ["pid", "mount"], "seccomp": {"enabled": true, "actions": ["SCMP_ACT_ALLOW"]},
      "apparmor": {"enabled": false}}, "potentiallyUnsafeConfigAnnotations": ["com.example."]})",
                                                               "runc.json");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->oci_version_max, "1.0.2-dev");
  EXPECT_EQ(f->namespaces, (std::vector<std::string>{"pid", "mount"}));
  EXPECT_FALSE(f->capabilities.has_value());  // not in the document: not checked
  EXPECT_EQ(f->apparmor, false);
  EXPECT_EQ(std::string(ParseRuntimeFeatures("{}", "r.json").status().message()),
            "r.json: ociVersionMin: missing; expected a version such as \"1.0.0\"");
  EXPECT_EQ(std::string(ParseRuntimeFeatures(R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "hooks": "x"})", "r.json")
                            .status()
                            .message()),
            "r.json: hooks: expected an array of strings");
  EXPECT_FALSE(ParseRuntimeFeatures("{", "r.json").ok());

  Spec s = Runnable();
  s.linux_section->namespaces.push_back(LinuxNamespace{"network", "", {}});
  s.process->apparmor_profile = "p";
  LintOptions o;
  o.features = &*f;
  const LintResult r = LintSpec(s, o);
  // ociVersion 1.3.0 > 1.0.2-dev; ipc, uts and network (twice) unsupported; AppArmor disabled.
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"OCI171", "HOST260", "HOST261", "HOST261", "HOST261", "HOST261", "HOST261"}));
}

TEST(LintMessages, SayWhatIsExpected) {
  Spec s = Runnable();
  s.process->cwd = "";
  s.process->rlimits.push_back(s.process->rlimits[0]);
  s.process->rlimits[1].soft = 99999;
  s.linux_section->devices.emplace_back().path = "/dev/x";
  s.annotations["org.opencontainers.foo"] = "x";
  for (const LintFinding& f : LintSpec(s, LintOptions()).findings) {
    EXPECT_TRUE(absl::StrContains(f.message, "expected")) << f.rule_id << ": " << f.message;
  }
}

}  // namespace
}  // namespace ocikit
