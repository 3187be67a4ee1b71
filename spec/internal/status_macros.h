// File: spec/internal/status_macros.h
//
// Status propagation macros. Abseil 20220623 (Debian 12) predates
// absl/status/status_macros.h, so ocikit defines its own, prefixed.
//
// Macros only (no functions), so this header is the same in header-only and
// compiled mode (spec/internal/compile_mode.h). Plain C++: no GNU statement
// expressions, so -Wpedantic passes with GCC and clang.
//
//   OCIKIT_RETURN_IF_ERROR(expr)               returns the absl::Status `expr`
//                                              when it is not OK.
//   OCIKIT_ASSIGN_OR_RETURN(lhs, rexpr)        `lhs = *rexpr` for an
//                                              absl::StatusOr, or returns its
//                                              status. `lhs` may declare a
//                                              variable: `T x` (a type with a
//                                              top-level comma needs an alias
//                                              or `auto`). Expands to several
//                                              statements: not the body of an
//                                              unbraced if.
//   OCIKIT_RETURN_IF_ERROR_PREFIXED(prefix, expr)
//   OCIKIT_ASSIGN_OR_RETURN_PREFIXED(prefix, lhs, rexpr)
//                                              the same, but the returned
//                                              status keeps its code and gets
//                                              `prefix` (anything absl::StrCat
//                                              takes, evaluated only on error)
//                                              before its message, e.g.
//                                              "/proc/self/status: ".
//                                              Payloads are dropped.
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_
#define OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_

#include <utility>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

#define OCIKIT_RETURN_IF_ERROR(...)                      \
  do {                                                   \
    if (absl::Status ocikit_status_ = (__VA_ARGS__);     \
        !ocikit_status_.ok()) {                          \
      return ocikit_status_;                             \
    }                                                    \
  } while (false)

#define OCIKIT_RETURN_IF_ERROR_PREFIXED(prefix, ...)                                 \
  do {                                                                               \
    if (absl::Status ocikit_status_ = (__VA_ARGS__); !ocikit_status_.ok()) {         \
      return OCIKIT_STATUS_MACROS_PREFIXED_(prefix, ocikit_status_);                 \
    }                                                                                \
  } while (false)

#define OCIKIT_STATUS_MACROS_CONCAT_INNER_(x, y) x##y
#define OCIKIT_STATUS_MACROS_CONCAT_(x, y) OCIKIT_STATUS_MACROS_CONCAT_INNER_(x, y)
#define OCIKIT_STATUS_MACROS_NAME_ OCIKIT_STATUS_MACROS_CONCAT_(ocikit_statusor_, __LINE__)

// `status` with `prefix` before its message, same code.
#define OCIKIT_STATUS_MACROS_PREFIXED_(prefix, status) \
  absl::Status((status).code(), absl::StrCat(prefix, (status).message()))

#define OCIKIT_ASSIGN_OR_RETURN(lhs, ...) \
  OCIKIT_ASSIGN_OR_RETURN_IMPL_(OCIKIT_STATUS_MACROS_NAME_, lhs, (__VA_ARGS__))

#define OCIKIT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = rexpr;                                    \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = *std::move(statusor)

#define OCIKIT_ASSIGN_OR_RETURN_PREFIXED(prefix, lhs, ...) \
  OCIKIT_ASSIGN_OR_RETURN_PREFIXED_IMPL_(OCIKIT_STATUS_MACROS_NAME_, prefix, lhs, (__VA_ARGS__))

#define OCIKIT_ASSIGN_OR_RETURN_PREFIXED_IMPL_(statusor, prefix, lhs, rexpr)          \
  auto statusor = rexpr;                                                              \
  if (!statusor.ok()) return OCIKIT_STATUS_MACROS_PREFIXED_(prefix, statusor.status()); \
  lhs = *std::move(statusor)

#endif  // OCIKIT_SPEC_INTERNAL_STATUS_MACROS_H_
