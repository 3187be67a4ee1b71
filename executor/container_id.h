// File: executor/container_id.h
//
// Container ids: generated ones are 12 random hex characters from getrandom(2),
// so many concurrent `ocikit run` never collide; ids given with --name follow
// runc's rule (libcontainer validateID): ^[\w+-\.]+$ (letters, digits, '_',
// and the range '+' to '.', that is + , - .), and not "." or "..".
//
// Example:
//   absl::StatusOr<std::string> id = GenerateContainerId();  // "3f9a0c2b7d41"
//   absl::Status ok = ValidateContainerId("web-1");
#ifndef OCIKIT_EXECUTOR_CONTAINER_ID_H_
#define OCIKIT_EXECUTOR_CONTAINER_ID_H_

#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace ocikit::executor {

// Random bytes in a generated id (two hex characters each).
inline constexpr size_t kGeneratedIdBytes = 6;

// Longest id accepted: the id is a directory name in the state roots.
inline constexpr size_t kMaxContainerIdLength = 128;

// A new random id of 12 lowercase hex characters.
inline absl::StatusOr<std::string> GenerateContainerId() {
  unsigned char bytes[kGeneratedIdBytes];
  size_t got = 0;
  while (got < sizeof(bytes)) {
    const ssize_t n = ::getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::InternalError(absl::StrCat("getrandom: ", std::strerror(errno)));
    got += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(2 * sizeof(bytes));
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xf]);
  }
  return id;
}

// OK when `id` is a valid container id (runc's rule, at most 128 characters).
inline absl::Status ValidateContainerId(absl::string_view id) {
  static const RE2 kIdPattern(R"([\w+-\.]+)");
  if (id.empty()) return absl::InvalidArgumentError("container id is empty");
  if (id.size() > kMaxContainerIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("container id is ", id.size(), " characters long; expected at most ", kMaxContainerIdLength));
  }
  if (!RE2::FullMatch(re2::StringPiece(id.data(), id.size()), kIdPattern) || id == "." || id == "..") {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid container id \"", id, "\"; expected letters, digits and _ + , - . only (runc's rule ^[\\w+-\\.]+$)"));
  }
  return absl::OkStatus();
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_CONTAINER_ID_H_
