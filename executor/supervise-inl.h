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
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/signals.h"
#include "executor/spawn.h"
#include "executor/terminal.h"
#include "spec/internal/status_macros.h"

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

OCIKIT_INLINE MasterState PumpMaster(int master, int out, const std::function<bool(const char*, size_t)>& write_out) {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(master, buf, sizeof(buf));
    if (n > 0) {
      const bool written = write_out ? write_out(buf, static_cast<size_t>(n)) : WriteAllFd(out, buf, static_cast<size_t>(n));
      if (!written) return MasterState::kOutputGone;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return MasterState::kOpen;
    return MasterState::kEnded;  // EIO: no process has the pty open any more
  }
}
}  // namespace internal

namespace internal {

// What Supervise keeps between the turns of its loop.
struct SuperviseState {
  SuperviseState(SignalChannel& signals, const Supervision& s)
      : signals(signals),
        s(s),
        timeout_at(s.timeout == absl::InfiniteDuration() ? absl::InfiniteFuture() : absl::Now() + s.timeout),
        master_open(s.master >= 0),
        stdin_open(master_open && s.forward_stdin && s.in >= 0) {
    if (master_open) ::fcntl(s.master, F_SETFL, ::fcntl(s.master, F_GETFL) | O_NONBLOCK);
  }

  SignalChannel& signals;
  const Supervision& s;
  SupervisionResult result;
  absl::Time timeout_at;
  absl::Time kill_at = absl::InfiniteFuture();
  absl::Time kill_pid_at = absl::InfiniteFuture();
  int interrupts = 0;             // SIGINTs received
  std::vector<int> undelivered;  // signals `forward` could not deliver yet, in arrival order
  absl::Time retry_at = absl::InfiniteFuture();
  bool master_open;
  bool stdin_open;
  std::string to_master;  // input read for the terminal, not written to it yet
};

// Forwards `sig`, or queues it when it cannot be delivered yet; signals
// already queued go first, so the container sees them in order.
OCIKIT_INLINE void ForwardSignal(SuperviseState& st, int sig) {
  if (!st.s.forward) return;
  if (st.undelivered.empty() && st.s.forward(sig)) return;
  if (st.undelivered.empty()) st.retry_at = absl::Now() + kForwardRetryInterval;
  st.undelivered.push_back(sig);
}

// Reaps every exited child; true once `pid` has exited (its status is the
// one that counts).
OCIKIT_INLINE absl::StatusOr<bool> ReapExitedChildren(SuperviseState& st) {
  bool exited = false;
  while (true) {
    int status = 0;
    const pid_t r = ::waitpid(-1, &status, WNOHANG);
    if (r > 0) {
      if (r == st.s.pid) {
        st.result.status = status;
        exited = true;
      }
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && errno == ECHILD && !exited) {
      return absl::FailedPreconditionError(
          absl::StrCat("process ", st.s.pid, " is not a child of ocikit, so its exit status cannot be known"));
    }
    return exited;
  }
}

// The descriptors one poll watched, and where the optional ones are.
struct PolledFds {
  std::vector<pollfd> fds;  // the signal channel first
  size_t master_at = 0;     // fds.size() when not watched
  size_t in_at = 0;         // fds.size() when not watched
};

// Waits for a signal, terminal or input event, or the next deadline.
OCIKIT_INLINE absl::StatusOr<PolledFds> WaitForEvents(const SuperviseState& st) {
  PolledFds p;
  p.fds.push_back({st.signals.fd(), POLLIN, 0});
  p.master_at = p.fds.size();
  if (st.master_open) {
    p.fds.push_back({st.s.master, static_cast<short>(POLLIN | (st.to_master.empty() ? 0 : POLLOUT)), 0});
  }
  p.in_at = p.fds.size();
  if (st.stdin_open && st.to_master.empty()) p.fds.push_back({st.s.in, POLLIN, 0});
  const int ms = PollTimeoutMs(std::min({st.timeout_at, st.kill_at, st.kill_pid_at, st.retry_at}));
  if (::poll(p.fds.data(), p.fds.size(), ms) < 0 && errno != EINTR) {
    return absl::InternalError(absl::StrCat("poll: ", std::strerror(errno)));
  }
  return p;
}

// The second SIGINT stops the container: the stop signal now, SIGKILL after
// stop_timeout (unless a deadline already says so earlier).
OCIKIT_INLINE void StopOnSecondInterrupt(SuperviseState& st) {
  const Supervision& s = st.s;
  if (s.note) {
    s.note(absl::StrCat("received SIGINT again; stopping the container: ", executor::SignalName(s.interrupt_stop_signal),
                        ", then SIGKILL after ", absl::FormatDuration(s.stop_timeout)));
  }
  ForwardSignal(st, s.interrupt_stop_signal);
  st.kill_at = std::min(st.kill_at, absl::Now() + s.stop_timeout);
}

// SIGWINCH resizes the terminal; the others are forwarded.
OCIKIT_INLINE void HandleSignals(SuperviseState& st) {
  for (int sig : st.signals.ReadPending()) {
    if (sig == SIGINT && st.s.interrupt_stop_signal != 0 && ++st.interrupts == 2) {
      StopOnSecondInterrupt(st);
    } else if (sig == SIGWINCH) {
      if (st.master_open && st.s.winsize_from >= 0) CopyWindowSize(st.s.winsize_from, st.s.master);
    } else if (IsForwardedSignal(sig)) {
      ForwardSignal(st, sig);
    }
  }
}

// Copies the terminal's output out, and pending input in.
OCIKIT_INLINE void PumpTerminal(SuperviseState& st, short revents) {
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    const MasterState state = PumpMaster(st.s.master, st.s.out, st.s.write_out);
    st.master_open = state == MasterState::kOpen;
    // Nobody reads the output any more: hang the terminal up, as closing
    // a terminal window does (the container's writes then fail).
    if (state == MasterState::kOutputGone && st.s.hang_up) st.s.hang_up();
  }
  if (st.master_open && (revents & POLLOUT) && !st.to_master.empty()) {
    const ssize_t n = ::write(st.s.master, st.to_master.data(), st.to_master.size());
    if (n > 0) st.to_master.erase(0, static_cast<size_t>(n));
  }
}

