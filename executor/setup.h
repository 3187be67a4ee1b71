// File: executor/setup.h
//
// Writing a container's bundle: the directory (executor/bundle.h), config.json
// (atomic, 0600), the runtime's path, and the process's working directory
// inside the rootfs (executor/workdir.h), owned by the process's user mapped
// to host ids. Any failure undoes what was done, so nothing is left; after a
// successful setup, Abandon() undoes it again (the container never started)
// and Keep() makes the working directory permanent (it did).
//
// Example:
//   absl::StatusOr<BundleSetup> setup = SetUpBundle(spec, rt, "/run/ocikit", "web");
//   ... runtime create fails: setup->Abandon(/*remove_bundle=*/true);
#ifndef OCIKIT_EXECUTOR_SETUP_H_
#define OCIKIT_EXECUTOR_SETUP_H_

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/bundle.h"
#include "executor/prepare.h"
#include "executor/runtime.h"
#include "executor/unique_fd.h"
#include "executor/workdir.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/file.h"

namespace ocikit::executor {

// Records the runtime's path in the new bundle, for later lifecycle commands.
// A plain write: the bundle is new and private, and the file only a hint
// (without it, runc is assumed), so it needs no fsync.
inline absl::Status WriteRuntimeFile(const std::string& path, const std::string& runtime_path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return ErrnoStatus(errno, path);
  const std::string text = runtime_path + "\n";
  if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return ErrnoStatus(errno == 0 ? EIO : errno, path);
  }
  return absl::OkStatus();
}

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
// it is removed on failure all the same.
inline absl::StatusOr<BundleSetup> SetUpBundle(const Spec& spec, const Runtime& rt, absl::string_view state_root,
                                              absl::string_view id, bool dir_exists = false) {
  BundleSetup setup;
  setup.bundle = BundlePaths::For(state_root, id);
  if (!dir_exists) {
    if (absl::Status s = CreateBundleDir(setup.bundle, state_root, id); !s.ok()) return s;
  }
  const auto fail = [&](absl::Status s) {
    setup.Abandon(/*remove_bundle=*/true);
    return s;
  };
  if (absl::Status s = WriteSpecFile(setup.bundle.config, spec); !s.ok()) return fail(s);
  if (absl::Status s = WriteRuntimeFile(setup.bundle.runtime_file, rt.path); !s.ok()) return fail(s);
  if (spec.process && spec.root) {
    const std::vector<LinuxIDMapping> none;
    const auto& uid_maps = spec.linux_section ? spec.linux_section->uid_mappings : none;
    const auto& gid_maps = spec.linux_section ? spec.linux_section->gid_mappings : none;
    absl::StatusOr<CreatedDirs> made =
        EnsureWorkdir(spec.root->path, spec.process->cwd, HostId(spec.process->user.uid, uid_maps),
                      HostId(spec.process->user.gid, gid_maps));
    if (!made.ok()) return fail(made.status());
    setup.workdir = *std::move(made);
  }
  return setup;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_SETUP_H_
