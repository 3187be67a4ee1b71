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
#include "policy/internal/ordered_json.h"
#include "spec/internal/status_macros.h"
#include "spec/linux_seccomp.h"

namespace ocikit {

// Declarations of the definitions below (not part of policy/seccomp/profile.h's API).
namespace internal {

using SeccompJson = nlohmann::ordered_json;

// How a JSON value is shown after "got": scalars as written (strings cut at
// 60 bytes), containers by kind.
std::string DescribeSeccompJson(const SeccompJson& v);

// The position and reason of a syntax error, found with a SAX pass.
class SeccompSyntaxError : public nlohmann::json_sax<SeccompJson> {
 public:
  size_t position = 0;
  std::string reason;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    position = pos;
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax
    // error ... - invalid literal; last read: '{x'; expected string literal":
    // keep what follows the position, without the echo of the input.
    absl::string_view what = ex.what();
    if (const size_t bracket = what.find("] "); absl::StartsWith(what, "[json.") && bracket != what.npos) {
      what.remove_prefix(bracket + 2);
    }
    if (const size_t column = what.find(", column "); column != what.npos) {
      if (const size_t colon = what.find(": ", column); colon != what.npos) what.remove_prefix(colon + 2);
    }
    reason = std::string(what);
    if (const size_t echo = reason.find("; last read: "); echo != std::string::npos) {
      const size_t expected = reason.rfind("; expected ");
      reason = expected != std::string::npos && expected > echo
                   ? absl::StrCat(reason.substr(0, echo), reason.substr(expected))
                   : reason.substr(0, echo);
    }
    return false;
  }
};

// Reads the JSON DOM into the model with Go's rules and ocikit's messages.
class SeccompProfileReader {
 public:
  explicit SeccompProfileReader(absl::string_view source) : source_(source) {}

  absl::Status Error(absl::string_view path, absl::string_view message) const {
    if (path.empty()) return absl::InvalidArgumentError(absl::StrCat(source_, ": ", message));
    return absl::InvalidArgumentError(absl::StrCat(source_, ": ", path, ": ", message));
  }

  absl::Status Expected(absl::string_view path, absl::string_view what, const SeccompJson& got) const {
    return Error(path, absl::StrCat("expected ", what, ", got ", DescribeSeccompJson(got)));
  }

  // Go matches object keys to fields case-insensitively.
  static bool Is(const std::string& key, absl::string_view field) { return absl::EqualsIgnoreCase(key, field); }

  absl::Status String(const SeccompJson& v, absl::string_view path, std::string& out) const {
    if (v.is_null()) return absl::OkStatus();  // Go leaves a string unchanged
    if (!v.is_string()) return Expected(path, "a string", v);
    out = v.get_ref<const std::string&>();
    return absl::OkStatus();
  }

  absl::Status Strings(const SeccompJson& v, absl::string_view path, std::vector<std::string>& out) const {
    out.clear();
    if (v.is_null()) return absl::OkStatus();
    if (!v.is_array()) return Expected(path, "an array of strings", v);
    out.resize(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      OCIKIT_RETURN_IF_ERROR(String(v[i], absl::StrCat(path, "[", i, "]"), out[i]));
    }
    return absl::OkStatus();
  }

  absl::Status Uint(const SeccompJson& v, absl::string_view path, uint64_t& out) const {
    if (v.is_null()) return absl::OkStatus();
    if (!v.is_number_unsigned()) return Expected(path, "an unsigned 64-bit integer", v);
    out = v.get<uint64_t>();
    return absl::OkStatus();
  }

  absl::Status OptionalUint(const SeccompJson& v, absl::string_view path, std::optional<uint64_t>& out) const {
    if (v.is_null()) {
      out.reset();
      return absl::OkStatus();
    }
    return Uint(v, path, out.emplace());
  }

  absl::Status Object(const SeccompJson& v, absl::string_view path, absl::string_view what) const {
    if (!v.is_object()) return Expected(path, what, v);
    return absl::OkStatus();
  }

