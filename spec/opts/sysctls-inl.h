// File: spec/opts/sysctls-inl.h
//
// Definitions of spec/opts/sysctls.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_SYSCTLS_INL_H_
#define OCIKIT_SPEC_OPTS_SYSCTLS_INL_H_

#include "spec/opts/sysctls.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE std::string NormalizeSysctlKey(absl::string_view key) {
  std::string out(key);
  const size_t first = key.find_first_of("./");
  if (first == absl::string_view::npos || key[first] == '.') return out;
  for (char& c : out) {
    if (c == '/') {
      c = '.';
    } else if (c == '.') {
      c = '/';
    }
  }
  return out;
}

OCIKIT_INLINE std::string SysctlNamespace(absl::string_view key) {
  static const std::vector<std::string> kIpc = {
      "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
      "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
  };
  if (std::find(kIpc.begin(), kIpc.end(), key) != kIpc.end() || absl::StartsWith(key, "fs.mqueue.")) {
    return std::string(kIpcNamespace);
  }
  if (absl::StartsWith(key, "net.")) return std::string(kNetworkNamespace);
  if (key == "kernel.hostname" || key == "kernel.domainname") return std::string(kUtsNamespace);
  return "";
}

OCIKIT_INLINE absl::Status ValidateSysctlKey(absl::string_view key) {
  bool ok = !key.empty();
  for (absl::string_view part : absl::StrSplit(key, '.')) {
    ok = ok && !part.empty() && part.find_first_not_of('/') != absl::string_view::npos;
  }
  ok = ok && std::none_of(key.begin(), key.end(), [](char c) {
    return c == '=' || absl::ascii_isspace(c) || absl::ascii_iscntrl(c);
  });
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid sysctl key \"", key, "\"; expected dot-separated names such as net.ipv4.ip_forward"));
}

OCIKIT_INLINE absl::Status CheckSysctlAllowed(const Spec& spec, absl::string_view key) {
  OCIKIT_RETURN_IF_ERROR(ValidateSysctlKey(key));
  if (key == "kernel.hostname") {
    return absl::InvalidArgumentError(
        "sysctl \"kernel.hostname\" conflicts with the spec's hostname field; set the hostname instead (WithHostname)");
  }
  const std::string ns = SysctlNamespace(key);
  if (ns.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("sysctl \"", key,
                     "\" is not namespaced: setting it would change the host's kernel, so runtimes refuse it; "
                     "set it on the host instead"));
  }
  if (!HasNamespace(spec, ns)) {
    return absl::FailedPreconditionError(absl::StrCat("sysctl \"", key, "\" needs a private ", ns,
                                                      " namespace, but the spec shares the host's"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::StatusOr<std::pair<std::string, std::string>> ParseSysctlFlag(absl::string_view flag) {
  const size_t eq = flag.find('=');
  if (eq == absl::string_view::npos || eq == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid sysctl \"", flag, "\"; expected KEY=VALUE such as net.ipv4.ip_forward=1"));
  }
  return std::make_pair(std::string(flag.substr(0, eq)), std::string(flag.substr(eq + 1)));
}

namespace internal {

OCIKIT_INLINE absl::Status SetSysctls(Spec& spec, const std::map<std::string, std::string>& values, bool check_namespaces) {
  std::map<std::string, std::string> normalized;
  for (const auto& [key, value] : values) {
    const std::string dotted = NormalizeSysctlKey(key);
    OCIKIT_RETURN_IF_ERROR(check_namespaces ? CheckSysctlAllowed(spec, dotted) : ValidateSysctlKey(dotted));
    normalized[dotted] = value;
  }
  std::map<std::string, std::string>& sysctl = EnsureLinux(spec).sysctl;
  for (const auto& [key, value] : normalized) {
    std::erase_if(sysctl, [&key = key](const auto& entry) { return entry.first != key && NormalizeSysctlKey(entry.first) == key; });
    sysctl[key] = value;
  }
  return absl::OkStatus();
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithSysctl(std::string key, std::string value) {
  return SpecOpt("WithSysctl", [key = std::move(key), value = std::move(value)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, {{key, value}}, true);
  });
}

OCIKIT_INLINE SpecOpt WithSysctls(std::map<std::string, std::string> values) {
  return SpecOpt("WithSysctls", [values = std::move(values)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, values, true);
  });
}

OCIKIT_INLINE SpecOpt WithUncheckedSysctls(std::map<std::string, std::string> values) {
  return SpecOpt("WithUncheckedSysctls", [values = std::move(values)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, values, false);
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SYSCTLS_INL_H_
