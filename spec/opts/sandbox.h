// File: spec/opts/sandbox.h
//
// BuildKit's process sandbox modes. The default ("sandbox") changes nothing;
// "no-sandbox" runs the process in the host's pid namespace and shows it the
// host's /proc.
//
// Example:
//   ApplyOpts(ctx, spec, {WithNoProcessSandbox()});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_SANDBOX_H_
#define OCIKIT_SPEC_OPTS_SANDBOX_H_

#include <string>

#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// Whether `path` is `dir` or below it, compared by path components after
// cleaning ("/sysroot" is not under "/sys").
bool IsPathUnder(absl::string_view path, absl::string_view dir);

// BuildKit's no-sandbox mode: removes the pid namespace, replaces every mount
// at or under /proc with an rbind of the host's /proc placed first, and
// removes the masked and read-only paths under /proc.
SpecOpt WithNoProcessSandbox();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/sandbox-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_SANDBOX_H_
