// File: executor/flags/test_util.h
//
// Helpers for the flag-layer tests: a file in the test's temporary directory.
//
// Example:
//   const std::string env = WriteTemp("env.list", "A=1\n");
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_
#define OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <string>

namespace ocikit::testing {

// Writes `text` to $TEST_TMPDIR/name (or /tmp/name) and returns the path.
inline std::string WriteTemp(const std::string& name, const std::string& text) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

}  // namespace ocikit::testing

#endif  // OCIKIT_EXECUTOR_FLAGS_TEST_UTIL_H_
