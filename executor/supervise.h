// File: executor/supervise.h
//
// The foreground wait of `ocikit run` and `ocikit exec` for one child process
// `pid`: either the container process itself (ocikit is a child subreaper, so
// the container process is its child once the runtime command that started
// it has exited: `run -t`, `exec`), or the runtime's foreground `run`, which
// waits for its container and exits with its status (`ocikit run`). Meanwhile
// one poll(2) loop handles:
//
//   - signals (through the SignalChannel): SIGINT, SIGTERM, SIGHUP, SIGQUIT,
//     SIGUSR1 and SIGUSR2 are passed to `forward`, which reaches the container
//     (through `runc kill` for run, never by killing the runtime process: E1);
//     a signal `forward` could not deliver yet (the runtime is still creating
//     the container) is tried again every kForwardRetryInterval until it is
//     delivered or `pid` exits; SIGWINCH resizes the pty; SIGCHLD reaps every
//     exited child with WNOHANG, `pid` and any orphan re-parented to ocikit,
//     so no zombie stays;
//   - the time limit (--timeout): SIGTERM through `forward`, then SIGKILL when
//     the container is still there after the grace period (--stop-timeout);
//     and, when `kill_pid_after` is finite, SIGKILL to `pid` itself when it
//     is still there that long after the forwarded SIGKILL (a runtime stuck
//     after its container was killed through it);
//   - with a terminal: pty master -> stdout, and stdin -> master when stdin is
//     attached (-i); end of stdin sends ^D. The master is drained when the
//     container exits, and hung up (closed) when stdout's reader is gone.
//
// Example:
//   Supervision s;
//   s.pid = pid;
//   s.forward = [&](int sig) { return RuntimeKill(...).ok(); };
//   absl::StatusOr<SupervisionResult> r = Supervise(*signals, s);
//   int code = ExitCodeFromWaitStatus(r->status);
#ifndef OCIKIT_EXECUTOR_SUPERVISE_H_
#define OCIKIT_EXECUTOR_SUPERVISE_H_

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

// How often a signal `forward` could not deliver yet is tried again.
inline constexpr absl::Duration kForwardRetryInterval = absl::Milliseconds(10);

// What to wait for and how to reach it.
struct Supervision {
  pid_t pid = -1;  // the container process or the runtime's foreground `run`, a child of ocikit
  // Delivers a signal to the container; false when it cannot be delivered
  // yet and should be tried again (the container does not exist yet).
  std::function<bool(int)> forward;
  std::function<void(const std::string&)> note;  // informational lines ("timeout reached ...")
  absl::Duration timeout = absl::InfiniteDuration();  // --timeout
  absl::Duration stop_timeout = absl::Seconds(10);    // grace between SIGTERM and SIGKILL
  // After the time limit's forwarded SIGKILL: how long `pid` may still live
  // before ocikit kills it itself (infinite: never).
  absl::Duration kill_pid_after = absl::InfiniteDuration();
  // With a terminal:
  int master = -1;             // pty master, or -1 without a terminal
  int in = STDIN_FILENO;       // copied to the master when forward_stdin
  bool forward_stdin = false;  // -i
  int out = STDOUT_FILENO;     // receives the master's output
  int winsize_from = -1;       // local terminal whose size follows SIGWINCH, or -1
  std::function<void()> hang_up;  // closes the master: `out` no longer takes output
};

// The Supervision fields run and exec fill alike from their options (which
// both have timeout, stop_timeout, in, out and interactive): the time limits,
// notes, and the terminal when `master` holds one. Callers add `forward`.
template <class Options>
Supervision SupervisionFor(const Options& o, pid_t pid, std::function<void(const std::string&)> note,
                           UniqueFd& master, int winsize_from) {
  Supervision sup;
  sup.pid = pid;
  sup.note = std::move(note);
  sup.timeout = o.timeout;
  sup.stop_timeout = o.stop_timeout;
  sup.master = master.get();
  sup.in = o.in;
  sup.forward_stdin = o.interactive;
  sup.out = o.out;
  sup.winsize_from = winsize_from;
  sup.hang_up = [&master] { master.Reset(); };
  return sup;
}

struct SupervisionResult {
  int status = 0;          // the waitpid status of `pid`
  bool timed_out = false;  // --timeout expired
};

namespace internal {

// Writes all of `data`; false when `fd` fails (its reader is gone: EPIPE).
inline bool WriteAllFd(int fd, const char* data, size_t size) {
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

enum class MasterState { kOpen, kEnded, kOutputGone };

// Copies what the master has now to `out`.
inline MasterState PumpMaster(int master, int out) {
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

// Waits for `s.pid` as described in the file comment.
inline absl::StatusOr<SupervisionResult> Supervise(SignalChannel& signals, const Supervision& s) {
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

// Reaps the children that have exited, waiting up to `grace` for the others
// (orphans of the container being killed by the runtime's delete).
inline void ReapChildren(SignalChannel& signals, absl::Duration grace) {
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

#endif  // OCIKIT_EXECUTOR_SUPERVISE_H_
