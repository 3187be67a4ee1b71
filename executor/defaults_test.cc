// The defaults of issue 14 inside real containers: runc on the busybox
// rootfs (skipped with the reason where that cannot run), and next to Podman
// where Podman runs containers here.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/run_command.h"
#include "executor/testing_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/file.h"
#include "spec/opts/devices.h"
#include "spec/opts/init.h"

namespace ocikit::executor {
namespace {

using ::testing::HasSubstr;
using testing::Outcome;

class DefaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env_.skip.empty()) GTEST_SKIP() << env_.skip;
    char tmpl[] = "/tmp/ocikit-defaults-test.XXXXXX";
    root_ = ::mkdtemp(tmpl);
  }

  void TearDown() override {
    if (root_.empty()) return;
    absl::StatusOr<CommandResult> left = RunCommand({env_.runc, "--root", root_ + "/runc", "list", "--quiet"}, {});
    EXPECT_TRUE(left.ok() && left->out.empty()) << "runtime state left in " << root_;
    RemoveTree(root_).IgnoreError();
  }

  // `ocikit run` with this test's state root, runc and the busybox rootfs.
  Outcome Run(std::vector<std::string> args) {
    std::vector<std::string> all = {"--root", root_, "--runtime", env_.runc, "--rootfs", env_.rootfs};
    all.insert(all.end(), args.begin(), args.end());
    return testing::RunCommandInChild(cli::RunRun, all);
  }
  // Another ocikit command (stop, wait, rm, ...) with this test's state root.
  Outcome Cmd(cli::CommandFn fn, std::vector<std::string> args) {
    args.insert(args.begin(), {"--root", root_});
    return testing::RunCommandInChild(fn, args);
  }

  const testing::ContainerEnv& env_ = testing::GetContainerEnv();
  std::string root_;
};

const char kSeccompLine[] = "grep '^Seccomp:' /proc/self/status";

// Sets d to the memory controller's directory: /sys/fs/cgroup/memory on
// cgroup v1, /sys/fs/cgroup itself on v2. (On v1 runc mounts a tmpfs at
// /sys/fs/cgroup, writable as in Podman, with each controller read-only
// below it; the controllers are what must be read-only.)
const char kCgroupDir[] = "d=/sys/fs/cgroup; [ -d $d/memory ] && d=$d/memory";

TEST_F(DefaultsTest, SeccompFiltersByDefaultAndNotWhenUnconfinedOrPrivileged) {
  Outcome r = Run({"sh", "-c", kSeccompLine});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Seccomp:\t2\n");
  EXPECT_EQ(r.err, "") << "the implicit profile must not warn on every run";
  r = Run({"--security-opt", "seccomp=unconfined", "sh", "-c", kSeccompLine});
  EXPECT_EQ(r.out, "Seccomp:\t0\n") << r.err;
  r = Run({"--privileged", "sh", "-c", kSeccompLine});
  EXPECT_EQ(r.out, "Seccomp:\t0\n") << r.err;
  // What the default profile refuses: unshare(CLONE_NEWUSER) needs CAP_SYS_ADMIN there.
  r = Run({"sh", "-c", "unshare -U true 2>/dev/null && echo allowed || echo refused"});
  EXPECT_EQ(r.out, "refused\n") << r.err;
}

TEST_F(DefaultsTest, CgroupfsIsReadOnlyWithTheContainersOwnLimits) {
  // cgroup v2: memory.max at the root of the container's namespace; cgroup v1
  // (these hosts, hybrid): the memory controller's memory.limit_in_bytes.
  const std::string script = absl::StrCat(
      kCgroupDir, "; [ -f $d/memory.max ] && f=$d/memory.max || f=$d/memory.limit_in_bytes; cat $f; ",
      "grep -q ' /sys/fs/cgroup' /proc/mounts && echo mounted; ",
      "echo 1 > $f 2>/dev/null || echo read-only; mkdir $d/ocikit-x 2>/dev/null || echo read-only; ",
      "grep -c ':/$' /proc/self/cgroup");
  Outcome r = Run({"--memory", "64m", "sh", "-c", script});
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> lines = absl::StrSplit(r.out, '\n');
  ASSERT_GE(lines.size(), 5u) << r.out;
  EXPECT_EQ(lines[0], "67108864");
  EXPECT_EQ(lines[1], "mounted");
  EXPECT_EQ(lines[2], "read-only");
  EXPECT_EQ(lines[3], "read-only");
  EXPECT_NE(lines[4], "0") << "a private cgroup namespace shows the container's cgroup as /";
  // --cgroupns host: the host's path, the mount still read-only.
  r = Run({"--cgroupns", "host", "sh", "-c", "cat /proc/self/cgroup | grep -c ':/$' || true"});
  EXPECT_EQ(r.out, "0\n") << r.err;
}

