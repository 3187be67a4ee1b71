// File: spec/opts/namespaces.h
//
// Namespace transforms: create a private namespace, share the host's, or join
// one by path.
//
// Example:
//   ApplyOpts(ctx, spec, {WithHostNamespace("network"),
//                         WithLinuxNamespace("cgroup")});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_NAMESPACES_H_
#define OCIKIT_SPEC_OPTS_NAMESPACES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The namespace types config.json knows, in the spec's order.
const std::vector<std::string>& NamespaceTypes();

// OK when `type` is a namespace type config.json knows.
absl::Status CheckNamespaceType(absl::string_view type);

// Whether the spec gives the container its own (or a joined) namespace of `type`.
bool HasNamespace(const Spec& spec, absl::string_view type);

// Sets the namespace of `type` (joined when `path` is set): an existing entry
// of that type is replaced in place, keeping the order; otherwise appended.
SpecOpt WithLinuxNamespace(std::string type, std::string path = "");

// Shares the host's namespace of `type`: removes every entry of that type
// (containerd removes only the first; a duplicate would keep it private).
SpecOpt WithHostNamespace(std::string type);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/namespaces-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_NAMESPACES_H_
