#include "executor/runtime_shim/service.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/file.h"

extern char** environ;

namespace ocikit::runtime_shim {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Strings(const std::vector<std::string>& strings) {
  std::string out;
  for (const std::string& s : strings) out += s + std::string(1, '\0');
  return out;
}

// Sends a request as front.c does: `magic`, the payload's length, the payload,
// and `fds` with the first part.
void Send(int fd, const std::string& payload, std::vector<int> fds, const char* magic = OCIKIT_GATE_REQUEST_MAGIC,
          uint32_t length = 0) {
  std::string message(magic, 8);
  length = length != 0 ? length : static_cast<uint32_t>(payload.size());
  message.append(reinterpret_cast<const char*>(&length), sizeof length);
  message += payload;
  iovec iov = {message.data(), message.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(8 * sizeof(int))] = {};
  msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = CMSG_SPACE(fds.size() * sizeof(int));
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(fds.size() * sizeof(int));
  std::memcpy(CMSG_DATA(c), fds.data(), fds.size() * sizeof(int));
  ASSERT_EQ(::sendmsg(fd, &msg, 0), static_cast<ssize_t>(message.size()));
}

int OpenFds() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  while (::readdir(d) != nullptr) ++n;
  ::closedir(d);
  return n;
}

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair_), 0); }
  void TearDown() override {
    ::close(pair_[0]);
    ::close(pair_[1]);
  }
  int pair_[2];
};

TEST_F(ServiceTest, ARequestCarriesArgumentsEnvironmentAndFourDescriptors) {
  Send(pair_[0], Strings({"2", "create", "web", "A=1", "B=2"}), {0, 1, 2, 0});
  absl::StatusOr<internal::ServiceRequest> req = internal::ReadServiceRequest(pair_[1]);
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_THAT(req->args, ElementsAre("create", "web"));
  EXPECT_THAT(req->env, ElementsAre("A=1", "B=2"));
  for (int fd : req->fds) {
    EXPECT_GT(fd, 2);
    EXPECT_EQ(::fcntl(fd, F_GETFD), FD_CLOEXEC);
    ::close(fd);
  }
}

TEST_F(ServiceTest, WhatIsNotARequestIsRefusedAndItsDescriptorsClosed) {
  const int before = OpenFds();
  const std::string good = Strings({"1", "create"});
  struct Case {
    const char* name;
    std::string payload;
    std::vector<int> fds;
    const char* magic;
    uint32_t length;
  };
  const std::vector<Case> cases = {
      {"wrong magic", good, {0, 1, 2, 0}, "OCIKITX1", 0},
      {"three descriptors", good, {0, 1, 2}, OCIKIT_GATE_REQUEST_MAGIC, 0},
      {"too large", good, {0, 1, 2, 0}, OCIKIT_GATE_REQUEST_MAGIC, OCIKIT_GATE_MAX_MESSAGE + 1},
      {"count past the strings", Strings({"3", "create"}), {0, 1, 2, 0}, OCIKIT_GATE_REQUEST_MAGIC, 0},
      {"unterminated", "1\0create" + std::string(), {0, 1, 2, 0}, OCIKIT_GATE_REQUEST_MAGIC, 0},
  };
  for (const Case& c : cases) {
    int pair[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    Send(pair[0], c.payload, c.fds, c.magic, c.length);
    ::shutdown(pair[0], SHUT_WR);
    EXPECT_FALSE(internal::ReadServiceRequest(pair[1]).ok()) << c.name;
    ::close(pair[0]);
    ::close(pair[1]);
  }
  EXPECT_EQ(OpenFds(), before);
}

TEST(ServiceReplyTest, ExitOrExec) {
  std::string exit_reply = internal::EncodeServiceReply(1, "", {});
  EXPECT_EQ(exit_reply.substr(0, 8), OCIKIT_GATE_REPLY_MAGIC);
  EXPECT_EQ(exit_reply.substr(12), Strings({"exit", "1"}));
  std::string exec_reply = internal::EncodeServiceReply(0, "/usr/bin/runc", {"/usr/bin/runc", "create", "web"});
  EXPECT_EQ(exec_reply.substr(12), Strings({"exec", "/usr/bin/runc", "/usr/bin/runc", "create", "web"}));
  uint32_t length;
  std::memcpy(&length, exec_reply.data() + 8, sizeof length);
  EXPECT_EQ(length, exec_reply.size() - 12);
}

// RunForFront runs the request as the gate would in the front's directory,
// with its environment and standard error, and leaves the service as it was.
TEST(RunForFrontTest, RunsTheRequestAsTheFrontAndRestoresTheService) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/run-for-front");
  ASSERT_EQ(std::system(("rm -rf " + dir + " && mkdir -p " + dir + "/b").c_str()), 0);
  ASSERT_TRUE(WriteFileAtomic(dir + "/none.json", R"({"version":1,"profile":"none"})", 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(dir + "/baseline.json", R"({"version":1,"profile":"baseline"})", 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(dir + "/b/config.json",
                              R"({"ociVersion":"1.0.2","process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/",)"
                              R"("capabilities":{"bounding":["CAP_SYS_ADMIN"]}},"root":{"path":"rootfs"},"linux":{}})",
                              0644)
                  .ok());
  std::vector<std::string> saved_env;
  for (char** e = environ; *e != nullptr; ++e) saved_env.emplace_back(*e);
  char saved_cwd[4096];
  ASSERT_NE(::getcwd(saved_cwd, sizeof saved_cwd), nullptr);
  int err[2];
  ASSERT_EQ(::pipe2(err, O_CLOEXEC), 0);
  internal::ServiceRequest req;
  req.fds[0] = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  req.fds[1] = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  req.fds[2] = err[1];
  req.fds[3] = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  req.args = {"--ocikit-delegate", "/bin/true", "create", "--bundle", "b", "web"};
  // The front's policy (its environment names it) refuses; the message is on
  // the front's stderr.
  req.env = {"PATH=/usr/bin:/bin", "OCIKIT_RUNTIME_POLICY=" + dir + "/baseline.json"};
  EXPECT_EQ(internal::RunForFront(req).substr(12), Strings({"exit", "1"}));
  req.env = {"PATH=/usr/bin:/bin", "OCIKIT_RUNTIME_POLICY=" + dir + "/none.json"};
  EXPECT_EQ(internal::RunForFront(req).substr(12), Strings({"exec", "/bin/true", "/bin/true", "create", "--bundle", "b", "web"}));
  req.args = {"state", "web"};
  EXPECT_EQ(internal::RunForFront(req), "");  // not the service's
  internal::CloseRequestFds(req);
  char buf[4096];
  const ssize_t n = ::read(err[0], buf, sizeof buf);
  EXPECT_THAT(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), HasSubstr("refused by policy baseline"));
  ::close(err[0]);
  char cwd[4096];
  EXPECT_STREQ(::getcwd(cwd, sizeof cwd), "/");
  EXPECT_EQ(::fcntl(2, F_GETFD), 0);  // this process's own stderr again
  ::clearenv();
  for (const std::string& kv : saved_env) ::putenv(::strdup(kv.c_str()));
  ASSERT_EQ(::chdir(saved_cwd), 0);
}

}  // namespace
}  // namespace ocikit::runtime_shim
