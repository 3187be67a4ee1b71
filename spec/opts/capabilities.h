// File: spec/opts/capabilities.h
//
// Capability transforms. Names are normalised, so "net_raw", "NET_RAW" and
// "CAP_NET_RAW" all mean CAP_NET_RAW; an unknown name is an error; "ALL" adds
// every known capability or drops every capability (as Buildah and Podman).
//
// Example:
//   ApplyOpts(ctx, spec, {WithDroppedCapabilities({"net_raw"}),
//                         WithAddedCapabilities({"CAP_SYS_PTRACE"})});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_CAPABILITIES_H_
#define OCIKIT_SPEC_OPTS_CAPABILITIES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The 41 capabilities of Linux 5.9+, in bit order (containerd's cap.Known()).
const std::vector<std::string>& KnownCapabilities();

// "net_raw" -> "CAP_NET_RAW"; "all" -> "ALL"; unknown names are an error.
absl::StatusOr<std::string> NormalizeCapability(absl::string_view name);

namespace internal {

// Normalises all names; true in `all` when "ALL" was among them.
absl::StatusOr<std::vector<std::string>> NormalizeCapabilities(const std::vector<std::string>& names,
                                                                      bool& all);

void AddMissing(std::vector<std::string>& set, const std::vector<std::string>& caps);

}  // namespace internal

// Sets the bounding, effective and permitted sets to `caps`; inheritable keeps
// only members of `caps` (it is cleared when `caps` is empty).
SpecOpt WithCapabilities(std::vector<std::string> caps);

// Adds capabilities to the bounding, effective and permitted sets.
SpecOpt WithAddedCapabilities(std::vector<std::string> caps);

// Removes every occurrence of the capabilities from all five sets ("ALL"
// empties them). containerd keeps ambient; an ambient capability outside
// permitted would make the runtime fail, so ocikit drops it too.
SpecOpt WithDroppedCapabilities(std::vector<std::string> caps);


// The capability names of the effective set in a /proc/<pid>/status text
// ("CapEff:\t000001ffffffffff"), in bit order; bits the 41 known names do
// not cover are left out (containerd's WithAllCurrentCapabilities).
absl::StatusOr<std::vector<std::string>> CapabilitiesFromStatus(absl::string_view status);

// Sets the bounding, effective and permitted sets to every known capability.
SpecOpt WithAllKnownCapabilities();

// Sets the bounding, effective and permitted sets to the capabilities the
// calling process has, read from ctx.proc_self_status.
SpecOpt WithAllCurrentCapabilities();

// Sets the inheritable and ambient sets to `caps` (containerd).
SpecOpt WithAmbientCapabilities(std::vector<std::string> caps);

// For a non-root process (uid != 0 when the transform runs): makes the
// explicitly added capabilities `caps` ambient, so they survive execve (they
// are also added to inheritable, permitted and effective, which ambient
// requires). Never ALL, never the default set: only what the user named
// (kubernetes #56374, moby #52830). Does nothing for root.
SpecOpt WithAmbientAddedCapabilities(std::vector<std::string> caps);

// For a non-root process (uid != 0 when the transform runs): clears the
// effective, permitted and inheritable sets, keeping bounding, as the kernel
// would at execve anyway (Buildah's configureUIDGID). Ambient capabilities
// stay, with the permitted and inheritable entries they need.
SpecOpt WithNonRootCapabilitiesCleared();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/capabilities-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_CAPABILITIES_H_
