// File: executor/container_id-inl.h
//
// Definitions of executor/container_id.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_CONTAINER_ID_INL_H_
#define OCIKIT_EXECUTOR_CONTAINER_ID_INL_H_

#include "executor/container_id.h"
#include "spec/internal/compile_mode.h"
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

OCIKIT_INLINE absl::StatusOr<std::string> GenerateContainerId() {
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

OCIKIT_INLINE absl::Status ValidateContainerId(absl::string_view id) {
  static const RE2 kIdPattern(R"([\w+-\.]+)");
  if (id.empty()) return absl::InvalidArgumentError("container id is empty");
  if (id.size() > kMaxContainerIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("container id is ", id.size(), " characters long; expected at most ", kMaxContainerIdLength));
  }
  if (id.front() == '-') {
    return absl::InvalidArgumentError(absl::StrCat("invalid container id \"", id,
                                                   "\": it starts with '-', so a runtime would read it as a flag"));
  }
  if (!RE2::FullMatch(re2::StringPiece(id.data(), id.size()), kIdPattern) || id == "." || id == "..") {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid container id \"", id, "\"; expected letters, digits and _ + , - . only (runc's rule ^[\\w+-\\.]+$)"));
  }
  return absl::OkStatus();
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_CONTAINER_ID_INL_H_
