#include "executor/supervise.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "executor/exit_code.h"
#include "executor/signals.h"
#include "executor/spawn.h"
#include "executor/subreaper.h"
#include "gtest/gtest.h"
#include <fcntl.h>

namespace ocikit::executor {
namespace {

// Supervises `script` run by sh as a direct child, forwarding with kill(2).
class SuperviseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<SignalChannel>> ch = SignalChannel::Open();
    ASSERT_TRUE(ch.ok());
    signals_ = *std::move(ch);
  }
  pid_t Start(const std::string& script, int out = -1) {
    SpawnStdio stdio;
    stdio.out = out;
    absl::StatusOr<pid_t> pid = Spawn({"/bin/sh", "-c", script}, stdio);
    EXPECT_TRUE(pid.ok());
    return *pid;
  }
  // Start, returning once `script` said "ready" (its traps are set).
  pid_t StartReady(const std::string& script) {
    int ready[2];
    EXPECT_EQ(pipe2(ready, O_CLOEXEC), 0);
    const pid_t pid = Start(script, ready[1]);
    close(ready[1]);
    char buf[8];
    EXPECT_GT(read(ready[0], buf, sizeof(buf)), 0);
    close(ready[0]);
    return pid;
  }
  Supervision For(pid_t pid) {
    Supervision s;
    s.pid = pid;
    s.forward = [pid, this](int sig) {
      forwarded_.push_back(sig);
      kill(pid, sig);
      return true;
    };
    return s;
  }
  std::unique_ptr<SignalChannel> signals_;
  std::vector<int> forwarded_;
};

TEST_F(SuperviseTest, ExitStatus) {
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, For(Start("exit 3")));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 3);
  EXPECT_FALSE(r->timed_out);
}

TEST_F(SuperviseTest, ForwardsSignals) {
  int ready[2];
  ASSERT_EQ(pipe2(ready, O_CLOEXEC), 0);
  const pid_t pid = Start("trap 'exit 7' USR1; echo ready; while :; do sleep 0.05; done", ready[1]);
  close(ready[1]);
  char buf[8];
  ASSERT_GT(read(ready[0], buf, sizeof(buf)), 0);
  close(ready[0]);
  kill(getpid(), SIGUSR1);  // blocked: waits in the signalfd
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, For(pid));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 7);
  EXPECT_EQ(forwarded_, std::vector<int>{SIGUSR1});
}

TEST_F(SuperviseTest, TimeoutSendsTermThenKill) {
  Supervision s = For(Start("exec sleep 10"));
  s.timeout = absl::Milliseconds(100);
  s.stop_timeout = absl::Milliseconds(100);
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 143);
  EXPECT_EQ(forwarded_, std::vector<int>{SIGTERM});

  forwarded_.clear();
  std::vector<std::string> notes;
  s = For(Start("trap '' TERM; exec sleep 10"));
  s.timeout = absl::Milliseconds(100);
  s.stop_timeout = absl::Milliseconds(100);
  s.note = [&notes](const std::string& line) { notes.push_back(line); };
  const absl::Time start = absl::Now();
  r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 137);
  EXPECT_EQ(forwarded_, (std::vector<int>{SIGTERM, SIGKILL}));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_EQ(notes, (std::vector<std::string>{"timeout of 100ms reached; sending SIGTERM, then SIGKILL after 100ms",
                                             "the container did not stop within 100ms; sending SIGKILL"}));
}

TEST_F(SuperviseTest, SecondInterruptStopsAContainerThatIgnoresIt) {
  std::vector<std::string> notes;
  const pid_t pid = StartReady("trap '' INT TERM; echo ready; exec sleep 10");
  Supervision s = For(pid);
  s.interrupt_stop_signal = SIGTERM;
  s.stop_timeout = absl::Milliseconds(100);
  s.note = [&notes](const std::string& line) { notes.push_back(line); };
  // Ctrl-C once before the wait, and again once the first was forwarded.
  s.forward = [pid, this](int sig) {
    forwarded_.push_back(sig);
    kill(pid, sig);
    if (forwarded_.size() == 1) kill(getpid(), SIGINT);
    return true;
  };
  kill(getpid(), SIGINT);
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 137);
  EXPECT_FALSE(r->timed_out);
  EXPECT_EQ(forwarded_, (std::vector<int>{SIGINT, SIGTERM, SIGKILL}));
  EXPECT_EQ(notes, (std::vector<std::string>{"received SIGINT again; stopping the container: SIGTERM, then SIGKILL after 100ms",
                                             "the container did not stop within 100ms; sending SIGKILL"}));
}

