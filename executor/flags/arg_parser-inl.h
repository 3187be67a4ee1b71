// File: executor/flags/arg_parser-inl.h
//
// Definitions of executor/flags/arg_parser.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_INL_H_
#define OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_INL_H_

#include "executor/flags/arg_parser.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "spec/json/encoding.h"

namespace ocikit {

OCIKIT_INLINE size_t FirstInvalidUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = json::Utf8SequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return absl::string_view::npos;
}

OCIKIT_INLINE std::string DescribeInvalidUtf8(absl::string_view s, size_t offset) {
  return absl::StrFormat("not valid UTF-8 (byte 0x%02x at offset %d)", static_cast<unsigned char>(s[offset]), offset);
}

}  // namespace ocikit

#endif  // OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_INL_H_
