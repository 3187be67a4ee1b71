// File: executor/setup-inl.h
//
// Definitions of executor/setup.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_SETUP_INL_H_
#define OCIKIT_EXECUTOR_SETUP_INL_H_

#include "executor/setup.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstddef>
#include <string>
#include <utility>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "executor/bundle.h"
#include "executor/prepare.h"
#include "executor/runtime.h"
#include "executor/unique_fd.h"
#include "executor/workdir.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/file.h"
#include <sys/stat.h>
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

OCIKIT_INLINE absl::Status WriteRuntimeFile(const std::string& path, const std::string& runtime_path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return ErrnoStatus(errno, path);
  const std::string text = runtime_path + "\n";
  if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return ErrnoStatus(errno == 0 ? EIO : errno, path);
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status WriteConfigFile(const std::string& path, const Spec& spec) {
  std::string text = Marshal(spec);
  text.push_back('\n');
  return WriteFileAtomic(path, text, 0600, FileSync::kAtomic);
}

OCIKIT_INLINE absl::StatusOr<BundleSetup> SetUpBundle(const Spec& spec, const Runtime& rt, absl::string_view state_root,
                                              absl::string_view id, bool dir_exists,
                                              bool record_runtime) {
  BundleSetup setup;
  setup.bundle = BundlePaths::For(state_root, id);
  if (!dir_exists) {
    OCIKIT_RETURN_IF_ERROR(CreateBundleDir(setup.bundle, state_root, id));
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

#endif  // OCIKIT_EXECUTOR_SETUP_INL_H_
