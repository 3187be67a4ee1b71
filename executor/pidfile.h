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
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_PIDFILE_H_
#define OCIKIT_EXECUTOR_PIDFILE_H_


#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ocikit::executor {

// Parses pid file content: digits, optionally one final newline, value
// 1..2^22 (the kernel's PID_MAX_LIMIT). NotFound for empty or partial content
// (no digits yet), InvalidArgument for anything else.
absl::StatusOr<pid_t> ParsePidFileContent(absl::string_view text);

// Reads the pid from `path`, reading a missing or empty file again (with a
// short backoff) until `timeout`.
absl::StatusOr<pid_t> ReadPidFile(const std::string& path, absl::Duration timeout = absl::Seconds(2));

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/pidfile-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_PIDFILE_H_