  absl::Status Kernel(const SeccompJson& v, absl::string_view path, std::optional<SeccompKernelVersion>& out) const {
    if (v.is_null()) {
      out.reset();
      return absl::OkStatus();
    }
    if (!v.is_string()) return Expected(path, "\"X.Y\"", v);
    const std::string& text = v.get_ref<const std::string&>();
    if (text.empty()) {  // moby: "" is accepted and means 0.0
      out.emplace();
      return absl::OkStatus();
    }
    absl::StatusOr<SeccompKernelVersion> parsed = ParseSeccompKernelVersion(text);
    if (!parsed.ok()) return Error(path, parsed.status().message());
    out = *parsed;
    return absl::OkStatus();
  }

  absl::Status Filter(const SeccompJson& v, const std::string& path, std::optional<SeccompFilter>& out) const {
    if (v.is_null()) {
      out.reset();
      return absl::OkStatus();
    }
    OCIKIT_RETURN_IF_ERROR(Object(v, path, "an object"));
    SeccompFilter& f = out.emplace();
    for (const auto& [key, value] : v.items()) {
      if (Is(key, "caps")) {
        OCIKIT_RETURN_IF_ERROR(Strings(value, absl::StrCat(path, ".caps"), f.caps));
      } else if (Is(key, "arches")) {
        OCIKIT_RETURN_IF_ERROR(Strings(value, absl::StrCat(path, ".arches"), f.arches));
      } else if (Is(key, "minKernel")) {
        OCIKIT_RETURN_IF_ERROR(Kernel(value, absl::StrCat(path, ".minKernel"), f.min_kernel));
      }
    }
    return absl::OkStatus();
  }

  absl::Status Arg(const SeccompJson& v, const std::string& path, LinuxSeccompArg& arg) const {
    if (v.is_null()) return absl::OkStatus();
    OCIKIT_RETURN_IF_ERROR(Object(v, path, "an object"));
    for (const auto& [key, value] : v.items()) {
      if (Is(key, "index")) {
        OCIKIT_RETURN_IF_ERROR(Uint(value, absl::StrCat(path, ".index"), arg.index));
      } else if (Is(key, "value")) {
        OCIKIT_RETURN_IF_ERROR(Uint(value, absl::StrCat(path, ".value"), arg.value));
      } else if (Is(key, "valueTwo")) {
        OCIKIT_RETURN_IF_ERROR(Uint(value, absl::StrCat(path, ".valueTwo"), arg.value_two));
      } else if (Is(key, "op")) {
        OCIKIT_RETURN_IF_ERROR(String(value, absl::StrCat(path, ".op"), arg.op));
      }
    }
    return absl::OkStatus();
  }

  absl::Status Group(const SeccompJson& v, const std::string& path, SeccompSyscallGroup& g) const {
    // moby dereferences a null entry and panics; ocikit reports it.
    OCIKIT_RETURN_IF_ERROR(Object(v, path, "an object"));
    for (const auto& [key, value] : v.items()) {
      if (Is(key, "names")) {
        const std::string at = absl::StrCat(path, ".names");
        if (value.is_null()) {
          g.names.reset();
        } else {
          OCIKIT_RETURN_IF_ERROR(Strings(value, at, g.names.emplace()));
        }
      } else if (Is(key, "action")) {
        OCIKIT_RETURN_IF_ERROR(String(value, absl::StrCat(path, ".action"), g.action));
      } else if (Is(key, "errnoRet")) {
        OCIKIT_RETURN_IF_ERROR(OptionalUint(value, absl::StrCat(path, ".errnoRet"), g.errno_ret));
      } else if (Is(key, "args")) {
        const std::string at = absl::StrCat(path, ".args");
        g.args.clear();
        if (value.is_null()) continue;
        if (!value.is_array()) return Expected(at, "an array of objects", value);
        g.args.resize(value.size());
        for (size_t i = 0; i < value.size(); ++i) {
          OCIKIT_RETURN_IF_ERROR(Arg(value[i], absl::StrCat(at, "[", i, "]"), g.args[i]));
        }
      } else if (Is(key, "name")) {
        OCIKIT_RETURN_IF_ERROR(String(value, absl::StrCat(path, ".name"), g.name));
      } else if (Is(key, "comment")) {
        OCIKIT_RETURN_IF_ERROR(String(value, absl::StrCat(path, ".comment"), g.comment));
      } else if (Is(key, "includes")) {
        OCIKIT_RETURN_IF_ERROR(Filter(value, absl::StrCat(path, ".includes"), g.includes));
      } else if (Is(key, "excludes")) {
        OCIKIT_RETURN_IF_ERROR(Filter(value, absl::StrCat(path, ".excludes"), g.excludes));
      }
    }
    return absl::OkStatus();
  }

