// File: executor/runtime_log-inl.h
//
// Definitions of executor/runtime_log.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_LOG_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_LOG_INL_H_

#include "executor/runtime_log.h"
#include "spec/internal/compile_mode.h"
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
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "executor/unique_fd.h"
#include "spec/json/encoding.h"
#include "nlohmann/json.hpp"

namespace ocikit::executor {

OCIKIT_INLINE uint64_t LogSize(const std::string& path) {
  struct stat st;
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

namespace internal {

OCIKIT_INLINE std::string ReadFileRange(const std::string& path, uint64_t offset) {
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

OCIKIT_INLINE LogEntry ParseLogLine(absl::string_view line) {
  LogEntry entry;
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    const auto level = j.find("level");
    const auto msg = j.find("msg");
    if (level != j.end() && level->is_string()) entry.level = level->get<std::string>();
    if (msg != j.end() && msg->is_string()) entry.msg = EscapeForTerminal(msg->get<std::string>());
    return entry;
  }
  entry.msg = EscapeForTerminal(absl::StripAsciiWhitespace(line));
  return entry;
}

}  // namespace internal

OCIKIT_INLINE std::string EscapeForTerminal(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const unsigned char c = static_cast<unsigned char>(text[0]);
    const size_t n = c < 0x80 ? 1 : json::Utf8SequenceLength(text, 0);  // 0: not UTF-8
    if (c == '\n' || c == '\r' || c == '\t') {
      out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
    } else if (c < 0x20 || c == 0x7f || n == 0) {
      out.append(absl::StrFormat("\\x%02x", c));
    } else if (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[1]) < 0xa0) {  // C1: U+0080..U+009F
      out.append(absl::StrFormat("\\u%04x", static_cast<unsigned char>(text[1])));
    } else {
      out.append(text.substr(0, n).data(), n);
    }
    text.remove_prefix(n == 0 ? 1 : n);
  }
  return out;
}

OCIKIT_INLINE std::string StripRuntimeFailurePrefix(absl::string_view message, absl::string_view runtime_name) {
  if (absl::StartsWith(message, absl::StrCat(runtime_name, " "))) {
    const size_t failed = message.find(" failed: ");
    if (failed != absl::string_view::npos && message.substr(0, failed).find(':') == absl::string_view::npos) {
      message.remove_prefix(failed + sizeof(" failed: ") - 1);
    }
  }
  return std::string(message);
}

namespace internal {

OCIKIT_INLINE LastEntries ReadLastEntries(const std::string& path, uint64_t offset) {
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

OCIKIT_INLINE std::string LastRuntimeError(const std::string& path, uint64_t offset, absl::string_view runtime_name) {
  const internal::LastEntries last = internal::ReadLastEntries(path, offset);
  return StripRuntimeFailurePrefix(last.error.empty() ? last.any : last.error, runtime_name);
}

OCIKIT_INLINE std::string LastRuntimeErrorEntry(const std::string& path, uint64_t offset) {
  return internal::ReadLastEntries(path, offset).error;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_RUNTIME_LOG_INL_H_
