// File: spec/opts/init.h
//
// A small init as PID 1 (Podman's --init with catatonit, Docker's with
// tini): the host's static init binary is bind-mounted read-only into the
// container and runs the command, reaping zombies and forwarding signals to
// it. Debian's tini package provides /usr/bin/tini-static, which needs no
// library from the rootfs.
//
// Example:
//   ApplyOpts(ctx, spec, {WithProcessArgs({"sh"}), WithInit("/usr/bin/tini-static")});
//   // process.args: ["/run/ocikit-init", "--", "sh"]
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_INIT_H_
#define OCIKIT_SPEC_OPTS_INIT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// Where WithInit mounts the init inside the container (Podman: /run/podman-init).
inline constexpr absl::string_view kInitPath = "/run/ocikit-init";

// Debian's static tini, the default for --init.
inline constexpr absl::string_view kDefaultInitBinary = "/usr/bin/tini-static";

// Binds `host_init` read-only (bind, ro, nosuid, nodev) onto kInitPath,
// replacing a mount already there, and prefixes process.args with
// [kInitPath, "--"] so the init runs the command as its child. Fails, leaving
// the spec unchanged, when `host_init` is not an executable regular file
// (naming it, and the tini package), or when there is no command to run.
SpecOpt WithInit(std::string host_init = std::string(kDefaultInitBinary));

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/init-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_INIT_H_
