// File: policy/diff/baselines-inl.h
//
// Definitions of policy/diff/baselines.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_BASELINES_INL_H_
#define OCIKIT_POLICY_DIFF_BASELINES_INL_H_

#include "policy/diff/baselines.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/default_spec.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<std::string>& PodmanDefaultCapabilities() {
  static const std::vector<std::string> kCaps = {
      "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",       "CAP_NET_BIND_SERVICE",
      "CAP_SETFCAP", "CAP_SETGID",      "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT",
  };
  return kCaps;
}

OCIKIT_INLINE std::string DescribeBaseline(absl::string_view name) {
  return name == "default" ? std::string("(built-in default spec)") : absl::StrCat("(built-in ", name, " defaults)");
}

OCIKIT_INLINE absl::StatusOr<Spec> BaselineSpec(absl::string_view name) {
  Spec spec = DefaultLinuxSpec();
  std::vector<SpecOpt> opts;
  if (name == "default" || name == "containerd") {
    return spec;
  } else if (name == "moby") {
    opts = {WithPathDefaults(PathDefaults::kMoby), WithoutRlimits()};
  } else if (name == "podman") {
    opts = {WithPathDefaults(PathDefaults::kPodman), WithCapabilities(PodmanDefaultCapabilities()), WithoutRlimits()};
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown built-in spec \"", name, "\"; expected one of default, containerd, moby, podman"));
  }
  OCIKIT_RETURN_IF_ERROR(ApplyOpts(SpecContext(), spec, opts));
  return spec;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_BASELINES_INL_H_
