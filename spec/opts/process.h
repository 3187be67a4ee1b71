// File: spec/opts/process.h
//
// Transforms of the process section and the container's identity: args, cwd,
// environment, terminal, hostname, annotations.
//
// Example:
//   ApplyOpts(ctx, spec, {WithProcessArgs({"sh", "-c", "env"}), WithEnv({"A=1", "B"})});
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
inline std::vector<std::string> ReplaceOrAppendEnv(std::vector<std::string> env,
                                                   const std::vector<std::string>& overrides) {
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t i = 0; i < env.size(); ++i) {
    index[env[i].substr(0, env[i].find('='))] = i;
  }
  for (const std::string& entry : overrides) {
    const size_t eq = entry.find('=');
    const auto it = index.find(entry.substr(0, eq));
    if (eq == std::string::npos) {
      if (it != index.end()) env[it->second].clear();
      continue;
    }
    if (it != index.end()) {
      env[it->second] = entry;
    } else {
      env.push_back(entry);
    }
  }
  std::erase(env, std::string());
  return env;
}

// Sets process.args (and clears the Windows commandLine).
inline SpecOpt WithProcessArgs(std::vector<std::string> args) {
  return SpecOpt("WithProcessArgs", [args = std::move(args)](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.args = args;
    p.command_line.clear();
    return absl::OkStatus();
  });
}

// Sets process.cwd.
inline SpecOpt WithProcessCwd(std::string cwd) {
  return SpecOpt("WithProcessCwd", [cwd = std::move(cwd)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).cwd = cwd;
    return absl::OkStatus();
  });
}

// Merges environment entries into process.env (see ReplaceOrAppendEnv).
inline SpecOpt WithEnv(std::vector<std::string> env) {
  return SpecOpt("WithEnv", [env = std::move(env)](const SpecContext&, Spec& spec) {
    if (env.empty()) return absl::OkStatus();
    Process& p = EnsureProcess(spec);
    p.env = ReplaceOrAppendEnv(std::move(p.env), env);
    return absl::OkStatus();
  });
}

// Sets PATH to the default search path, replacing any PATH already set.
inline SpecOpt WithDefaultPathEnv() {
  return SpecOpt("WithDefaultPathEnv", [](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.env = ReplaceOrAppendEnv(std::move(p.env), {std::string(kDefaultPathEnv)});
    return absl::OkStatus();
  });
}

// Allocates a terminal for the process and sets TERM=xterm. Unlike
// containerd, which appends a second TERM, an existing TERM is replaced.
inline SpecOpt WithTTY() {
  return SpecOpt("WithTTY", [](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.terminal = true;
    p.env = ReplaceOrAppendEnv(std::move(p.env), {"TERM=xterm"});
    return absl::OkStatus();
  });
}

// Sets process.consoleSize.
inline SpecOpt WithTTYSize(uint64_t width, uint64_t height) {
  return SpecOpt("WithTTYSize", [=](const SpecContext&, Spec& spec) {
    Box& box = EnsureProcess(spec).console_size.emplace();
    box.width = width;
    box.height = height;
    return absl::OkStatus();
  });
}

// Sets the container's hostname.
inline SpecOpt WithHostname(std::string hostname) {
  return SpecOpt("WithHostname", [hostname = std::move(hostname)](const SpecContext&, Spec& spec) {
    spec.hostname = hostname;
    return absl::OkStatus();
  });
}

// Sets the container's NIS domain name.
inline SpecOpt WithDomainname(std::string domainname) {
  return SpecOpt("WithDomainname", [domainname = std::move(domainname)](const SpecContext&, Spec& spec) {
    spec.domainname = domainname;
    return absl::OkStatus();
  });
}

// Merges `annotations` into the spec's annotations, overwriting equal keys.
inline SpecOpt WithAnnotations(std::map<std::string, std::string> annotations) {
  return SpecOpt("WithAnnotations", [annotations = std::move(annotations)](const SpecContext&, Spec& spec) {
    for (const auto& [key, value] : annotations) spec.annotations[key] = value;
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_PROCESS_H_
