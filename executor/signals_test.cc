#include "executor/signals.h"

#include <signal.h>
#include <unistd.h>

#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

TEST(ParseSignalTest, NamesAndNumbers) {
  EXPECT_EQ(*ParseSignal("TERM"), SIGTERM);
  EXPECT_EQ(*ParseSignal("SIGTERM"), SIGTERM);
  EXPECT_EQ(*ParseSignal("sigkill"), SIGKILL);
  EXPECT_EQ(*ParseSignal("9"), SIGKILL);
  EXPECT_EQ(*ParseSignal("usr1"), SIGUSR1);
  EXPECT_EQ(*ParseSignal("WINCH"), SIGWINCH);
  EXPECT_FALSE(ParseSignal("0").ok());
  EXPECT_FALSE(ParseSignal("99").ok());
  EXPECT_FALSE(ParseSignal("TERMINATE").ok());
  EXPECT_FALSE(ParseSignal("").ok());
}

TEST(SignalNameTest, Names) {
  EXPECT_EQ(SignalName(SIGTERM), "SIGTERM");
  EXPECT_EQ(SignalName(SIGKILL), "SIGKILL");
  EXPECT_EQ(SignalName(SIGRTMIN + 1), absl::StrCat("SIG", SIGRTMIN + 1));
}

TEST(SignalChannelTest, ReceivesBlockedSignalsAndRestoresTheMask) {
  sigset_t before;
  sigprocmask(SIG_SETMASK, nullptr, &before);
  ASSERT_FALSE(sigismember(&before, SIGUSR1));
  {
    absl::StatusOr<std::unique_ptr<SignalChannel>> ch = SignalChannel::Open();
    ASSERT_TRUE(ch.ok()) << ch.status();
    sigset_t during;
    sigprocmask(SIG_SETMASK, nullptr, &during);
    EXPECT_TRUE(sigismember(&during, SIGUSR1));
    EXPECT_TRUE(sigismember(&during, SIGCHLD));
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGTERM);
    std::vector<int> got = (*ch)->ReadPending();
    EXPECT_EQ(got.size(), 2u);
    EXPECT_TRUE(IsForwardedSignal(got[0]));
    EXPECT_TRUE((*ch)->ReadPending().empty());
    kill(getpid(), SIGUSR2);  // pending at destruction: drained, not delivered
  }
  sigset_t after;
  sigprocmask(SIG_SETMASK, nullptr, &after);
  EXPECT_FALSE(sigismember(&after, SIGUSR1));
  EXPECT_FALSE(sigismember(&after, SIGCHLD));
}

TEST(IsForwardedSignalTest, TheSixSignals) {
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2}) EXPECT_TRUE(IsForwardedSignal(s)) << s;
  for (int s : {SIGCHLD, SIGWINCH, SIGKILL, SIGPIPE}) EXPECT_FALSE(IsForwardedSignal(s)) << s;
}

}  // namespace
}  // namespace ocikit::executor
