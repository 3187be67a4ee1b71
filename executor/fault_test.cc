// Fault tests of `ocikit run` with real runc (issue 15 §3): a signal at each
// phase of a run, a runtime that fails, dies, hangs or logs garbage (a stub
// runtime script named runc that delegates to the real one for everything
// else), a state directory that is missing, under a file, unwritable, on a full
// tmpfs or read-only, a rootfs that is missing, a file, or a symlink loop, and
// 50 runs at once. Each checks the exit code and the message, and that nothing is
// left: no bundle, no runtime state (`runc list`), no container process (each
// test's containers run a command named with a marker), no zombie, no mount
// under the state root. The matrix and its results are in docs/reliability.md
// (scripts/reliability_doc.py). Skips, saying why, without root, runc or the
// busybox rootfs.
//
// Two faults of the matrix are stood in for, because these tests run as root
// and root reads and writes through permission bits (CAP_DAC_OVERRIDE,
// CAP_DAC_READ_SEARCH):
//   - an unwritable state dir is an immutable one (chattr +i, the
//     FS_IMMUTABLE_FL attribute, which stops root too); the test skips, saying
//     so, on a filesystem without that attribute;
//   - an unreadable rootfs is not tested: no attribute or mode makes a
//     directory unreadable to root. The rootfs cases whose opening fails
//     (missing, not a directory, a symlink loop) take the same path through
//     ocikit: the rootfs check names the rootfs and the error, and nothing is
//     created.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "executor/cli/run_command.h"
#include "executor/signals.h"
#include "executor/testing_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::Outcome;

// Every container command of these tests runs `sleep` for this many seconds
// (or a script holding it), so a leftover container process is easy to find.
// It holds this test's pid, zero-padded: the fault tests of other checkouts,
// running at the same time, look for (and TearDown kills) their own.
const std::string& Marker() {
  static const std::string* marker = new std::string(absl::StrCat("4871", absl::Dec(::getpid(), absl::kZeroPad7)));
  return *marker;
}

// The pids of processes whose command line holds `text`.
std::vector<pid_t> ProcessesWith(const std::string& text) {
  std::vector<pid_t> pids;
  DIR* d = ::opendir("/proc");
  if (d == nullptr) return pids;
  while (const dirent* e = ::readdir(d)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0 || pid == ::getpid()) continue;
    std::string cmdline = testing::ReadAll(absl::StrCat("/proc/", pid, "/cmdline"));
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (absl::StrContains(cmdline, text)) pids.push_back(pid);
  }
  ::closedir(d);
  return pids;
}

// Zombie children of this test process (ocikit runs in a forked child, which
// the test reaps; a zombie here is one nobody reaped).
std::vector<pid_t> ZombieChildren() {
  std::vector<pid_t> pids;
  for (const testing::ProcessInfo& p : testing::ListProcesses()) {
    if (p.state == 'Z' && p.ppid == ::getpid()) pids.push_back(p.pid);
  }
  return pids;
}

