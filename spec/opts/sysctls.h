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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_SYSCTLS_H_
#define OCIKIT_SPEC_OPTS_SYSCTLS_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The dotted form of a sysctl key. When the first separator is "/", the key
// uses sysctl(8)'s slash form and "/" and "." are swapped:
// "net/ipv4/conf/eth0.100/rp_filter" -> "net.ipv4.conf.eth0/100.rp_filter".
// Keys already in dotted form are returned unchanged.
std::string NormalizeSysctlKey(absl::string_view key);

// The namespace type that isolates the sysctl `key` (dotted form): "ipc",
// "network" or "uts"; "" when no namespace does. kernel.hostname is "uts".
std::string SysctlNamespace(absl::string_view key);

// OK when the dotted `key` is well formed: non-empty names separated by
// single dots, no spaces, "=" or control characters.
absl::Status ValidateSysctlKey(absl::string_view key);

// OK when the spec may set the sysctl `key` (dotted form): see the table in
// the file comment. A sysctl whose namespace the spec does not give the
// container is a FailedPrecondition error; one no namespace isolates, and
// kernel.hostname, are InvalidArgument errors.
absl::Status CheckSysctlAllowed(const Spec& spec, absl::string_view key);

// Parses Docker's `--sysctl KEY=VALUE` ("net.ipv4.ip_forward=1"); the value
// is everything after the first "=" and may be empty. The key is returned as
// typed; the transforms normalise it.
absl::StatusOr<std::pair<std::string, std::string>> ParseSysctlFlag(absl::string_view flag);

namespace internal {

// Normalises and checks every key (namespaces too when `check_namespaces`),
// then sets them all, dropping other spellings of the same key.
absl::Status SetSysctls(Spec& spec, const std::map<std::string, std::string>& values, bool check_namespaces);

}  // namespace internal

// Sets one sysctl after checking it against the spec's namespaces
// (CheckSysctlAllowed). The key is stored in dotted form; an entry for the
// same key in slash form is replaced.
// Example: WithSysctl("net.ipv4.ip_forward", "1")  // "sysctl":{"net.ipv4.ip_forward":"1"}
SpecOpt WithSysctl(std::string key, std::string value);

// Sets several sysctls as WithSysctl does; all are checked before any is set.
SpecOpt WithSysctls(std::map<std::string, std::string> values);

// Sets sysctls checking only the key syntax, not the namespaces: for runtimes
// that give the container its own kernel (Kata Containers, gVisor), where no
// sysctl reaches the host. runc and crun refuse the others at start.
SpecOpt WithUncheckedSysctls(std::map<std::string, std::string> values);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/sysctls-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_SYSCTLS_H_
