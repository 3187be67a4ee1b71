// File: executor/rlimits.h
//
// Fitting the spec's rlimits to what the caller can grant. The runtime sets
// process.rlimits with setrlimit(2) in the container's init, which needs
// CAP_SYS_RESOURCE (in the initial user namespace) to raise a hard limit above
// the caller's own, and can never raise RLIMIT_NOFILE above fs.nr_open. A spec
// asking for more, such as Podman's default nofile 1048576 under a hard limit
// of 20000 without CAP_SYS_RESOURCE, makes runc fail with "error setting
// rlimit type 7: operation not permitted", which explains nothing.
//
// FitRlimits therefore checks each limit before anything is created and, by
// default, lowers the hard limit to what can be granted (and the soft limit to
// at most the hard one), returning one warning line per change that says what
// was changed and why (as Buildah and Podman clamp rootless limits); with
// `strict` it fails with the same explanation instead. The caller writes the
// fitted spec, so config.json shows what actually runs.
//
// Example:
//   absl::StatusOr<CallerLimits> caller = ReadCallerLimits();
//   absl::StatusOr<std::vector<std::string>> warnings = FitRlimits(spec, *caller, "runc", false);
//   // "RLIMIT_NOFILE hard limit 1048576 lowered to 20000: this process's hard limit is 20000 and ..."
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_RLIMITS_H_
#define OCIKIT_EXECUTOR_RLIMITS_H_


#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/rlimits.h"

namespace ocikit::executor {

// The bit of CAP_SYS_RESOURCE in /proc/self/status CapEff.
inline constexpr int kCapSysResourceBit = 24;

// The resource number of an rlimit type name ("RLIMIT_NOFILE"), or nullopt.
std::optional<int> RlimitResource(absl::string_view type);

// What the calling process can grant: its own hard limits, whether it has
// CAP_SYS_RESOURCE, and the kernel's fs.nr_open.
struct CallerLimits {
  std::map<int, uint64_t> hard;  // by resource; RLIM_INFINITY for unlimited
  bool cap_sys_resource = false;
  uint64_t nr_open = 1048576;
};

// Whether the CapEff line of a /proc/<pid>/status text has CAP_SYS_RESOURCE.
absl::StatusOr<bool> HasCapSysResource(absl::string_view proc_status);

// Reads the caller's limits with getrlimit(2), /proc/self/status and
// /proc/sys/fs/nr_open (paths replaceable for tests).
absl::StatusOr<CallerLimits> ReadCallerLimits(const std::string& proc_status = "/proc/self/status",
                                                      const std::string& nr_open = "/proc/sys/fs/nr_open");

namespace internal {

std::string LimitText(uint64_t v);

}  // namespace internal

// Fits process.rlimits to `caller` (see the file comment). Returns the warning
// lines (without a prefix) for the limits it lowered. With `strict`, returns
// FailedPrecondition for the first limit that does not fit and changes
// nothing. An unknown type is InvalidArgument naming process.rlimits[i].type.
// `runtime_name` names the runtime in the explanation. The lowering itself is
// ClampRlimits (spec/opts/rlimits.h); this adds what the caller can grant.
absl::StatusOr<std::vector<std::string>> FitRlimits(Spec& spec, const CallerLimits& caller,
                                                          absl::string_view runtime_name, bool strict);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/rlimits-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RLIMITS_H_
