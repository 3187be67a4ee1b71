// File: executor/signals-inl.h
//
// Definitions of executor/signals.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_SIGNALS_INL_H_
#define OCIKIT_EXECUTOR_SIGNALS_INL_H_

#include "executor/signals.h"
#include "spec/internal/compile_mode.h"
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

OCIKIT_INLINE bool IsForwardedSignal(int sig) {
  for (int s : kForwardedSignals) {
    if (s == sig) return true;
  }
  return false;
}

OCIKIT_INLINE sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kForwardedSignals) sigaddset(&set, s);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGWINCH);
  return set;
}

OCIKIT_INLINE std::string SignalName(int sig) {
  for (const auto& s : internal::kSignalNames) {
    if (s.number == sig) return absl::StrCat("SIG", s.name);
  }
  return absl::StrCat("SIG", sig);
}

OCIKIT_INLINE absl::StatusOr<int> ParseSignal(absl::string_view text) {
  int number = 0;
  if (absl::SimpleAtoi(text, &number)) {
    if (number >= 1 && number <= SIGRTMAX) return number;
  } else {
    std::string upper = absl::AsciiStrToUpper(text);
    absl::string_view name = upper;
    if (name.substr(0, 3) == "SIG") name.remove_prefix(3);
    for (const auto& s : internal::kSignalNames) {
      if (name == s.name) return s.number;
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown signal \"", text, "\"; expected a name such as TERM or SIGKILL, or a number from 1 to ",
                   SIGRTMAX));
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_SIGNALS_INL_H_
