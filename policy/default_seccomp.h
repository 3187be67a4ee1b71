// File: policy/default_seccomp.h
//
// The two default seccomp profiles container engines apply, as data:
//   - DefaultSeccompProfile(): Docker's, moby/profiles `seccomp/default.json`
//     at seccomp/v0.2.3 (33 syscall groups, 442 names, 426 distinct,
//     defaultErrnoRet 1, archMap, capability/arch/kernel filters). Convert it
//     for a target with ToRuntimeSeccomp, or DefaultRuntimeSeccomp.
//   - ContainerdDefaultProfile(target): containerd's `DefaultProfile(sp)`
//     (contrib/seccomp), which builds the section imperatively: a 363-name
//     allow list, no defaultErrnoRet, per-GOARCH architectures and groups, one
//     group per bounding capability in the bounding set's order, and the
//     clone/clone3 restrictions only without CAP_SYS_ADMIN.
// Both are built once, on first use, from the static tables below; nothing is
// read from disk.
//
// Example:
//   SeccompTarget target;
//   target.arch = "amd64";
//   target.bounding_caps = DefaultCapabilities();
//   absl::StatusOr<LinuxSeccomp> moby = DefaultRuntimeSeccomp(target);  // 15 rules
//   LinuxSeccomp containerd = ContainerdDefaultProfile(target);         // 14 rules
#ifndef OCIKIT_POLICY_DEFAULT_SECCOMP_H_
#define OCIKIT_POLICY_DEFAULT_SECCOMP_H_

#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/seccomp_profile.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// DefaultSeccompProfile()
//
// moby's default profile (moby/profiles seccomp/v0.2.3 default.json), group
// for group and name for name. Built on first use; thread-safe.
inline const SeccompProfile& DefaultSeccompProfile();

// DefaultRuntimeSeccomp()
//
// ToRuntimeSeccomp(DefaultSeccompProfile(), target): what dockerd puts in
// `linux.seccomp` for a container with `target.bounding_caps`.
inline absl::StatusOr<LinuxSeccomp> DefaultRuntimeSeccomp(const SeccompTarget& target);

// ContainerdDefaultProfile()
//
// containerd's `contrib/seccomp.DefaultProfile(sp)` for `target.arch` (as
// GOARCH), `target.bounding_caps` (as sp.Process.Capabilities.Bounding) and
// `target.kernel` (the host kernel containerd asks; unknown means the
// ptrace group is left out, as containerd does when uname fails).
inline LinuxSeccomp ContainerdDefaultProfile(const SeccompTarget& target);

// ContainerdAllowedSyscalls()
//
// containerd's unconditional allow list, 363 names in its order.
inline const std::vector<std::string>& ContainerdAllowedSyscalls();

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

// moby default.json group 0: the unconditional allow list, 361 names.
inline constexpr const char* kMobyAllowedSyscalls[] = {
    "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "cachestat", "capget", "capset",
    "chdir", "chmod", "chown", "chown32", "clock_adjtime", "clock_adjtime64", "clock_getres",
    "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64",
    "close", "close_range", "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create",
    "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait",
    "epoll_wait_old", "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat",
    "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat",
    "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr",
    "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs",
    "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_requeue", "futex_time64", "futex_wait",
    "futex_waitv", "futex_wake", "futimesat", "getcpu", "getcwd", "getdents", "getdents64", "getegid",
    "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getitimer",
    "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid",
    "getresgid32", "getresuid", "getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid",
    "getsockname", "getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32",
    "getxattr", "getxattrat", "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch",
    "io_cancel", "ioctl", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64",
    "ioprio_get", "ioprio_set", "io_setup", "io_submit", "ipc", "kill", "landlock_add_rule",
    "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link", "linkat",
    "listen", "listmount", "listxattr", "listxattrat", "llistxattr", "_llseek", "lremovexattr", "lseek",
    "lsetxattr", "lstat", "lstat64", "madvise", "map_shadow_stack", "membarrier", "memfd_create",
    "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2", "mlockall", "mmap",
    "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
    "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "mremap", "mseal",
    "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock", "munlockall", "munmap", "name_to_handle_at",
    "nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2", "pause", "pidfd_open",
    "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll",
    "ppoll_time64", "prctl", "pread64", "preadv", "preadv2", "prlimit64", "process_mrelease", "pselect6",
    "pselect6_time64", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat",
    "readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "remap_file_pages", "removexattr",
    "removexattrat", "rename", "renameat", "renameat2", "restart_syscall", "riscv_hwprobe", "rmdir", "rseq",
    "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend",
    "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sched_getaffinity", "sched_getattr",
    "sched_getparam", "sched_get_priority_max", "sched_get_priority_min", "sched_getscheduler",
    "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr",
    "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop",
    "semtimedop", "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto",
    "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
    "setitimer", "setpgid", "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid",
    "setresuid32", "setreuid", "setreuid32", "setrlimit", "set_robust_list", "setsid", "setsockopt",
    "set_thread_area", "set_tid_address", "setuid", "setuid32", "setxattr", "setxattrat", "shmat", "shmctl",
    "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn",
    "socketcall", "socketpair", "splice", "stat", "stat64", "statfs", "statfs64", "statmount", "statx",
    "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time",
    "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime",
    "timer_settime64", "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
    "timerfd_settime64", "times", "tkill", "truncate", "truncate64", "ugetrlimit", "umask", "uname",
    "unlink", "unlinkat", "uretprobe", "utime", "utimensat", "utimensat_time64", "utimes", "vfork",
    "vmsplice", "wait4", "waitid", "waitpid", "write", "writev",
};