TEST_F(DefaultsTest, PrivilegedSeesTheHostDevicesWithAllowAll) {
  absl::StatusOr<std::vector<LinuxDevice>> devices = HostDevices("/dev");
  ASSERT_TRUE(devices.ok()) << devices.status();
  const std::vector<std::string> runc_defaults = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random",
                                                  "/dev/urandom", "/dev/tty", "/dev/ptmx"};
  const auto extra = std::find_if(devices->begin(), devices->end(), [&](const LinuxDevice& d) {
    return std::find(runc_defaults.begin(), runc_defaults.end(), d.path) == runc_defaults.end();
  });
  if (extra == devices->end()) GTEST_SKIP() << "this host has no device beyond runc's defaults";
  const std::string check = absl::StrCat("test -", extra->type == "b" ? "b" : "c", " ", extra->path, " && echo present");
  Outcome r = Run({"--privileged", "sh", "-c", check});
  EXPECT_EQ(r.out, "present\n") << extra->path << ": " << r.err;
  r = Run({"sh", "-c", check + " || echo absent"});
  EXPECT_EQ(r.out, "absent\n") << extra->path;
}

TEST_F(DefaultsTest, HostNetworkSeesTheHostsFileAndItsOwnName) {
  absl::StatusOr<std::string> host = ReadRegularFile("/etc/hosts", 1 << 20);
  if (!host.ok()) GTEST_SKIP() << "no /etc/hosts on this host: " << host.status();
  Outcome r = Run({"--network", "host", "--hostname", "ocikit-dflt-box", "cat", "/etc/hosts"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, *host)) << r.out;
  EXPECT_THAT(r.out, HasSubstr("127.0.0.1\tocikit-dflt-box\n"));
}

