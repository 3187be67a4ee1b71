#include "policy/seccomp/default_profiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

using Names = std::vector<std::string>;

SeccompTarget Target(const std::string& arch, std::vector<std::string> caps = DefaultCapabilities()) {
  SeccompTarget target;
  target.arch = arch;
  target.bounding_caps = std::move(caps);
  return target;
}

// The first name of each rule, to compare rule lists compactly.
Names FirstNames(const LinuxSeccomp& s) {
  Names out;
  for (const LinuxSyscall& rule : s.syscalls) out.push_back(rule.names && !rule.names->empty() ? rule.names->front() : "");
  return out;
}

std::string Json(const LinuxSeccomp& seccomp) {
  Spec spec;
  spec.oci_version = "1.3.0";
  spec.linux_section.emplace().seccomp = seccomp;
  return Marshal(spec);
}

TEST(DefaultSeccompProfile, HasMobyV023Counts) {
  const SeccompProfile& p = DefaultSeccompProfile();
  EXPECT_EQ(p.default_action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(p.default_errno_ret, 1u);
  EXPECT_TRUE(p.architectures.empty());
  ASSERT_EQ(p.syscalls.size(), 33u);
  size_t total = 0;
  std::set<std::string> distinct;
  for (const SeccompSyscallGroup& g : p.syscalls) {
    ASSERT_TRUE(g.names.has_value());
    EXPECT_TRUE(g.name.empty());
    total += g.names->size();
    distinct.insert(g.names->begin(), g.names->end());
  }
  EXPECT_EQ(total, 442u);
  EXPECT_EQ(distinct.size(), 426u);
  const Names& main = *p.syscalls[0].names;
  EXPECT_EQ(main.size(), 361u);
  EXPECT_EQ(Names(main.begin(), main.begin() + 5), (Names{"accept", "accept4", "access", "adjtimex", "alarm"}));
  EXPECT_EQ(main.back(), "writev");
  EXPECT_EQ(std::set<std::string>(main.begin(), main.end()).size(), 361u);
  EXPECT_TRUE(std::none_of(main.begin(), main.end(), [](const std::string& n) { return n.starts_with("io_uring"); }));
  EXPECT_EQ(p.syscalls[17].names->size(), 26u);  // CAP_SYS_ADMIN
}

TEST(DefaultSeccompProfile, ArchMapAndFilters) {
  const SeccompProfile& p = DefaultSeccompProfile();
  ASSERT_EQ(p.arch_map.size(), 9u);
  EXPECT_EQ(p.arch_map[0].architecture, "SCMP_ARCH_X86_64");
  EXPECT_EQ(p.arch_map[0].sub_architectures, (Names{"SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  EXPECT_EQ(p.arch_map[1].sub_architectures, (Names{"SCMP_ARCH_ARM"}));
  EXPECT_EQ(p.arch_map[8].architecture, "SCMP_ARCH_LOONGARCH64");
  EXPECT_TRUE(p.arch_map[8].sub_architectures.empty());

  EXPECT_EQ(p.syscalls[1].includes->min_kernel, (SeccompKernelVersion{4, 8}));
  for (int i : {2, 3, 4}) EXPECT_EQ(*p.syscalls[i].names, Names{"socket"});
  EXPECT_EQ(p.syscalls[2].args[0].op, "SCMP_CMP_LT");
  EXPECT_EQ(p.syscalls[2].args[0].value, 38u);
  EXPECT_EQ(p.syscalls[4].args[0].op, "SCMP_CMP_GT");
  EXPECT_EQ(p.syscalls[4].args[0].value, 40u);
  EXPECT_EQ(p.syscalls[9].args[0].value, 4294967295u);
  EXPECT_EQ(p.syscalls[13].includes->arches, (Names{"amd64", "x32", "x86"}));
  EXPECT_EQ(p.syscalls[18].args[0].value, 2114060288u);
  EXPECT_EQ(p.syscalls[18].excludes->caps, Names{"CAP_SYS_ADMIN"});
  EXPECT_EQ(p.syscalls[18].excludes->arches, (Names{"s390", "s390x"}));
  EXPECT_EQ(p.syscalls[19].args[0].index, 1u);
  EXPECT_EQ(p.syscalls[19].comment, "s390 parameter ordering for clone is different");
  EXPECT_EQ(p.syscalls[20].action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(p.syscalls[20].errno_ret, 38u);
  EXPECT_EQ(p.syscalls[32].includes->caps, Names{"CAP_PERFMON"});
}

TEST(DefaultRuntimeSeccomp, Amd64WithDefaultCapsGives15Rules) {
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(Target("amd64"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->default_action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(s->default_errno_ret, 1u);
  EXPECT_EQ(s->architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  // Groups 0, 1, 2-4, 5-9, 12, 13, 18, 20, 22.
  EXPECT_EQ(FirstNames(*s), (Names{"accept", "process_vm_readv", "socket", "socket", "socket", "personality",
                                   "personality", "personality", "personality", "personality", "arch_prctl",
                                   "modify_ldt", "clone", "clone3", "chroot"}));
  EXPECT_EQ(s->syscalls[0].names->size(), 361u);
  EXPECT_EQ(s->syscalls[13].errno_ret, 38u);
  const std::string json = Json(*s);
  EXPECT_NE(json.find(R"({"names":["clone3"],"action":"SCMP_ACT_ERRNO","errnoRet":38})"), std::string::npos);
  EXPECT_NE(json.find(R"({"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":38,"op":"SCMP_CMP_LT"}]})"),
            std::string::npos);
  EXPECT_NE(json.find(R"("seccomp":{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":)"),
            std::string::npos);
}

TEST(DefaultRuntimeSeccomp, OldKernelDropsThePtraceGroup) {
  SeccompTarget target = Target("amd64");
  target.kernel = SeccompKernelVersion{4, 4};
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(target);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->syscalls.size(), 14u);
  EXPECT_EQ(FirstNames(*s)[1], "socket");
  target.kernel = SeccompKernelVersion{4, 8};
  EXPECT_EQ(DefaultRuntimeSeccomp(target)->syscalls.size(), 15u);
}

TEST(DefaultRuntimeSeccomp, UnknownKernelIsAnError) {
  SeccompTarget target = Target("amd64");
  target.kernel.reset();
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(target);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(),
            "syscalls[1].includes.minKernel: the kernel version is unknown; expected one in the target to compare "
            "with \"4.8\"");
}

TEST(DefaultRuntimeSeccomp, SysAdminAllowsMountAndLiftsCloneRules) {
  Names caps = DefaultCapabilities();
  caps.push_back("CAP_SYS_ADMIN");
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(Target("amd64", caps));
  ASSERT_TRUE(s.ok());
  // Groups 0, 1, 2-4, 5-9, 12, 13, 17, 22: no clone/clone3 restrictions.
  EXPECT_EQ(FirstNames(*s), (Names{"accept", "process_vm_readv", "socket", "socket", "socket", "personality",
                                   "personality", "personality", "personality", "personality", "arch_prctl",
                                   "modify_ldt", "bpf", "chroot"}));
  EXPECT_EQ(s->syscalls[12].names->size(), 26u);
  for (const LinuxSyscall& rule : s->syscalls) EXPECT_EQ(rule.action, "SCMP_ACT_ALLOW");
}

TEST(DefaultRuntimeSeccomp, NoCapabilities) {
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(Target("amd64", {}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->syscalls.size(), 14u);
  EXPECT_EQ(FirstNames(*s).back(), "clone3");
}

TEST(DefaultRuntimeSeccomp, Arm64) {
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(Target("arm64"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->architectures, (Names{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
  // Groups 0, 1, 2-4, 5-9, 11, 18, 20, 22.
  EXPECT_EQ(FirstNames(*s), (Names{"accept", "process_vm_readv", "socket", "socket", "socket", "personality",
                                   "personality", "personality", "personality", "personality", "arm_fadvise64_64",
                                   "clone", "clone3", "chroot"}));
  Names caps = DefaultCapabilities();
  caps.push_back("CAP_SYS_ADMIN");
  absl::StatusOr<LinuxSeccomp> admin = DefaultRuntimeSeccomp(Target("arm64", caps));
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(FirstNames(*admin).size(), 13u);
  EXPECT_EQ(FirstNames(*admin)[11], "bpf");
}

TEST(DefaultRuntimeSeccomp, S390xUsesTheSecondCloneArgument) {
  absl::StatusOr<LinuxSeccomp> s = DefaultRuntimeSeccomp(Target("s390x"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->architectures, (Names{"SCMP_ARCH_S390X", "SCMP_ARCH_S390"}));
  EXPECT_EQ(FirstNames(*s)[10], "s390_pci_mmio_read");
  EXPECT_EQ(FirstNames(*s)[11], "clone");
  EXPECT_EQ(s->syscalls[11].args[0].index, 1u);
}

TEST(DefaultRuntimeSeccomp, ArchesOutsideTheArchMap) {
  // 386 maps to SCMP_ARCH_X86, which has no archMap entry of its own.
  absl::StatusOr<LinuxSeccomp> x86 = DefaultRuntimeSeccomp(Target("386"));
  ASSERT_TRUE(x86.ok());
  EXPECT_TRUE(x86->architectures.empty());
  EXPECT_EQ(FirstNames(*x86)[10], "modify_ldt");
  EXPECT_EQ(x86->syscalls.size(), 14u);
  // moby's loong64 quirk, kept: goToNative says "loongarch64", nativeToSeccomp
  // knows "loong64", so no architectures (the runtime then filters the native
  // LoongArch ABI only, which is all there is).
  absl::StatusOr<LinuxSeccomp> loong = DefaultRuntimeSeccomp(Target("loong64"));
  ASSERT_TRUE(loong.ok());
  EXPECT_TRUE(loong->architectures.empty());
  EXPECT_EQ(loong->syscalls.size(), 13u);
  absl::StatusOr<LinuxSeccomp> riscv = DefaultRuntimeSeccomp(Target("riscv64"));
  EXPECT_EQ(riscv->architectures, Names{"SCMP_ARCH_RISCV64"});
  EXPECT_EQ(FirstNames(*riscv)[10], "riscv_flush_icache");
}

TEST(ContainerdAllowedSyscalls, IsMobysListWithLsmAndWithoutRiscvHwprobe) {
  const Names& cd = ContainerdAllowedSyscalls();
  ASSERT_EQ(cd.size(), 363u);
  EXPECT_EQ(std::set<std::string>(cd.begin(), cd.end()).size(), 363u);
  const Names& moby = *DefaultSeccompProfile().syscalls[0].names;
  Names only_cd, only_moby;
  for (const std::string& n : cd) {
    if (std::find(moby.begin(), moby.end(), n) == moby.end()) only_cd.push_back(n);
  }
  for (const std::string& n : moby) {
    if (std::find(cd.begin(), cd.end(), n) == cd.end()) only_moby.push_back(n);
  }
  EXPECT_EQ(only_cd, (Names{"lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr"}));
  EXPECT_EQ(only_moby, Names{"riscv_hwprobe"});
  const auto at = [&](const char* name) { return std::find(cd.begin(), cd.end(), name) - cd.begin(); };
  EXPECT_EQ(at("map_shadow_stack"), at("mlockall") + 1);
}

TEST(ContainerdDefaultProfile, Amd64WithDefaultCapsGives14Rules) {
  LinuxSeccomp s = ContainerdDefaultProfile(Target("amd64"));
  EXPECT_EQ(s.default_action, "SCMP_ACT_ERRNO");
  EXPECT_FALSE(s.default_errno_ret.has_value());
  EXPECT_EQ(s.architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  EXPECT_EQ(FirstNames(s), (Names{"accept", "socket", "socket", "socket", "personality", "personality", "personality",
                                  "personality", "personality", "process_vm_readv", "arch_prctl", "chroot", "clone",
                                  "clone3"}));
  EXPECT_EQ(*s.syscalls[10].names, (Names{"arch_prctl", "modify_ldt"}));
  EXPECT_EQ(s.syscalls[12].args[0].value, 2114060288u);
  EXPECT_EQ(s.syscalls[13].errno_ret, 38u);
  EXPECT_EQ(Json(s).find("defaultErrnoRet"), std::string::npos);
}

TEST(ContainerdDefaultProfile, CapabilityGroupsFollowTheBoundingOrder) {
  LinuxSeccomp s = ContainerdDefaultProfile(Target("arm64", {"CAP_SYS_PTRACE", "CAP_SYS_ADMIN", "CAP_SYS_PTRACE"}));
  EXPECT_EQ(s.architectures, (Names{"SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64"}));
  EXPECT_EQ(FirstNames(s), (Names{"accept", "socket", "socket", "socket", "personality", "personality", "personality",
                                  "personality", "personality", "process_vm_readv", "arm_fadvise64_64", "kcmp", "bpf",
                                  "kcmp"}));
  EXPECT_EQ(s.syscalls[12].names->size(), 23u);  // CAP_SYS_ADMIN, without the lsm_* calls
}

TEST(ContainerdDefaultProfile, UnknownKernelLeavesOutPtraceAndS390UsesArg1) {
  SeccompTarget target = Target("s390x", {});
  target.kernel.reset();
  LinuxSeccomp s = ContainerdDefaultProfile(target);
  EXPECT_EQ(s.architectures, (Names{"SCMP_ARCH_S390", "SCMP_ARCH_S390X"}));
  EXPECT_EQ(FirstNames(s), (Names{"accept", "socket", "socket", "socket", "personality", "personality", "personality",
                                  "personality", "personality", "s390_pci_mmio_read", "clone", "clone3"}));
  EXPECT_EQ(s.syscalls[10].args[0].index, 1u);
  EXPECT_EQ(*ContainerdDefaultProfile(Target("riscv64")).syscalls[10].names,
            (Names{"riscv_flush_icache", "riscv_hwprobe"}));
  EXPECT_EQ(ContainerdDefaultProfile(Target("loong64")).architectures, Names{"SCMP_ARCH_LOONGARCH64"});
  EXPECT_TRUE(ContainerdDefaultProfile(Target("arm")).architectures.empty());
}

}  // namespace
}  // namespace ocikit
