// Integration tests of the detached lifecycle: ocikit create, state, ps,
// start, exec, kill and delete, with real runc on the busybox rootfs.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "executor/bundle.h"
#include "executor/cli/container_commands.h"
#include "executor/cli/lifecycle_commands.h"
#include "executor/cli/run_command.h"
#include "executor/testing_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::Outcome;

class LifecycleTest : public testing::IntegrationTest {
 protected:
  const char* Prefix() const override { return "ocikit-lifecycle-test"; }
  void TearDown() override {
    if (root_.empty()) return;
    absl::StatusOr<CommandResult> list = RunCommand({*runc_, "--root", root_ + "/runc", "list", "-q"}, {});
    EXPECT_TRUE(list.ok() && list->out.empty()) << (list.ok() ? list->out : "");
    for (const char* id : {"det", "crashed"}) {
      RunCommand({*runc_, "--root", root_ + "/runc", "delete", "--force", id}, {}).IgnoreError();
    }
    EXPECT_NE(::access((root_ + "/bundles/det").c_str(), F_OK), 0);
    RemoveTree(root_).IgnoreError();
  }
  Outcome Cmd(cli::CommandFn fn, std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {"--root", root_});
    return testing::RunCommandInChild(fn, args, input);
  }
  std::string State(const std::string& id) { return Cmd(cli::RunState, {id}).out; }

};