// containerd's allow list: moby's plus lsm_get_self_attr, lsm_list_modules and
// lsm_set_self_attr, without riscv_hwprobe (in containerd's riscv64 group),
// map_shadow_stack after mlockall. 363 names.
inline constexpr const char* kContainerdAllowedSyscalls[] = {
    "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "cachestat", "capget", "capset",
    "chdir", "chmod", "chown", "chown32", "clock_adjtime", "clock_adjtime64", "clock_getres",
    "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64",
    "close", "close_range", "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create",
    "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait",
    "epoll_wait_old", "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat",
    "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat",
    "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr",
    "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs",
    "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_requeue", "futex_time64", "futex_wait",
    "futex_waitv", "futex_wake", "futimesat", "getcpu", "getcwd", "getdents", "getdents64", "getegid",
    "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getitimer",
    "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid",
    "getresgid32", "getresuid", "getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid",
    "getsockname", "getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32",
    "getxattr", "getxattrat", "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch",
    "io_cancel", "ioctl", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64",
    "ioprio_get", "ioprio_set", "io_setup", "io_submit", "ipc", "kill", "landlock_add_rule",
    "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link", "linkat",
    "listen", "listmount", "listxattr", "listxattrat", "llistxattr", "_llseek", "lremovexattr", "lseek",
    "lsetxattr", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr", "lstat", "lstat64", "madvise",
    "membarrier", "memfd_create", "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock",
    "mlock2", "mlockall", "map_shadow_stack", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify",
    "mq_open", "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64",
    "mq_unlink", "mremap", "mseal", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock", "munlockall",
    "munmap", "name_to_handle_at", "nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2",
    "pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect",
    "poll", "ppoll", "ppoll_time64", "prctl", "pread64", "preadv", "preadv2", "prlimit64",
    "process_mrelease", "pselect6", "pselect6_time64", "pwrite64", "pwritev", "pwritev2", "read",
    "readahead", "readlink", "readlinkat", "readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64",
    "recvmsg", "remap_file_pages", "removexattr", "removexattrat", "rename", "renameat", "renameat2",
    "restart_syscall", "rmdir", "rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
    "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
    "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_get_priority_max",
    "sched_get_priority_min", "sched_getscheduler", "sched_rr_get_interval", "sched_rr_get_interval_time64",
    "sched_setaffinity", "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp",
    "select", "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "send", "sendfile",
    "sendfile64", "sendmmsg", "sendmsg", "sendto", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32",
    "setgid", "setgid32", "setgroups", "setgroups32", "setitimer", "setpgid", "setpriority", "setregid",
    "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32",
    "setrlimit", "set_robust_list", "setsid", "setsockopt", "set_thread_area", "set_tid_address", "setuid",
    "setuid32", "setxattr", "setxattrat", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "sigaltstack",
    "signalfd", "signalfd4", "sigprocmask", "sigreturn", "socketcall", "socketpair", "splice", "stat",
    "stat64", "statfs", "statfs64", "statmount", "statx", "symlink", "symlinkat", "sync", "sync_file_range",
    "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
    "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64", "timerfd_create",
    "timerfd_gettime", "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times", "tkill",
    "truncate", "truncate64", "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "uretprobe", "utime",
    "utimensat", "utimensat_time64", "utimes", "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write",
    "writev",
};

// CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
// CLONE_NEWNET | CLONE_NEWCGROUP: namespace creation through clone(2).
inline constexpr uint64_t kCloneNamespaceFlags = 0x7E020000;  // 2114060288
inline constexpr uint64_t kEnosys = 38;

inline LinuxSeccompArg SeccompArgOf(uint64_t index, uint64_t value, const char* op) {
  LinuxSeccompArg arg;
  arg.index = index;
  arg.value = value;
  arg.op = op;
  return arg;
}

inline SeccompFilter SeccompFilterOf(std::vector<std::string> caps, std::vector<std::string> arches) {
  SeccompFilter f;
  f.caps = std::move(caps);
  f.arches = std::move(arches);
  return f;
}

inline SeccompProfile BuildMobyDefaultProfile() {
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

// containerd's arches(): by GOARCH, with its own orders (arm64: ARM first).
// The mips64n32, mipsel64 and mipsel64n32 cases are not GOARCH values and
// never match in containerd either; they are kept as written there.
inline std::vector<std::string> ContainerdArches(absl::string_view goarch) {
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

// The group containerd adds for one bounding capability; empty for others.
inline std::vector<std::string> ContainerdCapabilitySyscalls(absl::string_view cap) {
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

inline const SeccompProfile& DefaultSeccompProfile() {
  static const SeccompProfile kProfile = internal::BuildMobyDefaultProfile();
  return kProfile;
}

inline absl::StatusOr<LinuxSeccomp> DefaultRuntimeSeccomp(const SeccompTarget& target) {
  return ToRuntimeSeccomp(DefaultSeccompProfile(), target);
}

inline const std::vector<std::string>& ContainerdAllowedSyscalls() {
  static const std::vector<std::string> kNames(std::begin(internal::kContainerdAllowedSyscalls),
                                               std::end(internal::kContainerdAllowedSyscalls));
  return kNames;
}

inline LinuxSeccomp ContainerdDefaultProfile(const SeccompTarget& target) {
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

#endif  // OCIKIT_POLICY_DEFAULT_SECCOMP_H_
