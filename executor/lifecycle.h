// File: executor/lifecycle.h
//
// The detached lifecycle after `ocikit create`, delegating to the runtime's
// own commands with ocikit's state root: start, state, kill, list, delete.
// Each command uses the runtime that created the container (recorded in its
// bundle) unless --runtime says otherwise, and logs to the bundle's
// runtime.log while the bundle exists.
//
// `delete` also cleans what a crashed earlier run left (E11, E12): the bundle,
// and a runtime state directory the runtime cannot delete because it has no
// state file (runc killed while creating). It reports each thing it removed.
//
// Example:
//   absl::StatusOr<Runtime> rt = RuntimeForContainer("/run/ocikit", "web", "");
//   absl::StatusOr<std::vector<std::string>> removed = DeleteContainer(*rt, "/run/ocikit", "web", true);
#ifndef OCIKIT_EXECUTOR_LIFECYCLE_H_
#define OCIKIT_EXECUTOR_LIFECYCLE_H_

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

namespace ocikit::executor {

namespace internal {

// The bundle's log while the bundle exists, else "" (no --log).
inline std::string LogIfBundle(const BundlePaths& b) { return PathExists(b.dir) ? b.log : ""; }

}  // namespace internal

// The runtime for container `id`: `flag` when given (--runtime), else the one
// recorded in its bundle, else runc.
inline absl::StatusOr<Runtime> RuntimeForContainer(absl::string_view state_root, absl::string_view id,
                                                   absl::string_view flag) {
  if (!flag.empty()) return ResolveRuntime(flag, state_root);
  const BundlePaths b = BundlePaths::For(state_root, id);
  if (absl::StatusOr<std::string> recorded = ReadRegularFile(b.runtime_file, 4096); recorded.ok()) {
    const std::string path(absl::StripAsciiWhitespace(*recorded));
    if (!path.empty()) return ResolveRuntime(path, state_root);
  }
  return ResolveRuntime(kDefaultRuntime, state_root);
}

// `<runtime> start ID`.
inline absl::Status StartContainer(const Runtime& rt, absl::string_view state_root, const std::string& id) {
  RuntimeCommandOptions o;
  o.timeout = kRuntimeSetupTimeout;
  return RunRuntimeCommand(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), {"start", id}, o).status();
}

// The runtime's JSON state of container `id` (`<runtime> state ID`).
inline absl::StatusOr<std::string> ContainerState(const Runtime& rt, absl::string_view state_root,
                                                  const std::string& id) {
  RuntimeCommandOptions o;
  o.capture_stdout = true;
  return RunRuntimeCommand(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), {"state", id}, o);
}

// `<runtime> kill [--all] ID SIGNAL`.
inline absl::Status KillContainer(const Runtime& rt, absl::string_view state_root, const std::string& id, int sig,
                                  bool all) {
  return RuntimeKill(rt, internal::LogIfBundle(BundlePaths::For(state_root, id)), id, sig, all);
}

// `<runtime> list` output: "table" or "json" format, or ids only (`quiet`).
inline absl::StatusOr<std::string> ListContainers(const Runtime& rt, const std::string& format, bool quiet) {
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

// The runtime's state directory of container `id`.
inline std::string RuntimeStateDir(const Runtime& rt, absl::string_view id) { return JoinPath({rt.root, id}); }

// Whether the runtime state directory `dir` has its state file (runc keeps
// state.json, crun "status"): without it the runtime died while creating the
// container and cannot delete it itself (E11).
inline bool HasRuntimeStateFile(const std::string& dir) {
  return PathExists(JoinPath({dir, "state.json"})) || PathExists(JoinPath({dir, "status"}));
}

// Removes the runtime state container `id` left, if any: nothing to do (one
// stat) without a state directory, as after a foreground `<runtime> run`
// that deleted its container itself; else `<runtime> delete --force`, and
// the directory itself when it has no state file. An error saying the
// container is not running or gone counts as done.
inline absl::Status RemoveRuntimeState(const Runtime& rt, const std::string& log, const std::string& id) {
  const std::string dir = RuntimeStateDir(rt, id);
  if (!PathExists(dir)) return absl::OkStatus();
  absl::Status s = RuntimeDelete(rt, log, id, /*force=*/true);
  if (s.ok() || !PathExists(dir)) return absl::OkStatus();
  if (!HasRuntimeStateFile(dir)) return RemoveTree(dir);
  if (IsNotRunningError(s.message())) return absl::OkStatus();
  return s;
}

// Bundles in the state root whose container has no runtime state: what a
// crashed run left.
inline std::vector<std::string> OrphanBundles(const Runtime& rt, absl::string_view state_root) {
  std::vector<std::string> ids;
  const std::string dir = JoinPath({state_root, "bundles"});
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ids;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (!PathExists(RuntimeStateDir(rt, name))) ids.push_back(name);
  }
  ::closedir(d);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Deletes container `id`: its runtime state (`<runtime> delete [--force]`,
// or, for a state directory without a state file, the directory itself) and
// its bundle. Returns one line per thing removed; NotFound when there was
// nothing.
inline absl::StatusOr<std::vector<std::string>> DeleteContainer(const Runtime& rt, absl::string_view state_root,
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
      if (absl::Status r = RemoveTree(state_dir); !r.ok()) return r;
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
    if (absl::Status r = RemoveTree(b.dir); !r.ok()) return r;
    removed.push_back(absl::StrCat("removed bundle ", b.dir));
  }
  if (!had_bundle && !had_state) {
    return absl::NotFoundError(absl::StrCat("no container \"", id, "\": no bundle in ", JoinPath({state_root, "bundles"}),
                                            " and no ", rt.name, " state in ", rt.root));
  }
  return removed;
}

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_LIFECYCLE_H_
