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
//
// Dependencies: absl_status absl_strings re2
#ifndef OCIKIT_EXECUTOR_CONTAINER_ID_H_
#define OCIKIT_EXECUTOR_CONTAINER_ID_H_


#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

// Random bytes in a generated id (two hex characters each).
inline constexpr size_t kGeneratedIdBytes = 6;

// Longest id accepted: the id is a directory name in the state roots.
inline constexpr size_t kMaxContainerIdLength = 128;

// A new random id of 12 lowercase hex characters.
absl::StatusOr<std::string> GenerateContainerId();

// OK when `id` is a valid container id (runc's rule, at most 128 characters).
absl::Status ValidateContainerId(absl::string_view id);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/container_id-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_CONTAINER_ID_H_
