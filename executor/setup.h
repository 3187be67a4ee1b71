// File: executor/setup.h
//
// Writing a container's bundle: the directory (executor/bundle.h), config.json
// (atomic, 0600, no fsync: a bundle does not outlive the boot), the runtime's
// path, and the process's working directory inside the rootfs
// (executor/workdir.h), owned by the process's user mapped to host ids. Any
// failure undoes what was done, so nothing is left; after a successful setup,
// Abandon() undoes it again (the container never started) and Keep() makes
// the working directory permanent (it did).
//
// Example:
//   absl::StatusOr<BundleSetup> setup = SetUpBundle(spec, rt, "/run/ocikit", "web");
//   ... runtime create fails: setup->Abandon(/*remove_bundle=*/true);
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_SETUP_H_
#define OCIKIT_EXECUTOR_SETUP_H_


#include <cstddef>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/bundle.h"
#include "executor/runtime.h"
#include "executor/workdir.h"
#include "spec/config.h"

namespace ocikit::executor {

// Records the runtime's path in the new bundle, for later lifecycle commands.
// A plain write: the bundle is new and private, and the file only a hint
// (without it, runc is assumed), so it needs no fsync.
absl::Status WriteRuntimeFile(const std::string& path, const std::string& runtime_path);

// Writes the spec to config.json (`path`) atomically with mode 0600 (a
// temporary file, renamed), without fsync: a bundle does not outlive the boot
// (FileSync::kAtomic in spec/file.h).
absl::Status WriteConfigFile(const std::string& path, const Spec& spec);

// What SetUpBundle created.
struct BundleSetup {
  BundlePaths bundle;
  CreatedDirs workdir;  // directories made for process.cwd

  // The container never started: removes the created working directory and,
  // when `remove_bundle`, the bundle.
  void Abandon(bool remove_bundle) {
    workdir.Rollback();
    if (remove_bundle) RemoveTree(bundle.dir).IgnoreError();
  }
  // The container started: the working directory stays.
  void Keep() { workdir.Release(); }
};

// Creates the bundle of container `id` for the prepared `spec` (see
// executor/prepare.h) to run with `rt`. When `dir_exists`, the caller already
// made the bundle directory (CreateBundleDir), e.g. to generate files into it;
// it is removed on failure all the same. Without `record_runtime`, the
// runtime file is not written: for the default runtime (`runc` found in
// PATH), which later commands use when the file is missing.
absl::StatusOr<BundleSetup> SetUpBundle(const Spec& spec, const Runtime& rt, absl::string_view state_root,
                                              absl::string_view id, bool dir_exists = false,
                                              bool record_runtime = true);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/setup-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_SETUP_H_
