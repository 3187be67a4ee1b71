// Integration tests of `ocikit run`: real containers with runc on the busybox
// rootfs that scripts/setup.sh builds. Each test has its own state root and
// checks afterwards that no bundle and no runtime state is left. They skip,
// saying why, without root, runc or the rootfs.
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "executor/bundle.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/cli/run_command.h"
#include "executor/rlimits.h"
#include "executor/testing_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::Outcome;

class RunTest : public testing::IntegrationTest {
 protected:
  const char* Prefix() const override { return "ocikit-run-test"; }

  void TearDown() override {
    if (root_.empty()) return;
    ExpectNothingLeft();
    // Never leak containers, whatever the test did.
    RunCommand({*runc_, "--root", root_ + "/runc", "delete", "--force", "x"}, {}).IgnoreError();
    RemoveTree(root_).IgnoreError();
  }

  // The common flags, then `args`.
  std::vector<std::string> Args(std::vector<std::string> args) const {
    std::vector<std::string> all = {"--root", root_, "--runtime", *runc_, "--rootfs", *rootfs_};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  Outcome Run(std::vector<std::string> args, const std::string& input = "",
              const std::function<void(pid_t, const std::string&)>& during = {}) {
    return testing::RunCommandInChild(cli::RunRun, Args(std::move(args)), input, during);
  }

  std::vector<std::string> Bundles() const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir((root_ + "/bundles").c_str())) {
      while (const dirent* e = ::readdir(d)) {
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
      }
      ::closedir(d);
    }
    return names;
  }

  std::string RuncList() const {
    absl::StatusOr<CommandResult> r = RunCommand({*runc_, "--root", root_ + "/runc", "list", "--quiet"}, {});
    return r.ok() ? r->out : "runc list failed";
  }

  void ExpectNothingLeft() const {
    EXPECT_THAT(Bundles(), ::testing::IsEmpty()) << "bundles left in " << root_;
    EXPECT_EQ(RuncList(), "") << "runtime state left in " << root_ << "/runc";
  }

};

// The pids of the children of `parent` named `comm`.
std::vector<pid_t> ChildrenNamed(pid_t parent, const std::string& comm) {
  std::vector<pid_t> pids;
  for (const testing::ProcessInfo& p : testing::ListProcesses()) {
    if (p.ppid == parent && p.comm == comm) pids.push_back(p.pid);
  }
  return pids;
}

