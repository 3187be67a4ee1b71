// File: policy/seccomp/profile.h
//
// Seccomp profiles in Docker's (moby's) format and their conversion to the
// runtime-spec `linux.seccomp` section. A moby profile extends the OCI section
// with `archMap` (an architecture and its sub-architectures) and with
// `includes`/`excludes` filters on each syscall group (capabilities,
// architectures, minimum kernel "X.Y"). ToRuntimeSeccomp evaluates the
// filters for one target (GOARCH, bounding capabilities, kernel version)
// exactly as moby/profiles' setupSeccomp does (seccomp/v0.2.3). A plain
// `linux.seccomp` section is a profile without the extensions and loads too.
//
// Parsing follows Go's encoding/json, which moby uses: keys match fields
// case-insensitively, unknown keys are ignored, the last of duplicate keys
// wins and `null` leaves a field at its zero value. It never throws; errors
// name the source and the field:
//   seccomp.json: syscalls[3].includes.minKernel: expected "X.Y", got "4"
//
// Example:
//   absl::StatusOr<SeccompProfile> profile = ParseSeccompProfile(text, "seccomp.json");
//   SeccompTarget target;  // the build's GOARCH, kernel 6.1
//   target.arch = "arm64";
//   target.bounding_caps = DefaultCapabilities();
//   absl::StatusOr<LinuxSeccomp> section = ToRuntimeSeccomp(*profile, target);
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json
#ifndef OCIKIT_POLICY_SECCOMP_PROFILE_H_
#define OCIKIT_POLICY_SECCOMP_PROFILE_H_


#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/internal/status_macros.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// SeccompKernelVersion
//
// A kernel version as moby's `minKernel` has it: "X.Y" with X and Y in
// 0..255; patch levels and suffixes are ignored ("4.8.0-rc1" is 4.8).
struct SeccompKernelVersion {
  uint64_t major = 0;
  uint64_t minor = 0;

  bool operator==(const SeccompKernelVersion&) const = default;
  auto operator<=>(const SeccompKernelVersion&) const = default;
};

// The kernel ToRuntimeSeccomp assumes unless told otherwise (Debian 12's).
inline constexpr SeccompKernelVersion kDefaultSeccompKernel = {6, 1};

// SeccompFilter
//
// The `includes` / `excludes` condition of a syscall group.
struct SeccompFilter {
  std::vector<std::string> caps;    // e.g. "CAP_SYS_ADMIN"
  std::vector<std::string> arches;  // moby's native names: "amd64", "x86", "arm64", "s390x", ...
  std::optional<SeccompKernelVersion> min_kernel;

  bool operator==(const SeccompFilter&) const = default;
};

// SeccompArchMap
//
// One `archMap` entry: an architecture and the sub-architectures (compat
// ABIs) added with it, all spelled "SCMP_ARCH_*".
struct SeccompArchMap {
  std::string architecture;
  std::vector<std::string> sub_architectures;

  bool operator==(const SeccompArchMap&) const = default;
};

// SeccompSyscallGroup
//
// One entry of a moby profile's `syscalls`: a runtime-spec rule plus the
// deprecated single `name`, a `comment` and the two filters. `names` is
// optional because an absent list is written as null, `[]` as `[]`.
struct SeccompSyscallGroup {
  std::optional<std::vector<std::string>> names;
  std::string action;  // e.g. "SCMP_ACT_ALLOW"
  std::optional<uint64_t> errno_ret;
  std::vector<LinuxSeccompArg> args;
  std::string name;  // deprecated; exclusive with `names`
  std::string comment;
  std::optional<SeccompFilter> includes;
  std::optional<SeccompFilter> excludes;

  bool operator==(const SeccompSyscallGroup&) const = default;
};

// SeccompProfile
//
// A moby-format profile. `architectures` and `arch_map` are exclusive.
struct SeccompProfile {
  std::string default_action;
  std::optional<uint64_t> default_errno_ret;
  std::vector<std::string> architectures;
  std::vector<SeccompArchMap> arch_map;
  std::vector<std::string> flags;
  std::string listener_path;
  std::string listener_metadata;
  std::vector<SeccompSyscallGroup> syscalls;

  bool operator==(const SeccompProfile&) const = default;
};

// NativeGoArch()
//
// The GOARCH name of the architecture ocikit was compiled for ("amd64",
// "arm64", ...), or "" for one Go does not know.
inline constexpr absl::string_view NativeGoArch() {
#if defined(__x86_64__)
  return "amd64";
#elif defined(__i386__)
  return "386";
#elif defined(__aarch64__)
  return "arm64";
#elif defined(__arm__)
  return "arm";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return "ppc64le";
#elif defined(__powerpc64__)
  return "ppc64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__loongarch64)
  return "loong64";
#elif defined(__mips64) && defined(__MIPSEL__)
  return "mips64le";
#elif defined(__mips64)
  return "mips64";
#else
  return "";
#endif
}

