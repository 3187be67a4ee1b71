// File: spec/internal/status_macros.h
//
// Status propagation macros. Abseil 20220623 (Debian 12) predates
// absl/status/status_macros.h, so ocikit defines its own, prefixed.
//
// Dependencies: absl_status
#ifndef OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_
#define OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the current function when `expr` is not OK.
#define OCIKIT_RETURN_IF_ERROR(expr)                     \
  do {                                                   \
    if (absl::Status ocikit_status_ = (expr);            \
        !ocikit_status_.ok()) {                          \
      return ocikit_status_;                             \
    }                                                    \
  } while (false)

#define OCIKIT_STATUS_MACROS_CONCAT_INNER_(x, y) x##y
#define OCIKIT_STATUS_MACROS_CONCAT_(x, y) OCIKIT_STATUS_MACROS_CONCAT_INNER_(x, y)

// Assigns the value of a StatusOr expression to `lhs`, or returns its status.
#define OCIKIT_ASSIGN_OR_RETURN(lhs, rexpr)                                  \
  OCIKIT_ASSIGN_OR_RETURN_IMPL_(                                             \
      OCIKIT_STATUS_MACROS_CONCAT_(ocikit_statusor_, __LINE__), lhs, rexpr)

#define OCIKIT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = *std::move(statusor)

#endif  // OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_
