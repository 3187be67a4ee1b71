// File: executor/supervise-inl.h
//
// Definitions of executor/supervise.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_SUPERVISE_INL_H_
#define OCIKIT_EXECUTOR_SUPERVISE_INL_H_

#include "executor/supervise.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/signals.h"
#include "executor/spawn.h"
#include "executor/terminal.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE bool WriteAllFd(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p = {fd, POLLOUT, 0};
      ::poll(&p, 1, 100);
      continue;
    }
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

OCIKIT_INLINE MasterState PumpMaster(int master, int out) {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(master, buf, sizeof(buf));
    if (n > 0) {
      if (!WriteAllFd(out, buf, static_cast<size_t>(n))) return MasterState::kOutputGone;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return MasterState::kOpen;
    return MasterState::kEnded;  // EIO: no process has the pty open any more
  }
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<SupervisionResult> Supervise(SignalChannel& signals, const Supervision& s) {
  SupervisionResult result;
  absl::Time timeout_at = s.timeout == absl::InfiniteDuration() ? absl::InfiniteFuture() : absl::Now() + s.timeout;
  absl::Time kill_at = absl::InfiniteFuture();
  absl::Time kill_pid_at = absl::InfiniteFuture();
  std::vector<int> undelivered;  // signals `forward` could not deliver yet, in arrival order
  absl::Time retry_at = absl::InfiniteFuture();
  // Forwards `sig`, or queues it when it cannot be delivered yet; signals
  // already queued go first, so the container sees them in order.
  const auto forward = [&](int sig) {
    if (!s.forward) return;
    if (undelivered.empty() && s.forward(sig)) return;
    if (undelivered.empty()) retry_at = absl::Now() + kForwardRetryInterval;
    undelivered.push_back(sig);
  };
  bool master_open = s.master >= 0;
  bool stdin_open = master_open && s.forward_stdin && s.in >= 0;
  std::string to_master;
  if (master_open) ::fcntl(s.master, F_SETFL, ::fcntl(s.master, F_GETFL) | O_NONBLOCK);
  bool exited = false;
  while (true) {
    // Reap every exited child; the status of `pid` is the one that counts.
    while (true) {
      int status = 0;
      const pid_t r = ::waitpid(-1, &status, WNOHANG);
      if (r > 0) {
        if (r == s.pid) {
          result.status = status;
          exited = true;
        }
        continue;
      }
      if (r < 0 && errno == EINTR) continue;
      if (r < 0 && errno == ECHILD && !exited) {
        return absl::FailedPreconditionError(absl::StrCat(
            "process ", s.pid, " is not a child of ocikit, so its exit status cannot be known"));
      }
      break;
    }
    if (exited) break;

    std::vector<pollfd> fds;
    fds.push_back({signals.fd(), POLLIN, 0});
    const size_t master_at = fds.size();
    if (master_open) fds.push_back({s.master, static_cast<short>(POLLIN | (to_master.empty() ? 0 : POLLOUT)), 0});
    const size_t in_at = fds.size();
    if (stdin_open && to_master.empty()) fds.push_back({s.in, POLLIN, 0});
    const int ms = internal::PollTimeoutMs(std::min({timeout_at, kill_at, kill_pid_at, retry_at}));
    if (::poll(fds.data(), fds.size(), ms) < 0 && errno != EINTR) {
      return absl::InternalError(absl::StrCat("poll: ", std::strerror(errno)));
    }

    if (fds[0].revents & POLLIN) {
      for (int sig : signals.ReadPending()) {
        if (sig == SIGWINCH) {
          if (master_open && s.winsize_from >= 0) CopyWindowSize(s.winsize_from, s.master);
        } else if (IsForwardedSignal(sig)) {
          forward(sig);
        }
      }
    }
    if (master_open && master_at < fds.size()) {
      const short ev = fds[master_at].revents;
      if (ev & (POLLIN | POLLHUP | POLLERR)) {
        const internal::MasterState state = internal::PumpMaster(s.master, s.out);
        master_open = state == internal::MasterState::kOpen;
        // Nobody reads the output any more: hang the terminal up, as closing
        // a terminal window does (the container's writes then fail).
        if (state == internal::MasterState::kOutputGone && s.hang_up) s.hang_up();
      }
      if (master_open && (ev & POLLOUT) && !to_master.empty()) {
        const ssize_t n = ::write(s.master, to_master.data(), to_master.size());
        if (n > 0) to_master.erase(0, static_cast<size_t>(n));
      }
    }
    if (in_at < fds.size() && (fds[in_at].revents & (POLLIN | POLLHUP | POLLERR))) {
      char buf[4096];
      const ssize_t n = ::read(s.in, buf, sizeof(buf));
      if (n > 0) {
        to_master.append(buf, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        to_master.push_back('\x04');  // end of input: ^D to the terminal's line discipline
        stdin_open = false;
      }
    }
    absl::Time now = absl::Now();
    if (now >= retry_at) {
      size_t delivered = 0;
      while (delivered < undelivered.size() && s.forward(undelivered[delivered])) ++delivered;
      undelivered.erase(undelivered.begin(), undelivered.begin() + static_cast<std::ptrdiff_t>(delivered));
      now = absl::Now();
      retry_at = undelivered.empty() ? absl::InfiniteFuture() : now + kForwardRetryInterval;
    }
    if (now >= timeout_at) {
      timeout_at = absl::InfiniteFuture();
      result.timed_out = true;
      if (s.note) {
        s.note(absl::StrCat("timeout of ", absl::FormatDuration(s.timeout), " reached; sending SIGTERM, then SIGKILL after ",
                            absl::FormatDuration(s.stop_timeout)));
      }
      forward(SIGTERM);
      kill_at = now + s.stop_timeout;
    } else if (now >= kill_at) {
      kill_at = absl::InfiniteFuture();
      if (s.note) s.note(absl::StrCat("the container did not stop within ", absl::FormatDuration(s.stop_timeout), "; sending SIGKILL"));
      forward(SIGKILL);
      if (s.kill_pid_after != absl::InfiniteDuration()) kill_pid_at = now + s.kill_pid_after;
    } else if (now >= kill_pid_at) {
      kill_pid_at = absl::InfiniteFuture();
      if (s.note) {
        s.note(absl::StrCat("process ", s.pid, " is still there ", absl::FormatDuration(s.kill_pid_after),
                            " after SIGKILL was sent to the container; killing it"));
      }
      ::kill(s.pid, SIGKILL);  // still our unreaped child: the pid cannot have been reused
    }
  }
  if (master_open) internal::PumpMaster(s.master, s.out);
  return result;
}

OCIKIT_INLINE void ReapChildren(SignalChannel& signals, absl::Duration grace) {
  const absl::Time until = absl::Now() + grace;
  while (true) {
    int status;
    const pid_t r = ::waitpid(-1, &status, WNOHANG);
    if (r > 0) continue;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return;  // ECHILD: none left
    const int ms = internal::PollTimeoutMs(until);
    if (ms == 0) return;
    pollfd p = {signals.fd(), POLLIN, 0};
    ::poll(&p, 1, ms);
    signals.ReadPending();
  }
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_SUPERVISE_INL_H_
