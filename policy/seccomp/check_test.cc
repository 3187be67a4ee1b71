#include "policy/seccomp/check.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "policy/seccomp/default_profiles.h"
#include "policy/seccomp/profile.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "spec/opts/capabilities.h"

namespace ocikit {
namespace {

using Names = std::vector<std::string>;

LinuxSeccomp FixtureSeccomp(const std::string& name) {
  absl::StatusOr<std::string> text = ReadRegularFile("testdata/seccomp/" + name, 1 << 20);
  EXPECT_TRUE(text.ok()) << text.status();
  absl::StatusOr<SeccompProfile> profile = ParseSeccompProfile(text.ok() ? *text : "", name);
  EXPECT_TRUE(profile.ok()) << profile.status();
  SeccompTarget target;
  target.arch = "amd64";
  absl::StatusOr<LinuxSeccomp> seccomp = ToRuntimeSeccomp(profile.ok() ? *profile : SeccompProfile(), target);
  EXPECT_TRUE(seccomp.ok()) << seccomp.status();
  return seccomp.ok() ? *seccomp : LinuxSeccomp();
}

LinuxSeccomp MobyDefault(const std::string& arch, Names caps = DefaultCapabilities()) {
  SeccompTarget target;
  target.arch = arch;
  target.bounding_caps = std::move(caps);
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(target);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : LinuxSeccomp();
}

// System calls newer than some libseccomp releases (2.5.4 lacks a few):
// these may be unknown; anything else unknown is a typo in a table.
const std::set<std::string>& RecentSyscalls() {
  static const std::set<std::string> kNames = {
      "cachestat",     "fchmodat2",   "futex_requeue", "futex_wait",    "futex_wake",       "getxattrat",
      "listmount",     "listxattrat", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr",
      "map_shadow_stack", "mseal",    "removexattrat", "riscv_hwprobe", "setxattrat",       "statmount",
      "uretprobe",
  };
  return kNames;
}

TEST(CheckSeccompSyscalls, ReportsUnknownAndArchSpecificNames) {
  const LinuxSeccomp seccomp = FixtureSeccomp("unknown_names.json");
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->architectures, Names{"SCMP_ARCH_AARCH64"});
  EXPECT_TRUE(report->unknown_architectures.empty());
  EXPECT_EQ(report->missing, (std::vector<SeccompMissingSyscall>{{"SCMP_ARCH_AARCH64", "bogus_syscall", 0, false},
                                                                 {"SCMP_ARCH_AARCH64", "arch_prctl", 0, true}}));
  EXPECT_EQ(report->UnknownNames(), Names{"bogus_syscall"});
  EXPECT_EQ(report->Warning(), absl::StrCat("1 system call name is unknown to libseccomp ", report->libseccomp_version,
                                            " and will be skipped by runtimes that use it: bogus_syscall"));

