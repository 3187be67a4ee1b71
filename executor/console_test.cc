#include "executor/console.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ocikit::executor {
namespace {

// What a runtime does: connect and send one descriptor with SCM_RIGHTS.
void SendFd(const std::string& path, int fd) {
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  ASSERT_EQ(connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  char name[] = "/dev/ptmx";
  iovec iov = {name, sizeof(name)};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  ASSERT_GT(sendmsg(s, &msg, 0), 0);
  close(s);
}

TEST(ConsoleSocketTest, ReceivesTheDescriptor) {
  char tmpl[] = "/tmp/console-test.XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string path = dir + "/console.sock";
  {
    absl::StatusOr<ConsoleSocket> sock = ConsoleSocket::Listen(path);
    ASSERT_TRUE(sock.ok()) << sock.status();
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    SendFd(path, fds[1]);
    absl::StatusOr<UniqueFd> got = sock->ReceiveMaster(absl::Seconds(5));
    ASSERT_TRUE(got.ok()) << got.status();
    ASSERT_EQ(write(got->get(), "x", 1), 1);  // the very same pipe
    char c = 0;
    ASSERT_EQ(read(fds[0], &c, 1), 1);
    EXPECT_EQ(c, 'x');
    EXPECT_TRUE(fcntl(got->get(), F_GETFD) & FD_CLOEXEC);
    close(fds[0]);
    close(fds[1]);
  }
  EXPECT_NE(access(path.c_str(), F_OK), 0);  // removed with the socket
  rmdir(dir.c_str());
}

TEST(ConsoleSocketTest, TimesOutWithoutARuntime) {
  char tmpl[] = "/tmp/console-test.XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    absl::StatusOr<ConsoleSocket> sock = ConsoleSocket::Listen(dir + "/c.sock");
    ASSERT_TRUE(sock.ok());
    absl::StatusOr<UniqueFd> got = sock->ReceiveMaster(absl::Milliseconds(20));
    EXPECT_TRUE(absl::IsDeadlineExceeded(got.status())) << got.status();
  }
  rmdir(dir.c_str());
}

TEST(ConsoleSocketTest, PathTooLong) {
  absl::StatusOr<ConsoleSocket> sock = ConsoleSocket::Listen("/tmp/" + std::string(120, 'x'));
  ASSERT_FALSE(sock.ok());
  EXPECT_TRUE(absl::StrContains(sock.status().message(), "unix sockets allow 107")) << sock.status();
}

}  // namespace
}  // namespace ocikit::executor
