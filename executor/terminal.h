// File: executor/terminal.h
//
// The local terminal while a container's pty is attached: raw mode when stdin
// is attached (-i), so every key (Ctrl-C included) goes to the container,
// restored on every exit path by RawMode's destructor; and the window size,
// copied to the pty initially and again on each SIGWINCH.
//
// Example:
//   absl::StatusOr<std::unique_ptr<RawMode>> raw = RawMode::Enter(STDIN_FILENO);
//   CopyWindowSize(STDIN_FILENO, master.get());
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_TERMINAL_H_
#define OCIKIT_EXECUTOR_TERMINAL_H_

#include <termios.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ocikit::executor {

// Puts a terminal into raw mode; the destructor restores its previous mode.
class RawMode {
 public:
  static absl::StatusOr<std::unique_ptr<RawMode>> Enter(int fd) {
    termios saved;
    if (::tcgetattr(fd, &saved) != 0) return absl::FailedPreconditionError(absl::StrCat("tcgetattr: ", std::strerror(errno)));
    termios raw = saved;
    ::cfmakeraw(&raw);
    if (::tcsetattr(fd, TCSANOW, &raw) != 0) {
      return absl::FailedPreconditionError(absl::StrCat("tcsetattr: ", std::strerror(errno)));
    }
    return std::unique_ptr<RawMode>(new RawMode(fd, saved));
  }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;
  ~RawMode() { ::tcsetattr(fd_, TCSANOW, &saved_); }

 private:
  RawMode(int fd, termios saved) : fd_(fd), saved_(saved) {}
  int fd_;
  termios saved_;
};

// Copies the window size of terminal `from` to pty `to`; false when `from` is
// not a terminal or has no size.
bool CopyWindowSize(int from, int to);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/terminal-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_TERMINAL_H_
