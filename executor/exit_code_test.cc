#include "executor/exit_code.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

int StatusOf(void (*body)()) {
  const pid_t pid = fork();
  if (pid == 0) {
    body();
    _exit(99);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(ExitCodeFromWaitStatusTest, ExitAndSignal) {
  EXPECT_EQ(ExitCodeFromWaitStatus(StatusOf([] { _exit(0); })), 0);
  EXPECT_EQ(ExitCodeFromWaitStatus(StatusOf([] { _exit(3); })), 3);
  EXPECT_EQ(ExitCodeFromWaitStatus(StatusOf([] { kill(getpid(), SIGKILL); })), 137);
  EXPECT_EQ(ExitCodeFromWaitStatus(StatusOf([] {
              signal(SIGTERM, SIG_DFL);
              kill(getpid(), SIGTERM);
            })),
            143);
}

TEST(ExitCodeForRuntimeErrorTest, RuncMessages) {
  EXPECT_EQ(ExitCodeForRuntimeError(
                "unable to start container process: exec: \"nope\": executable file not found in $PATH"),
            127);
  EXPECT_EQ(ExitCodeForRuntimeError(
                "unable to start container process: exec: \"/nope\": stat /nope: no such file or directory"),
            127);
  EXPECT_EQ(ExitCodeForRuntimeError("unable to start container process: exec: \"/etc/passwd\": permission denied"),
            126);
  EXPECT_EQ(ExitCodeForRuntimeError("unable to start container process: exec: \"/etc\": permission denied"), 126);
  EXPECT_EQ(ExitCodeForRuntimeError("unable to start container process: exec: \"/x\": exec format error"), 126);
}

TEST(ExitCodeForRuntimeErrorTest, CrunMessages) {
  EXPECT_EQ(ExitCodeForRuntimeError("executable file `nope` not found in $PATH: No such file or directory"), 127);
  EXPECT_EQ(ExitCodeForRuntimeError("open executable: Permission denied"), 126);
  EXPECT_EQ(ExitCodeForRuntimeError("open executable: No such file or directory"), 127);
}

TEST(ExitCodeForRuntimeErrorTest, OtherFailuresAre125) {
  EXPECT_EQ(ExitCodeForRuntimeError(""), 125);
  EXPECT_EQ(ExitCodeForRuntimeError("error setting rlimit type 7: operation not permitted"), 125);
  EXPECT_EQ(ExitCodeForRuntimeError("rootfs (/x) does not exist: no such file or directory"), 125);
  EXPECT_EQ(ExitCodeForRuntimeError("open /sys/fs/cgroup/x: permission denied"), 125);
  EXPECT_EQ(ExitCodeForRuntimeError("container with id exists: web"), 125);
}

}  // namespace
}  // namespace ocikit::executor
