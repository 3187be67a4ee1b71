// File: spec/opts/process.h
//
// Transforms of the process section and the container's identity: args, cwd,
// environment, terminal, hostname, annotations.
//
// Example:
//   ApplyOpts(ctx, spec, {WithProcessArgs({"sh", "-c", "env"}), WithEnv({"A=1", "B"})});
//
// Dependencies: absl_hash absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_PROCESS_H_
#define OCIKIT_SPEC_OPTS_PROCESS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The PATH containerd, BuildKit and Podman use when the image sets none.
inline constexpr absl::string_view kDefaultPathEnv =
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Merges `overrides` into `env` with containerd's rules: "K=V" replaces the
// last existing entry for K in place or is appended; "K" (no '=') removes K;
// keys appended by this call are not looked up again ("a=1","a=2" appends
// both). Empty entries are dropped.
std::vector<std::string> ReplaceOrAppendEnv(std::vector<std::string> env,
                                                   const std::vector<std::string>& overrides);

// Sets process.args (and clears the Windows commandLine).
SpecOpt WithProcessArgs(std::vector<std::string> args);

// Sets process.cwd.
SpecOpt WithProcessCwd(std::string cwd);

// Merges environment entries into process.env (see ReplaceOrAppendEnv).
SpecOpt WithEnv(std::vector<std::string> env);

// Sets PATH to the default search path, replacing any PATH already set.
SpecOpt WithDefaultPathEnv();

// Allocates a terminal for the process and sets TERM=xterm. Unlike
// containerd, which appends a second TERM, an existing TERM is replaced.
SpecOpt WithTTY();

// Sets process.consoleSize.
SpecOpt WithTTYSize(uint64_t width, uint64_t height);

// Sets the container's hostname.
SpecOpt WithHostname(std::string hostname);

// Sets the container's NIS domain name.
SpecOpt WithDomainname(std::string domainname);

// Merges `annotations` into the spec's annotations, overwriting equal keys.
SpecOpt WithAnnotations(std::map<std::string, std::string> annotations);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/process-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_PROCESS_H_
