// File: policy/seccomp/profile-inl.h
//
// Definitions of policy/seccomp/profile.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_SECCOMP_PROFILE_INL_H_
#define OCIKIT_POLICY_SECCOMP_PROFILE_INL_H_

#include "policy/seccomp/profile.h"
#include "spec/internal/compile_mode.h"
#include <sys/utsname.h>
#include <algorithm>
#include <compare>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "spec/internal/status_macros.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

OCIKIT_INLINE absl::string_view SeccompNativeArch(absl::string_view goarch) {
  static constexpr std::pair<absl::string_view, absl::string_view> kTable[] = {
      {"386", "x86"},         {"amd64", "amd64"},         {"arm", "arm"},
      {"arm64", "arm64"},     {"loong64", "loongarch64"}, {"mips64", "mips64"},
      {"mips64p32", "mips64n32"}, {"mips64le", "mipsel64"}, {"mips64p32le", "mips3l64n32"},
      {"mipsle", "mipsel"},   {"ppc", "ppc"},             {"ppc64", "ppc64"},
      {"ppc64le", "ppc64le"}, {"riscv64", "riscv64"},     {"s390", "s390"},
      {"s390x", "s390x"},
  };
  for (const auto& [go, native] : kTable) {
    if (go == goarch) return native;
  }
  return "";
}

OCIKIT_INLINE absl::string_view SeccompArchForNative(absl::string_view native) {
  static constexpr std::pair<absl::string_view, absl::string_view> kTable[] = {
      {"x86", "SCMP_ARCH_X86"},
      {"amd64", "SCMP_ARCH_X86_64"},
      {"arm", "SCMP_ARCH_ARM"},
      {"arm64", "SCMP_ARCH_AARCH64"},
      {"loong64", "SCMP_ARCH_LOONGARCH64"},
      {"mips64", "SCMP_ARCH_MIPS64"},
      {"mips64n32", "SCMP_ARCH_MIPS64N32"},
      {"mipsel64", "SCMP_ARCH_MIPSEL64"},
      {"mips3l64n32", "SCMP_ARCH_MIPSEL64N32"},
      {"mipsle", "SCMP_ARCH_MIPSEL"},
      {"ppc", "SCMP_ARCH_PPC"},
      {"ppc64", "SCMP_ARCH_PPC64"},
      {"ppc64le", "SCMP_ARCH_PPC64LE"},
      {"riscv64", "SCMP_ARCH_RISCV64"},
      {"s390", "SCMP_ARCH_S390"},
      {"s390x", "SCMP_ARCH_S390X"},
  };
  for (const auto& [n, scmp] : kTable) {
    if (n == native) return scmp;
  }
  return "";
}

OCIKIT_INLINE absl::StatusOr<std::string> NormalizeGoArch(absl::string_view name) {
  static constexpr absl::string_view kGoArches[] = {
      "386",  "amd64",    "arm",       "arm64",       "loong64", "mips",    "mipsle",  "mips64", "mips64le",
      "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv64", "s390", "s390x",
  };
  static constexpr std::pair<absl::string_view, absl::string_view> kAliases[] = {
      {"x86_64", "amd64"},  {"x86-64", "amd64"},  {"x64", "amd64"},       {"i386", "386"},
      {"i486", "386"},      {"i586", "386"},      {"i686", "386"},        {"x86", "386"},
      {"aarch64", "arm64"}, {"armv6l", "arm"},    {"armv7l", "arm"},      {"armhf", "arm"},
      {"armel", "arm"},     {"ppc64el", "ppc64le"}, {"loongarch64", "loong64"}, {"mipsel", "mipsle"},
      {"mips64el", "mips64le"},
  };
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  for (absl::string_view go : kGoArches) {
    if (go == lower) return std::string(go);
  }
  for (const auto& [alias, go] : kAliases) {
    if (alias == lower) return std::string(go);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown architecture \"", name,
      "\"; expected a GOARCH name such as amd64, arm64, 386, arm, s390x, ppc64le, riscv64 or loong64"));
}

