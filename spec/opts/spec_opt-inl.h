// File: spec/opts/spec_opt-inl.h
//
// Definitions of spec/opts/spec_opt.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_SPEC_OPT_INL_H_
#define OCIKIT_SPEC_OPTS_SPEC_OPT_INL_H_

#include "spec/opts/spec_opt.h"
#include "spec/internal/compile_mode.h"
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/default_spec.h"
#include "spec/internal/status_macros.h"

namespace ocikit {

OCIKIT_INLINE absl::Status ApplyOpts(const SpecContext& ctx, Spec& spec, const std::vector<SpecOpt>& opts) {
  for (const SpecOpt& opt : opts) {
    OCIKIT_RETURN_IF_ERROR(opt(ctx, spec));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE SpecOpt Compose(std::vector<SpecOpt> opts) {
  return SpecOpt(nullptr, [opts = std::move(opts)](const SpecContext& ctx, Spec& spec) {
    return ApplyOpts(ctx, spec, opts);
  });
}

OCIKIT_INLINE absl::StatusOr<Spec> GenerateSpec(const SpecContext& ctx, const std::vector<SpecOpt>& opts) {
  Spec spec = DefaultLinuxSpec(ctx.ns, ctx.container_id);
  OCIKIT_RETURN_IF_ERROR(ApplyOpts(ctx, spec, opts));
  return spec;
}

OCIKIT_INLINE Process& EnsureProcess(Spec& spec) { return spec.process ? *spec.process : spec.process.emplace(); }

OCIKIT_INLINE Root& EnsureRoot(Spec& spec) { return spec.root ? *spec.root : spec.root.emplace(); }

OCIKIT_INLINE Linux& EnsureLinux(Spec& spec) { return spec.linux_section ? *spec.linux_section : spec.linux_section.emplace(); }

OCIKIT_INLINE LinuxResources& EnsureLinuxResources(Spec& spec) {
  Linux& lx = EnsureLinux(spec);
  return lx.resources ? *lx.resources : lx.resources.emplace();
}

OCIKIT_INLINE LinuxCapabilities& EnsureCapabilities(Spec& spec) {
  Process& p = EnsureProcess(spec);
  return p.capabilities ? *p.capabilities : p.capabilities.emplace();
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SPEC_OPT_INL_H_