// Reads input for the terminal; its end becomes a ^D.
OCIKIT_INLINE void ReadInput(SuperviseState& st) {
  char buf[4096];
  const ssize_t n = ::read(st.s.in, buf, sizeof(buf));
  if (n > 0) {
    st.to_master.append(buf, static_cast<size_t>(n));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    st.to_master.push_back('\x04');  // end of input: ^D to the terminal's line discipline
    st.stdin_open = false;
  }
}

// Retries the queued signals when it is time; returns the time now.
OCIKIT_INLINE absl::Time RetryUndelivered(SuperviseState& st) {
  absl::Time now = absl::Now();
  if (now < st.retry_at) return now;
  size_t delivered = 0;
  while (delivered < st.undelivered.size() && st.s.forward(st.undelivered[delivered])) ++delivered;
  st.undelivered.erase(st.undelivered.begin(), st.undelivered.begin() + static_cast<std::ptrdiff_t>(delivered));
  now = absl::Now();
  st.retry_at = st.undelivered.empty() ? absl::InfiniteFuture() : now + kForwardRetryInterval;
  return now;
}

// The timeout's escalation: SIGTERM, SIGKILL after stop_timeout, then the
// process itself after kill_pid_after.
OCIKIT_INLINE void EnforceDeadlines(SuperviseState& st, absl::Time now) {
  const Supervision& s = st.s;
  if (now >= st.timeout_at) {
    st.timeout_at = absl::InfiniteFuture();
    st.result.timed_out = true;
    if (s.note) {
      s.note(absl::StrCat("timeout of ", absl::FormatDuration(s.timeout), " reached; sending SIGTERM, then SIGKILL after ",
                          absl::FormatDuration(s.stop_timeout)));
    }
    ForwardSignal(st, SIGTERM);
    st.kill_at = now + s.stop_timeout;
  } else if (now >= st.kill_at) {
    st.kill_at = absl::InfiniteFuture();
    if (s.note) s.note(absl::StrCat("the container did not stop within ", absl::FormatDuration(s.stop_timeout), "; sending SIGKILL"));
    ForwardSignal(st, SIGKILL);
    if (s.kill_pid_after != absl::InfiniteDuration()) st.kill_pid_at = now + s.kill_pid_after;
  } else if (now >= st.kill_pid_at) {
    st.kill_pid_at = absl::InfiniteFuture();
    if (s.note) {
      s.note(absl::StrCat("process ", s.pid, " is still there ", absl::FormatDuration(s.kill_pid_after),
                          " after SIGKILL was sent to the container; killing it"));
    }
    ::kill(s.pid, SIGKILL);  // still our unreaped child: the pid cannot have been reused
  }
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<SupervisionResult> Supervise(SignalChannel& signals, const Supervision& s) {
  internal::SuperviseState st(signals, s);
  while (true) {
    OCIKIT_ASSIGN_OR_RETURN(const bool exited, internal::ReapExitedChildren(st));
    if (exited) break;
    OCIKIT_ASSIGN_OR_RETURN(const internal::PolledFds polled, internal::WaitForEvents(st));
    if (polled.fds[0].revents & POLLIN) internal::HandleSignals(st);
    if (st.master_open && polled.master_at < polled.fds.size()) {
      internal::PumpTerminal(st, polled.fds[polled.master_at].revents);
    }
    if (polled.in_at < polled.fds.size() && (polled.fds[polled.in_at].revents & (POLLIN | POLLHUP | POLLERR))) {
      internal::ReadInput(st);
    }
    internal::EnforceDeadlines(st, internal::RetryUndelivered(st));
  }
  if (st.master_open) internal::PumpMaster(s.master, s.out, s.write_out);
  return st.result;
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
