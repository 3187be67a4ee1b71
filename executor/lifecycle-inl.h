// File: executor/lifecycle-inl.h
//
// Definitions of executor/lifecycle.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_LIFECYCLE_INL_H_
#define OCIKIT_EXECUTOR_LIFECYCLE_INL_H_

#include "executor/lifecycle.h"
#include "spec/internal/compile_mode.h"
#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "executor/bundle.h"
#include "executor/runtime.h"
#include "executor/runtime_command.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE std::string LogIfBundle(const BundlePaths& b) { return PathExists(b.dir) ? b.log : ""; }
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<Runtime> RuntimeForContainer(absl::string_view state_root, absl::string_view id,
                                                   absl::string_view flag) {
  if (!flag.empty()) return ResolveRuntime(flag, state_root);
  const BundlePaths b = BundlePaths::For(state_root, id);
  if (absl::StatusOr<std::string> recorded = ReadRegularFile(b.runtime_file, 4096); recorded.ok()) {
    const std::string path(absl::StripAsciiWhitespace(*recorded));
    if (!path.empty()) return ResolveRuntime(path, state_root);
  }
  return ResolveRuntime(kDefaultRuntime, state_root);
}

OCIKIT_INLINE absl::Status StartContainer(const Runtime& rt, absl::string_view state_root, const std::string& id) {
  RuntimeCommandOptions o;
  o.timeout = kRuntimeSetupTimeout;
  return RunRuntimeCommand(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), {"start", "--", id}, o).status();
}

OCIKIT_INLINE absl::StatusOr<std::string> ContainerState(const Runtime& rt, absl::string_view state_root,
                                                  const std::string& id) {
  RuntimeCommandOptions o;
  o.capture_stdout = true;
  return RunRuntimeCommand(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), {"state", "--", id}, o);
}

OCIKIT_INLINE absl::Status KillContainer(const Runtime& rt, absl::string_view state_root, const std::string& id, int sig,
                                  bool all) {
  return RuntimeKill(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), id, sig, all);
}

OCIKIT_INLINE absl::StatusOr<std::string> ListContainers(const Runtime& rt, const std::string& format, bool quiet) {
  std::vector<std::string> args = {"list"};
  if (quiet) {
    args.push_back("--quiet");
  } else {
    args.insert(args.end(), {"--format", format});
  }
  RuntimeCommandOptions o;
  o.capture_stdout = true;
  return RunRuntimeCommand(rt, "", std::move(args), o);
}

OCIKIT_INLINE std::string RuntimeStateDir(const Runtime& rt, absl::string_view id) { return JoinPath({rt.root, id}); }

OCIKIT_INLINE bool HasRuntimeStateFile(const std::string& dir) {
  return PathExists(JoinPath({dir, "state.json"})) || PathExists(JoinPath({dir, "status"}));
}

OCIKIT_INLINE absl::Status RemoveRuntimeState(const Runtime& rt, const std::string& log, const std::string& id) {
  const std::string dir = RuntimeStateDir(rt, id);
  if (!PathExists(dir)) return absl::OkStatus();
  absl::Status s = RuntimeDelete(rt, log, id, /*force=*/true);
  if (s.ok() || !PathExists(dir)) return absl::OkStatus();
  if (!HasRuntimeStateFile(dir)) return RemoveTree(dir);
  if (IsNotRunningError(s.message())) return absl::OkStatus();
  return s;
}

OCIKIT_INLINE std::vector<std::string> ListBundleIds(absl::string_view state_root) {
  std::vector<std::string> ids;
  const std::string dir = JoinPath({state_root, "bundles"});
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ids;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") ids.push_back(name);
  }
  ::closedir(d);
  std::sort(ids.begin(), ids.end());
  return ids;
}

OCIKIT_INLINE std::vector<std::string> OrphanBundles(const Runtime& rt, absl::string_view state_root) {
  std::vector<std::string> ids;
  for (const std::string& id : ListBundleIds(state_root)) {
    // Containers of `ocikit run` (with an owner lock) are `ocikit gc`'s.
    if (PathExists(BundlePaths::For(state_root, id).owner_lock)) continue;
    if (!PathExists(RuntimeStateDir(rt, id))) ids.push_back(id);
  }
  return ids;
}

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> DeleteContainer(const Runtime& rt, absl::string_view state_root,
                                                                const std::string& id, bool force) {
  std::vector<std::string> removed;
  const BundlePaths b = BundlePaths::For(state_root, id);
  const std::string state_dir = RuntimeStateDir(rt, id);
  const bool had_bundle = PathExists(b.dir);
  const bool had_state = PathExists(state_dir);
  if (had_state) {
    absl::Status s = RuntimeDelete(rt, internal::LogIfBundle(b), id, force);
    if (s.ok() || !PathExists(state_dir)) {
      removed.push_back(absl::StrCat("removed the runtime state of ", id, " (", state_dir, ")"));
    } else if (!HasRuntimeStateFile(state_dir)) {
      OCIKIT_RETURN_IF_ERROR(RemoveTree(state_dir));
      removed.push_back(absl::StrCat("removed leftover runtime state ", state_dir,
                                     " (no state file: the runtime was killed while creating it)"));
    } else if (!force && !IsNotRunningError(s.message())) {
      return absl::FailedPreconditionError(
          absl::StrCat(s.message(), "; stop it first, or use \"", DeleteCommand(state_root, id, true), "\""));
    } else {
      return s;
    }
  }
  if (had_bundle) {
    OCIKIT_RETURN_IF_ERROR(RemoveTree(b.dir));
    removed.push_back(absl::StrCat("removed bundle ", b.dir));
  }
  if (!had_bundle && !had_state) {
    return absl::NotFoundError(absl::StrCat("no container \"", id, "\": no bundle in ", JoinPath({state_root, "bundles"}),
                                            " and no ", rt.name, " state in ", rt.root));
  }
  return removed;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_LIFECYCLE_INL_H_
