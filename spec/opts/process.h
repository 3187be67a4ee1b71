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

// Merges `overrides` into `env` as Docker's and Podman's -e flags do, later
// entries winning: "K=V" sets K, in place of the first entry for K (kept at
// its position; any later entries for K are removed) or appended; "K" (no
// '=') removes every entry for K. Unlike ReplaceOrAppendEnv, the result has
// at most one entry for each key the overrides name ("A=1","A=3" gives one
// A=3, so getenv(3), which takes the first, sees what was asked for).
// Empty entries are dropped; entries for other keys are kept as they are.
std::vector<std::string> OverrideEnv(std::vector<std::string> env, const std::vector<std::string>& overrides);

// Sets process.args (and clears the Windows commandLine).
SpecOpt WithProcessArgs(std::vector<std::string> args);

// Sets process.cwd.
SpecOpt WithProcessCwd(std::string cwd);

// Merges environment entries into process.env (see ReplaceOrAppendEnv).
SpecOpt WithEnv(std::vector<std::string> env);

// Merges environment entries into process.env with Docker's rules (see
// OverrideEnv): what `ocikit spec -e` and --env-file use.
SpecOpt WithEnvOverrides(std::vector<std::string> env);

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
