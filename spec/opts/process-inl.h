// File: spec/opts/process-inl.h
//
// Definitions of spec/opts/process.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_PROCESS_INL_H_
#define OCIKIT_SPEC_OPTS_PROCESS_INL_H_

#include "spec/opts/process.h"
#include "spec/internal/compile_mode.h"
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE std::vector<std::string> ReplaceOrAppendEnv(std::vector<std::string> env,
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

OCIKIT_INLINE std::vector<std::string> OverrideEnv(std::vector<std::string> env,
                                                   const std::vector<std::string>& overrides) {
  const auto key_of = [](absl::string_view entry) { return entry.substr(0, entry.find('=')); };
  std::erase(env, std::string());
  for (const std::string& entry : overrides) {
    if (entry.empty()) continue;
    const bool set = entry.find('=') != std::string::npos;
    const absl::string_view key = key_of(entry);
    bool placed = false;
    std::vector<std::string> merged;
    merged.reserve(env.size() + 1);
    for (std::string& e : env) {
      if (key_of(e) != key) {
        merged.push_back(std::move(e));
      } else if (set && !placed) {
        merged.push_back(entry);
        placed = true;
      }
    }
    if (set && !placed) merged.push_back(entry);
    env = std::move(merged);
  }
  return env;
}

OCIKIT_INLINE SpecOpt WithProcessArgs(std::vector<std::string> args) {
  return SpecOpt("WithProcessArgs", [args = std::move(args)](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.args = args;
    p.command_line.clear();
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithProcessCwd(std::string cwd) {
  return SpecOpt("WithProcessCwd", [cwd = std::move(cwd)](const SpecContext&, Spec& spec) {
    EnsureProcess(spec).cwd = cwd;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithEnv(std::vector<std::string> env) {
  return SpecOpt("WithEnv", [env = std::move(env)](const SpecContext&, Spec& spec) {
    if (env.empty()) return absl::OkStatus();
    Process& p = EnsureProcess(spec);
    p.env = ReplaceOrAppendEnv(std::move(p.env), env);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithEnvOverrides(std::vector<std::string> env) {
  return SpecOpt("WithEnvOverrides", [env = std::move(env)](const SpecContext&, Spec& spec) {
    if (env.empty()) return absl::OkStatus();
    Process& p = EnsureProcess(spec);
    p.env = OverrideEnv(std::move(p.env), env);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithDefaultPathEnv() {
  return SpecOpt("WithDefaultPathEnv", [](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.env = ReplaceOrAppendEnv(std::move(p.env), {std::string(kDefaultPathEnv)});
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithTTY() {
  return SpecOpt("WithTTY", [](const SpecContext&, Spec& spec) {
    Process& p = EnsureProcess(spec);
    p.terminal = true;
    p.env = ReplaceOrAppendEnv(std::move(p.env), {"TERM=xterm"});
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithTTYSize(uint64_t width, uint64_t height) {
  return SpecOpt("WithTTYSize", [=](const SpecContext&, Spec& spec) {
    Box& box = EnsureProcess(spec).console_size.emplace();
    box.width = width;
    box.height = height;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithHostname(std::string hostname) {
  return SpecOpt("WithHostname", [hostname = std::move(hostname)](const SpecContext&, Spec& spec) {
    spec.hostname = hostname;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithDomainname(std::string domainname) {
  return SpecOpt("WithDomainname", [domainname = std::move(domainname)](const SpecContext&, Spec& spec) {
    spec.domainname = domainname;
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAnnotations(std::map<std::string, std::string> annotations) {
  return SpecOpt("WithAnnotations", [annotations = std::move(annotations)](const SpecContext&, Spec& spec) {
    for (const auto& [key, value] : annotations) spec.annotations[key] = value;
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_PROCESS_INL_H_