// Waits until `path` exists (at most `timeout`).
bool WaitForPath(const std::string& path, absl::Duration timeout = absl::Seconds(10)) {
  const absl::Time until = absl::Now() + timeout;
  while (absl::Now() < until) {
    if (::access(path.c_str(), F_OK) == 0) return true;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return false;
}

// Whether a process whose command line is exactly `command` exists.
bool ProcessRuns(const std::string& command) {
  absl::StatusOr<CommandResult> r = RunCommand({"/bin/sh", "-c", "pgrep -f -x '" + command + "' || true"}, {});
  return !r.ok() || !r->out.empty();
}

TEST_F(RunTest, OutputAndExitCodes) {
  Outcome r = Run({"sh", "-c", "echo hello"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "hello\n");
  EXPECT_EQ(r.err, "");
  r = Run({"sh", "-c", "exit 3"});
  EXPECT_EQ(r.code, 3) << r.err;
  // Without a private pid namespace the shell is not an init the kernel shields from SIGKILL.
  r = Run({"--pid", "host", "sh", "-c", "kill -9 $$"});
  EXPECT_EQ(r.code, 128 + 9) << r.err;
}

TEST_F(RunTest, AContainerKilledBySignalNExitsWith128PlusN) {
  Outcome r = Run({"--pid", "host", "sh", "-c", "kill -USR1 $$"});
  EXPECT_EQ(r.code, 128 + SIGUSR1) << r.err;
  EXPECT_EQ(r.err, "");
  r = Run({"--pid", "host", "sh", "-c", "kill -SEGV $$"});
  EXPECT_EQ(r.code, 128 + SIGSEGV) << r.err;
}

TEST_F(RunTest, OneRuntimeProcessPerRun) {
  // A runtime named runc that records its commands, then runs the real one.
  const std::string dir = root_ + "/wrapper";
  ASSERT_TRUE(MakeDirs(dir, 0755).ok());
  const std::string wrapper = dir + "/runc";
  ASSERT_TRUE(WriteFileAtomic(wrapper,
                              absl::StrCat("#!/bin/sh\nfor a; do case $a in run|create|start|kill|delete|state) echo $a "
                                           ">>", dir, "/calls;; esac; done\nexec ", *runc_, " \"$@\"\n"),
                              0755)
                  .ok());
  Outcome r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", wrapper, "--rootfs", *rootfs_,
                                                       "sh", "-c", "echo hi; exit 3"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  // The runtime deleted its container itself: no `delete`, no `state`.
  EXPECT_EQ(testing::ReadAll(dir + "/calls"), "run\n");
}

TEST_F(RunTest, ARuntimeKilledMidRunLeavesNothing) {
  // The runtime process dies (E1): its container, re-parented to ocikit,
  // must be killed through the runtime and removed, and the run fails.
  for (const bool host_pid : {false, true}) {
    std::vector<std::string> args = {"--name", "x"};
    if (host_pid) args.insert(args.end(), {"--pid", "host"});
    args.insert(args.end(), {"sh", "-c", "sleep 4243 & echo ready; exec sleep 4244"});
    Outcome r = Run(args, "", [](pid_t pid, const std::string& out) {
      ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
      const std::vector<pid_t> runtime = ChildrenNamed(pid, "runc");
      ASSERT_EQ(runtime.size(), 1u);
      ::kill(runtime[0], SIGKILL);
    });
    EXPECT_EQ(r.code, 125) << r.err;
    EXPECT_EQ(r.out, "ready\n");
    EXPECT_EQ(r.err, "ocikit: run: runc run was killed by SIGKILL; stopping and removing the container\n");
    EXPECT_LT(r.elapsed, absl::Seconds(5));
    EXPECT_FALSE(ProcessRuns("sleep 4243")) << host_pid;
    EXPECT_FALSE(ProcessRuns("sleep 4244")) << host_pid;
    ExpectNothingLeft();
  }
}

TEST_F(RunTest, ASignalDuringTheStartIsNotLost) {
  // SIGTERM as soon as config.json is written: before the runtime runs (the
  // run is cancelled), while it creates the container (forwarded once the
  // container exists), or once it runs (the trap, or the default action:
  // not an init, so not shielded). Never lost: the run ends well before the
  // container would have (5 s). Short sleeps: the shell runs its trap only
  // once the current sleep ends, and one forked just after the signal went
  // out misses it.
  for (int i = 0; i < 3; ++i) {
    Outcome r = Run({"--name", "x", "--pid", "host", "sh", "-c",
                     "trap 'exit 7' TERM; i=0; while [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; exit 0"},
                    "",
                    [this, i](pid_t pid, const std::string&) {
                      ASSERT_TRUE(WaitForPath(root_ + "/bundles/x/config.json"));
                      absl::SleepFor(absl::Milliseconds(i * 5));
                      ::kill(pid, SIGTERM);
                    });
    EXPECT_THAT(r.code, ::testing::AnyOf(128 + SIGTERM, 7)) << r.err;
    EXPECT_LT(r.elapsed, absl::Seconds(4)) << r.err;
    ExpectNothingLeft();
  }
}

TEST_F(RunTest, CommandNotFoundOrNotExecutable) {
  Outcome r = Run({"nonexistent-command"});
  EXPECT_EQ(r.code, 127);
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: runc run failed: unable to start container process: exec: "
                               "\"nonexistent-command\": executable file not found in $PATH\n"));
  r = Run({"/etc/passwd"});
  EXPECT_EQ(r.code, 126);
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: runc run failed: "));
  EXPECT_THAT(r.err, HasSubstr("permission denied"));
}