// SeccompTarget
//
// What a profile's filters are evaluated against. `kernel` unset means the
// kernel is unknown: as in moby, a group with a minKernel filter is then an
// error. HostKernelVersion() gives the running kernel (moby's behaviour).
struct SeccompTarget {
  std::string arch = std::string(NativeGoArch());  // GOARCH: amd64, arm64, 386, arm, s390x, ppc64le, riscv64, ...
  std::vector<std::string> bounding_caps;          // process.capabilities.bounding
  std::optional<SeccompKernelVersion> kernel = kDefaultSeccompKernel;
};

// SeccompNativeArch()
//
// moby's goToNative table: the name a GOARCH has in `includes.arches` and
// `excludes.arches` ("386" -> "x86", "loong64" -> "loongarch64"); "" for a
// GOARCH the table lacks (mips, for instance).
absl::string_view SeccompNativeArch(absl::string_view goarch);

// SeccompArchForNative()
//
// moby's nativeToSeccomp table: the "SCMP_ARCH_*" name of a native name, ""
// when the table lacks it. The table spells LoongArch "loong64" while
// goToNative produces "loongarch64", and MIPS little-endian "mipsle" while
// goToNative produces "mipsel", so moby emits no architectures for GOARCH
// loong64 and mipsle; ocikit keeps that (see ToRuntimeSeccomp).
absl::string_view SeccompArchForNative(absl::string_view native);

// NormalizeGoArch()
//
// Accepts a GOARCH name or the usual `uname -m` / Debian spelling of one and
// returns the GOARCH name: "x86_64" -> "amd64", "aarch64" -> "arm64",
// "i686" -> "386", "armv7l" -> "arm", "ppc64el" -> "ppc64le",
// "loongarch64" -> "loong64". For a --seccomp-arch style flag.
absl::StatusOr<std::string> NormalizeGoArch(absl::string_view name);

// ParseSeccompKernelVersion()
//
// Parses "X.Y" as moby's minKernel does: exactly two dot-separated decimal
// numbers of at most 255, not both 0.
//
// Example:
//   ParseSeccompKernelVersion("4.8");  // {4, 8}
//   ParseSeccompKernelVersion("4");    // error: expected "X.Y", got "4"
absl::StatusOr<SeccompKernelVersion> ParseSeccompKernelVersion(absl::string_view text);

// HostKernelVersion()
//
// The running kernel's "X.Y", read with uname(2) and parsed as moby does
// (sscanf "%d.%d" of the release).
absl::StatusOr<SeccompKernelVersion> HostKernelVersion();

// ParseSeccompProfile()
//
// Parses a moby-format profile or a plain runtime-spec `linux.seccomp`
// section. `source` names the input in messages. Besides type errors it
// rejects, as moby does, a profile giving both `architectures` and
// `archMap` and a syscall group giving both `name` and `names`. A `null`
// document is an empty profile (no seccomp, as in moby).
absl::StatusOr<SeccompProfile> ParseSeccompProfile(absl::string_view json, absl::string_view source);

// ToRuntimeSeccomp()
//
// The `linux.seccomp` section moby's setupSeccomp produces for `target`:
//   - `architectures`: the archMap entry for the target's architecture,
//     followed by its sub-architectures (amd64: X86_64, X86, X32); a plain
//     `architectures` list is kept as it is;
//   - groups in order; a group is dropped when `excludes` lists the native
//     arch, lists any capability of the bounding set, or has a minKernel the
//     kernel reaches; and unless `includes` lists the native arch (when it
//     lists arches), lists only capabilities of the bounding set and has a
//     minKernel the kernel reaches;
//   - every other field (defaultErrnoRet, flags, listener) is copied.
// A profile with neither defaultAction nor syscalls means "no seccomp" in
// moby; it yields an empty section, which IsEmptySeccomp() detects.
absl::StatusOr<LinuxSeccomp> ToRuntimeSeccomp(const SeccompProfile& profile, const SeccompTarget& target);

// IsEmptySeccomp()
//
// Whether `seccomp` has no default action and no rules: what
// ToRuntimeSeccomp returns for a profile that disables seccomp.
bool IsEmptySeccomp(const LinuxSeccomp& seccomp);


}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/seccomp/profile-inl.h"
#endif

#endif  // OCIKIT_POLICY_SECCOMP_PROFILE_H_
