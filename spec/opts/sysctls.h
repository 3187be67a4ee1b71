// File: spec/opts/sysctls.h
//
// Kernel parameters (`linux.sysctl`). Only parameters that a namespace of the
// container isolates may be set, and only when the spec gives the container
// that namespace; anything else would change the host's kernel, so runc
// refuses it at start. These transforms check the same rules as runc's
// validator when they run, against the namespaces in the spec at that moment,
// so apply them after the namespace transforms.
//
//   namespace  sysctls
//   ipc        kernel.msgmax, kernel.msgmnb, kernel.msgmni, kernel.sem,
//              kernel.shmall, kernel.shmmax, kernel.shmmni,
//              kernel.shm_rmid_forced, fs.mqueue.*
//   network    net.* (a network namespace joined by path is accepted; runc
//              also rejects a path that is the host's own namespace)
//   uts        kernel.domainname
//
// kernel.hostname is always refused: it conflicts with the spec's `hostname`
// field (runc). Docker's CLI refuses kernel.domainname too; runc allows it.
// Keys may use "/" separators as sysctl(8) does ("net/ipv4/ip_forward"); they
// are stored with dots.
//
// Example:
//   absl::StatusOr<std::pair<std::string, std::string>> kv = ParseSysctlFlag("net.ipv4.ip_forward=1");
//   ApplyOpts(ctx, spec, {WithSysctl(kv->first, kv->second)});
#ifndef OCIKIT_SPEC_OPTS_SYSCTLS_H_
#define OCIKIT_SPEC_OPTS_SYSCTLS_H_

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
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The dotted form of a sysctl key. When the first separator is "/", the key
// uses sysctl(8)'s slash form and "/" and "." are swapped:
// "net/ipv4/conf/eth0.100/rp_filter" -> "net.ipv4.conf.eth0/100.rp_filter".
// Keys already in dotted form are returned unchanged.
inline std::string NormalizeSysctlKey(absl::string_view key) {
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

// The namespace type that isolates the sysctl `key` (dotted form): "ipc",
// "network" or "uts"; "" when no namespace does. kernel.hostname is "uts".
inline std::string SysctlNamespace(absl::string_view key) {
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

// OK when the dotted `key` is well formed: non-empty names separated by
// single dots, no spaces, "=" or control characters.
inline absl::Status ValidateSysctlKey(absl::string_view key) {
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

// OK when the spec may set the sysctl `key` (dotted form): see the table in
// the file comment. A sysctl whose namespace the spec does not give the
// container is a FailedPrecondition error; one no namespace isolates, and
// kernel.hostname, are InvalidArgument errors.
inline absl::Status CheckSysctlAllowed(const Spec& spec, absl::string_view key) {
  if (absl::Status s = ValidateSysctlKey(key); !s.ok()) return s;
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

// Parses Docker's `--sysctl KEY=VALUE` ("net.ipv4.ip_forward=1"); the value
// is everything after the first "=" and may be empty. The key is returned as
// typed; the transforms normalise it.
inline absl::StatusOr<std::pair<std::string, std::string>> ParseSysctlFlag(absl::string_view flag) {
  const size_t eq = flag.find('=');
  if (eq == absl::string_view::npos || eq == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid sysctl \"", flag, "\"; expected KEY=VALUE such as net.ipv4.ip_forward=1"));
  }
  return std::make_pair(std::string(flag.substr(0, eq)), std::string(flag.substr(eq + 1)));
}

namespace internal {

// Normalises and checks every key (namespaces too when `check_namespaces`),
// then sets them all, dropping other spellings of the same key.
inline absl::Status SetSysctls(Spec& spec, const std::map<std::string, std::string>& values, bool check_namespaces) {
  std::map<std::string, std::string> normalized;
  for (const auto& [key, value] : values) {
    const std::string dotted = NormalizeSysctlKey(key);
    absl::Status s = check_namespaces ? CheckSysctlAllowed(spec, dotted) : ValidateSysctlKey(dotted);
    if (!s.ok()) return s;
    normalized[dotted] = value;
  }
  std::map<std::string, std::string>& sysctl = EnsureLinux(spec).sysctl;
  for (const auto& [key, value] : normalized) {
    std::erase_if(sysctl, [&](const auto& entry) { return entry.first != key && NormalizeSysctlKey(entry.first) == key; });
    sysctl[key] = value;
  }
  return absl::OkStatus();
}

}  // namespace internal

// Sets one sysctl after checking it against the spec's namespaces
// (CheckSysctlAllowed). The key is stored in dotted form; an entry for the
// same key in slash form is replaced.
// Example: WithSysctl("net.ipv4.ip_forward", "1")  // "sysctl":{"net.ipv4.ip_forward":"1"}
inline SpecOpt WithSysctl(std::string key, std::string value) {
  return SpecOpt("WithSysctl", [key = std::move(key), value = std::move(value)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, {{key, value}}, true);
  });
}

// Sets several sysctls as WithSysctl does; all are checked before any is set.
inline SpecOpt WithSysctls(std::map<std::string, std::string> values) {
  return SpecOpt("WithSysctls", [values = std::move(values)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, values, true);
  });
}

// Sets sysctls checking only the key syntax, not the namespaces: for runtimes
// that give the container its own kernel (Kata Containers, gVisor), where no
// sysctl reaches the host. runc and crun refuse the others at start.
inline SpecOpt WithUncheckedSysctls(std::map<std::string, std::string> values) {
  return SpecOpt("WithUncheckedSysctls", [values = std::move(values)](const SpecContext&, Spec& spec) {
    return internal::SetSysctls(spec, values, false);
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_SYSCTLS_H_