TEST_F(RunTest, UserAndGroups) {
  Outcome r = Run({"-u", "alice", "id"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("uid=1000(alice) gid=1000(alice) groups="));
  EXPECT_THAT(r.out, HasSubstr("50(staff)"));
  EXPECT_THAT(r.out, HasSubstr("10(wheel)"));
  r = Run({"-u", "1001:100", "id"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("uid=1001(bob) gid=100(users)"));
  // HOME is the home of the uid's passwd entry in the rootfs (as Podman sets
  // it), whichever way the user is given; "/" for a uid without an entry.
  const std::vector<std::pair<std::vector<std::string>, std::string>> homes = {
      {{"-u", "1001:100"}, "/home/bob\n"}, {{"-u", "1000:1000"}, "/home/alice\n"}, {{"-u", "alice"}, "/home/alice\n"},
      {{"-u", "4242:4242"}, "/\n"},        {{}, "/root\n"}};
  for (const auto& [user, home] : homes) {
    std::vector<std::string> args = user;
    args.insert(args.end(), {"sh", "-c", "echo $HOME"});
    r = Run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, home) << absl::StrJoin(user, " ");
  }
  r = Run({"-u", "1001:100", "-e", "HOME=/elsewhere", "sh", "-c", "echo $HOME"});  // -e wins
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "/elsewhere\n");
}