TEST_F(LifecycleTest, CreateStartExecKillDelete) {
  Outcome r = Cmd(cli::RunCreate, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "sh", "-c",
                                   "echo started; sleep 100"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "det\n");
  EXPECT_THAT(State("det"), HasSubstr("\"status\": \"created\""));
  r = Cmd(cli::RunPs, {"--all", "--quiet"});
  EXPECT_EQ(r.out, "det\n");

  // Later commands use the runtime recorded in the bundle: no --runtime.
  r = Cmd(cli::RunStart, {"det"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(State("det"), HasSubstr("\"status\": \"running\""));
  EXPECT_TRUE(testing::WaitForText(root_ + "/bundles/det/container.log", "started\n"));

  r = Cmd(cli::RunExec, {"det", "sh", "-c", "echo in exec; echo $X; exit 9"});
  EXPECT_EQ(r.code, 9) << r.err;
  EXPECT_EQ(r.out, "in exec\n\n");
  r = Cmd(cli::RunExec, {"-e", "X=1", "-w", "/tmp", "-u", "alice", "det", "sh", "-c", "echo $X; pwd; id -u"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n/tmp\n1000\n");
  r = Cmd(cli::RunExec, {"det", "cat"}, "piped\n");
  EXPECT_EQ(r.out, "piped\n");
  r = Cmd(cli::RunExec, {"det", "no-such-command"});
  EXPECT_EQ(r.code, 127);
  EXPECT_THAT(r.err, HasSubstr("ocikit: exec: runc exec failed: unable to start container process: exec: "
                               "\"no-such-command\": executable file not found in $PATH"));
  r = Cmd(cli::RunExec, {"-t", "det", "tty"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("/dev/pts/"));

  r = Cmd(cli::RunKill, {"det", "BOGUS"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, StartsWith("ocikit: kill: unknown signal \"BOGUS\""));
  r = Cmd(cli::RunKill, {"det", "KILL"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (int i = 0; i < 200 && !absl::StrContains(State("det"), "\"stopped\""); ++i) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_THAT(State("det"), HasSubstr("\"status\": \"stopped\""));

  r = Cmd(cli::RunDelete, {"det"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "removed the runtime state of det (" + root_ + "/runc/det)\nremoved bundle " + root_ +
                       "/bundles/det\n");
  r = Cmd(cli::RunDelete, {"det"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: delete: no container \"det\": no bundle in " + root_ + "/bundles and no runc state in " +
                       root_ + "/runc\n");
}

TEST_F(LifecycleTest, DeleteOfARunningContainerNeedsForce) {
  ASSERT_EQ(Cmd(cli::RunCreate, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "sleep", "100"}).code, 0);
  ASSERT_EQ(Cmd(cli::RunStart, {"det"}).code, 0);
  Outcome r = Cmd(cli::RunDelete, {"det"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("use \"ocikit delete --force --root " + root_ + " det\""));
  r = Cmd(cli::RunDelete, {"--force", "det"});
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(LifecycleTest, RunWithTheIdOfAnExistingContainerIsRefused) {
  ASSERT_EQ(Cmd(cli::RunCreate, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "true"}).code, 0);
  Outcome r = Cmd(cli::RunRun, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.err, "ocikit: run: container \"det\" already exists (runc state in " + root_ +
                       "/runc/det); remove it with \"ocikit delete --force --root " + root_ + " det\"\n");
  EXPECT_EQ(Cmd(cli::RunDelete, {"det"}).code, 0);
}

TEST_F(LifecycleTest, DeleteCleansWhatACrashedRunLeft) {
  // A bundle, and a runc state directory without state.json (runc killed while creating).
  ASSERT_TRUE(MakeDirs(root_ + "/bundles/crashed", 0711).ok());
  ASSERT_TRUE(WriteFileAtomic(root_ + "/bundles/crashed/config.json", "{}", 0600).ok());
  ASSERT_TRUE(MakeDirs(root_ + "/runc/crashed", 0711).ok());
  Outcome r = Cmd(cli::RunPs, {"--runtime", *runc_, "-a", "--quiet"});
  EXPECT_EQ(r.code, 0) << r.err;
  r = Cmd(cli::RunDelete, {"--runtime", *runc_, "crashed"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(root_ + "/runc/crashed"));
  EXPECT_THAT(r.out, HasSubstr("removed bundle " + root_ + "/bundles/crashed\n"));
  EXPECT_NE(::access((root_ + "/runc/crashed").c_str(), F_OK), 0);
  EXPECT_NE(::access((root_ + "/bundles/crashed").c_str(), F_OK), 0);
}

TEST_F(LifecycleTest, PsReportsOrphanBundles) {
  ASSERT_TRUE(MakeDirs(root_ + "/bundles/crashed", 0711).ok());
  Outcome r = Cmd(cli::RunPs, {"--runtime", *runc_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "ocikit: ps: bundle of \"crashed\" has no runc state (a crashed run?); remove it with "
                   "\"ocikit delete --root " + root_ + " crashed\"\n");
  EXPECT_EQ(Cmd(cli::RunDelete, {"crashed"}).code, 0);
}

TEST_F(LifecycleTest, CreateRefusesATerminalAndCleansUp) {
  Outcome r = Cmd(cli::RunCreate, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "-t", "sh"});
  EXPECT_EQ(r.code, 125);
  EXPECT_THAT(r.err, HasSubstr("process.terminal: a detached container cannot have a terminal"));
}

TEST_F(LifecycleTest, CreateFailureLeavesNothing) {
  Outcome r = Cmd(cli::RunCreate, {"--runtime", *runc_, "--rootfs", *rootfs_, "--name", "det", "no-such-command"});
  EXPECT_EQ(r.code, 127);
  EXPECT_THAT(r.err, HasSubstr("ocikit: create: runc create failed:"));
}

// Every runtime command ocikit issues with a container id (run, create,
// start, exec, state, kill, delete; with and without a terminal) puts "--"
// right before the id, so that no id can reach the runtime as a flag. A
// wrapper runtime records each call's arguments, one per line, and runs runc.
TEST_F(LifecycleTest, EveryRuntimeCommandPutsDashDashBeforeTheId) {
  const std::string id = absl::StrCat("ocikit-dashdash-", ::getpid());
  const std::string calls = root_ + "/calls";
  const std::string wrapper = root_ + "/wrapper/runc";
  ASSERT_TRUE(MakeDirs(root_ + "/wrapper", 0755).ok());
  ASSERT_TRUE(WriteFileAtomic(wrapper,
                              absl::StrCat("#!/bin/sh\nprintf '%s\\n' \"$@\" '' >> ", calls, "\nexec ", *runc_,
                                           " \"$@\"\n"),
                              0755)
                  .ok());
  const std::vector<std::string> run = {"--runtime", wrapper, "--rootfs", *rootfs_, "--name", id};
  const auto with = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  EXPECT_EQ(Cmd(cli::RunRun, with(run, {"true"})).code, 0);
  EXPECT_EQ(Cmd(cli::RunRun, with(run, {"-t", "true"})).code, 0);
  ASSERT_EQ(Cmd(cli::RunCreate, with(run, {"sleep", "100"})).code, 0);
  EXPECT_EQ(Cmd(cli::RunStart, {id}).code, 0);
  EXPECT_EQ(Cmd(cli::RunExec, {id, "true"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunExec, {"-t", id, "true"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunState, {id}).code, 0);
  EXPECT_EQ(Cmd(cli::RunKill, {id, "KILL"}).code, 0);
  EXPECT_EQ(Cmd(cli::RunDelete, {"--force", id}).code, 0);

  std::set<std::string> seen;
  for (absl::string_view call : absl::StrSplit(testing::ReadAll(calls), "\n\n", absl::SkipEmpty())) {
    const std::vector<std::string> argv = absl::StrSplit(call, '\n');
    const auto command = std::find_if(argv.begin(), argv.end(), [](const std::string& a) {
      return a == "run" || a == "create" || a == "start" || a == "exec" || a == "state" || a == "kill" ||
             a == "delete";
    });
    if (command == argv.end()) continue;
    seen.insert(*command);
    const auto at = std::find(command, argv.end(), id);
    ASSERT_NE(at, argv.end()) << call;
    EXPECT_EQ(*(at - 1), "--") << "no -- before the id: " << absl::StrJoin(argv, " ");
  }
  EXPECT_EQ(seen, (std::set<std::string>{"run", "create", "start", "exec", "state", "kill", "delete"}));
}

TEST_F(LifecycleTest, UsageErrors) {
  EXPECT_EQ(Cmd(cli::RunStart, {}).err, "ocikit: start: expected a container ID\n");
  EXPECT_EQ(Cmd(cli::RunState, {"a/b"}).code, 125);
  EXPECT_EQ(Cmd(cli::RunKill, {"x", "TERM", "extra"}).err,
            "ocikit: kill: unexpected argument \"extra\"; expected ID [SIGNAL]\n");
  EXPECT_EQ(Cmd(cli::RunExec, {"x"}).code, 125);
  Outcome r = Cmd(cli::RunStart, {"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, StartsWith("Usage: ocikit start [FLAGS] ID"));
}

}  // namespace
}  // namespace ocikit::executor
