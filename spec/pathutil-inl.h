// File: spec/pathutil-inl.h
//
// Definitions of spec/pathutil.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_PATHUTIL_INL_H_
#define OCIKIT_SPEC_PATHUTIL_INL_H_

#include "spec/pathutil.h"
#include "spec/internal/compile_mode.h"
#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace ocikit {

OCIKIT_INLINE std::string CleanPath(absl::string_view path) {
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

OCIKIT_INLINE std::string JoinPath(std::initializer_list<absl::string_view> elements) {
  std::string joined;
  for (absl::string_view e : elements) {
    if (e.empty()) continue;
    if (!joined.empty()) joined.push_back('/');
    joined.append(e.data(), e.size());
  }
  return joined.empty() ? "" : CleanPath(joined);
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_PATHUTIL_INL_H_