TEST_F(DefaultsTest, InitRunsAsPid1AndPassesTheExitCodeOn) {
  struct stat st;
  if (::stat(std::string(kDefaultInitBinary).c_str(), &st) != 0) {
    GTEST_SKIP() << kDefaultInitBinary << " is missing: apt-get install tini (scripts/setup.sh)";
  }
  Outcome r = Run({"--init", "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; exit 3"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("/run/ocikit-init -- sh -c"));
  // A zombie whose parent exits is reaped by the init: none is left.
  r = Run({"--init", "sh", "-c", "sh -c 'sleep 0 & exec sleep 1' & sleep 2; grep -l '^State:.*Z' /proc/[0-9]*/status | wc -l"});
  EXPECT_EQ(r.out, "0\n") << r.err;
}

TEST_F(DefaultsTest, InitForwardsTheStopSignalToTheCommand) {
  struct stat st;
  if (::stat(std::string(kDefaultInitBinary).c_str(), &st) != 0) {
    GTEST_SKIP() << kDefaultInitBinary << " is missing: apt-get install tini (scripts/setup.sh)";
  }
  // sleep as PID 1 ignores SIGTERM (the kernel drops signals without a
  // handler for a namespace's init), so stop needs SIGKILL: 137.
  ASSERT_EQ(Run({"-d", "--name", "ocikit-dflt-noinit", "--stop-timeout", "300ms", "sleep", "100"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunStop, {"ocikit-dflt-noinit"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunWait, {"ocikit-dflt-noinit"}).out, "137\n");
  // Under --init, tini (PID 1) passes SIGTERM on to sleep, which dies of it
  // well before the 5 seconds: 128 + 15, not SIGKILL's 137.
  ASSERT_EQ(Run({"-d", "--init", "--name", "ocikit-dflt-init", "sleep", "100"}).code, 0);
  Outcome r = Cmd(cli::RunStop, {"-t", "5", "ocikit-dflt-init"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Cmd(cli::RunWait, {"ocikit-dflt-init"}).out, "143\n");
  // The same in the foreground: a SIGTERM to `ocikit run` reaches sleep.
  r = testing::RunCommandInChild(
      cli::RunRun,
      {"--root", root_, "--runtime", env_.runc, "--rootfs", env_.rootfs, "--init", "sh", "-c", "echo ready; exec sleep 100"},
      "", [](pid_t pid, const std::string& out) {
        ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
        ::kill(pid, SIGTERM);
      });
  EXPECT_EQ(r.code, 143) << r.err;
  EXPECT_EQ(Cmd(cli::RunRm, {"ocikit-dflt-noinit", "ocikit-dflt-init"}).code, 0);
}

TEST_F(DefaultsTest, UsernsKeepIdRunsAsTheCallerInAUserNamespace) {
  // As root without subordinate ids: container root is the caller, one id
  // mapped, and devpts without gid=5 (unmapped), which runc would refuse.
  Outcome r = Run({"--userns", "keep-id", "sh", "-c", "id -u; tr -s ' ' < /proc/self/uid_map"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, absl::StrCat(::getuid(), "\n ", 0, " ", ::getuid(), " 1\n"));
  r = Run({"--userns", "host", "sh", "-c", "tr -s ' ' < /proc/self/uid_map"});
  EXPECT_EQ(r.out, " 0 0 4294967295\n") << r.err;
}

// The (address, name) pairs of an /etc/hosts text, one per name, comments
// dropped: Podman rewrites the host's entries with a tab, ocikit copies them.
std::vector<std::string> HostsEntries(absl::string_view text) {
  std::vector<std::string> entries;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = line.substr(0, line.find('#'));
    const std::vector<absl::string_view> fields = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    for (size_t i = 1; i < fields.size(); ++i) entries.push_back(absl::StrCat(fields[0], " ", fields[i]));
  }
  return entries;
}

// Podman next to ocikit: the same Seccomp status and a read-only
// /sys/fs/cgroup, writable /tmp, /var/tmp and /run under --read-only, HOME
// from the rootfs' passwd, and the host's /etc/hosts entries with --network
// host. Podman's crun refuses this cgroup v1 hybrid host and its default
// rlimits exceed this machine's hard limit, so it runs with runc and lower
// rlimits; it is skipped with the reason where it does not run at all.
TEST_F(DefaultsTest, SideBySideWithPodman) {
  if (::access("/usr/bin/podman", X_OK) != 0) GTEST_SKIP() << "podman is not installed";
  // `podman run --rootfs` of the busybox rootfs with `flags` (--network none
  // unless they give a network), then the command.
  const auto podman = [this](std::vector<std::string> flags, std::vector<std::string> command) {
    std::vector<std::string> args = {"/usr/bin/podman", "--runtime", env_.runc, "run", "--rm", "--name",
                                     "ocikit-dflt-side", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"};
    if (std::find(flags.begin(), flags.end(), "--network") == flags.end()) flags.insert(flags.end(), {"--network", "none"});
    args.insert(args.end(), flags.begin(), flags.end());
    args.insert(args.end(), {"--rootfs", env_.rootfs});
    args.insert(args.end(), command.begin(), command.end());
    return RunCommand(args, {});
  };
  // ocikit run with the same flags and command.
  const auto ocikit = [this](std::vector<std::string> flags, const std::vector<std::string>& command) {
    flags.insert(flags.end(), command.begin(), command.end());
    return Run(flags);
  };
  const std::string script =
      absl::StrCat(kSeccompLine, "; ", kCgroupDir, "; mkdir $d/ocikit-x 2>/dev/null || echo cgroupfs read-only");
  absl::StatusOr<CommandResult> p = podman({}, {"sh", "-c", script});
  if (!p.ok() || !p->success()) {
    GTEST_SKIP() << "podman cannot run a container here: " << (p.ok() ? p->err : p.status().message());
  }
  Outcome r = ocikit({}, {"sh", "-c", script});
  EXPECT_EQ(r.out, p->out);
  EXPECT_EQ(r.out, "Seccomp:\t2\ncgroupfs read-only\n");

  const std::vector<std::string> writes = {"sh", "-c", "touch /tmp/a /var/tmp/b /run/c && echo writable; touch /x"};
  p = podman({"--read-only"}, writes);
  ASSERT_TRUE(p.ok()) << p.status();
  r = ocikit({"--read-only"}, writes);
  EXPECT_EQ(p->out, "writable\n") << p->err;
  EXPECT_EQ(r.out, p->out) << r.err;
  EXPECT_THAT(p->err, HasSubstr("Read-only file system"));
  EXPECT_THAT(r.err, HasSubstr("Read-only file system"));

  // uid 1001 is bob (/home/bob) in the busybox rootfs' passwd; 4242 has no entry.
  for (const char* user : {"1001:100", "4242:4242"}) {
    const std::vector<std::string> home = {"sh", "-c", "echo $HOME"};
    p = podman({"-u", user}, home);
    ASSERT_TRUE(p.ok()) << p.status();
    r = ocikit({"-u", user}, home);
    EXPECT_EQ(p->out, std::string(user) == "1001:100" ? "/home/bob\n" : "/\n") << user << ": " << p->err;
    EXPECT_EQ(r.out, p->out) << user << ": " << r.err;
  }

  absl::StatusOr<std::string> host = ReadRegularFile("/etc/hosts", 1 << 20);
  ASSERT_TRUE(host.ok()) << host.status();
  const std::vector<std::string> host_entries = HostsEntries(*host);
  ASSERT_FALSE(host_entries.empty()) << *host;
  p = podman({"--network", "host"}, {"cat", "/etc/hosts"});
  ASSERT_TRUE(p.ok()) << p.status();
  r = ocikit({"--network", "host"}, {"cat", "/etc/hosts"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const std::string& entry : host_entries) {
    EXPECT_THAT(HostsEntries(p->out), ::testing::Contains(entry)) << "podman: " << p->out;
    EXPECT_THAT(HostsEntries(r.out), ::testing::Contains(entry)) << "ocikit: " << r.out;
  }
}

}  // namespace
}  // namespace ocikit::executor