TEST_F(SuperviseTest, WithoutAStopSignalEveryInterruptIsForwarded) {
  const pid_t pid = StartReady("trap '' INT; trap 'exit 4' USR1; echo ready; while :; do sleep 0.05; done");
  Supervision s = For(pid);
  s.forward = [pid, this](int sig) {
    forwarded_.push_back(sig);
    kill(pid, sig);
    if (forwarded_.size() == 1) kill(getpid(), SIGINT);
    if (forwarded_.size() == 2) kill(getpid(), SIGUSR1);
    return true;
  };
  kill(getpid(), SIGINT);
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 4);
  EXPECT_EQ(forwarded_, (std::vector<int>{SIGINT, SIGINT, SIGUSR1}));
}

TEST_F(SuperviseTest, OutputGoesToWriteOut) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  const pid_t pid = Start("echo one; echo two", fds[1]);
  close(fds[1]);
  UniqueFd master(fds[0]);
  std::string got;
  Supervision s = For(pid);
  s.master = master.get();
  s.write_out = [&got](const char* data, size_t size) {
    got.append(data, size);
    return true;
  };
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(got, "one\ntwo\n");
}

TEST_F(SuperviseTest, SignalsThatCannotBeDeliveredYetAreTriedAgainInOrder) {
  int ready[2];
  ASSERT_EQ(pipe2(ready, O_CLOEXEC), 0);
  const pid_t pid = Start("trap 'echo USR1' USR1; trap 'echo USR2; exit 5' USR2; echo ready; while :; do sleep 0.02; done",
                          ready[1]);
  close(ready[1]);
  char buf[8];
  ASSERT_GT(read(ready[0], buf, sizeof(buf)), 0);
  Supervision s;
  s.pid = pid;
  int attempts = 0;
  // The first three attempts fail, as `runc kill` does while the container is being created.
  s.forward = [&](int sig) {
    forwarded_.push_back(sig);
    if (++attempts <= 3) return false;
    kill(pid, sig);
    usleep(50000);  // let the shell run the trap before the next one
    return true;
  };
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR2);
  const absl::Time start = absl::Now();
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 5);
  EXPECT_GE(absl::Now() - start, 3 * kForwardRetryInterval);
  // USR2 waits behind USR1, which is tried again (3 failures) before it is delivered.
  EXPECT_EQ(forwarded_, (std::vector<int>{SIGUSR1, SIGUSR1, SIGUSR1, SIGUSR1, SIGUSR2}));
  close(ready[0]);
}

TEST_F(SuperviseTest, AProcessStillThereAfterTheForwardedKillIsKilled) {
  // `forward` reaches a container that is gone; the supervised process (a
  // stuck runtime) stays until ocikit kills it itself.
  const pid_t pid = Start("trap '' TERM; exec sleep 10");
  Supervision s;
  s.pid = pid;
  s.forward = [this](int sig) {
    forwarded_.push_back(sig);
    return true;
  };
  std::vector<std::string> notes;
  s.note = [&notes](const std::string& line) { notes.push_back(line); };
  s.timeout = absl::Milliseconds(100);
  s.stop_timeout = absl::Milliseconds(100);
  s.kill_pid_after = absl::Milliseconds(100);
  const absl::Time start = absl::Now();
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 137);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
  EXPECT_EQ(forwarded_, (std::vector<int>{SIGTERM, SIGKILL}));
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[2], absl::StrCat("process ", pid, " is still there 100ms after SIGKILL was sent to the container; killing it"));
}

TEST_F(SuperviseTest, ReapsOrphansSoNoZombieRemains) {
  ChildSubreaper subreaper;
  ASSERT_TRUE(subreaper.ok());
  // The grandchild outlives its parent and is re-parented to this process.
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, For(Start("(sleep 0.2; exit 0) & exit 0")));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ExitCodeFromWaitStatus(r->status), 0);
  ReapChildren(*signals_, absl::Seconds(5));
  int status;
  EXPECT_EQ(waitpid(-1, &status, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST_F(SuperviseTest, NotAChild) {
  absl::StatusOr<SupervisionResult> r = Supervise(*signals_, For(1));
  EXPECT_TRUE(absl::IsFailedPrecondition(r.status())) << r.status();
}

}  // namespace
}  // namespace ocikit::executor
