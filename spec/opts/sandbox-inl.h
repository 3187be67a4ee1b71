// File: spec/opts/sandbox-inl.h
//
// Definitions of spec/opts/sandbox.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_SANDBOX_INL_H_
#define OCIKIT_SPEC_OPTS_SANDBOX_INL_H_

#include "spec/opts/sandbox.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE bool IsPathUnder(absl::string_view path, absl::string_view dir) {
  const std::string p = CleanPath(path);
  const std::string d = CleanPath(dir);
  if (d == "/") return absl::StartsWith(p, "/");
  return p == d || absl::StartsWith(p, d + "/");
}

OCIKIT_INLINE SpecOpt WithNoProcessSandbox() {
  return SpecOpt("WithNoProcessSandbox", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(WithHostNamespace("pid")(ctx, spec));
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

#endif  // OCIKIT_SPEC_OPTS_SANDBOX_INL_H_
