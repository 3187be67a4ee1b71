// File: spec/testing/golden_mode.h
//
// What every golden-file test needs: whether it runs in update mode, and
// where the golden files are. Update mode is asked for with `--update` on the
// test's command line or OCIKIT_UPDATE_GOLDEN=1, and is meant for `bazel run`:
// then BUILD_WORKSPACE_DIRECTORY names the source tree, and updates land there
// for review. Under `bazel test` the files are read from the runfiles copy.
//
// Example:
//   int main(int argc, char** argv) {
//     ::testing::InitGoogleTest(&argc, argv);
//     update_mode = ocikit::testutil::UpdateModeRequested(argc, argv);
//     return RUN_ALL_TESTS();
//   }
//   const std::string dir = ocikit::testutil::WorkspacePath("testdata/dns");
#ifndef OCIKIT_SPEC_TESTING_GOLDEN_MODE_H_
#define OCIKIT_SPEC_TESTING_GOLDEN_MODE_H_

#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ocikit::testutil {

// True with `--update` among the arguments or OCIKIT_UPDATE_GOLDEN=1.
inline bool UpdateModeRequested(int argc, char** argv) {
  const char* env = std::getenv("OCIKIT_UPDATE_GOLDEN");
  if (env != nullptr && std::strcmp(env, "1") == 0) return true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--update") == 0) return true;
  }
  return false;
}

// `relative` (a workspace path such as "testdata/golden") in the source tree
// under `bazel run`, or in the runfiles under `bazel test`.
inline std::string WorkspacePath(absl::string_view relative) {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace != nullptr && *workspace != '\0') return absl::StrCat(workspace, "/", relative);
  return std::string(relative);
}

}  // namespace ocikit::testutil

#endif  // OCIKIT_SPEC_TESTING_GOLDEN_MODE_H_
