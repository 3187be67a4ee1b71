// File: executor/runtime_log.h
//
// The runtime's own words on a failure. ocikit passes `--log FILE
// --log-format json` to every runtime command; both runc and crun then write
// one JSON object per line:
//
//   {"level":"error","msg":"runc create failed: unable to start container process: exec: ...","time":"..."}
//   {"msg":"executable file `nope` not found in $PATH: No such file or directory","level":"error","time":"..."}
//
// LastRuntimeError returns the message of the last error entry written after
// a given offset (the log is shared by all commands on one container), so
// ocikit can say `ocikit: runc create failed: <message>` instead of "exit
// status 1". Lines that are not JSON (a runtime that ignored the format) are
// taken as plain text. Messages are escaped for the terminal
// (EscapeForTerminal): they come from another program.
//
// Example:
//   const uint64_t offset = LogSize(log);  // before the command
//   ... run the command ...
//   std::string why = LastRuntimeError(log, offset, "runc");
//
// Dependencies: absl_strings nlohmann_json
#ifndef OCIKIT_EXECUTOR_RUNTIME_LOG_H_
#define OCIKIT_EXECUTOR_RUNTIME_LOG_H_


#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace ocikit::executor {

// How much of the log's end is read: runtime errors are short.
inline constexpr uint64_t kMaxRuntimeLogTail = 64 << 10;

// The size of the file at `path` (0 when it does not exist).
uint64_t LogSize(const std::string& path);

namespace internal {

std::string ReadFileRange(const std::string& path, uint64_t offset);

// The message and level of one log line.
struct LogEntry {
  std::string level;
  std::string msg;
};

LogEntry ParseLogLine(absl::string_view line);

}  // namespace internal

// `text` safe to print on a terminal as one line: C0 and C1 control
// characters and DEL become \n, \r, \t, \x1b or \u009b, and bytes that are
// not UTF-8 become \xNN, so a runtime's message cannot move the cursor,
// clear the screen or set the window title. Messages relayed from a
// runtime's log pass through it.
std::string EscapeForTerminal(absl::string_view text);

// Drops the runtime's own "<runtime> <command> failed: " prefix, which ocikit
// states itself ("runc create failed: unable to start ..." -> "unable to start ...").
std::string StripRuntimeFailurePrefix(absl::string_view message, absl::string_view runtime_name);

namespace internal {

// The message of the last error entry (level error, fatal or panic, or a
// line without a level) and of the last entry of any level, at `path` after
// byte `offset`.
struct LastEntries {
  std::string error;
  std::string any;
};

LastEntries ReadLastEntries(const std::string& path, uint64_t offset);

}  // namespace internal

// The last error message the runtime logged at `path` after byte `offset`,
// without the runtime's own failure prefix; "" when there is none.
std::string LastRuntimeError(const std::string& path, uint64_t offset, absl::string_view runtime_name);

// The last error message the runtime logged at `path` after byte `offset`,
// exactly as written (with its failure prefix, "runc run failed: ..."); ""
// when there is none. Unlike LastRuntimeError, warnings never count.
std::string LastRuntimeErrorEntry(const std::string& path, uint64_t offset);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_log-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_LOG_H_
