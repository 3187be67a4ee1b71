// File: executor/signals.h
//
// Signals in a supervising process. `SignalChannel` blocks the signals ocikit
// handles (the forwarded ones, SIGCHLD and SIGWINCH) and receives them
// through a signalfd, so they become ordinary poll(2) events and none is lost
// between a check and a wait. Children must be spawned with a clean mask and
// default dispositions (executor/spawn.h does that), or they would inherit the
// blocked set.
//
// The mask is per thread: open the channel on the main thread before any other
// thread exists (the ocikit binary is single-threaded), or a process-directed
// signal may be delivered to a thread that does not block it.
//
// Example:
//   absl::StatusOr<std::unique_ptr<SignalChannel>> signals = SignalChannel::Open();
//   poll on (*signals)->fd(); for (int sig : (*signals)->ReadPending()) ...
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_SIGNALS_H_
#define OCIKIT_EXECUTOR_SIGNALS_H_

#include <signal.h>
#include <sys/signalfd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

// Signals received by ocikit and forwarded to the container.
inline constexpr int kForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

// Whether ocikit forwards `sig` to the container.
bool IsForwardedSignal(int sig);

// The signals a supervising ocikit blocks and reads from its signalfd.
sigset_t HandledSignals();

namespace internal {

struct SignalName {
  int number;
  const char* name;  // without "SIG"
};

inline constexpr SignalName kSignalNames[] = {
    {SIGHUP, "HUP"},     {SIGINT, "INT"},       {SIGQUIT, "QUIT"},   {SIGILL, "ILL"},     {SIGTRAP, "TRAP"},
    {SIGABRT, "ABRT"},   {SIGBUS, "BUS"},       {SIGFPE, "FPE"},     {SIGKILL, "KILL"},   {SIGUSR1, "USR1"},
    {SIGSEGV, "SEGV"},   {SIGUSR2, "USR2"},     {SIGPIPE, "PIPE"},   {SIGALRM, "ALRM"},   {SIGTERM, "TERM"},
    {SIGSTKFLT, "STKFLT"}, {SIGCHLD, "CHLD"},   {SIGCONT, "CONT"},   {SIGSTOP, "STOP"},   {SIGTSTP, "TSTP"},
    {SIGTTIN, "TTIN"},   {SIGTTOU, "TTOU"},     {SIGURG, "URG"},     {SIGXCPU, "XCPU"},   {SIGXFSZ, "XFSZ"},
    {SIGVTALRM, "VTALRM"}, {SIGPROF, "PROF"},   {SIGWINCH, "WINCH"}, {SIGIO, "IO"},       {SIGPWR, "PWR"},
    {SIGSYS, "SYS"},
};

}  // namespace internal

// "SIGTERM" for 15; "SIG<number>" for signals without a name (real-time ones).
std::string SignalName(int sig);

// Parses a signal as `kill` takes it: "TERM", "SIGTERM", "sigterm" or "15".
absl::StatusOr<int> ParseSignal(absl::string_view text);

// Ignores SIGPIPE while it lives: a reader that went away (`ocikit run -t ...
// | head -1`) must make writes fail with EPIPE, not kill ocikit before it has
// cleaned up. Children still start with default dispositions (spawn.h).
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    ::sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &previous_);
  }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
  ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &previous_, nullptr); }

 private:
  struct sigaction previous_ = {};
};

// Blocks HandledSignals() in the calling thread and reads them from a
// signalfd. Destruction drains what is pending, closes the fd and restores
// the previous mask.
class SignalChannel {
 public:
  static absl::StatusOr<std::unique_ptr<SignalChannel>> Open() {
    const sigset_t handled = HandledSignals();
    sigset_t previous;
    if (::sigprocmask(SIG_BLOCK, &handled, &previous) != 0) {
      return absl::InternalError(absl::StrCat("sigprocmask: ", std::strerror(errno)));
    }
    const int fd = ::signalfd(-1, &handled, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      ::sigprocmask(SIG_SETMASK, &previous, nullptr);
      return absl::InternalError(absl::StrCat("signalfd: ", std::strerror(err)));
    }
    return std::unique_ptr<SignalChannel>(new SignalChannel(fd, previous));
  }

  SignalChannel(const SignalChannel&) = delete;
  SignalChannel& operator=(const SignalChannel&) = delete;

  ~SignalChannel() {
    ReadPending();
    ::close(fd_);
    ::sigprocmask(SIG_SETMASK, &previous_, nullptr);
  }

  // The signalfd: readable when a handled signal is pending.
  int fd() const { return fd_; }

  // The signals pending now, in arrival order; never blocks.
  std::vector<int> ReadPending() {
    std::vector<int> out;
    signalfd_siginfo info[16];
    while (true) {
      const ssize_t n = ::read(fd_, info, sizeof(info));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      for (size_t i = 0; i < static_cast<size_t>(n) / sizeof(signalfd_siginfo); ++i) {
        out.push_back(static_cast<int>(info[i].ssi_signo));
      }
    }
    return out;
  }

 private:
  SignalChannel(int fd, sigset_t previous) : fd_(fd), previous_(previous) {}

  int fd_;
  sigset_t previous_;
};

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/signals-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_SIGNALS_H_
