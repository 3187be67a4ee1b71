// File: executor/prepare-inl.h
//
// Definitions of executor/prepare.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_PREPARE_INL_H_
#define OCIKIT_EXECUTOR_PREPARE_INL_H_

#include "executor/prepare.h"
#include "spec/internal/compile_mode.h"
#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "executor/rlimits.h"
#include "executor/runtime.h"
#include "spec/config.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/process.h"
#include "spec/pathutil.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE int MajorMinor(absl::string_view version) {
  const std::vector<absl::string_view> parts = absl::StrSplit(version, absl::MaxSplits('.', 2));
  int major = 0;
  int minor = 0;
  if (parts.size() < 2 || !absl::SimpleAtoi(parts[0], &major) || !absl::SimpleAtoi(parts[1], &minor)) return -1;
  return major * 1000 + minor;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> PrepareSpec(Spec& spec, const Runtime& rt,
                                                            const PrepareOptions& options) {
  std::vector<std::string> notes;
  if (!spec.root || spec.root->path.empty()) {
    return absl::InvalidArgumentError("root.path: missing; give the root filesystem with --rootfs DIR");
  }
  std::string& root = spec.root->path;
  if (root.front() != '/') {
    root = options.caller_dir.empty() ? AbsolutePath(root) : JoinPath({options.caller_dir, root});
  } else {
    root = CleanPath(root);
  }
  struct stat st;
  if (::stat(root.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat("rootfs ", root, ": ", std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) return absl::InvalidArgumentError(absl::StrCat("rootfs ", root, ": not a directory"));
  if (!spec.process) {
    return absl::InvalidArgumentError("process: missing; the spec has no process to run");
  }
  Process& p = spec.process.value();
  if (options.require_args && p.args.empty()) {
    return absl::InvalidArgumentError(
        "process.args: empty; give the command to run after the flags, e.g. ocikit run sh -c 'echo hi'");
  }
  // push_back on the empty string, not `= "/"`: at -O2, g++ 12 reports a false
  // -Wrestrict for a one-character assignment (GCC bug 105329).
  if (p.cwd.empty()) p.cwd.push_back('/');
  if (std::none_of(p.env.begin(), p.env.end(), [](const std::string& e) { return absl::StartsWith(e, "PATH="); })) {
    p.env.insert(p.env.begin(), std::string(kDefaultPathEnv));
  }
  if (rt.is_crun() && internal::MajorMinor(spec.oci_version) > internal::MajorMinor(kCrunMaxOciVersion)) {
    notes.push_back(absl::StrCat("ociVersion ", spec.oci_version, " written as ", kCrunMaxOciVersion, " for ", rt.name,
                                 ", which rejects newer versions (\"unknown version specified\"); it ignores fields "
                                 "newer than ",
                                 kCrunMaxOciVersion));
    spec.oci_version = std::string(kCrunMaxOciVersion);
  }
  CallerLimits own;
  const CallerLimits* caller = options.caller_limits;
  if (caller == nullptr && !p.rlimits.empty()) {
    OCIKIT_ASSIGN_OR_RETURN(CallerLimits read, ReadCallerLimits());
    own = std::move(read);
    caller = &own;
  }
  if (caller != nullptr) {
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> fitted,
                            FitRlimits(spec, *caller, rt.name, options.strict_rlimits));
    notes.insert(notes.end(), fitted.begin(), fitted.end());
  }
  return notes;
}

OCIKIT_INLINE bool HasPrivatePidNamespace(const Spec& spec) {
  if (!spec.linux_section) return false;
  for (const LinuxNamespace& ns : spec.linux_section->namespaces) {
    if (ns.type == "pid") return ns.path.empty();
  }
  return false;
}

OCIKIT_INLINE uint32_t HostId(uint32_t id, const std::vector<LinuxIDMapping>& maps) {
  for (const LinuxIDMapping& m : maps) {
    if (id >= m.container_id && id - m.container_id < m.size) return m.host_id + (id - m.container_id);
  }
  return id;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_PREPARE_INL_H_