OCIKIT_INLINE absl::StatusOr<SeccompKernelVersion> ParseSeccompKernelVersion(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits('.', 2));
  const auto number = [](absl::string_view s, uint64_t& out) {
    if (s.empty()) return false;
    for (char c : s) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
    uint32_t value = 0;
    if (!absl::SimpleAtoi(s, &value) || value > 255) return false;
    out = value;
    return true;
  };
  SeccompKernelVersion v;
  if (parts.size() != 2 || !number(parts[0], v.major) || !number(parts[1], v.minor)) {
    return absl::InvalidArgumentError(absl::StrCat("expected \"X.Y\", got \"", text, "\""));
  }
  if (v.major == 0 && v.minor == 0) {
    return absl::InvalidArgumentError(absl::StrCat("expected \"X.Y\" other than \"0.0\", got \"", text, "\""));
  }
  return v;
}

OCIKIT_INLINE absl::StatusOr<SeccompKernelVersion> HostKernelVersion() {
  struct utsname uts;
  if (::uname(&uts) != 0) return absl::InternalError("uname failed");
  unsigned long long major = 0, minor = 0;  // NOLINT(runtime/int): sscanf
  if (std::sscanf(uts.release, "%llu.%llu", &major, &minor) != 2) {
    return absl::FailedPreconditionError(
        absl::StrCat("kernel release \"", uts.release, "\": expected a version such as \"6.1.0\""));
  }
  return SeccompKernelVersion{static_cast<uint64_t>(major), static_cast<uint64_t>(minor)};
}

OCIKIT_INLINE bool IsEmptySeccomp(const LinuxSeccomp& seccomp) {
  return seccomp.default_action.empty() && seccomp.syscalls.empty();
}

namespace internal {

OCIKIT_INLINE std::string DescribeSeccompJson(const SeccompJson& v) {
  switch (v.type()) {
    case SeccompJson::value_t::object:
      return "an object";
    case SeccompJson::value_t::array:
      return "an array";
    case SeccompJson::value_t::null:
      return "null";
    case SeccompJson::value_t::string: {
      std::string s = v.get_ref<const std::string&>();
      if (s.size() > 60) {
        size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
        s = absl::StrCat(s.substr(0, cut), "...");
      }
      SeccompJson quoted = s;
      return quoted.dump(-1, ' ', false, SeccompJson::error_handler_t::replace);
    }
    default:
      return v.dump(-1, ' ', false, SeccompJson::error_handler_t::replace);
  }
}

OCIKIT_INLINE absl::Status CheckSeccompProfileShape(const SeccompProfile& p, absl::string_view prefix) {
  if (!p.architectures.empty() && !p.arch_map.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix, "both \"architectures\" and \"archMap\" are given; expected one or the other"));
  }
  for (size_t i = 0; i < p.syscalls.size(); ++i) {
    const SeccompSyscallGroup& g = p.syscalls[i];
    if (!g.name.empty() && g.names.has_value() && !g.names->empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          prefix, "syscalls[", i, "]: both \"name\" and \"names\" are given; expected one or the other"));
    }
  }
  return absl::OkStatus();
}

