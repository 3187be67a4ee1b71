// File: executor/pidfile-inl.h
//
// Definitions of executor/pidfile.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_PIDFILE_INL_H_
#define OCIKIT_EXECUTOR_PIDFILE_INL_H_

#include "executor/pidfile.h"
#include "spec/internal/compile_mode.h"
#include <sys/types.h>
#include <unistd.h>
#include <algorithm>
#include <cstdint>
#include <string>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "spec/file.h"

namespace ocikit::executor {

OCIKIT_INLINE absl::StatusOr<pid_t> ParsePidFileContent(absl::string_view text) {
  absl::string_view digits = text;
  if (!digits.empty() && digits.back() == '\n') digits.remove_suffix(1);
  if (digits.empty()) return absl::NotFoundError("empty");
  int64_t value = 0;
  for (char c : digits) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) || value > (int64_t{1} << 22)) {
      return absl::InvalidArgumentError(absl::StrCat("expected a process id, got \"", absl::CEscape(text), "\""));
    }
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > (int64_t{1} << 22) || (digits.size() > 1 && digits.front() == '0')) {
    return absl::InvalidArgumentError(absl::StrCat("expected a process id, got \"", absl::CEscape(text), "\""));
  }
  return static_cast<pid_t>(value);
}

OCIKIT_INLINE absl::StatusOr<pid_t> ReadPidFile(const std::string& path, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Duration backoff = absl::Microseconds(100);
  while (true) {
    absl::StatusOr<std::string> text = ReadRegularFile(path, 64);
    absl::Status last = text.status();
    if (text.ok()) {
      absl::StatusOr<pid_t> pid = ParsePidFileContent(*text);
      if (pid.ok()) return pid;
      last = pid.status();
      if (!absl::IsNotFound(last)) return absl::InvalidArgumentError(absl::StrCat("pid file ", path, ": ", last.message()));
    } else if (!absl::IsNotFound(last)) {
      return absl::FailedPreconditionError(absl::StrCat("pid file ", last.message()));
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat("pid file ", path, " was not written within ",
                                                      absl::FormatDuration(timeout), " (", last.message(), ")"));
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Milliseconds(10));
  }
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_PIDFILE_INL_H_
