// File: spec/opts/privileged-inl.h
//
// Definitions of spec/opts/privileged.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_PRIVILEGED_INL_H_
#define OCIKIT_SPEC_OPTS_PRIVILEGED_INL_H_

#include "spec/opts/privileged.h"
#include "spec/internal/compile_mode.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/mounts.h"
#include "spec/opts/security.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE SpecOpt WithPrivileged() {
  return Compose({
      WithAllCurrentCapabilities(),
      WithMaskedPaths({}),
      WithReadonlyPaths({}),
      WithWriteableSysfs(),
      WithWriteableCgroupfs(),
      WithSelinuxLabel(""),
      WithApparmorProfile(""),
      WithSeccompUnconfined(),
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_PRIVILEGED_INL_H_
