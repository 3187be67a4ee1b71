#include "executor/spawn.h"

#include <signal.h>

#include <string>

#include "absl/strings/match.h"
#include "executor/signals.h"
#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

TEST(RunCommandTest, CapturesOutputAndStatus) {
  absl::StatusOr<CommandResult> r = RunCommand({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code(), 3);
  EXPECT_FALSE(r->success());
}

TEST(RunCommandTest, LargeOutputNeverBlocks) {
  // 4 MiB on each stream: a pipe would fill at 64 KiB while ocikit waits.
  absl::StatusOr<CommandResult> r =
      RunCommand({"/bin/sh", "-c", "head -c 4194304 /dev/zero; head -c 4194304 /dev/zero >&2"}, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->out.size(), 4u << 20);
  EXPECT_EQ(r->err.size(), 4u << 20);
  EXPECT_TRUE(r->success());
}

TEST(RunCommandTest, StdinIsDevNullByDefault) {
  absl::StatusOr<CommandResult> r = RunCommand({"/bin/sh", "-c", "cat; echo done"}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out, "done\n");
}

TEST(RunCommandTest, TimeoutKills) {
  CommandOptions o;
  o.timeout = absl::Milliseconds(100);
  const absl::Time start = absl::Now();
  absl::StatusOr<CommandResult> r = RunCommand({"/bin/sleep", "10"}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->exit_code(), 137);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST(SpawnTest, ChildGetsACleanSignalMaskAndDefaultDispositions) {
  absl::StatusOr<std::unique_ptr<SignalChannel>> ch = SignalChannel::Open();  // blocks TERM, CHLD, ...
  ASSERT_TRUE(ch.ok());
  signal(SIGPIPE, SIG_IGN);
  absl::StatusOr<CommandResult> r =
      RunCommand({"/bin/sh", "-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status"}, {});
  signal(SIGPIPE, SIG_DFL);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(absl::StrContains(r->out, "SigBlk:\t0000000000000000")) << r->out;
  // ocikit's ignored SIGPIPE (bit 12) is not inherited.
  const size_t at = r->out.find("SigIgn:\t");
  ASSERT_NE(at, std::string::npos) << r->out;
  const uint64_t ignored = std::stoull(r->out.substr(at + 8, 16), nullptr, 16);
  EXPECT_EQ(ignored & (uint64_t{1} << (SIGPIPE - 1)), 0u) << r->out;
}

TEST(SpawnTest, NewSession) {
  absl::StatusOr<pid_t> own = Spawn({"/bin/sleep", "10"}, {}, /*new_session=*/true);
  absl::StatusOr<pid_t> shared = Spawn({"/bin/sleep", "10"});
  ASSERT_TRUE(own.ok() && shared.ok());
  EXPECT_EQ(getsid(*own), *own);  // leads a session of its own
  EXPECT_EQ(getsid(*shared), getsid(0));
  for (pid_t pid : {*own, *shared}) {
    kill(pid, SIGKILL);
    ASSERT_TRUE(WaitChild(pid).ok());
  }
}

TEST(SpawnTest, MissingExecutable) {
  absl::StatusOr<pid_t> pid = Spawn({"/nonexistent/x"});
  EXPECT_FALSE(pid.ok());
  EXPECT_TRUE(absl::StrContains(pid.status().message(), "/nonexistent/x")) << pid.status();
}

TEST(WaitChildTest, ReapsOnlyThatChild) {
  absl::StatusOr<pid_t> a = Spawn({"/bin/sh", "-c", "exit 1"});
  absl::StatusOr<pid_t> b = Spawn({"/bin/sh", "-c", "exit 2"});
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<WaitResult> wb = WaitChild(*b, absl::Seconds(5));
  absl::StatusOr<WaitResult> wa = WaitChild(*a);
  ASSERT_TRUE(wa.ok() && wb.ok());
  EXPECT_EQ(ExitCodeFromWaitStatus(wa->status), 1);
  EXPECT_EQ(ExitCodeFromWaitStatus(wb->status), 2);
}

}  // namespace
}  // namespace ocikit::executor
