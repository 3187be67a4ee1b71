#include "policy/seccomp/profile.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit {
namespace {

using Names = std::vector<std::string>;

// Relative to the test's working directory, the workspace root in runfiles.
constexpr char kDir[] = "testdata/seccomp/";

std::string Fixture(const std::string& name) {
  absl::StatusOr<std::string> text = ReadRegularFile(kDir + name, 1 << 20);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

SeccompTarget Target(const std::string& arch, std::vector<std::string> caps = DefaultCapabilities()) {
  SeccompTarget target;
  target.arch = arch;
  target.bounding_caps = std::move(caps);
  return target;
}

Names FirstNames(const LinuxSeccomp& s) {
  Names out;
  for (const LinuxSyscall& rule : s.syscalls) out.push_back(rule.names && !rule.names->empty() ? rule.names->front() : "");
  return out;
}

std::string ParseError(absl::string_view json) {
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(json, "seccomp.json");
  EXPECT_FALSE(p.ok()) << json;
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(p.status().message());
}

TEST(ParseSeccompProfile, LoadsMobyFormat) {
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(Fixture("moby_filters.json"), "moby_filters.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->default_action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(p->default_errno_ret, 1u);
  ASSERT_EQ(p->arch_map.size(), 3u);
  EXPECT_EQ(p->arch_map[1].architecture, "SCMP_ARCH_AARCH64");
  EXPECT_TRUE(p->arch_map[2].sub_architectures.empty());
  ASSERT_EQ(p->syscalls.size(), 8u);
  EXPECT_FALSE(p->syscalls[1].names.has_value());
  EXPECT_EQ(p->syscalls[1].name, "ptrace");
  EXPECT_EQ(p->syscalls[1].includes->min_kernel, (SeccompKernelVersion{4, 8}));
  EXPECT_EQ(p->syscalls[4].includes->caps, (Names{"CAP_SYS_ADMIN", "CAP_SYS_BOOT"}));
  EXPECT_EQ(p->syscalls[5].comment, "no new namespaces without CAP_SYS_ADMIN");
  EXPECT_EQ(p->syscalls[5].args[0].op, "SCMP_CMP_MASKED_EQ");
  EXPECT_EQ(p->syscalls[5].excludes->arches, (Names{"s390", "s390x"}));
  EXPECT_EQ(p->syscalls[6].errno_ret, 38u);
  EXPECT_EQ(p->syscalls[7].excludes->min_kernel, (SeccompKernelVersion{6, 0}));
}

TEST(ToRuntimeSeccomp, EvaluatesFiltersForTheTarget) {
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(Fixture("moby_filters.json"), "moby_filters.json");
  ASSERT_TRUE(p.ok()) << p.status();

  absl::StatusOr<LinuxSeccomp> amd64 = ToRuntimeSeccomp(*p, Target("amd64"));
  ASSERT_TRUE(amd64.ok()) << amd64.status();
  EXPECT_EQ(amd64->architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  EXPECT_EQ(amd64->default_errno_ret, 1u);
  EXPECT_EQ(FirstNames(*amd64), (Names{"read", "ptrace", "arch_prctl", "clone", "clone3"}));
  EXPECT_EQ(*amd64->syscalls[1].names, Names{"ptrace"});  // the deprecated `name` becomes `names`

  absl::StatusOr<LinuxSeccomp> arm64 = ToRuntimeSeccomp(*p, Target("arm64"));
  EXPECT_EQ(arm64->architectures, (Names{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
  EXPECT_EQ(FirstNames(*arm64), (Names{"read", "ptrace", "clone", "clone3"}));

  EXPECT_EQ(ToRuntimeSeccomp(*p, Target("riscv64"))->architectures, Names{"SCMP_ARCH_RISCV64"});
  EXPECT_TRUE(ToRuntimeSeccomp(*p, Target("s390x"))->architectures.empty());
  EXPECT_EQ(FirstNames(*ToRuntimeSeccomp(*p, Target("s390x"))), (Names{"read", "ptrace", "clone3"}));

  SeccompTarget old = Target("amd64");
  old.kernel = SeccompKernelVersion{5, 10};
  EXPECT_EQ(FirstNames(*ToRuntimeSeccomp(*p, old)), (Names{"read", "ptrace", "arch_prctl", "clone", "clone3",
                                                           "io_uring_setup"}));
  old.kernel = SeccompKernelVersion{4, 7};
  EXPECT_EQ(FirstNames(*ToRuntimeSeccomp(*p, old)), (Names{"read", "arch_prctl", "clone", "clone3", "io_uring_setup"}));

  // includes.caps needs every listed capability, excludes.caps any one.
  absl::StatusOr<LinuxSeccomp> admin = ToRuntimeSeccomp(*p, Target("amd64", {"CAP_SYS_ADMIN"}));
  EXPECT_EQ(FirstNames(*admin), (Names{"read", "ptrace", "arch_prctl", "mount"}));
  absl::StatusOr<LinuxSeccomp> both = ToRuntimeSeccomp(*p, Target("amd64", {"CAP_SYS_BOOT", "CAP_SYS_ADMIN"}));
  EXPECT_EQ(FirstNames(*both), (Names{"read", "ptrace", "arch_prctl", "mount", "kexec_load"}));
}

TEST(ParseSeccompProfile, LoadsAPlainRuntimeSpecSection) {
  const std::string text = Fixture("plain_section.json");
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(text, "plain_section.json");
  ASSERT_TRUE(p.ok()) << p.status();
  absl::StatusOr<LinuxSeccomp> s = ToRuntimeSeccomp(*p, Target("arm64"));
  ASSERT_TRUE(s.ok()) << s.status();
  // The same section read by the config.json codec.
  absl::StatusOr<Spec> spec = ParseSpec(absl::StrCat(R"({"ociVersion":"1.3.0","linux":{"seccomp":)", text, "}}"));
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(*s, *spec->linux_section->seccomp);
  EXPECT_EQ(s->architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86"}));  // kept, whatever the target
  EXPECT_EQ(s->flags, Names{"SECCOMP_FILTER_FLAG_LOG"});
}

TEST(ParseSeccompProfile, BadFilesGiveExactMessages) {
  EXPECT_EQ(ParseError(Fixture("bad_invalid_json.json")),
            "seccomp.json:5:3: invalid JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', or "
            "a literal");
  EXPECT_EQ(ParseError(Fixture("bad_both_architectures.json")),
            "seccomp.json: both \"architectures\" and \"archMap\" are given; expected one or the other");
  EXPECT_EQ(ParseError(Fixture("bad_both_names.json")),
            "seccomp.json: syscalls[1]: both \"name\" and \"names\" are given; expected one or the other");
  EXPECT_EQ(ParseError(Fixture("bad_wrong_type.json")),
            "seccomp.json: syscalls[1].args[0].index: expected an unsigned 64-bit integer, got -1");
  EXPECT_EQ(ParseError(Fixture("bad_min_kernel.json")),
            "seccomp.json: syscalls[3].includes.minKernel: expected \"X.Y\", got \"4\"");
}

TEST(ParseSeccompProfile, InvalidJsonPositions) {
  EXPECT_EQ(ParseError("{x"), "seccomp.json:1:2: invalid JSON: syntax error while parsing object key - invalid "
                              "literal; expected string literal");
  EXPECT_EQ(ParseError(""), "seccomp.json:1:1: invalid JSON: syntax error while parsing value - unexpected end of "
                            "input; expected '[', '{', or a literal");
  EXPECT_EQ(ParseError("{}\n[]"), "seccomp.json:2:1: invalid JSON: syntax error while parsing value - unexpected '['; "
                                  "expected end of input");
  EXPECT_EQ(ParseError(R"({"defaultErrnoRet": 1e999})"),
            "seccomp.json:1:25: invalid JSON: number overflow parsing '1e999'");
  EXPECT_EQ(ParseError("{\"defaultAction\": \"\xff\"}"),
            "seccomp.json:1:20: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
}

TEST(ParseSeccompProfile, WrongTypes) {
  EXPECT_EQ(ParseError("[]"), "seccomp.json: expected a seccomp profile object, got an array");
  EXPECT_EQ(ParseError(R"({"defaultAction": 4})"), "seccomp.json: defaultAction: expected a string, got 4");
  EXPECT_EQ(ParseError(R"({"defaultErrnoRet": "1"})"),
            "seccomp.json: defaultErrnoRet: expected an unsigned 64-bit integer, got \"1\"");
  EXPECT_EQ(ParseError(R"({"defaultErrnoRet": 1.5})"),
            "seccomp.json: defaultErrnoRet: expected an unsigned 64-bit integer, got 1.5");
  EXPECT_EQ(ParseError(R"({"architectures": "SCMP_ARCH_X86_64"})"),
            "seccomp.json: architectures: expected an array of strings, got \"SCMP_ARCH_X86_64\"");
  EXPECT_EQ(ParseError(R"({"architectures": ["SCMP_ARCH_X86_64", 3]})"),
            "seccomp.json: architectures[1]: expected a string, got 3");
  EXPECT_EQ(ParseError(R"({"archMap": [{"architecture": true}]})"),
            "seccomp.json: archMap[0].architecture: expected a string, got true");
  EXPECT_EQ(ParseError(R"({"syscalls": {}})"), "seccomp.json: syscalls: expected an array of objects, got an object");
  EXPECT_EQ(ParseError(R"({"syscalls": [null]})"), "seccomp.json: syscalls[0]: expected an object, got null");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"names": [["read"]]}]})"),
            "seccomp.json: syscalls[0].names[0]: expected a string, got an array");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"includes": []}]})"),
            "seccomp.json: syscalls[0].includes: expected an object, got an array");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"excludes": {"minKernel": 4.8}}]})"),
            "seccomp.json: syscalls[0].excludes.minKernel: expected \"X.Y\", got 4.8");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"args": [{"value": 18446744073709551616}]}]})"),
            "seccomp.json: syscalls[0].args[0].value: expected an unsigned 64-bit integer, got 1.8446744073709552e+19");
  const std::string long_value(100, 'a');
  EXPECT_EQ(ParseError(absl::StrCat(R"({"flags": ")", long_value, R"("})")),
            absl::StrCat("seccomp.json: flags: expected an array of strings, got \"", long_value.substr(0, 57),
                         "...\""));
}

