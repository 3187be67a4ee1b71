// File: policy/seccomp/default_profiles-inl.h
//
// Definitions of policy/seccomp/default_profiles.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_SECCOMP_DEFAULT_PROFILES_INL_H_
#define OCIKIT_POLICY_SECCOMP_DEFAULT_PROFILES_INL_H_

#include "policy/seccomp/default_profiles.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp/profile.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE LinuxSeccompArg SeccompArgOf(uint64_t index, uint64_t value, const char* op) {
  LinuxSeccompArg arg;
  arg.index = index;
  arg.value = value;
  arg.op = op;
  return arg;
}

OCIKIT_INLINE SeccompFilter SeccompFilterOf(std::vector<std::string> caps, std::vector<std::string> arches) {
  SeccompFilter f;
  f.caps = std::move(caps);
  f.arches = std::move(arches);
  return f;
}

OCIKIT_INLINE SeccompProfile BuildMobyDefaultProfile() {
  SeccompProfile p;
  p.default_action = "SCMP_ACT_ERRNO";
  p.default_errno_ret = 1;  // EPERM
  const auto arch = [&](const char* architecture, std::vector<std::string> subs) {
    SeccompArchMap& a = p.arch_map.emplace_back();
    a.architecture = architecture;
    a.sub_architectures = std::move(subs);
  };
  arch("SCMP_ARCH_X86_64", {"SCMP_ARCH_X86", "SCMP_ARCH_X32"});
  arch("SCMP_ARCH_AARCH64", {"SCMP_ARCH_ARM"});
  arch("SCMP_ARCH_MIPS64", {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"});
  arch("SCMP_ARCH_MIPS64N32", {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64"});
  arch("SCMP_ARCH_MIPSEL64", {"SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"});
  arch("SCMP_ARCH_MIPSEL64N32", {"SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64"});
  arch("SCMP_ARCH_S390X", {"SCMP_ARCH_S390"});
  arch("SCMP_ARCH_RISCV64", {});
  arch("SCMP_ARCH_LOONGARCH64", {});

  // One group; `names` in JSON order, action SCMP_ACT_ALLOW unless changed.
  const auto group = [&](std::vector<std::string> names) -> SeccompSyscallGroup& {
    SeccompSyscallGroup& g = p.syscalls.emplace_back();
    g.names = std::move(names);
    g.action = "SCMP_ACT_ALLOW";
    return g;
  };
  const auto with_caps = [&](std::vector<std::string> names, const char* cap) {
    group(std::move(names)).includes = SeccompFilterOf({cap}, {});
  };
  const auto with_arches = [&](std::vector<std::string> names, std::vector<std::string> arches) {
    group(std::move(names)).includes = SeccompFilterOf({}, std::move(arches));
  };

  group(std::vector<std::string>(std::begin(kMobyAllowedSyscalls), std::end(kMobyAllowedSyscalls)));  // 0
  group({"process_vm_readv", "process_vm_writev", "ptrace"}).includes.emplace().min_kernel =
      SeccompKernelVersion{4, 8};  // 1
  // 2-4: socket(2) for every domain but AF_ALG (38) and AF_VSOCK (40).
  group({"socket"}).args = {SeccompArgOf(0, 38, "SCMP_CMP_LT")};
  group({"socket"}).args = {SeccompArgOf(0, 39, "SCMP_CMP_EQ")};
  group({"socket"}).args = {SeccompArgOf(0, 40, "SCMP_CMP_GT")};
  // 5-9: PER_LINUX, UNAME26, PER_LINUX32, UNAME26|PER_LINUX32, and the query 0xffffffff.
  for (uint64_t persona : {0x0ULL, 0x8ULL, 0x20000ULL, 0x20008ULL, 0xffffffffULL}) {
    group({"personality"}).args = {SeccompArgOf(0, persona, "SCMP_CMP_EQ")};
  }
  with_arches({"sync_file_range2", "swapcontext"}, {"ppc64le"});  // 10
  with_arches({"arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls"},
              {"arm", "arm64"});                                                       // 11
  with_arches({"arch_prctl"}, {"amd64", "x32"});                                         // 12
  with_arches({"modify_ldt"}, {"amd64", "x32", "x86"});                                  // 13
  with_arches({"s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"}, {"s390", "s390x"});  // 14
  with_arches({"riscv_flush_icache"}, {"riscv64"});                                      // 15
  with_caps({"open_by_handle_at"}, "CAP_DAC_READ_SEARCH");                               // 16
  with_caps({"bpf",           "clone",         "clone3",           "fanotify_init",    "fsconfig",
             "fsmount",       "fsopen",        "fspick",           "lookup_dcookie",   "lsm_get_self_attr",
             "lsm_list_modules", "lsm_set_self_attr", "mount",     "mount_setattr",    "move_mount",
             "open_tree",     "perf_event_open", "quotactl",       "quotactl_fd",      "setdomainname",
             "sethostname",   "setns",         "syslog",           "umount",           "umount2",
             "unshare"},
            "CAP_SYS_ADMIN");  // 17
  {
    SeccompSyscallGroup& g = group({"clone"});  // 18
    g.args = {SeccompArgOf(0, kCloneNamespaceFlags, "SCMP_CMP_MASKED_EQ")};
    g.excludes = SeccompFilterOf({"CAP_SYS_ADMIN"}, {"s390", "s390x"});
  }
  {
    SeccompSyscallGroup& g = group({"clone"});  // 19
    g.args = {SeccompArgOf(1, kCloneNamespaceFlags, "SCMP_CMP_MASKED_EQ")};
    g.comment = "s390 parameter ordering for clone is different";
    g.includes = SeccompFilterOf({}, {"s390", "s390x"});
    g.excludes = SeccompFilterOf({"CAP_SYS_ADMIN"}, {});
  }
  {
    SeccompSyscallGroup& g = group({"clone3"});  // 20: ENOSYS makes glibc fall back to clone
    g.action = "SCMP_ACT_ERRNO";
    g.errno_ret = kEnosys;
    g.excludes = SeccompFilterOf({"CAP_SYS_ADMIN"}, {});
  }
  with_caps({"reboot"}, "CAP_SYS_BOOT");                                                         // 21
  with_caps({"chroot"}, "CAP_SYS_CHROOT");                                                       // 22
  with_caps({"delete_module", "init_module", "finit_module"}, "CAP_SYS_MODULE");                 // 23
  with_caps({"acct"}, "CAP_SYS_PACCT");                                                          // 24
  with_caps({"kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"},
            "CAP_SYS_PTRACE");                                                                   // 25
  with_caps({"iopl", "ioperm"}, "CAP_SYS_RAWIO");                                                // 26
  with_caps({"settimeofday", "stime", "clock_settime", "clock_settime64"}, "CAP_SYS_TIME");      // 27
  with_caps({"vhangup"}, "CAP_SYS_TTY_CONFIG");                                                  // 28
  with_caps({"get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"}, "CAP_SYS_NICE");  // 29
  with_caps({"syslog"}, "CAP_SYSLOG");                                                           // 30
  with_caps({"bpf"}, "CAP_BPF");                                                                 // 31
  with_caps({"perf_event_open"}, "CAP_PERFMON");                                                 // 32
  return p;
}

OCIKIT_INLINE std::vector<std::string> ContainerdArches(absl::string_view goarch) {
  if (goarch == "amd64") return {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"};
  if (goarch == "arm64") return {"SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64"};
  if (goarch == "mips64" || goarch == "mips64n32") return {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32"};
  if (goarch == "mipsel64" || goarch == "mipsel64n32") {
    return {"SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32"};
  }
  if (goarch == "s390x") return {"SCMP_ARCH_S390", "SCMP_ARCH_S390X"};
  if (goarch == "riscv64") return {"SCMP_ARCH_RISCV64"};
  if (goarch == "loong64") return {"SCMP_ARCH_LOONGARCH64"};
  return {};
}

OCIKIT_INLINE std::vector<std::string> ContainerdCapabilitySyscalls(absl::string_view cap) {
  if (cap == "CAP_DAC_READ_SEARCH") return {"open_by_handle_at"};
  if (cap == "CAP_SYS_ADMIN") {
    return {"bpf",        "clone",         "clone3",          "fanotify_init", "fsconfig",  "fsmount",
            "fsopen",     "fspick",        "lookup_dcookie",  "mount",         "mount_setattr", "move_mount",
            "open_tree",  "perf_event_open", "quotactl",      "quotactl_fd",   "setdomainname", "sethostname",
            "setns",      "syslog",        "umount",          "umount2",       "unshare"};
  }
  if (cap == "CAP_SYS_BOOT") return {"reboot"};
  if (cap == "CAP_SYS_CHROOT") return {"chroot"};
  if (cap == "CAP_SYS_MODULE") return {"delete_module", "init_module", "finit_module"};
  if (cap == "CAP_SYS_PACCT") return {"acct"};
  if (cap == "CAP_SYS_PTRACE") {
    return {"kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"};
  }
  if (cap == "CAP_SYS_RAWIO") return {"iopl", "ioperm"};
  if (cap == "CAP_SYS_TIME") return {"settimeofday", "stime", "clock_settime", "clock_settime64"};
  if (cap == "CAP_SYS_TTY_CONFIG") return {"vhangup"};
  if (cap == "CAP_SYS_NICE") return {"get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"};
  if (cap == "CAP_SYSLOG") return {"syslog"};
  if (cap == "CAP_BPF") return {"bpf"};
  if (cap == "CAP_PERFMON") return {"perf_event_open"};
  return {};
}
}  // namespace internal

OCIKIT_INLINE const SeccompProfile& DefaultSeccompProfile() {
  static const SeccompProfile kProfile = internal::BuildMobyDefaultProfile();
  return kProfile;
}

OCIKIT_INLINE absl::StatusOr<LinuxSeccomp> DefaultRuntimeSeccomp(const SeccompTarget& target) {
  return ToRuntimeSeccomp(DefaultSeccompProfile(), target);
}

OCIKIT_INLINE const std::vector<std::string>& ContainerdAllowedSyscalls() {
  static const std::vector<std::string> kNames(std::begin(internal::kContainerdAllowedSyscalls),
                                               std::end(internal::kContainerdAllowedSyscalls));
  return kNames;
}

OCIKIT_INLINE LinuxSeccomp ContainerdDefaultProfile(const SeccompTarget& target) {
  using internal::SeccompArgOf;
  const absl::string_view goarch = target.arch;
  LinuxSeccomp s;
  s.default_action = "SCMP_ACT_ERRNO";
  s.architectures = internal::ContainerdArches(goarch);
  const auto allow = [&](std::vector<std::string> names) -> LinuxSyscall& {
    LinuxSyscall& rule = s.syscalls.emplace_back();
    rule.names = std::move(names);
    rule.action = "SCMP_ACT_ALLOW";
    return rule;
  };
  allow(ContainerdAllowedSyscalls());
  allow({"socket"}).args = {SeccompArgOf(0, 38, "SCMP_CMP_LT")};
  allow({"socket"}).args = {SeccompArgOf(0, 39, "SCMP_CMP_EQ")};
  allow({"socket"}).args = {SeccompArgOf(0, 40, "SCMP_CMP_GT")};
  for (uint64_t persona : {0x0ULL, 0x8ULL, 0x20000ULL, 0x20008ULL, 0xffffffffULL}) {
    allow({"personality"}).args = {SeccompArgOf(0, persona, "SCMP_CMP_EQ")};
  }
  if (target.kernel.has_value() && *target.kernel >= SeccompKernelVersion{4, 8}) {
    allow({"process_vm_readv", "process_vm_writev", "ptrace"});
  }
  if (goarch == "ppc64le") {
    allow({"sync_file_range2", "swapcontext"});
  } else if (goarch == "arm" || goarch == "arm64") {
    allow({"arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls"});
  } else if (goarch == "amd64") {
    allow({"arch_prctl", "modify_ldt"});
  } else if (goarch == "386") {
    allow({"modify_ldt"});
  } else if (goarch == "s390" || goarch == "s390x") {
    allow({"s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"});
  } else if (goarch == "riscv64") {
    allow({"riscv_flush_icache", "riscv_hwprobe"});
  }
  bool admin = false;
  for (const std::string& cap : target.bounding_caps) {  // in order; a repeated cap repeats its group
    if (cap == "CAP_SYS_ADMIN") admin = true;
    std::vector<std::string> names = internal::ContainerdCapabilitySyscalls(cap);
    if (!names.empty()) allow(std::move(names));
  }
  if (!admin) {
    const uint64_t index = goarch == "s390" || goarch == "s390x" ? 1 : 0;
    allow({"clone"}).args = {SeccompArgOf(index, internal::kCloneNamespaceFlags, "SCMP_CMP_MASKED_EQ")};
    LinuxSyscall& clone3 = s.syscalls.emplace_back();
    clone3.names = std::vector<std::string>{"clone3"};
    clone3.action = "SCMP_ACT_ERRNO";
    clone3.errno_ret = internal::kEnosys;
  }
  return s;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_SECCOMP_DEFAULT_PROFILES_INL_H_