// The mount points under `dir` (this process's mount namespace).
std::vector<std::string> MountsUnder(const std::string& dir) {
  std::vector<std::string> found;
  for (absl::string_view line : absl::StrSplit(testing::ReadAll("/proc/self/mountinfo"), '\n')) {
    const std::vector<absl::string_view> fields = absl::StrSplit(line, ' ');
    if (fields.size() > 4 && absl::StartsWith(fields[4], dir + "/")) found.emplace_back(fields[4]);
  }
  return found;
}

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env_.skip.empty()) GTEST_SKIP() << env_.skip;
    char tmpl[] = "/tmp/ocikit-fault-test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    root_ = dir_ + "/state";
    ASSERT_TRUE(MakeDirs(root_, 0711).ok());
  }

  void TearDown() override {
    if (dir_.empty()) return;
    ExpectNothingLeft(root_);
    for (const std::string& m : mounted_) ::umount2(m.c_str(), MNT_DETACH);
    for (const std::string& d : immutable_) SetImmutable(d, false);
    for (const pid_t pid : ProcessesWith(absl::StrCat("sleep ", Marker()))) ::kill(pid, SIGKILL);
    RemoveTree(dir_).IgnoreError();
  }

  // ocikit run with `root` as its state root, the runtime and the rootfs.
  std::vector<std::string> Args(std::vector<std::string> args, const std::string& root = "",
                                const std::string& runtime = "") const {
    std::vector<std::string> all = {"--root", root.empty() ? root_ : root, "--runtime",
                                    runtime.empty() ? env_.runc : runtime, "--rootfs", env_.rootfs};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  Outcome Run(std::vector<std::string> args, const std::function<void(pid_t, const std::string&)>& during = {}) {
    return testing::RunCommandInChild(cli::RunRun, Args(std::move(args)), "", during);
  }

  // A runtime named runc that runs `on_run` (shell code; $log is the
  // runtime's --log file) for `run`, and the real runc for everything.
  std::string StubRuntime(const std::string& on_run) {
    const std::string dir = dir_ + "/stub";
    EXPECT_TRUE(MakeDirs(dir, 0755).ok());
    const std::string path = dir + "/runc";
    const std::string script = absl::StrCat(
        "#!/bin/sh\n"
        "log=; prev=; cmd=\n"
        "for a; do\n"
        "  [ \"$prev\" = --log ] && log=$a\n"
        "  case $a in run|create|start|kill|delete|state) [ -z \"$cmd\" ] && cmd=$a;; esac\n"
        "  prev=$a\n"
        "done\n"
        "if [ \"$cmd\" = run ]; then\n",
        on_run,
        "\nfi\n"
        "exec ",
        env_.runc, " \"$@\"\n");
    EXPECT_TRUE(WriteFileAtomic(path, script, 0755).ok());
    return path;
  }

  void ExpectNothingLeft(const std::string& root) const {
    EXPECT_THAT(testing::BundleNames(root), IsEmpty()) << "bundles left in " << root;
    absl::StatusOr<CommandResult> list = RunCommand({env_.runc, "--root", root + "/runc", "list", "--quiet"}, {});
    EXPECT_TRUE(list.ok() && list->out.empty()) << "runtime state left in " << root << "/runc";
    EXPECT_THAT(ProcessesWith(absl::StrCat("sleep ", Marker())), IsEmpty()) << "container processes left";
    EXPECT_THAT(ZombieChildren(), IsEmpty()) << "zombies left";
    EXPECT_THAT(MountsUnder(dir_), Not(::testing::Contains(HasSubstr(root + "/")))) << "mounts left";
  }

  // Mounts a tmpfs with `options` at `path` (unmounted by TearDown).
  bool MountTmpfs(const std::string& path, const std::string& options) {
    if (!MakeDirs(path, 0755).ok()) return false;
    if (::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) != 0) return false;
    mounted_.push_back(path);
    return true;
  }

  // Sets (chattr +i) or clears the immutable attribute of the directory
  // `path`: no entry can be created in it or removed from it, by root
  // either. false, with errno, when the filesystem has no such attribute.
  static bool SetImmutable(const std::string& path, bool on) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
      flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
  }

  // SetImmutable(path, true), cleared again by TearDown.
  bool MakeImmutable(const std::string& path) {
    if (!SetImmutable(path, true)) return false;
    immutable_.push_back(path);
    return true;
  }

  const testing::ContainerEnv& env_ = testing::GetContainerEnv();
  std::string dir_;   // everything of the test
  std::string root_;  // the state root (--root)
  std::vector<std::string> mounted_;
  std::vector<std::string> immutable_;
};

// The id of this test's containers: unique on the machine. An id also names
// the container's cgroup (/default/ID), which runs in other checkouts (other
// state roots) would share: with "x", their `runc kill --all` and
// `delete --force` reached these containers (seen: SIGKILLed, or frozen with
// a signal pending for minutes).
const std::string& Id() {
  static const std::string* id = new std::string(absl::StrCat("ocikit-fault-", ::getpid()));
  return *id;
}

// A container that is not its pid namespace's init (--pid host), so a
// forwarded SIGINT or SIGTERM ends it with 128+N.
std::vector<std::string> SleepingContainer() {
  return {"--name", Id(), "--pid", "host", "sh", "-c", absl::StrCat("echo ready; exec sleep ", Marker())};
}