  absl::StatusOr<SeccompSyscallReport> strict = CheckSeccompSyscalls(seccomp, SeccompNameCheck::kStrict);
  EXPECT_EQ(strict.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(strict.status().message(),
            absl::StrCat("linux.seccomp.syscalls[0].names[1]: \"bogus_syscall\" is unknown to libseccomp ",
                         report->libseccomp_version,
                         "; expected a system call name it can resolve (1 unknown in all: bogus_syscall)"));
  EXPECT_TRUE(CheckSeccompSyscalls(seccomp, SeccompNameCheck::kOff)->missing.empty());
}

TEST(CheckSeccompSyscalls, EmptyArchitecturesMeanTheNativeOne) {
  LinuxSeccomp seccomp;
  seccomp.default_action = "SCMP_ACT_ERRNO";
  LinuxSyscall& rule = seccomp.syscalls.emplace_back();
  rule.names = Names{"arch_prctl", "set_tls"};
  rule.action = "SCMP_ACT_ALLOW";
  absl::StatusOr<SeccompSyscallReport> arm64 = CheckSeccompSyscalls(seccomp, SeccompNameCheck::kWarn, "arm64");
  ASSERT_TRUE(arm64.ok());
  EXPECT_EQ(arm64->architectures, Names{"SCMP_ARCH_AARCH64"});
  ASSERT_EQ(arm64->missing.size(), 2u);  // set_tls is 32-bit ARM only
  EXPECT_TRUE(arm64->missing[1].known);
  EXPECT_TRUE(arm64->Warning().empty());
  absl::StatusOr<SeccompSyscallReport> arm = CheckSeccompSyscalls(seccomp, SeccompNameCheck::kWarn, "SCMP_ARCH_ARM");
  EXPECT_EQ(arm->missing, (std::vector<SeccompMissingSyscall>{{"SCMP_ARCH_ARM", "arch_prctl", 0, true}}));
  absl::StatusOr<SeccompSyscallReport> native = CheckSeccompSyscalls(seccomp);
  ASSERT_EQ(native->architectures.size(), 1u);
}

TEST(CheckSeccompSyscalls, UnknownArchitectures) {
  LinuxSeccomp seccomp;
  seccomp.default_action = "SCMP_ACT_ERRNO";
  seccomp.architectures = {"SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"};
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->architectures, Names{"SCMP_ARCH_X86_64"});
  EXPECT_EQ(report->unknown_architectures, Names{"SCMP_ARCH_VAX"});
  EXPECT_EQ(report->Warning(),
            absl::StrCat("architectures unknown to libseccomp ", report->libseccomp_version, ": SCMP_ARCH_VAX"));
  EXPECT_EQ(CheckSeccompSyscalls(seccomp, SeccompNameCheck::kStrict).status().message(),
            absl::StrCat("linux.seccomp.architectures: \"SCMP_ARCH_VAX\" is unknown to libseccomp ",
                         report->libseccomp_version, "; expected an architecture such as SCMP_ARCH_X86_64"));
}

// Every name of both default profiles resolves on some architecture, unless it
// is newer than the libseccomp at hand: this catches typos in the tables.
TEST(CheckSeccompSyscalls, DefaultProfilesHaveNoTypos) {
  std::set<std::string> names;
  for (const SeccompSyscallGroup& g : DefaultSeccompProfile().syscalls) names.insert(g.names->begin(), g.names->end());
  SeccompTarget target;
  for (const char* arch : {"amd64", "arm64", "s390x", "riscv64", "ppc64le"}) {
    target.arch = arch;
    target.bounding_caps = KnownCapabilities();
    for (const LinuxSyscall& rule : ContainerdDefaultProfile(target).syscalls) {
      names.insert(rule.names->begin(), rule.names->end());
    }
  }
  EXPECT_EQ(names.size(), 426u);  // containerd names nothing moby does not
  LinuxSeccomp all;
  all.default_action = "SCMP_ACT_ERRNO";
  all.architectures = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86",     "SCMP_ARCH_X32",    "SCMP_ARCH_AARCH64",
                       "SCMP_ARCH_ARM",    "SCMP_ARCH_S390X",   "SCMP_ARCH_S390",   "SCMP_ARCH_PPC64LE",
                       "SCMP_ARCH_RISCV64"};
  all.syscalls.emplace_back().names = Names(names.begin(), names.end());
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(all);
  ASSERT_TRUE(report.ok());
  for (const std::string& name : report->UnknownNames()) {
    EXPECT_TRUE(RecentSyscalls().contains(name)) << name << " is unknown to libseccomp " << report->libseccomp_version;
  }
  std::map<std::string, size_t> absent;  // architectures lacking a known name
  for (const SeccompMissingSyscall& m : report->missing) {
    if (m.known) ++absent[m.name];
  }
  for (const auto& [name, count] : absent) {
    EXPECT_LT(count, all.architectures.size()) << name << " exists on none of the checked architectures";
  }
}