TEST(ParseSeccompProfile, FollowsGoDecodingRules) {
  // Keys match case-insensitively, unknown keys are ignored, the last
  // duplicate wins, null leaves the zero value.
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(
      R"({"DefaultAction": "SCMP_ACT_KILL", "defaultaction": "SCMP_ACT_ERRNO", "x-vendor": {"a": [1.5]},
          "defaultErrnoRet": null, "architectures": null, "listenerPath": "/run/agent.sock",
          "syscalls": [{"NAMES": ["read", null], "Action": "SCMP_ACT_ALLOW", "errnoRet": null,
                        "includes": null, "args": [null, {"index": 1, "op": "SCMP_CMP_EQ", "valueTwo": 7}]},
                       {"names": null, "action": "SCMP_ACT_LOG"}, {"names": [], "action": "SCMP_ACT_LOG"}]})",
      "seccomp.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->default_action, "SCMP_ACT_ERRNO");
  EXPECT_FALSE(p->default_errno_ret.has_value());
  EXPECT_EQ(p->listener_path, "/run/agent.sock");
  EXPECT_EQ(p->syscalls[0].names, (Names{"read", ""}));
  EXPECT_EQ(p->syscalls[0].args.size(), 2u);
  EXPECT_EQ(p->syscalls[0].args[1].value_two, 7u);
  absl::StatusOr<LinuxSeccomp> s = ToRuntimeSeccomp(*p, Target("amd64"));
  ASSERT_TRUE(s.ok());
  Spec spec;
  spec.oci_version = "1.3.0";
  spec.linux_section.emplace().seccomp = *s;
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","listenerPath":"/run/agent.sock",)"
            R"("syscalls":[{"names":["read",""],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":""},)"
            R"({"index":1,"value":0,"valueTwo":7,"op":"SCMP_CMP_EQ"}]},{"names":null,"action":"SCMP_ACT_LOG"},)"
            R"({"names":[],"action":"SCMP_ACT_LOG"}]}}})");
}

