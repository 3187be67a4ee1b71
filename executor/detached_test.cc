// Integration tests of detached containers and the commands around them
// (ocikit run -d, ps, logs, stop, wait, inspect, exec, rm, gc), of the second
// Ctrl-C of a foreground run, and of orphan recovery after SIGKILL of
// `ocikit run`, with real runc on the busybox rootfs.
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "executor/bundle.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/cli/run_command.h"
#include "executor/testing_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace ocikit::executor {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;
using testing::Outcome;

// A container that says hello on stdout and stderr, and exits 3 on SIGTERM.
const std::vector<std::string> kPolite = {
    "sh", "-c", "echo hello; echo oops >&2; trap 'echo bye; exit 3' TERM; while :; do sleep 0.05; done"};

// Whether child `pid` has exited, leaving it to be reaped.
bool Exited(pid_t pid) {
  siginfo_t info = {};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

// Where descriptor `fd` of process `pid` leads.
std::string FdTarget(pid_t pid, const char* fd) {
  char buf[4096];
  const ssize_t n = ::readlink(absl::StrCat("/proc/", pid, "/fd/", fd).c_str(), buf, sizeof(buf));
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
}

class DetachedTest : public testing::IntegrationTest {
 protected:
  const char* Prefix() const override { return "ocikit-detached-test"; }
  void TearDown() override {
    if (root_.empty()) return;
    const std::string left = RuncList();
    EXPECT_EQ(left, "");
    for (absl::string_view id : absl::StrSplit(left, '\n', absl::SkipEmpty())) {
      RunCommand({*runc_, "--root", root_ + "/runc", "delete", "--force", std::string(id)}, {}).IgnoreError();
    }
    EXPECT_EQ(Bundles(), std::vector<std::string>{});
    RemoveTree(root_).IgnoreError();
  }
  std::vector<std::string> WithRoot(std::vector<std::string> args) {
    args.insert(args.begin(), {"--root", root_});
    return args;
  }
  Outcome Cmd(cli::CommandFn fn, std::vector<std::string> args) {
    return testing::RunCommandInChild(fn, WithRoot(std::move(args)));
  }
  std::vector<std::string> RunArgs(std::vector<std::string> args) {
    std::vector<std::string> all = {"--runtime", *runc_, "--rootfs", *rootfs_};
    all.insert(all.end(), args.begin(), args.end());
    return WithRoot(all);
  }
  Outcome RunDetached(const std::string& name, std::vector<std::string> command, std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"-d", "--name", name};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back("--");
    args.insert(args.end(), command.begin(), command.end());
    return testing::RunCommandInChild(cli::RunRun, RunArgs(args));
  }
  std::string RuncList() {
    absl::StatusOr<CommandResult> r = RunCommand({*runc_, "--root", root_ + "/runc", "list", "-q"}, {});
    return r.ok() ? r->out : "runc list failed";
  }
  std::vector<std::string> Bundles() {
    std::vector<std::string> names;
    if (DIR* d = ::opendir((root_ + "/bundles").c_str())) {
      while (const dirent* e = ::readdir(d)) {
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
      }
      ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  // Every path under `dir` (recursively, relative to it, directories with a
  // trailing "/"), sorted.
  std::vector<std::string> Tree(const std::string& dir, const std::string& prefix = "") {
    std::vector<std::string> paths;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st = {};
        const bool is_dir = ::lstat((dir + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        paths.push_back(prefix + name + (is_dir ? "/" : ""));
        if (is_dir) {
          std::vector<std::string> below = Tree(dir + "/" + name, paths.back());
          paths.insert(paths.end(), below.begin(), below.end());
        }
      }
      ::closedir(d);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  }
  std::string Log(const std::string& id) { return testing::ReadAll(root_ + "/bundles/" + id + "/container.log"); }

};

TEST_F(DetachedTest, RunDetachedLogsStopWaitInspectRm) {
  // ocikit run -d returns (its process has exited) while the container runs.
  Outcome r = RunDetached("web", kPolite);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "web\n");
  EXPECT_EQ(r.err, "");
  ASSERT_TRUE(testing::WaitForText(root_ + "/bundles/web/container.log", "oops\n"));
  EXPECT_EQ(RuncList(), "web\n");

  r = Cmd(cli::RunPs, {});
  EXPECT_EQ(r.code, 0) << r.err;
  // Podman's columns; CREATED is how long ago ("3 seconds ago").
  EXPECT_THAT(r.out, MatchesRegex("CONTAINER ID  COMMAND +CREATED +STATUS +EXIT CODE\n"
                                  "web +sh -c echo hello; echo oops >&2; trap\\.\\.\\.  "
                                  "[0-9]+ (seconds?|minutes?) ago +running\n"));
  EXPECT_EQ(Cmd(cli::RunPs, {"-q"}).out, "web\n");
  // `list` is the same command as `ps`.
  EXPECT_EQ(Cmd(cli::RunList, {"-q"}).out, "web\n");
  EXPECT_EQ(Cmd(cli::RunList, {"--format", "json"}).out, Cmd(cli::RunPs, {"--format", "json"}).out);
  r = Cmd(cli::RunList, {});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("CONTAINER ID  COMMAND +CREATED +STATUS +EXIT CODE\n"
                                  "web +sh -c .* [0-9]+ (seconds?|minutes?) ago +running\n"));

  r = Cmd(cli::RunExec, {"web", "sh", "-c", "echo in exec; exit 4"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_EQ(r.out, "in exec\n");

  r = Cmd(cli::RunInspect, {"web"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["Id"], "web");
  EXPECT_EQ(j["Status"], "running");
  EXPECT_GT(j["Pid"].get<int>(), 1);
  EXPECT_EQ(j["State"]["pid"], j["Pid"]);
  EXPECT_TRUE(j["ExitCode"].is_null());
  EXPECT_EQ(j["StopSignal"], "SIGTERM");
  EXPECT_EQ(j["Paths"]["Log"], root_ + "/bundles/web/container.log");
  EXPECT_EQ(j["Config"]["process"]["args"][0], "sh");
  EXPECT_EQ(::kill(j["Pid"].get<int>(), 0), 0);
  // The monitor outlived `ocikit run -d`, in a session of its own (whose
  // leader, the middle process of the double fork, has exited).
  const pid_t monitor = j["OwnerPid"].get<int>();
  EXPECT_EQ(::kill(monitor, 0), 0);
  EXPECT_NE(::getsid(monitor), ::getsid(0));
  EXPECT_NE(::getsid(monitor), monitor);
  // It holds none of the caller's descriptors (`ocikit run -d | cat` returns):
  // its stdio is /dev/null, and nothing else leads to the caller's files.
  for (const char* fd : {"0", "1", "2"}) EXPECT_EQ(FdTarget(monitor, fd), "/dev/null") << fd;
  if (DIR* d = ::opendir(absl::StrCat("/proc/", monitor, "/fd").c_str())) {
    while (const dirent* e = ::readdir(d)) {
      EXPECT_THAT(FdTarget(monitor, e->d_name), ::testing::Not(HasSubstr("ocikit-io."))) << e->d_name;
    }
    ::closedir(d);
  }

  // logs -f follows until the container exits; wait blocks until then.
  testing::ChildCommand follow = testing::StartCommandInChild(cli::RunLogs, WithRoot({"-f", "web"}));
  testing::ChildCommand waiting = testing::StartCommandInChild(cli::RunWait, WithRoot({"web"}));
  ASSERT_TRUE(testing::WaitForText(follow.out_path(), "oops\n"));
  r = Cmd(cli::RunStop, {"web"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "web\n");
  Outcome followed = testing::WaitForCommand(follow);
  EXPECT_EQ(followed.code, 0) << followed.err;
  EXPECT_EQ(followed.out, "hello\noops\nbye\n");
  Outcome waited = testing::WaitForCommand(waiting);
  EXPECT_EQ(waited.code, 0) << waited.err;
  EXPECT_EQ(waited.out, "3\n");

  // Exited: kept, as Podman keeps it, until rm.
  EXPECT_EQ(RuncList(), "");
  EXPECT_EQ(Cmd(cli::RunPs, {"-q"}).out, "");
  r = Cmd(cli::RunPs, {"-a", "--format", "json"});
  const nlohmann::json ps = nlohmann::json::parse(r.out);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0]["Status"], "exited");
  EXPECT_EQ(ps[0]["ExitCode"], 3);
  EXPECT_EQ(Cmd(cli::RunList, {"-a", "--format", "json"}).out, r.out);
  EXPECT_THAT(Cmd(cli::RunList, {"-a"}).out, MatchesRegex("CONTAINER ID .*\nweb +sh -c .* ago +exited +3\n"));
  EXPECT_EQ(Cmd(cli::RunWait, {"web"}).out, "3\n");
  EXPECT_EQ(Cmd(cli::RunLogs, {"web"}).out, "hello\noops\nbye\n");
  EXPECT_EQ(nlohmann::json::parse(Cmd(cli::RunInspect, {"web"}).out)["ExitCode"], 3);
  EXPECT_EQ(Cmd(cli::RunStop, {"web"}).code, 0);  // already stopped: not an error

  r = Cmd(cli::RunRm, {"web"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "web\n");
  EXPECT_EQ(Bundles(), std::vector<std::string>{});
  r = Cmd(cli::RunRm, {"web"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("ocikit: rm: no container \"web\""));
}

TEST_F(DetachedTest, StopEscalatesToSigkillAfterTheTimeout) {
  // sleep as the init of its pid namespace ignores SIGTERM.
  ASSERT_EQ(RunDetached("stubborn", {"sleep", "100"}, {"--stop-timeout", "300ms"}).code, 0);
  Outcome r = Cmd(cli::RunStop, {"stubborn"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Cmd(cli::RunWait, {"stubborn"}).out, "137\n");
  ASSERT_EQ(RunDetached("custom", {"sleep", "100"}, {"--stop-signal", "KILL"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunStop, {"-t", "100", "custom"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunWait, {"custom"}).out, "137\n");
  EXPECT_EQ(Cmd(cli::RunRm, {"stubborn", "custom"}).out, "stubborn\ncustom\n");
}

TEST_F(DetachedTest, RmOfARunningContainerNeedsForce) {
  ASSERT_EQ(RunDetached("busy", {"sleep", "100"}).code, 0);
  Outcome r = Cmd(cli::RunRm, {"busy"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("ocikit: rm: container \"busy\" is running (owned by process "));
  EXPECT_THAT(r.err, HasSubstr("use \"ocikit rm -f busy\""));
  r = Cmd(cli::RunRm, {"-f", "busy"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "busy\n");
}

TEST_F(DetachedTest, RmOptionRemovesTheContainerWhenItExits) {
  ASSERT_EQ(RunDetached("gone", kPolite, {"--rm"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunStop, {"gone"}).code, 0);
  EXPECT_EQ(Bundles(), std::vector<std::string>{});
}

TEST_F(DetachedTest, AFailedStartIsReportedWithItsExitCode) {
  Outcome r = RunDetached("bad", {"no-such-command"});
  EXPECT_EQ(r.code, 127);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: runc create failed: unable to start container process: exec: \"no-such-command\""));
  // Kept as exited, as Podman keeps a container that failed to start.
  r = Cmd(cli::RunPs, {"-a"});
  EXPECT_THAT(r.out, HasSubstr("exited  127"));
  EXPECT_EQ(Cmd(cli::RunRm, {"bad"}).code, 0);
  r = RunDetached("tty", {"sh"}, {"-t"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("a detached container cannot have a terminal"));
}

TEST_F(DetachedTest, NamesAreUniquePerStateRoot) {
  ASSERT_EQ(RunDetached("same", {"sleep", "100"}).code, 0);
  Outcome r = RunDetached("same", {"true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: --name \"same\": the name is in use by a container (running); choose another name, "
                   "or remove it with \"ocikit rm -f --root " + root_ + " same\"\n");
  EXPECT_EQ(Cmd(cli::RunRm, {"-f", "same"}).code, 0);
}

TEST_F(DetachedTest, SecondCtrlCStopsAContainerThatIgnoresSigint) {
  Outcome r = testing::RunCommandInChild(
      cli::RunRun, RunArgs({"--stop-timeout", "500ms", "sh", "-c", "echo ready; exec sleep 100"}), "",
      [](pid_t pid, const std::string& out) {
        ASSERT_TRUE(testing::WaitForText(out, "ready\n"));
        // Ctrl-C until ocikit has seen two (signals sent at once merge).
        for (int i = 0; i < 100 && !Exited(pid); ++i) {
          ::kill(pid, SIGINT);
          absl::SleepFor(absl::Milliseconds(100));
        }
      });
  EXPECT_EQ(r.code, 137) << r.err;
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: received SIGINT again; stopping the container: SIGTERM, then SIGKILL "
                               "after 500ms\n"));
  EXPECT_THAT(r.err, HasSubstr("ocikit: run: the container did not stop within 500ms; sending SIGKILL\n"));
}

TEST_F(DetachedTest, SigkilledRunIsCollectedAndLiveContainersAreNotTouched) {
  // A live detached container and a live foreground run of other ocikits.
  ASSERT_EQ(RunDetached("live", {"sleep", "100"}).code, 0);
  testing::ChildCommand foreground =
      testing::StartCommandInChild(cli::RunRun, RunArgs({"--name", "fg", "sh", "-c", "echo ready; exec sleep 100"}));
  ASSERT_TRUE(testing::WaitForText(foreground.out_path(), "ready\n"));
  // The run to kill, mid-container.
  testing::ChildCommand doomed =
      testing::StartCommandInChild(cli::RunRun, RunArgs({"--name", "orphan", "sh", "-c", "echo ready; exec sleep 100"}));
  ASSERT_TRUE(testing::WaitForText(doomed.out_path(), "ready\n"));
  ::kill(doomed.pid, SIGKILL);
  testing::WaitForCommand(doomed);
  EXPECT_EQ(RuncList(), "fg\nlive\norphan\n");  // left running: nobody owns it now

  Outcome r = Cmd(cli::RunGc, {});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("removed orphan container orphan (its owner, process "));
  EXPECT_THAT(r.out, HasSubstr("is gone): its runtime state and bundle " + root_ + "/bundles/orphan\n"));
  EXPECT_EQ(RuncList(), "fg\nlive\n");
  EXPECT_EQ(Bundles(), (std::vector<std::string>{"fg", "live"}));
  EXPECT_EQ(Cmd(cli::RunGc, {}).out, "");  // nothing more; the live ones untouched
  EXPECT_EQ(Cmd(cli::RunPs, {"-q"}).out, "fg\nlive\n");

  // The next ps finds an orphan too.
  testing::ChildCommand doomed2 =
      testing::StartCommandInChild(cli::RunRun, RunArgs({"--name", "orphan2", "sh", "-c", "echo ready; exec sleep 100"}));
  ASSERT_TRUE(testing::WaitForText(doomed2.out_path(), "ready\n"));
  ::kill(doomed2.pid, SIGKILL);
  testing::WaitForCommand(doomed2);
  r = Cmd(cli::RunPs, {"-q"});
  EXPECT_THAT(r.err, StartsWith("ocikit: ps: removed orphan container orphan2 "));
  EXPECT_EQ(r.out, "fg\nlive\n");

  EXPECT_EQ(Cmd(cli::RunStop, {"-t", "0", "fg", "live"}).out, "fg\nlive\n");
  Outcome fg = testing::WaitForCommand(foreground);
  EXPECT_EQ(fg.code, 137) << fg.err;
  EXPECT_EQ(Cmd(cli::RunRm, {"live"}).code, 0);
}

TEST_F(DetachedTest, TwentyDetachedContainersAtOnce) {
  std::vector<testing::ChildCommand> runs;
  for (int i = 0; i < 20; ++i) {
    runs.push_back(testing::StartCommandInChild(cli::RunRun, RunArgs({"-d", "--name", absl::StrCat("c", i), "--"})));
  }
  for (testing::ChildCommand& c : runs) testing::WaitForCommand(c);  // usage: no command given
  runs.clear();
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    ids.push_back(absl::StrCat("c", i));
    std::vector<std::string> args = {"-d", "--name", ids.back(), "--"};
    args.insert(args.end(), kPolite.begin(), kPolite.end());
    runs.push_back(testing::StartCommandInChild(cli::RunRun, RunArgs(args)));
  }
  for (testing::ChildCommand& c : runs) {
    Outcome r = testing::WaitForCommand(c);
    EXPECT_EQ(r.code, 0) << r.err;
  }
  std::vector<std::string> listed = absl::StrSplit(Cmd(cli::RunPs, {"-q"}).out, '\n', absl::SkipEmpty());
  std::vector<std::string> sorted_ids = ids;
  std::sort(sorted_ids.begin(), sorted_ids.end());
  EXPECT_EQ(listed, sorted_ids);
  std::vector<testing::ChildCommand> stops;
  for (const std::string& id : ids) stops.push_back(testing::StartCommandInChild(cli::RunStop, WithRoot({id})));
  for (testing::ChildCommand& c : stops) EXPECT_EQ(testing::WaitForCommand(c).code, 0);
  for (const std::string& id : ids) EXPECT_EQ(Cmd(cli::RunWait, {id}).out, "3\n") << id;
  std::vector<std::string> rm = ids;
  Outcome r = Cmd(cli::RunRm, rm);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(RuncList(), "");
  EXPECT_EQ(Bundles(), std::vector<std::string>{});
  // Nothing left in the state root, runc's root included: only the empty
  // directories every run makes.
  EXPECT_EQ(Tree(root_), (std::vector<std::string>{"bundles/", "runc/"}));
}

TEST_F(DetachedTest, UsageErrorsAndHelp) {
  EXPECT_EQ(Cmd(cli::RunLogs, {}).err, "ocikit: logs: expected a container ID\n");
  EXPECT_EQ(Cmd(cli::RunStop, {}).err, "ocikit: stop: expected a container ID\n");
  EXPECT_EQ(Cmd(cli::RunStop, {"-t", "soon", "x"}).code, 125);
  EXPECT_THAT(Cmd(cli::RunWait, {"nope"}).err, HasSubstr("ocikit: wait: no container \"nope\""));
  EXPECT_THAT(Cmd(cli::RunInspect, {"nope"}).err, HasSubstr("ocikit: inspect: no container \"nope\""));
  EXPECT_EQ(Cmd(cli::RunGc, {"x"}).err, "ocikit: gc: unexpected argument \"x\"\n");
  for (cli::CommandFn fn : {cli::RunPs, cli::RunLogs, cli::RunStop, cli::RunWait, cli::RunInspect, cli::RunRm, cli::RunGc}) {
    Outcome r = Cmd(fn, {"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, StartsWith("Usage: ocikit "));
  }
}

}  // namespace
}  // namespace ocikit::executor