  absl::Status ArchMap(const SeccompJson& v, const std::string& path, SeccompArchMap& a) const {
    if (v.is_null()) return absl::OkStatus();
    OCIKIT_RETURN_IF_ERROR(Object(v, path, "an object"));
    for (const auto& [key, value] : v.items()) {
      if (Is(key, "architecture")) {
        OCIKIT_RETURN_IF_ERROR(String(value, absl::StrCat(path, ".architecture"), a.architecture));
      } else if (Is(key, "subArchitectures")) {
        OCIKIT_RETURN_IF_ERROR(Strings(value, absl::StrCat(path, ".subArchitectures"), a.sub_architectures));
      }
    }
    return absl::OkStatus();
  }

  absl::Status Profile(const SeccompJson& v, SeccompProfile& p) const {
    if (v.is_null()) return absl::OkStatus();
    if (!v.is_object()) return Expected("", "a seccomp profile object", v);
    for (const auto& [key, value] : v.items()) {
      if (Is(key, "defaultAction")) {
        OCIKIT_RETURN_IF_ERROR(String(value, "defaultAction", p.default_action));
      } else if (Is(key, "defaultErrnoRet")) {
        OCIKIT_RETURN_IF_ERROR(OptionalUint(value, "defaultErrnoRet", p.default_errno_ret));
      } else if (Is(key, "architectures")) {
        OCIKIT_RETURN_IF_ERROR(Strings(value, "architectures", p.architectures));
      } else if (Is(key, "flags")) {
        OCIKIT_RETURN_IF_ERROR(Strings(value, "flags", p.flags));
      } else if (Is(key, "listenerPath")) {
        OCIKIT_RETURN_IF_ERROR(String(value, "listenerPath", p.listener_path));
      } else if (Is(key, "listenerMetadata")) {
        OCIKIT_RETURN_IF_ERROR(String(value, "listenerMetadata", p.listener_metadata));
      } else if (Is(key, "archMap")) {
        p.arch_map.clear();
        if (value.is_null()) continue;
        if (!value.is_array()) return Expected("archMap", "an array of objects", value);
        p.arch_map.resize(value.size());
        for (size_t i = 0; i < value.size(); ++i) {
          OCIKIT_RETURN_IF_ERROR(ArchMap(value[i], absl::StrCat("archMap[", i, "]"), p.arch_map[i]));
        }
      } else if (Is(key, "syscalls")) {
        p.syscalls.clear();
        if (value.is_null()) continue;
        if (!value.is_array()) return Expected("syscalls", "an array of objects", value);
        p.syscalls.resize(value.size());
        for (size_t i = 0; i < value.size(); ++i) {
          OCIKIT_RETURN_IF_ERROR(Group(value[i], absl::StrCat("syscalls[", i, "]"), p.syscalls[i]));
        }
      }
    }
    return absl::OkStatus();
  }

 private:
  std::string source_;
};

// moby's two consistency checks; `prefix` is "source: " or "".
absl::Status CheckSeccompProfileShape(const SeccompProfile& p, absl::string_view prefix);

bool SeccompContains(const std::vector<std::string>& list, absl::string_view value);

// kernelGreaterEqualThan with the target's kernel; an unknown kernel is an
// error, as moby's uname failure is.
absl::StatusOr<bool> SeccompKernelAtLeast(const SeccompTarget& target, const SeccompKernelVersion& min,
                                                 absl::string_view path);

}  // namespace internal

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
    SeccompJson doc(nlohmann::json::value_t::discarded);
    try {
      doc = internal::ParseOrderedJson(json);
    } catch (const nlohmann::json::exception&) {  // the SAX pass below says where and why
    }
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
