// File: executor/terminal-inl.h
//
// Definitions of executor/terminal.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_TERMINAL_INL_H_
#define OCIKIT_EXECUTOR_TERMINAL_INL_H_

#include "executor/terminal.h"
#include "spec/internal/compile_mode.h"
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace ocikit::executor {

OCIKIT_INLINE bool CopyWindowSize(int from, int to) {
  winsize ws = {};
  if (::ioctl(from, TIOCGWINSZ, &ws) != 0 || (ws.ws_row == 0 && ws.ws_col == 0)) return false;
  return ::ioctl(to, TIOCSWINSZ, &ws) == 0;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_TERMINAL_INL_H_
