// File: spec/opts/root-inl.h
//
// Definitions of spec/opts/root.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_ROOT_INL_H_
#define OCIKIT_SPEC_OPTS_ROOT_INL_H_

#include "spec/opts/root.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include <utility>
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE SpecOpt WithRootFSPath(std::string path) {
  return SpecOpt("WithRootFSPath", [path = std::move(path)](const SpecContext&, Spec& spec) {
    EnsureRoot(spec).path = path;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithRootFSReadonly() {
  return SpecOpt("WithRootFSReadonly", [](const SpecContext&, Spec& spec) {
    EnsureRoot(spec).readonly = true;
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_ROOT_INL_H_
