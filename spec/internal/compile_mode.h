// File: spec/internal/compile_mode.h
//
// How ocikit's headers are consumed. Every public header works two ways, as
// fmt (FMT_HEADER_ONLY) and spdlog (SPDLOG_COMPILED_LIB) do:
//
//   header-only (the default): `#include "spec/codec.h"` and link the
//     libraries the header lists. Each header includes its FOO-inl.h, whose
//     definitions are `inline`.
//   compiled (-DOCIKIT_COMPILED_LIB): headers only declare; the FOO-inl.h
//     definitions are compiled once into ocikit's libraries (ocikit's own
//     Bazel targets, and the installed static/shared libraries). A consumer
//     defines OCIKIT_COMPILED_LIB for every translation unit and links them.
//
// Mixing the modes in one program is an ODR violation: define the macro
// everywhere or nowhere. Dependencies: none.
//
// Dependencies: none
#ifndef OCIKIT_SPEC_INTERNAL_COMPILE_MODE_H_
#define OCIKIT_SPEC_INTERNAL_COMPILE_MODE_H_

#if defined(OCIKIT_COMPILED_LIB)
#define OCIKIT_INLINE
#else
#define OCIKIT_HEADER_ONLY 1
#define OCIKIT_INLINE inline
#endif

#endif  // OCIKIT_SPEC_INTERNAL_COMPILE_MODE_H_