OCIKIT_INLINE bool SeccompContains(const std::vector<std::string>& list, absl::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

OCIKIT_INLINE absl::StatusOr<bool> SeccompKernelAtLeast(const SeccompTarget& target, const SeccompKernelVersion& min,
                                                 absl::string_view path) {
  if (!target.kernel.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": the kernel version is unknown; expected one in the target to compare with \"", min.major, ".",
        min.minor, "\""));
  }
  return *target.kernel >= min;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<SeccompProfile> ParseSeccompProfile(absl::string_view json, absl::string_view source) {
  using internal::SeccompJson;
  SeccompProfile profile;
  try {
    SeccompJson doc = SeccompJson::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      internal::SeccompSyntaxError error;
      SeccompJson::sax_parse(json.begin(), json.end(), &error);
      const size_t end = std::min(error.position, json.size());
      size_t line = 1, line_start = 0;
      for (size_t i = 0; i + 1 < end; ++i) {
        if (json[i] == '\n') {
          ++line;
          line_start = i + 1;
        }
      }
      const size_t column = end > line_start ? end - line_start : 1;
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line, ":", column, ": invalid JSON: ", error.reason));
    }
    OCIKIT_RETURN_IF_ERROR(internal::SeccompProfileReader(source).Profile(doc, profile));
  } catch (const std::exception& e) {  // nlohmann never throws here; keep the promise anyway
    return absl::InvalidArgumentError(absl::StrCat(source, ": invalid JSON: ", e.what()));
  }
  OCIKIT_RETURN_IF_ERROR(internal::CheckSeccompProfileShape(profile, absl::StrCat(source, ": ")));
  return profile;
}

OCIKIT_INLINE absl::StatusOr<LinuxSeccomp> ToRuntimeSeccomp(const SeccompProfile& profile, const SeccompTarget& target) {
  LinuxSeccomp out;
  if (profile.default_action.empty() && profile.syscalls.empty()) return out;  // no seccomp
  OCIKIT_RETURN_IF_ERROR(internal::CheckSeccompProfileShape(profile, ""));
  out.default_action = profile.default_action;
  out.default_errno_ret = profile.default_errno_ret;
  out.architectures = profile.architectures;
  out.flags = profile.flags;
  out.listener_path = profile.listener_path;
  out.listener_metadata = profile.listener_metadata;

  const absl::string_view native = SeccompNativeArch(target.arch);
  if (const absl::string_view scmp = SeccompArchForNative(native); !scmp.empty()) {
    for (const SeccompArchMap& entry : profile.arch_map) {
      if (entry.architecture == scmp) {
        out.architectures.push_back(entry.architecture);
        out.architectures.insert(out.architectures.end(), entry.sub_architectures.begin(),
                                 entry.sub_architectures.end());
        break;
      }
    }
  }

  const std::vector<std::string>& caps = target.bounding_caps;
  for (size_t i = 0; i < profile.syscalls.size(); ++i) {
    const SeccompSyscallGroup& g = profile.syscalls[i];
    if (const SeccompFilter* ex = g.excludes ? &*g.excludes : nullptr) {
      if (internal::SeccompContains(ex->arches, native)) continue;
      if (std::any_of(ex->caps.begin(), ex->caps.end(),
                      [&](const std::string& c) { return internal::SeccompContains(caps, c); })) {
        continue;
      }
      if (ex->min_kernel) {
        OCIKIT_ASSIGN_OR_RETURN(bool reached,
                                internal::SeccompKernelAtLeast(target, *ex->min_kernel,
                                                               absl::StrCat("syscalls[", i, "].excludes.minKernel")));
        if (reached) continue;
      }
    }
    if (const SeccompFilter* in = g.includes ? &*g.includes : nullptr) {
      if (!in->arches.empty() && !internal::SeccompContains(in->arches, native)) continue;
      if (!std::all_of(in->caps.begin(), in->caps.end(),
                       [&](const std::string& c) { return internal::SeccompContains(caps, c); })) {
        continue;
      }
      if (in->min_kernel) {
        OCIKIT_ASSIGN_OR_RETURN(bool reached,
                                internal::SeccompKernelAtLeast(target, *in->min_kernel,
                                                               absl::StrCat("syscalls[", i, "].includes.minKernel")));
        if (!reached) continue;
      }
    }
    LinuxSyscall& rule = out.syscalls.emplace_back();
    rule.names = g.name.empty() ? g.names : std::optional<std::vector<std::string>>({g.name});
    rule.action = g.action;
    rule.errno_ret = g.errno_ret;
    rule.args = g.args;
  }
  return out;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_SECCOMP_PROFILE_INL_H_
