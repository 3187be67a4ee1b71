// File: executor/duration.h
//
// Durations typed on the command line (--timeout, --stop-timeout) in Go's
// syntax, as Docker and Podman take them: "30s", "500ms", "2m", "1h30m".
//
// Example:
//   absl::StatusOr<absl::Duration> d = ParseFlagDuration("500ms");  // 0.5 s
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_DURATION_H_
#define OCIKIT_EXECUTOR_DURATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ocikit::executor {

// Parses a positive, finite Go-style duration. A bare number is refused: "10"
// could mean seconds or milliseconds.
absl::StatusOr<absl::Duration> ParseFlagDuration(absl::string_view text);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/duration-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_DURATION_H_
