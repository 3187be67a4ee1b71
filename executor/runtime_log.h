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
// taken as plain text.
//
// Example:
//   const uint64_t offset = LogSize(log);  // before the command
//   ... run the command ...
//   std::string why = LastRuntimeError(log, offset, "runc");
#ifndef OCIKIT_EXECUTOR_RUNTIME_LOG_H_
#define OCIKIT_EXECUTOR_RUNTIME_LOG_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "executor/unique_fd.h"
#include "nlohmann/json.hpp"

namespace ocikit::executor {

// How much of the log's end is read: runtime errors are short.
inline constexpr uint64_t kMaxRuntimeLogTail = 64 << 10;

// The size of the file at `path` (0 when it does not exist).
inline uint64_t LogSize(const std::string& path) {
  struct stat st;
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

namespace internal {

inline std::string ReadFileRange(const std::string& path, uint64_t offset) {
  std::string data;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  struct stat st;
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return data;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (offset >= size) return data;
  offset = std::max(offset, size > kMaxRuntimeLogTail ? size - kMaxRuntimeLogTail : 0);
  data.resize(size - offset);
  size_t got = 0;
  while (got < data.size()) {
    const ssize_t n = ::pread(fd.get(), data.data() + got, data.size() - got, static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  data.resize(got);
  return data;
}

// The message and level of one log line.
struct LogEntry {
  std::string level;
  std::string msg;
};

inline LogEntry ParseLogLine(absl::string_view line) {
  LogEntry entry;
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    const auto level = j.find("level");
    const auto msg = j.find("msg");
    if (level != j.end() && level->is_string()) entry.level = level->get<std::string>();
    if (msg != j.end() && msg->is_string()) entry.msg = msg->get<std::string>();
    return entry;
  }
  entry.msg = std::string(absl::StripAsciiWhitespace(line));
  return entry;
}

}  // namespace internal

// Drops the runtime's own "<runtime> <command> failed: " prefix, which ocikit
// states itself ("runc create failed: unable to start ..." -> "unable to start ...").
inline std::string StripRuntimeFailurePrefix(absl::string_view message, absl::string_view runtime_name) {
  if (absl::StartsWith(message, absl::StrCat(runtime_name, " "))) {
    const size_t failed = message.find(" failed: ");
    if (failed != absl::string_view::npos && message.substr(0, failed).find(':') == absl::string_view::npos) {
      message.remove_prefix(failed + sizeof(" failed: ") - 1);
    }
  }
  return std::string(message);
}

namespace internal {

// The message of the last error entry (level error, fatal or panic, or a
// line without a level) and of the last entry of any level, at `path` after
// byte `offset`.
struct LastEntries {
  std::string error;
  std::string any;
};

inline LastEntries ReadLastEntries(const std::string& path, uint64_t offset) {
  LastEntries last;
  const std::string text = ReadFileRange(path, offset);
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipWhitespace())) {
    LogEntry e = ParseLogLine(line);
    if (e.msg.empty()) continue;
    if (e.level.empty() || e.level == "error" || e.level == "fatal" || e.level == "panic") last.error = e.msg;
    last.any = std::move(e.msg);
  }
  return last;
}

}  // namespace internal

// The last error message the runtime logged at `path` after byte `offset`,
// without the runtime's own failure prefix; "" when there is none.
inline std::string LastRuntimeError(const std::string& path, uint64_t offset, absl::string_view runtime_name) {
  const internal::LastEntries last = internal::ReadLastEntries(path, offset);
  return StripRuntimeFailurePrefix(last.error.empty() ? last.any : last.error, runtime_name);
}

// The last error message the runtime logged at `path` after byte `offset`,
// exactly as written (with its failure prefix, "runc run failed: ..."); ""
// when there is none. Unlike LastRuntimeError, warnings never count.
inline std::string LastRuntimeErrorEntry(const std::string& path, uint64_t offset) {
  return internal::ReadLastEntries(path, offset).error;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUNTIME_LOG_H_
