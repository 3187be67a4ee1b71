// File: spec/linux_seccomp.h
//
// `linux.seccomp` of config.json (runtime-spec v1.3.0, config-linux.md
// "Seccomp"): the syscall filter.
//
// Example:
//   LinuxSeccomp s{.default_action = "SCMP_ACT_ERRNO"};
//   LinuxSyscall& rule = s.syscalls.emplace_back();
//   rule.names = {{"read"}};  rule.action = "SCMP_ACT_ALLOW";
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_LINUX_SECCOMP_H_
#define OCIKIT_SPEC_LINUX_SECCOMP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/json/field_list.h"

namespace ocikit {

// A condition on one syscall argument.
struct LinuxSeccompArg {
  uint64_t index = 0;
  uint64_t value = 0;
  uint64_t value_two = 0;
  std::string op;  // e.g. "SCMP_CMP_EQ"
  json::UnknownFields unknown;

  bool operator==(const LinuxSeccompArg&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("index", s.index, json::kAlways);
    v("value", s.value, json::kAlways);
    v("valueTwo", s.value_two, json::kOmitEmpty);
    v("op", s.op, json::kAlways);
  }
};

// One rule. `names` is always written (Go has no omitempty on it), as null
// when absent.
struct LinuxSyscall {
  std::optional<std::vector<std::string>> names;
  std::string action;  // e.g. "SCMP_ACT_ALLOW"
  std::optional<uint64_t> errno_ret;
  std::vector<LinuxSeccompArg> args;
  json::UnknownFields unknown;

  bool operator==(const LinuxSyscall&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("names", s.names, json::kAlways);
    v("action", s.action, json::kAlways);
    v("errnoRet", s.errno_ret, json::kOmitEmpty);
    v("args", s.args, json::kOmitEmpty);
  }
};

struct LinuxSeccomp {
  std::string default_action;
  std::optional<uint64_t> default_errno_ret;
  std::vector<std::string> architectures;  // e.g. "SCMP_ARCH_X86_64"
  std::vector<std::string> flags;          // e.g. "SECCOMP_FILTER_FLAG_LOG"
  std::string listener_path;
  std::string listener_metadata;
  std::vector<LinuxSyscall> syscalls;
  json::UnknownFields unknown;

  bool operator==(const LinuxSeccomp&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("defaultAction", s.default_action, json::kAlways);
    v("defaultErrnoRet", s.default_errno_ret, json::kOmitEmpty);
    v("architectures", s.architectures, json::kOmitEmpty);
    v("flags", s.flags, json::kOmitEmpty);
    v("listenerPath", s.listener_path, json::kOmitEmpty);
    v("listenerMetadata", s.listener_metadata, json::kOmitEmpty);
    v("syscalls", s.syscalls, json::kOmitEmpty);
  }
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_LINUX_SECCOMP_H_