TEST(CompileSeccompBpf, CompilesTheDefaultProfileForX86_64) {
  const LinuxSeccomp seccomp = MobyDefault("amd64");
  absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(seccomp, "x86_64");
  ASSERT_TRUE(bpf.ok()) << bpf.status();
  EXPECT_EQ(bpf->architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  EXPECT_GT(bpf->instructions, 300u);
  EXPECT_LT(bpf->instructions, kMaxSeccompBpfInstructions);
  EXPECT_EQ(bpf->bpf.size(), bpf->instructions * 8);
  EXPECT_TRUE(bpf->default_action_rules.empty());
  // The names left out are the ones the check calls unknown.
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp);
  Names skipped;
  for (const auto& [rule, name] : bpf->unknown_names) skipped.push_back(name);
  EXPECT_EQ(skipped, report->UnknownNames());
  // Deterministic; the same for the GOARCH spelling.
  absl::StatusOr<SeccompBpfProgram> again = CompileSeccompBpf(seccomp, "amd64");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bpf, bpf->bpf);
}

TEST(CompileSeccompBpf, CompilesForOtherArchitectures) {
  absl::StatusOr<SeccompBpfProgram> arm64 = CompileSeccompBpf(MobyDefault("arm64"), "SCMP_ARCH_AARCH64");
  ASSERT_TRUE(arm64.ok()) << arm64.status();
  EXPECT_EQ(arm64->architectures, (Names{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
  EXPECT_GT(arm64->instructions, 300u);
  Names caps = DefaultCapabilities();
  caps.push_back("CAP_SYS_ADMIN");
  SeccompTarget target;
  target.arch = "s390x";
  target.bounding_caps = caps;
  for (const LinuxSeccomp& s : {MobyDefault("s390x", caps), ContainerdDefaultProfile(target)}) {
    absl::StatusOr<SeccompBpfProgram> s390x = CompileSeccompBpf(s, "s390x");
    ASSERT_TRUE(s390x.ok()) << s390x.status();
    EXPECT_LT(s390x->instructions, kMaxSeccompBpfInstructions);
  }
  target.arch = "amd64";
  EXPECT_TRUE(CompileSeccompBpf(ContainerdDefaultProfile(target), "amd64").ok());
}

// ocikit's built-in profiles compile on every architecture Go and libseccomp
// share, whatever the capabilities: `ocikit spec/run/create` rely on it and
// leave compiling them to the runtime (executor/flags/spec_check.h).
TEST(CompileSeccompBpf, BuiltInProfilesCompileForEveryArchitectureAndCapabilitySet) {
  Names all = KnownCapabilities();
  for (const std::string arch : {"amd64", "386", "arm", "arm64", "ppc64le", "s390x", "riscv64", "mips64le"}) {
    for (const Names& caps : {Names{}, DefaultCapabilities(), all}) {
      SeccompTarget target;
      target.arch = arch;
      target.bounding_caps = caps;
      for (const LinuxSeccomp& s : {MobyDefault(arch, caps), ContainerdDefaultProfile(target)}) {
        absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(s, arch);
        ASSERT_TRUE(bpf.ok()) << arch << " with " << caps.size() << " capabilities: " << bpf.status();
        EXPECT_LT(bpf->instructions, kMaxSeccompBpfInstructions) << arch;
        EXPECT_TRUE(bpf->default_action_rules.empty()) << arch;
      }
    }
  }
}

TEST(CompileSeccompBpf, PlainSectionWithRepeatedArgumentsAndDefaultActionRules) {
  LinuxSeccomp seccomp = FixtureSeccomp("plain_section.json");  // default ALLOW, rules ERRNO
  LinuxSyscall& same = seccomp.syscalls.emplace_back();
  same.names = Names{"read"};
  same.action = "SCMP_ACT_ALLOW";
  LinuxSyscall& repeated = seccomp.syscalls.emplace_back();
  repeated.names = Names{"kill"};
  repeated.action = "SCMP_ACT_LOG";
  for (uint64_t sig : {9, 15}) {
    LinuxSeccompArg& arg = repeated.args.emplace_back();
    arg.index = 1;
    arg.value = sig;
    arg.op = "SCMP_CMP_EQ";
  }
  absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(seccomp);
  ASSERT_TRUE(bpf.ok()) << bpf.status();
  EXPECT_EQ(bpf->default_action_rules, std::vector<size_t>{2});
  EXPECT_GT(bpf->instructions, 10u);
}

TEST(CompileSeccompBpf, ErrorsNameTheRule) {
  const auto compile_error = [](const LinuxSeccomp& s, SeccompNameCheck mode = SeccompNameCheck::kWarn) {
    absl::StatusOr<SeccompBpfProgram> bpf = CompileSeccompBpf(s, "x86_64", mode);
    EXPECT_EQ(bpf.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(bpf.status().message());
  };
  LinuxSeccomp base;
  base.default_action = "SCMP_ACT_ERRNO";
  LinuxSyscall& rule = base.syscalls.emplace_back();
  rule.names = Names{"read", "write"};
  rule.action = "SCMP_ACT_ALLOW";

  LinuxSeccomp s = base;
  s.syscalls[0].args.emplace_back().op = "SCMP_CMP_FOO";
  EXPECT_EQ(compile_error(s),
            "linux.seccomp.syscalls[0] (\"read\"): args[0].op: unknown operator \"SCMP_CMP_FOO\"; expected SCMP_CMP_NE, "
            "SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT or SCMP_CMP_MASKED_EQ");
  s = base;
  s.syscalls[0].args.emplace_back().index = 6;
  s.syscalls[0].args.back().op = "SCMP_CMP_EQ";
  EXPECT_EQ(compile_error(s), "linux.seccomp.syscalls[0] (\"read\"): args[0].index: 6 is out of range; expected 0..5");
  s = base;
  s.syscalls[0].errno_ret = 1;
  EXPECT_EQ(compile_error(s), "linux.seccomp.syscalls[0] (\"read\"): errnoRet: set for action \"SCMP_ACT_ALLOW\"; "
                              "expected SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
  s = base;
  s.syscalls[0].action = "SCMP_ACT_PERMIT";
  EXPECT_EQ(compile_error(s), "linux.seccomp.syscalls[0] (\"read\"): action: unknown action \"SCMP_ACT_PERMIT\"; "
                              "expected SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, "
                              "SCMP_ACT_ERRNO, SCMP_ACT_TRACE, SCMP_ACT_ALLOW, SCMP_ACT_LOG or SCMP_ACT_NOTIFY");
  s = base;
  s.default_action = "";
  EXPECT_TRUE(absl::StartsWith(compile_error(s), "linux.seccomp.defaultAction: unknown action \"\"; expected "));
  s.default_action = "SCMP_ACT_NOTIFY";
  EXPECT_EQ(compile_error(s),
            "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action; expected another action");
  s = base;
  s.default_errno_ret = 70000;
  EXPECT_EQ(compile_error(s), "linux.seccomp.defaultErrnoRet: 70000 is out of range; expected 0..65535");
  s = base;
  s.architectures = {"SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"};
  EXPECT_EQ(compile_error(s), absl::StrCat("linux.seccomp.architectures[1]: \"SCMP_ARCH_VAX\" is unknown to libseccomp ",
                                          internal::LibseccompVersion(),
                                          "; expected an architecture such as SCMP_ARCH_X86_64"));
  s.architectures = {"SCMP_ARCH_X86_64", "SCMP_ARCH_S390X"};
  EXPECT_EQ(compile_error(s), "linux.seccomp.architectures[1]: \"SCMP_ARCH_S390X\" has another byte order than "
                              "SCMP_ARCH_X86_64; expected architectures of one byte order");
  s = base;
  s.syscalls[0].names = Names{"read", "bogus_syscall"};
  absl::StatusOr<SeccompBpfProgram> lenient = CompileSeccompBpf(s, "x86_64");
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->unknown_names, (std::vector<std::pair<size_t, std::string>>{{0, "bogus_syscall"}}));
  EXPECT_EQ(compile_error(s, SeccompNameCheck::kStrict),
            absl::StrCat("linux.seccomp.syscalls[0] (\"bogus_syscall\"): unknown to libseccomp ",
                         internal::LibseccompVersion(), "; expected a system call name it can resolve"));
  EXPECT_EQ(CompileSeccompBpf(base, "vax").status().message(),
            absl::StrCat("architecture \"vax\" is unknown to libseccomp ", internal::LibseccompVersion(),
                         "; expected a name such as SCMP_ARCH_X86_64, x86_64 or amd64"));
}

}  // namespace
}  // namespace ocikit
