// File: executor/console.h
//
// The console socket of a container with a terminal. ocikit listens on a unix
// socket in the bundle and passes it with --console-socket; the runtime
// creates the pty inside the container and sends its master end back over the
// socket as SCM_RIGHTS ancillary data. runc's docs/terminals.md recommends this
// "new terminal" mode for anything not attached to runc itself (E8): ocikit
// then owns the master and copies between it and its own stdio.
//
// Example:
//   absl::StatusOr<ConsoleSocket> sock = ConsoleSocket::Listen(bundle.console_socket);
//   ... runtime create --console-socket <path> ...
//   absl::StatusOr<UniqueFd> master = sock->ReceiveMaster(absl::Seconds(5));
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_CONSOLE_H_
#define OCIKIT_EXECUTOR_CONSOLE_H_

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

class ConsoleSocket {
 public:
  // Listens on a new unix socket at `path` (which must not exist).
  static absl::StatusOr<ConsoleSocket> Listen(const std::string& path) {
    sockaddr_un addr = {};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) {
      return absl::InvalidArgumentError(absl::StrCat("console socket path ", path, " is ", path.size(),
                                                     " bytes long; unix sockets allow ", sizeof(addr.sun_path) - 1,
                                                     " (use a shorter --root or --name)"));
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.valid()) return absl::InternalError(absl::StrCat("console socket: ", std::strerror(errno)));
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(fd.get(), 1) != 0) {
      return absl::FailedPreconditionError(absl::StrCat("console socket ", path, ": ", std::strerror(errno)));
    }
    return ConsoleSocket(std::move(fd), path);
  }

  ConsoleSocket(ConsoleSocket&&) = default;
  ConsoleSocket& operator=(ConsoleSocket&&) = default;
  ~ConsoleSocket() {
    if (fd_.valid()) ::unlink(path_.c_str());
  }

  const std::string& path() const { return path_; }

  // Accepts the runtime's connection and receives the pty master.
  absl::StatusOr<UniqueFd> ReceiveMaster(absl::Duration timeout) {
    pollfd p = {fd_.get(), POLLIN, 0};
    const int ms = static_cast<int>(absl::ToInt64Milliseconds(timeout));
    int ready;
    do {
      ready = ::poll(&p, 1, ms);
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0) {
      return absl::DeadlineExceededError(
          absl::StrCat("the runtime sent no terminal on the console socket within ", absl::FormatDuration(timeout)));
    }
    UniqueFd conn(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn.valid()) return absl::InternalError(absl::StrCat("console socket accept: ", std::strerror(errno)));
    char name[256];
    iovec iov = {name, sizeof(name)};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)];
    msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    ssize_t n;
    do {
      n = ::recvmsg(conn.get(), &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return absl::InternalError(absl::StrCat("console socket recvmsg: ", std::strerror(errno)));
    UniqueFd master;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < count; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        if (!master.valid()) {
          master.Reset(fd);
        } else {
          ::close(fd);
        }
      }
    }
    if (!master.valid()) return absl::InternalError("the runtime connected to the console socket but sent no terminal");
    return master;
  }

 private:
  ConsoleSocket(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  UniqueFd fd_;
  std::string path_;
};

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_CONSOLE_H_