TEST(ParseSeccompProfile, MinKernelForms) {
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(
      R"({"syscalls": [{"names": ["a"], "includes": {"minKernel": "004.08"}},
                       {"names": ["b"], "includes": {"minKernel": ""}},
                       {"names": ["c"], "includes": {"minKernel": null}}]})",
      "seccomp.json");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->syscalls[0].includes->min_kernel, (SeccompKernelVersion{4, 8}));
  EXPECT_EQ(p->syscalls[1].includes->min_kernel, (SeccompKernelVersion{0, 0}));  // moby: "" is 0.0, always reached
  EXPECT_FALSE(p->syscalls[2].includes->min_kernel.has_value());
  EXPECT_EQ(ParseError(R"({"syscalls": [{"includes": {"minKernel": "4.8.1"}}]})"),
            "seccomp.json: syscalls[0].includes.minKernel: expected \"X.Y\", got \"4.8.1\"");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"includes": {"minKernel": "4.256"}}]})"),
            "seccomp.json: syscalls[0].includes.minKernel: expected \"X.Y\", got \"4.256\"");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"includes": {"minKernel": "+4.1"}}]})"),
            "seccomp.json: syscalls[0].includes.minKernel: expected \"X.Y\", got \"+4.1\"");
  EXPECT_EQ(ParseError(R"({"syscalls": [{"includes": {"minKernel": "0.0"}}]})"),
            "seccomp.json: syscalls[0].includes.minKernel: expected \"X.Y\" other than \"0.0\", got \"0.0\"");
}

