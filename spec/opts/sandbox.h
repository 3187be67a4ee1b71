// File: spec/opts/sandbox.h
//
// BuildKit's process sandbox modes. The default ("sandbox") changes nothing;
// "no-sandbox" runs the process in the host's pid namespace and shows it the
// host's /proc.
//
// Example:
//   ApplyOpts(ctx, spec, {WithNoProcessSandbox()});
#ifndef OCIKIT_SPEC_OPTS_SANDBOX_H_
#define OCIKIT_SPEC_OPTS_SANDBOX_H_

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

// Whether `path` is `dir` or below it, compared by path components after
// cleaning ("/sysroot" is not under "/sys").
inline bool IsPathUnder(absl::string_view path, absl::string_view dir) {
  const std::string p = CleanPath(path);
  const std::string d = CleanPath(dir);
  if (d == "/") return absl::StartsWith(p, "/");
  return p == d || absl::StartsWith(p, d + "/");
}

// BuildKit's no-sandbox mode: removes the pid namespace, replaces every mount
// at or under /proc with an rbind of the host's /proc placed first, and
// removes the masked and read-only paths under /proc.
inline SpecOpt WithNoProcessSandbox() {
  return SpecOpt("WithNoProcessSandbox", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    if (absl::Status s = WithHostNamespace("pid")(ctx, spec); !s.ok()) return s;
    std::erase_if(spec.mounts, [](const Mount& m) { return IsPathUnder(m.destination, "/proc"); });
    Mount proc;
    proc.destination = "/proc";
    proc.type = "bind";
    proc.source = "/proc";
    proc.options = {"rbind"};
    spec.mounts.insert(spec.mounts.begin(), std::move(proc));
    if (spec.linux_section) {
      const auto under_proc = [](const std::string& p) { return IsPathUnder(p, "/proc"); };
      std::erase_if(spec.linux_section->masked_paths, under_proc);
      std::erase_if(spec.linux_section->readonly_paths, under_proc);
    }
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SANDBOX_H_