// Waits until `path` exists (at most 10 s).
bool WaitForPath(const std::string& path) {
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (absl::Now() < until) {
    if (::access(path.c_str(), F_OK) == 0) return true;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return false;
}

std::string Received(int sig) {
  return absl::StrCat("ocikit: run: received ", SignalName(sig), " before the container started; removing it\n");
}

TEST_F(FaultTest, SignalWhileBuildingTheSpec) {
  // At once: ocikit is still parsing flags and building the spec, before it
  // handles signals (nothing exists yet, so the default action is right), or
  // has just written the bundle (the run is cancelled).
  for (const int sig : {SIGINT, SIGTERM}) {
    Outcome r = Run(SleepingContainer(), [sig](pid_t pid, const std::string&) { ::kill(pid, sig); });
    EXPECT_THAT(r.code, AnyOf(1000 + sig, 128 + sig)) << r.err;
    EXPECT_EQ(r.err, r.code == 128 + sig ? Received(sig) : "");
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, SignalWhileWritingTheBundle) {
  // As soon as the bundle directory exists: config.json may not be written
  // yet. The run is cancelled before the runtime starts, or (when the signal
  // comes late) the container gets it.
  for (const int sig : {SIGINT, SIGTERM}) {
    Outcome r = Run(SleepingContainer(), [this, sig](pid_t pid, const std::string&) {
      ASSERT_TRUE(WaitForPath(root_ + "/bundles/" + Id()));
      ::kill(pid, sig);
    });
    EXPECT_EQ(r.code, 128 + sig) << r.err;
    EXPECT_THAT(r.err, AnyOf("", Received(sig)));
    EXPECT_LT(r.elapsed, absl::Seconds(5));
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, SignalWhileTheRuntimeCreatesTheContainer) {
  // The runtime takes 0.5 s before it creates the container: the signal waits
  // until the container exists, then reaches it.
  const std::string runtime = StubRuntime("touch \"$log.creating\"; sleep 0.5");
  for (const int sig : {SIGINT, SIGTERM}) {
    Outcome r = testing::RunCommandInChild(
        cli::RunRun, Args(SleepingContainer(), "", runtime), "", [this, sig](pid_t pid, const std::string&) {
          ASSERT_TRUE(WaitForPath(root_ + "/bundles/" + Id() + "/runtime.log.creating"));
          ::kill(pid, sig);
        });
    EXPECT_EQ(r.code, 128 + sig) << r.err;
    EXPECT_THAT(r.out, AnyOf("", "ready\n"));  // the signal may come before the echo
    EXPECT_EQ(r.err, "");
    EXPECT_LT(r.elapsed, absl::Seconds(5));
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, SignalWhileTheContainerRuns) {
  for (const int sig : {SIGINT, SIGTERM}) {
    Outcome r = Run(SleepingContainer(), [sig](pid_t pid, const std::string& out) {
      ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
      ::kill(pid, sig);
    });
    EXPECT_EQ(r.code, 128 + sig) << r.err;
    EXPECT_EQ(r.out, "ready\n");
    EXPECT_EQ(r.err, "");
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, SignalWhileTheContainerExits) {
  // The container ignores the signal while it finishes: its own status wins.
  for (const int sig : {SIGINT, SIGTERM}) {
    Outcome r = Run({"--name", Id(), "--pid", "host", "sh", "-c",
                     absl::StrCat("trap '' INT TERM; echo exiting; sleep 0.5; exit 3 # ", Marker())},
                    [sig](pid_t pid, const std::string& out) {
                      ASSERT_TRUE(testing::WaitForText(out, "exiting\n"));
                      ::kill(pid, sig);
                    });
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_EQ(r.out, "exiting\n");
    EXPECT_EQ(r.err, "");
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, RuntimeExitsWithStatus1) {
  const std::string runtime = StubRuntime("exit 1");
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args(SleepingContainer(), "", runtime));
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: runc run failed: exit status 1 and no message\n");
}

TEST_F(FaultTest, RuntimeIsKilled) {
  const std::string runtime = StubRuntime("kill -9 $$");
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args(SleepingContainer(), "", runtime));
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: runc run was killed by SIGKILL; stopping and removing the container\n");
}

TEST_F(FaultTest, RuntimeHangsUntilTheTimeout) {
  // The runtime never creates the container: after --timeout, SIGTERM and
  // then SIGKILL cannot be delivered, and 5 s later ocikit kills the runtime.
  const std::string runtime = StubRuntime(absl::StrCat("exec sleep ", Marker()));
  Outcome r = testing::RunCommandInChild(
      cli::RunRun, Args({"--timeout", "500ms", "--stop-timeout", "500ms", "--name", Id(), "true"}, "", runtime));
  EXPECT_EQ(r.code, 128 + SIGKILL) << r.err;
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: timeout of 500ms reached; sending SIGTERM, then SIGKILL after 500ms\n"));
  EXPECT_THAT(r.err, HasSubstr("after SIGKILL was sent to the container; killing it\n"));
  EXPECT_THAT(r.err, HasSubstr("runc run was killed by SIGKILL"));
}

TEST_F(FaultTest, RuntimeLogsGarbage) {
  // Not JSON, terminal escapes, a JSON error with escapes: the message is
  // relayed with its control characters escaped, never raw.
  const std::string runtime = StubRuntime(
      "printf 'garbage \\033]0;title\\007 {not json\\n\\000\\377\\n' >> \"$log\"\n"
      "printf '{\"level\":\"error\",\"msg\":\"bad \\\\u001b[2J thing\"}\\n' >> \"$log\"\n"
      "exit 1");
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args(SleepingContainer(), "", runtime));
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, ::testing::StartsWith("ocikit: run: runc run failed: bad "));
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
}

TEST_F(FaultTest, StateDirMissingIsCreated) {
  const std::string root = dir_ + "/missing/state";
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args({"sh", "-c", "echo ok"}, root));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "ok\n");
  ExpectNothingLeft(root);
}

