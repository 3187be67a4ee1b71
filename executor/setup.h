// File: executor/setup.h
//
// Writing a container's bundle: the directory (executor/bundle.h), config.json
// (atomic, 0600; the directory's fsync left to SyncDir), the runtime's path,
// and the process's working directory inside the rootfs (executor/workdir.h),
// owned by the process's user mapped to host ids. Any failure undoes what was done, so nothing is left; after a
// successful setup, Abandon() undoes it again (the container never started)
// and Keep() makes the working directory permanent (it did).
//
// Example:
//   absl::StatusOr<BundleSetup> setup = SetUpBundle(spec, rt, "/run/ocikit", "web");
//   setup->SyncDir();
//   ... runtime create fails: setup->Abandon(/*remove_bundle=*/true);
#ifndef OCIKIT_EXECUTOR_SETUP_H_
#define OCIKIT_EXECUTOR_SETUP_H_

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
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

// Writes the spec to config.json (`path`) atomically, as WriteSpecFile does:
// a temporary file with mode 0600, fsync, rename. Only the fsync of the
// directory, which makes the rename itself durable, is left to the caller
// (SyncDirectory): `ocikit run` does it while the runtime starts, off the
// critical path, since the runtime reads the file from the page cache.
inline absl::Status WriteConfigFile(const std::string& path, const Spec& spec) {
  std::string text = Marshal(spec);
  text.push_back('\n');
  std::string tmp = path + ".tmp-XXXXXX";
  UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, tmp);
  absl::Status status;
  if (::fchmod(fd.get(), 0600) != 0) status = ErrnoStatus(errno, tmp);
  for (size_t done = 0; status.ok() && done < text.size();) {
    const ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = ErrnoStatus(errno, tmp);
    } else {
      done += static_cast<size_t>(n);
    }
  }
  if (status.ok() && ::fsync(fd.get()) != 0) status = ErrnoStatus(errno, tmp);
  if (::close(fd.Release()) != 0 && status.ok()) status = ErrnoStatus(errno, tmp);
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) status = ErrnoStatus(errno, path);
  if (!status.ok()) ::unlink(tmp.c_str());
  return status;
}

// fsync(2) of directory `dir`: the names created or renamed in it become
// durable. Best effort, as in WriteFileAtomic.
inline void SyncDirectory(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.valid()) ::fsync(fd.get());
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
  // Makes config.json's rename durable (see WriteConfigFile).
  void SyncDir() const { SyncDirectory(bundle.dir); }
};

// Creates the bundle of container `id` for the prepared `spec` (see
// executor/prepare.h) to run with `rt`. When `dir_exists`, the caller already
// made the bundle directory (CreateBundleDir), e.g. to generate files into it;
// it is removed on failure all the same. Without `record_runtime`, the
// runtime file is not written: for the default runtime (`runc` found in
// PATH), which later commands use when the file is missing.
inline absl::StatusOr<BundleSetup> SetUpBundle(const Spec& spec, const Runtime& rt, absl::string_view state_root,
                                              absl::string_view id, bool dir_exists = false,
                                              bool record_runtime = true) {
  BundleSetup setup;
  setup.bundle = BundlePaths::For(state_root, id);
  if (!dir_exists) {
    if (absl::Status s = CreateBundleDir(setup.bundle, state_root, id); !s.ok()) return s;
  }
  const auto fail = [&](absl::Status s) {
    setup.Abandon(/*remove_bundle=*/true);
    return s;
  };
  if (absl::Status s = WriteConfigFile(setup.bundle.config, spec); !s.ok()) return fail(s);
  if (record_runtime) {
    if (absl::Status s = WriteRuntimeFile(setup.bundle.runtime_file, rt.path); !s.ok()) return fail(s);
  }
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