TEST_F(RunTest, HostnameAndEnv) {
  Outcome r = Run({"--hostname", "web", "-e", "GREETING=hello", "sh", "-c", "hostname; echo $GREETING; echo $PATH"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "web\nhello\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
}

TEST_F(RunTest, WorkdirIsCreatedInTheRootfsOwnedByTheUser) {
  const std::string copy = root_ + "/rootfs";
  ASSERT_TRUE(RunCommand({"/bin/cp", "-a", *rootfs_, copy}, {})->success());
  Outcome r = testing::RunCommandInChild(
      cli::RunRun, {"--root", root_, "--runtime", *runc_, "--rootfs", copy, "-u", "alice", "-w", "/work/deep", "sh",
                    "-c", "pwd; stat -c %u:%g .; touch made-by-alice"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "/work/deep\n1000:1000\n");
  struct stat st;
  ASSERT_EQ(::stat((copy + "/work/deep/made-by-alice").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1000u);
  ASSERT_EQ(::stat((copy + "/work").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1000u);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  RemoveTree(copy).IgnoreError();
}

TEST_F(RunTest, ReadOnlyRoot) {
  Outcome r = Run({"--read-only", "sh", "-c", "touch /should-fail"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("Read-only file system"));
  r = Run({"--read-only", "sh", "-c", "echo ok > /dev/shm/x && cat /dev/shm/x"});  // tmpfs mounts stay writable
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "ok\n");
  // As Podman's --read-only-tmpfs (default true): /tmp, /var/tmp and /run are writable.
  r = Run({"--read-only", "sh", "-c", "touch /tmp/a /var/tmp/b /run/c && echo writable"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "writable\n");
  r = Run({"--read-only", "--read-only-tmpfs=false", "sh", "-c", "touch /tmp/a"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("Read-only file system"));
}

TEST_F(RunTest, Capabilities) {
  Outcome r = Run({"grep", "-E", "^Cap(Eff|Bnd)", "/proc/self/status"});
  EXPECT_EQ(r.code, 0) << r.err;
  // The 14 default capabilities of containerd and moby.
  EXPECT_EQ(r.out, "CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n");
  r = Run({"--cap-drop", "ALL", "grep", "-E", "^Cap(Eff|Bnd)", "/proc/self/status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "CapEff:\t0000000000000000\nCapBnd:\t0000000000000000\n");
  r = Run({"--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "grep", "^CapEff", "/proc/self/status"});
  EXPECT_EQ(r.out, "CapEff:\t0000000000001000\n");
}

// Issue 13: a --from file whose "PROCESS" member runc would apply over the
// canonical "process" (Go folds case) must never reach the runtime as such.
TEST_F(RunTest, AFromFileRuntimesReadDifferentlyIsRefusedOrReadAsRuncDoes) {
  // A cgroup of its own: with no id the default spec's cgroupsPath is the
  // shared /default, which another run's container may be using.
  std::string base = Marshal(DefaultLinuxSpec(kDefaultNamespace, absl::StrCat("ocikit-from-", ::getpid())));
  base.insert(1, R"("PROCESS":{"user":{"uid":0,"gid":0},"capabilities":{"bounding":["CAP_SYS_ADMIN"],)"
                 R"("effective":["CAP_SYS_ADMIN"],"permitted":["CAP_SYS_ADMIN"]}},"Linux":{"seccomp":null},)");
  ASSERT_TRUE(WriteFileAtomic(root_ + "/base.json", base, 0600).ok());
  const std::vector<std::string> flags = {"-u", "1000:1000", "--cap-drop", "ALL", "--security-opt", "seccomp=default",
                                          "sh", "-c", "id -u; grep -E '^(CapBnd|Seccomp):' /proc/self/status"};
  std::vector<std::string> args = {"--from", root_ + "/base.json"};
  args.insert(args.end(), flags.begin(), flags.end());
  Outcome r = Run(args);
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("PROCESS: key \"PROCESS\" is not the field \"process\""));
  EXPECT_EQ(r.out, "");
  args.insert(args.begin() + 2, "--go-semantics");
  r = Run(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1000\nCapBnd:\t0000000000000000\nSeccomp:\t2\n");
}

TEST_F(RunTest, MaskedPathsAreUnreadable) {
  // /proc/kcore is absent on some kernels; check whichever masked files exist.
  Outcome r = Run({"sh", "-c",
                   "for p in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do "
                   "[ -e $p ] && echo \"$p $(head -c 100 $p 2>/dev/null | wc -c)\"; done; "
                   "echo firmware $(ls -A /sys/firmware | wc -l)"});
  EXPECT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_GE(lines.size(), 2u) << r.out;
  for (const std::string& line : lines) EXPECT_THAT(line, ::testing::EndsWith(" 0")) << r.out;
  if (::access("/proc/timer_list", R_OK) == 0) {
    EXPECT_THAT(r.out, HasSubstr("/proc/timer_list 0\n"));
  }
}

TEST_F(RunTest, DefaultRlimit) {
  Outcome r = Run({"sh", "-c", "ulimit -n; ulimit -Hn"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1024\n1024\n");
}

// Whether a nofile hard limit of 1048576 exceeds what this process can grant.
bool NofileMustBeLowered(uint64_t* to) {
  absl::StatusOr<CallerLimits> c = ReadCallerLimits();
  if (!c.ok() || c->cap_sys_resource || c->hard[RLIMIT_NOFILE] >= 1048576) return false;
  *to = c->hard[RLIMIT_NOFILE];
  return true;
}

TEST_F(RunTest, RlimitAboveTheCallersIsLoweredWithAWarning) {
  uint64_t hard = 0;
  if (!NofileMustBeLowered(&hard)) GTEST_SKIP() << "this process can grant nofile 1048576; nothing to lower";
  Outcome r = Run({"--ulimit", "nofile=1048576:1048576", "sh", "-c", "ulimit -Hn; ulimit -Sn"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, absl::StrCat(hard, "\n", hard, "\n"));
  EXPECT_EQ(r.err, absl::StrCat("ocikit: run: RLIMIT_NOFILE hard limit 1048576 lowered to ", hard,
                                ": this process's hard limit is ", hard,
                                " and it lacks CAP_SYS_RESOURCE, so runc would fail with \"operation not permitted\" "
                                "(soft limit 1048576 lowered to ", hard, " too)\n"));
}

TEST_F(RunTest, StrictRlimitsFailAndLeaveNothing) {
  uint64_t hard = 0;
  if (!NofileMustBeLowered(&hard)) GTEST_SKIP() << "this process can grant nofile 1048576; nothing to refuse";
  Outcome r = Run({"--strict-rlimits", "--name", "strict", "--ulimit", "nofile=1048576", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, absl::StrCat("ocikit: run: RLIMIT_NOFILE hard limit 1048576 is more than can be granted: this "
                                "process's hard limit is ",
                                hard,
                                " and it lacks CAP_SYS_RESOURCE, so runc would fail with \"operation not permitted\"; "
                                "lower the limit, or leave out --strict-rlimits to lower it automatically\n"));
  EXPECT_NE(::access((root_ + "/bundles/strict").c_str(), F_OK), 0);
  EXPECT_NE(::access((root_ + "/runc/strict").c_str(), F_OK), 0);
}

TEST_F(RunTest, ResolvConfAndHostsAreGenerated) {
  Outcome r = Run({"--hostname", "web", "--dns", "10.1.2.3", "--dns-search", "example.com", "--add-host",
                   "db:10.0.0.5", "sh", "-c", "cat /etc/resolv.conf; echo --; cat /etc/hosts"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("nameserver 10.1.2.3\nsearch example.com\n"));
  EXPECT_THAT(r.out, HasSubstr("--\n127.0.0.1\tlocalhost web\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                               "10.0.0.5\tdb\n"));
}

TEST_F(RunTest, StdinIsPipedIn) {
  Outcome r = Run({"cat"}, "hi\nthere\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\nthere\n");
}

TEST_F(RunTest, SigtermIsForwardedToTheContainer) {
  Outcome r = Run({"sh", "-c", "trap 'echo got TERM; exit 7' TERM; echo ready; while true; do sleep 0.1; done"}, "",
                  [](pid_t pid, const std::string& out) {
                    ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
                    ::kill(pid, SIGTERM);
                  });
  EXPECT_EQ(r.code, 7) << r.err;
  EXPECT_EQ(r.out, "ready\ngot TERM\n");
}

TEST_F(RunTest, ASignalTheContainerIgnoresDoesNotEndTheRun) {
  // SIGINT reaches the container's init (through runc kill), which ignores it
  // without a handler, as the init of a pid namespace; ocikit keeps waiting
  // until the container really exits (here: ocikit kill ID KILL).
  Outcome r = Run({"--name", "x", "sh", "-c", "echo ready; sleep 100"}, "", [this](pid_t pid, const std::string& out) {
    ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
    ::kill(pid, SIGINT);
    absl::SleepFor(absl::Milliseconds(200));
    EXPECT_EQ(RuncList(), "x\n");  // still running: SIGINT ignored by the init
    testing::RunCommandInChild(cli::RunKill, {"--root", root_, "x", "KILL"});
  });
  EXPECT_EQ(r.code, 137) << r.err;
}

TEST_F(RunTest, BackgroundProcessesDoNotOutliveTheRun) {
  // Without a private pid namespace, killing the init kills nothing else
  // (field lessons E5, E6): the run must neither wait for the background
  // process nor leave it behind.
  Outcome r = Run({"--pid", "host", "sh", "-c", "sleep 4242 & echo started"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "started\n");
  EXPECT_LT(r.elapsed, absl::Seconds(5));
  absl::StatusOr<CommandResult> left = RunCommand({"/bin/sh", "-c", "pgrep -f -x 'sleep 4242' || true"}, {});
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->out, "");
}

TEST_F(RunTest, TimeoutStopsTheContainer) {
  // sleep as the pid namespace's init ignores SIGTERM: SIGKILL after the grace period.
  Outcome r = Run({"--timeout", "1s", "--stop-timeout", "500ms", "sleep", "100"});
  EXPECT_EQ(r.code, 137) << r.err;
  EXPECT_GE(r.elapsed, absl::Milliseconds(1400));
  EXPECT_LT(r.elapsed, absl::Seconds(5));
  EXPECT_EQ(r.err,
            "ocikit: run: timeout of 1s reached; sending SIGTERM, then SIGKILL after 500ms\n"
            "ocikit: run: the container did not stop within 500ms; sending SIGKILL\n");
  // Not an init: SIGTERM is enough.
  r = Run({"--pid", "host", "--timeout", "1s", "sleep", "100"});
  EXPECT_EQ(r.code, 143) << r.err;
  EXPECT_LT(r.elapsed, absl::Seconds(4));
}

TEST_F(RunTest, RuntimeMissing) {
  Outcome r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", "/nonexistent", "--rootfs",
                                                       *rootfs_, "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: runtime \"/nonexistent\": No such file or directory\n");
  r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", "no-such-runtime", "--rootfs", *rootfs_,
                                               "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, StartsWith("ocikit: run: runtime \"no-such-runtime\" not found in PATH ("));
  EXPECT_NE(::access((root_ + "/bundles").c_str(), F_OK), 0);  // nothing created
}

TEST_F(RunTest, RootfsMissing) {
  Outcome r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", *runc_, "--rootfs",
                                                       root_ + "/missing", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: rootfs " + root_ + "/missing: No such file or directory\n");
}

TEST_F(RunTest, BadFlagsAndNames) {
  Outcome r = Run({"--name", "a/b", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, StartsWith("ocikit: run: --name \"a/b\": invalid container id"));
  r = Run({"--timeout", "10", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err,
            "ocikit: run: --timeout \"10\": expected a positive duration with a unit, such as 30s, 500ms or 2m\n");
  r = Run({"--hostname"});
  EXPECT_EQ(r.code, 125);
  r = Run({});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("process.args: empty"));
  r = Run({"-u", "nobody-here", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("nobody-here"));
}

TEST_F(RunTest, AnExistingBundleIsRefused) {
  ASSERT_TRUE(MakeDirs(root_ + "/bundles/busy", 0711).ok());
  Outcome r = Run({"--name", "busy", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: bundle " + root_ + "/bundles/busy exists: a previous run did not clean up; remove it "
                   "with \"ocikit delete --root " + root_ + " busy\"\n");
  r = testing::RunCommandInChild(cli::RunDelete, {"--root", root_, "busy"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "removed bundle " + root_ + "/bundles/busy\n");
}

TEST_F(RunTest, KeepBundle) {
  Outcome r = Run({"--keep-bundle", "--name", "kept", "true"});
  EXPECT_EQ(r.code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(::stat((root_ + "/bundles/kept/config.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  ASSERT_EQ(::stat((root_ + "/bundles/kept").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0711u);
  EXPECT_EQ(RuncList(), "");
  absl::StatusOr<Spec> spec = ReadSpecFile(root_ + "/bundles/kept/config.json");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->root->path, *rootfs_);
  EXPECT_EQ(testing::ReadAll(root_ + "/bundles/kept/runtime"), *runc_ + "\n");
  r = testing::RunCommandInChild(cli::RunDelete, {"--root", root_, "kept"});
  EXPECT_EQ(r.code, 0) << r.err;

  // The default runtime by name is not recorded: later commands find it the same way.
  const char* path = std::getenv("PATH");
  const std::string saved_path = path ? path : "";
  ::setenv("PATH", absl::StrCat(runc_->substr(0, runc_->rfind('/')), ":", saved_path).c_str(), 1);
  r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", "runc", "--rootfs", *rootfs_,
                                               "--keep-bundle", "--name", "kept", "true"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(PathExists(root_ + "/bundles/kept/config.json"));
  EXPECT_FALSE(PathExists(root_ + "/bundles/kept/runtime"));
  r = testing::RunCommandInChild(cli::RunDelete, {"--root", root_, "kept"});
  EXPECT_EQ(r.code, 0) << r.err;
  ::setenv("PATH", saved_path.c_str(), 1);
}

TEST_F(RunTest, Terminal) {
  Outcome r = Run({"-t", "sh", "-c", "tty; echo $TERM; exit 4"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_EQ(r.out, "/dev/pts/0\r\nxterm\r\n");
  r = Run({"-t", "-i", "sh", "-c", "read line; echo got $line"}, "hello\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("got hello\r\n"));
}

TEST_F(RunTest, TwentyParallelRunsWithGeneratedIds) {
  std::vector<testing::ChildCommand> children;
  for (int i = 0; i < 20; ++i) {
    children.push_back(testing::StartCommandInChild(cli::RunRun, Args({"sh", "-c", absl::StrCat("echo run ", i)})));
  }
  for (int i = 0; i < 20; ++i) {
    Outcome r = testing::WaitForCommand(children[static_cast<size_t>(i)]);
    EXPECT_EQ(r.code, 0) << i << ": " << r.err;
    EXPECT_EQ(r.out, absl::StrCat("run ", i, "\n"));
  }
}

TEST_F(RunTest, Crun) {
  std::optional<std::string> crun = testing::FindRunc("crun");
  if (!crun) GTEST_SKIP() << "crun is not installed";
  Outcome r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", *crun, "--rootfs", *rootfs_,
                                                       "sh", "-c", "echo from crun; exit 5"});
  if (absl::StrContains(r.err, "cgroups in hybrid mode not supported")) {
    GTEST_SKIP() << "crun cannot run containers on this host: " << r.err;
  }
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_EQ(r.out, "from crun\n");
  absl::StatusOr<CommandResult> list = RunCommand({*crun, "--root", root_ + "/crun", "list", "--quiet"}, {});
  EXPECT_TRUE(list.ok() && list->out.empty());
}

}  // namespace
}  // namespace ocikit::executor
