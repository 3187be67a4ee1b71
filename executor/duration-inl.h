// File: executor/duration-inl.h
//
// Definitions of executor/duration.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_DURATION_INL_H_
#define OCIKIT_EXECUTOR_DURATION_INL_H_

#include "executor/duration.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ocikit::executor {

OCIKIT_INLINE absl::StatusOr<absl::Duration> ParseFlagDuration(absl::string_view text) {
  absl::Duration d;
  if (!absl::ParseDuration(std::string(text), &d) || d <= absl::ZeroDuration() || d == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError("expected a positive duration with a unit, such as 30s, 500ms or 2m");
  }
  return d;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_DURATION_INL_H_
