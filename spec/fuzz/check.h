// File: spec/fuzz/check.h
//
// What ocikit's fuzz targets assert: a property that fails prints what broke
// and aborts, which libFuzzer reports as a crash (and saves the input) and the
// replay driver (spec/fuzz/replay_main.cc) as a failed test. Also the small
// input helpers the targets share: the input as text, and split into parts.
//
// Example:
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     const absl::string_view text = ocikit::fuzz::AsText(data, size);
//     OCIKIT_FUZZ_CHECK(Parse(Print(x)) == x, "round trip of ", text.size(), " bytes");
//     return 0;
//   }
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_FUZZ_CHECK_H_
#define OCIKIT_SPEC_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace ocikit::fuzz {

// Prints the failed property and aborts.
[[noreturn]] inline void Fail(const char* condition, const char* file, int line, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n%s\n", file, line, condition, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

// The fuzz input as text (any bytes).
inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

// The input cut at each ASCII record separator (0x1e), which seeds use to hold
// several documents in one file (config A, then config B; passwd, group, name).
// Always `n` parts: missing ones are empty, extra separators stay in the last.
inline std::vector<absl::string_view> SplitParts(absl::string_view text, size_t n) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits('\x1e', static_cast<int>(n - 1)));
  parts.resize(n);
  return parts;
}

}  // namespace ocikit::fuzz

#define OCIKIT_FUZZ_CHECK(condition, ...)                                                       \
  do {                                                                                          \
    if (!(condition)) ::ocikit::fuzz::Fail(#condition, __FILE__, __LINE__, absl::StrCat(__VA_ARGS__)); \
  } while (0)

#endif  // OCIKIT_SPEC_FUZZ_CHECK_H_