TEST(ParseSeccompProfile, EmptyArchitecturesAndNamesAreNotConflicts) {
  // moby checks lengths: empty lists do not conflict.
  absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(
      R"({"defaultAction": "SCMP_ACT_ERRNO", "architectures": [],
          "archMap": [{"architecture": "SCMP_ARCH_X86_64"}],
          "syscalls": [{"name": "read", "names": [], "action": "SCMP_ACT_ALLOW"}]})",
      "seccomp.json");
  ASSERT_TRUE(p.ok()) << p.status();
  absl::StatusOr<LinuxSeccomp> s = ToRuntimeSeccomp(*p, Target("amd64"));
  EXPECT_EQ(s->architectures, Names{"SCMP_ARCH_X86_64"});
  EXPECT_EQ(*s->syscalls[0].names, Names{"read"});
}

TEST(ToRuntimeSeccomp, ChecksProfilesBuiltInCode) {
  SeccompProfile p;
  p.default_action = "SCMP_ACT_ERRNO";
  p.architectures = {"SCMP_ARCH_X86_64"};
  p.arch_map.emplace_back().architecture = "SCMP_ARCH_X86_64";
  EXPECT_EQ(ToRuntimeSeccomp(p, Target("amd64")).status().message(),
            "both \"architectures\" and \"archMap\" are given; expected one or the other");
  p.arch_map.clear();
  SeccompSyscallGroup& g = p.syscalls.emplace_back();
  g.name = "read";
  g.names = Names{"write"};
  EXPECT_EQ(ToRuntimeSeccomp(p, Target("amd64")).status().message(),
            "syscalls[0]: both \"name\" and \"names\" are given; expected one or the other");
}

TEST(ToRuntimeSeccomp, NoDefaultActionAndNoSyscallsMeansNoSeccomp) {
  for (absl::string_view text : {"null", "{}", R"({"architectures": ["SCMP_ARCH_X86_64"]})"}) {
    absl::StatusOr<SeccompProfile> p = ParseSeccompProfile(text, "seccomp.json");
    ASSERT_TRUE(p.ok()) << text;
    absl::StatusOr<LinuxSeccomp> s = ToRuntimeSeccomp(*p, Target("amd64"));
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(IsEmptySeccomp(*s)) << text;
    EXPECT_TRUE(s->architectures.empty());
  }
}

TEST(ParseSeccompProfile, NeverThrowsOnGarbage) {
  const std::string good = Fixture("moby_filters.json");
  for (size_t cut = 0; cut < good.size(); cut += 7) {
    std::string text = good.substr(0, cut);
    text.push_back(static_cast<char>(cut % 256));
    EXPECT_NO_THROW((void)ParseSeccompProfile(text, "x"));
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseSeccompProfile(deep, "x").ok());
}

TEST(SeccompArchTables, FollowMoby) {
  EXPECT_EQ(SeccompNativeArch("386"), "x86");
  EXPECT_EQ(SeccompNativeArch("loong64"), "loongarch64");
  EXPECT_EQ(SeccompNativeArch("mips"), "");
  EXPECT_EQ(SeccompArchForNative("amd64"), "SCMP_ARCH_X86_64");
  EXPECT_EQ(SeccompArchForNative("loongarch64"), "");  // the quirk
  EXPECT_EQ(SeccompArchForNative(SeccompNativeArch("mips64p32le")), "SCMP_ARCH_MIPSEL64N32");
  EXPECT_EQ(NativeGoArch(), SeccompTarget().arch);
}

TEST(NormalizeGoArch, AcceptsGoAndUnameNames) {
  EXPECT_EQ(*NormalizeGoArch("amd64"), "amd64");
  EXPECT_EQ(*NormalizeGoArch("x86_64"), "amd64");
  EXPECT_EQ(*NormalizeGoArch("AArch64"), "arm64");
  EXPECT_EQ(*NormalizeGoArch("i686"), "386");
  EXPECT_EQ(*NormalizeGoArch("armv7l"), "arm");
  EXPECT_EQ(*NormalizeGoArch("ppc64el"), "ppc64le");
  EXPECT_EQ(*NormalizeGoArch("loongarch64"), "loong64");
  EXPECT_EQ(NormalizeGoArch("sparc").status().message(),
            "unknown architecture \"sparc\"; expected a GOARCH name such as amd64, arm64, 386, arm, s390x, ppc64le, "
            "riscv64 or loong64");
}

TEST(ParseSeccompKernelVersion, Examples) {
  EXPECT_EQ(*ParseSeccompKernelVersion("4.8"), (SeccompKernelVersion{4, 8}));
  EXPECT_EQ(ParseSeccompKernelVersion("4").status().message(), "expected \"X.Y\", got \"4\"");
  EXPECT_LT((SeccompKernelVersion{4, 8}), (SeccompKernelVersion{4, 10}));
  EXPECT_LT((SeccompKernelVersion{4, 20}), (SeccompKernelVersion{5, 0}));
  absl::StatusOr<SeccompKernelVersion> host = HostKernelVersion();
  ASSERT_TRUE(host.ok()) << host.status();
  EXPECT_GE(host->major, 3u);
}

}  // namespace
}  // namespace ocikit
