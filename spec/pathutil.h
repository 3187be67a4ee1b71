// File: spec/pathutil.h
//
// Lexical path helpers with the semantics of Go's path.Clean and path.Join,
// which containerd applies to mount destinations and cgroup paths. They never
// touch the filesystem.
//
// Example:
//   CleanPath("/a/./b/../c/");          // "/a/c"
//   JoinPath({"/", "default", "ID"});   // "/default/ID"
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
inline std::string CleanPath(absl::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path.front() == '/';
  std::vector<absl::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == absl::string_view::npos) j = path.size();
    const absl::string_view part = path.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out.push_back('/');
    out.append(parts[k].data(), parts[k].size());
  }
  return out.empty() ? "." : out;
}

// Joins the non-empty elements with "/" and cleans the result; "" when all
// elements are empty (Go's path.Join).
inline std::string JoinPath(std::initializer_list<absl::string_view> elements) {
  std::string joined;
  for (absl::string_view e : elements) {
    if (e.empty()) continue;
    if (!joined.empty()) joined.push_back('/');
    joined.append(e.data(), e.size());
  }
  return joined.empty() ? "" : CleanPath(joined);
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_PATHUTIL_H_
