// File: executor/pidfile.h
//
// Reading the container's host pid from the file the runtime writes with
// --pid-file. The pid that matters is never the runtime's own (E4: killing
// `runc` leaks the container). The file is read robustly (E14): a missing or
// empty file is read again until the time limit, since a runtime may not have
// written it yet; the content must then be exactly a positive decimal number,
// optionally followed by a newline (runc writes none, crun one), and anything
// else is an error rather than a guess.
//
// Example:
//   absl::StatusOr<pid_t> pid = ReadPidFile(bundle + "/pid", absl::Seconds(2));
#ifndef OCIKIT_EXECUTOR_PIDFILE_H_
#define OCIKIT_EXECUTOR_PIDFILE_H_

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

// Parses pid file content: digits, optionally one final newline, value
// 1..2^22 (the kernel's PID_MAX_LIMIT). NotFound for empty or partial content
// (no digits yet), InvalidArgument for anything else.
inline absl::StatusOr<pid_t> ParsePidFileContent(absl::string_view text) {
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

// Reads the pid from `path`, reading a missing or empty file again (with a
// short backoff) until `timeout`.
inline absl::StatusOr<pid_t> ReadPidFile(const std::string& path, absl::Duration timeout = absl::Seconds(2)) {
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

#endif  // OCIKIT_EXECUTOR_PIDFILE_H_
