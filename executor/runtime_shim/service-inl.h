// Definitions of executor/runtime_shim/service.h: included by it in
// header-only mode (the default); compiled once in compiled mode
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_INL_H_

#include "executor/runtime_shim/service.h"
#include "spec/internal/compile_mode.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "executor/runtime_shim/shim.h"
#include "spec/file.h"

namespace ocikit::runtime_shim {

namespace internal {

// Reads exactly `size` bytes (SO_RCVTIMEO bounds each read).
inline bool ReadFull(int fd, char* data, size_t size) {
  for (size_t done = 0; done < size;) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

inline bool SendFull(int fd, absl::string_view data) {
  for (size_t done = 0; done < data.size();) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// The request's header and its 4 descriptors, which `req` owns from then on.
inline absl::StatusOr<uint32_t> ReceiveHeader(int conn, ServiceRequest& req) {
  char head[OCIKIT_GATE_HEADER_SIZE];
  iovec iov = {head, sizeof head};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof req.fds)];
  msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(conn, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
  } while (n < 0 && errno == EINTR);
  const cmsghdr* c = n > 0 ? CMSG_FIRSTHDR(&msg) : nullptr;
  if (c != nullptr && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    std::memcpy(req.fds, CMSG_DATA(c), std::min(count, size_t{4}) * sizeof(int));
    if (count != 4 || (msg.msg_flags & MSG_CTRUNC) != 0) return absl::InvalidArgumentError("expected 4 descriptors");
  }
  if (n != static_cast<ssize_t>(sizeof head) || req.fds[3] < 0) return absl::InvalidArgumentError("short request");
  if (std::memcmp(head, OCIKIT_GATE_REQUEST_MAGIC, 8) != 0) return absl::InvalidArgumentError("not a gate request");
  uint32_t length;
  std::memcpy(&length, head + 8, sizeof length);
  if (length > OCIKIT_GATE_MAX_MESSAGE) return absl::InvalidArgumentError("request too large");
  return length;
}

// Splits the payload: the argument count, the arguments, the environment.
inline absl::Status SplitRequest(absl::string_view payload, ServiceRequest& req) {
  std::vector<std::string> strings;
  for (size_t at = 0; at < payload.size();) {
    const size_t end = payload.find('\0', at);
    if (end == absl::string_view::npos) return absl::InvalidArgumentError("unterminated string");
    strings.emplace_back(payload.substr(at, end - at));
    at = end + 1;
  }
  size_t argc = 0;
  if (strings.empty() || !absl::SimpleAtoi(strings[0], &argc) || argc > strings.size() - 1) {
    return absl::InvalidArgumentError("bad argument count");
  }
  req.args.assign(strings.begin() + 1, strings.begin() + 1 + static_cast<std::ptrdiff_t>(argc));
  req.env.assign(strings.begin() + 1 + static_cast<std::ptrdiff_t>(argc), strings.end());
  return absl::OkStatus();
}

OCIKIT_INLINE void CloseRequestFds(ServiceRequest& req) {
  for (int& fd : req.fds) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

// This process as the front's: its standard streams, directory and
// environment. `saved` keeps the service's own streams.
inline bool AdoptFront(const ServiceRequest& req, const int saved[3]) {
  std::cout.flush();
  for (int i = 0; i < 3; ++i) {
    if (saved[i] < 0 || ::dup2(req.fds[i], i) < 0) return false;
  }
  if (::fchdir(req.fds[3]) != 0) return false;
  ::clearenv();
  for (const std::string& kv : req.env) {
    const size_t eq = kv.find('=');
    if (eq != std::string::npos && eq > 0) ::setenv(kv.substr(0, eq).c_str(), kv.c_str() + eq + 1, 1);
  }
  return true;
}

inline void RestoreService(const int saved[3]) {
  std::cout.flush();
  for (int i = 0; i < 3; ++i) {
    if (saved[i] >= 0) ::dup2(saved[i], i);
  }
  std::cout.clear();
  std::cerr.clear();
  if (::chdir("/") != 0) std::abort();  // a service that cannot leave the front's directory must not go on
}

OCIKIT_INLINE std::string EncodeServiceReply(int code, const std::string& path, const std::vector<std::string>& argv) {
  std::string payload;
  const auto add = [&payload](absl::string_view s) { absl::StrAppend(&payload, s, absl::string_view("\0", 1)); };
  if (argv.empty()) {
    add("exit");
    add(absl::StrCat(code));
  } else {
    add("exec");
    add(path);
    for (const std::string& a : argv) add(a);
  }
  const uint32_t length = static_cast<uint32_t>(payload.size());
  std::string out(OCIKIT_GATE_REPLY_MAGIC);
  out.append(reinterpret_cast<const char*>(&length), sizeof length);
  return out + payload;
}

OCIKIT_INLINE absl::StatusOr<ServiceRequest> ReadServiceRequest(int conn) {
  ServiceRequest req;
  absl::StatusOr<uint32_t> length = ReceiveHeader(conn, req);
  std::string payload(length.ok() ? *length : 0, '\0');
  absl::Status status = length.status();
  if (status.ok() && !ReadFull(conn, payload.data(), payload.size())) status = absl::InvalidArgumentError("short request");
  if (status.ok()) status = SplitRequest(payload, req);
  if (!status.ok()) {
    CloseRequestFds(req);
    return status;
  }
  return req;
}

// Whether the peer runs as this service's user.
inline bool PeerIsOwnUser(int conn) {
  ucred cred = {};
  socklen_t len = sizeof cred;
  return ::getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == ::geteuid();
}

// Runs a create or run request as the gate would in the front's stead: the
// reply, or "" when the front is to run the gate itself.
OCIKIT_INLINE std::string RunForFront(const ServiceRequest& req) {
  static const int saved[3] = {::fcntl(0, F_DUPFD_CLOEXEC, 3), ::fcntl(1, F_DUPFD_CLOEXEC, 3),
                               ::fcntl(2, F_DUPFD_CLOEXEC, 3)};
  absl::StatusOr<ShimArgs> parsed = ParseShimArgs(req.args);
  if (!parsed.ok() || (parsed->command != "create" && parsed->command != "run")) return "";
  std::string reply;
  if (AdoptFront(req, saved)) {
    std::string path;
    std::vector<std::string> argv;
    const int code = RunShim(req.args, ShimEnv::FromProcess(), [&](const std::string& p, const std::vector<std::string>& a) {
      path = p;
      argv = a;
      return 0;
    });
    reply = EncodeServiceReply(code, path, argv);
  }
  RestoreService(saved);
  return reply;
}

OCIKIT_INLINE void ServeConnection(int conn) {
  const timeval timeout = {OCIKIT_GATE_TIMEOUT_MS / 1000, 0};
  ::setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(conn, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (!PeerIsOwnUser(conn)) return;  // the front runs the gate itself
  absl::StatusOr<ServiceRequest> req = ReadServiceRequest(conn);
  if (!req.ok()) return;
  const std::string reply = RunForFront(*req);
  CloseRequestFds(*req);
  if (!reply.empty()) SendFull(conn, reply);
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<int> GateSocket(const std::string& path) {
  const char* pid = std::getenv("LISTEN_PID");
  const char* fds = std::getenv("LISTEN_FDS");
  if (pid != nullptr && fds != nullptr && absl::string_view(fds) == "1" && absl::StrCat(::getpid()) == pid) {
    ::fcntl(3, F_SETFD, FD_CLOEXEC);
    return 3;
  }
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) {
    return absl::InvalidArgumentError(absl::StrCat("gate socket ", path, ": expected a path of 1 to ",
                                                   sizeof addr.sun_path - 1, " bytes"));
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) ::unlink(path.c_str());  // a stale socket
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoStatus(errno, path);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 || ::chmod(path.c_str(), 0600) != 0 ||
      ::listen(fd, 128) != 0) {
    const int err = errno;
    ::close(fd);
    return ErrnoStatus(err, path);
  }
  return fd;
}

OCIKIT_INLINE absl::Status ServeGate(int listen_fd) {
  ::signal(SIGPIPE, SIG_IGN);  // a front that went away must not end the service
  for (;;) {
    const int conn = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0 && (errno == EINTR || errno == ECONNABORTED)) continue;
    if (conn < 0) return ErrnoStatus(errno, "gate socket");
    internal::ServeConnection(conn);
    ::close(conn);
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {  // UnlinkInBackground's children
    }
  }
}

}  // namespace ocikit::runtime_shim

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_INL_H_
