// File: spec/default_spec.h
//
// The default Linux spec: value by value and in order the spec containerd v2
// generates (pkg/oci populateDefaultUnixSpec), with ociVersion "1.3.0". No
// PATH, no seccomp profile, no hostname: those come from transforms.
//
// Example:
//   Spec spec = DefaultLinuxSpec("default", "web");
//   spec.linux_section->cgroups_path;  // "/default/web"
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_DEFAULT_SPEC_H_
#define OCIKIT_SPEC_DEFAULT_SPEC_H_

#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "spec/config.h"

namespace ocikit {

// The containerd namespace used when none is given.
inline constexpr absl::string_view kDefaultNamespace = "default";

// The 14 capabilities containerd and moby grant by default, in their order.
const std::vector<std::string>& DefaultCapabilities();

// containerd's default masked paths (v2: with /sys/devices/virtual/powercap).
const std::vector<std::string>& DefaultMaskedPaths();

// containerd's default read-only paths.
const std::vector<std::string>& DefaultReadonlyPaths();

// containerd's default mounts, in order.
const std::vector<Mount>& DefaultMounts();

// containerd's cgroup path for a container: path.Join("/", ns, id).
std::string NamespacedCgroupsPath(absl::string_view ns, absl::string_view id);

// The default Linux spec for container `id` in containerd namespace `ns`.
Spec DefaultLinuxSpec(absl::string_view ns = kDefaultNamespace, absl::string_view id = "");

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/default_spec-inl.h"
#endif

#endif  // OCIKIT_SPEC_DEFAULT_SPEC_H_