TEST_F(FaultTest, StateDirUnderAFile) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/file", "", 0600).ok());
  const std::string root = dir_ + "/file/state";
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args({"--name", Id(), "true"}, root));
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: cannot create the bundles directory: " + dir_ + "/file: exists and is not a directory\n");
}

TEST_F(FaultTest, StateDirUnwritable) {
  // Immutable (see the file comment): a state root in which the bundles
  // directory cannot be created, and one whose bundles directory exists and
  // takes no new bundle.
  const std::string fresh = dir_ + "/unwritable", used = dir_ + "/unwritable-bundles";
  ASSERT_TRUE(MakeDirs(fresh, 0711).ok());
  ASSERT_TRUE(MakeDirs(used + "/bundles", 0711).ok());
  for (const std::string& immutable : {fresh, used + "/bundles"}) {
    if (!MakeImmutable(immutable)) {
      GTEST_SKIP() << "chattr +i " << immutable << ": " << std::strerror(errno)
                   << "; this filesystem has no immutable attribute, and root writes through permission bits";
    }
  }
  for (const std::string& root : {fresh, used}) {
    Outcome r = testing::RunCommandInChild(cli::RunRun, Args({"--name", Id(), "true"}, root));
    EXPECT_EQ(r.code, 125) << root;
    EXPECT_THAT(r.err, ::testing::StartsWith("ocikit: run: ")) << r.err;
    EXPECT_THAT(r.err, HasSubstr("Operation not permitted")) << r.err;
    ExpectNothingLeft(root);
  }
}

TEST_F(FaultTest, StateDirOnAFullTmpfs) {
  const std::string root = dir_ + "/full";
  ASSERT_TRUE(MountTmpfs(root, "size=64k")) << "mount: " << std::strerror(errno);
  // Fill it: the bundle directory may still be created, its files not.
  const int fd = ::open((root + "/filler").c_str(), O_WRONLY | O_CREAT, 0600);
  const std::string block(4096, 'x');
  while (::write(fd, block.data(), block.size()) > 0) {
  }
  ::close(fd);
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args({"--name", Id(), "true"}, root));
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("No space left on device"));
  ExpectNothingLeft(root);
}

TEST_F(FaultTest, StateDirOnAReadOnlyMount) {
  const std::string root = dir_ + "/ro";
  ASSERT_TRUE(MountTmpfs(root, "size=1m")) << "mount: " << std::strerror(errno);
  ASSERT_EQ(::mount(nullptr, root.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr), 0) << std::strerror(errno);
  Outcome r = testing::RunCommandInChild(cli::RunRun, Args({"--name", Id(), "true"}, root));
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("Read-only file system"));
  ExpectNothingLeft(root);
}

TEST_F(FaultTest, RootfsMissingNotADirectoryOrALoop) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/file", "", 0600).ok());
  ASSERT_EQ(::symlink((dir_ + "/loop").c_str(), (dir_ + "/loop").c_str()), 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {dir_ + "/missing", "No such file or directory"},
      {dir_ + "/file", "not a directory"},
      {dir_ + "/loop", "Too many levels of symbolic links"},
  };
  for (const auto& c : cases) {
    Outcome r = testing::RunCommandInChild(cli::RunRun, {"--root", root_, "--runtime", env_.runc, "--rootfs", c.first,
                                                         "--name", Id(), "true"});
    EXPECT_EQ(r.code, 125) << c.first;
    EXPECT_THAT(r.err, HasSubstr("ocikit: run: rootfs " + c.first)) << r.err;
    EXPECT_THAT(absl::AsciiStrToLower(r.err), HasSubstr(absl::AsciiStrToLower(c.second))) << r.err;
    ExpectNothingLeft(root_);
  }
}

TEST_F(FaultTest, FiftyRunsAtOnce) {
  // All 50 are started before the first is waited for. Generated ids,
  // recorded by a runtime wrapper (the id is runc run's last argument).
  constexpr int kRuns = 50;
  const std::string ids_file = dir_ + "/ids";
  const std::string runtime = StubRuntime(absl::StrCat("eval \"echo \\${$#}\" >> ", ids_file));
  std::vector<testing::ChildCommand> running;
  for (int i = 0; i < kRuns; ++i) {
    running.push_back(testing::StartCommandInChild(cli::RunRun, Args({"sh", "-c", "echo ok"}, "", runtime)));
  }
  int ok = 0;
  for (const testing::ChildCommand& c : running) {
    Outcome r = testing::WaitForCommand(c);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "ok\n");
    ok += r.code == 0 ? 1 : 0;
  }
  EXPECT_EQ(ok, kRuns);
  const std::vector<std::string> ids =
      absl::StrSplit(testing::ReadAll(ids_file), '\n', absl::SkipEmpty());
  EXPECT_EQ(ids.size(), static_cast<size_t>(kRuns));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "ids are not unique";
}

}  // namespace
}  // namespace ocikit::executor
