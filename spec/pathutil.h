// File: spec/pathutil.h
//
// Lexical path helpers with the semantics of Go's path.Clean and path.Join,
// which containerd applies to mount destinations and cgroup paths. They never
// touch the filesystem.
//
// Example:
//   CleanPath("/a/./b/../c/");          // "/a/c"
//   JoinPath({"/", "default", "ID"});   // "/default/ID"
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_PATHUTIL_H_
#define OCIKIT_SPEC_PATHUTIL_H_

#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace ocikit {

// The shortest path equivalent to `path` by purely lexical processing:
// repeated slashes folded, "." removed, ".." removed with the element before
// it, ".." at the root dropped. "" becomes ".".
std::string CleanPath(absl::string_view path);

// Joins the non-empty elements with "/" and cleans the result; "" when all
// elements are empty (Go's path.Join).
std::string JoinPath(std::initializer_list<absl::string_view> elements);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/pathutil-inl.h"
#endif

#endif  // OCIKIT_SPEC_PATHUTIL_H_
