// File: spec/opts/capabilities-inl.h
//
// Definitions of spec/opts/capabilities.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_CAPABILITIES_INL_H_
#define OCIKIT_SPEC_OPTS_CAPABILITIES_INL_H_

#include "spec/opts/capabilities.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<std::string>& KnownCapabilities() {
  static const std::vector<std::string> kKnown = {
      "CAP_CHOWN",           "CAP_DAC_OVERRIDE",  "CAP_DAC_READ_SEARCH", "CAP_FOWNER",       "CAP_FSETID",
      "CAP_KILL",            "CAP_SETGID",        "CAP_SETUID",          "CAP_SETPCAP",      "CAP_LINUX_IMMUTABLE",
      "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",      "CAP_NET_RAW",      "CAP_IPC_LOCK",
      "CAP_IPC_OWNER",       "CAP_SYS_MODULE",    "CAP_SYS_RAWIO",       "CAP_SYS_CHROOT",   "CAP_SYS_PTRACE",
      "CAP_SYS_PACCT",       "CAP_SYS_ADMIN",     "CAP_SYS_BOOT",        "CAP_SYS_NICE",     "CAP_SYS_RESOURCE",
      "CAP_SYS_TIME",        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",          "CAP_LEASE",        "CAP_AUDIT_WRITE",
      "CAP_AUDIT_CONTROL",   "CAP_SETFCAP",       "CAP_MAC_OVERRIDE",    "CAP_MAC_ADMIN",    "CAP_SYSLOG",
      "CAP_WAKE_ALARM",      "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",      "CAP_PERFMON",      "CAP_BPF",
      "CAP_CHECKPOINT_RESTORE",
  };
  return kKnown;
}

OCIKIT_INLINE absl::StatusOr<std::string> NormalizeCapability(absl::string_view name) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(name));
  if (upper == "ALL") return upper;
  if (!absl::StartsWith(upper, "CAP_")) upper = absl::StrCat("CAP_", upper);
  const std::vector<std::string>& known = KnownCapabilities();
  if (std::find(known.begin(), known.end(), upper) == known.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown capability \"", name, "\"; expected a name such as CAP_NET_RAW or ALL"));
  }
  return upper;
}

namespace internal {

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> NormalizeCapabilities(const std::vector<std::string>& names,
                                                                      bool& all) {
  all = false;
  std::vector<std::string> out;
  for (const std::string& name : names) {
    OCIKIT_ASSIGN_OR_RETURN(std::string cap, NormalizeCapability(name));
    if (cap == "ALL") {
      all = true;
    } else if (std::find(out.begin(), out.end(), cap) == out.end()) {
      out.push_back(std::move(cap));
    }
  }
  return out;
}

OCIKIT_INLINE void AddMissing(std::vector<std::string>& set, const std::vector<std::string>& caps) {
  for (const std::string& cap : caps) {
    if (std::find(set.begin(), set.end(), cap) == set.end()) set.push_back(cap);
  }
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> names, internal::NormalizeCapabilities(caps, all));
    if (all) names = KnownCapabilities();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    c.bounding = names;
    c.effective = names;
    c.permitted = names;
    std::erase_if(c.inheritable, [&](const std::string& cap) {
      return std::find(names.begin(), names.end(), cap) == names.end();
    });
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAddedCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithAddedCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> names, internal::NormalizeCapabilities(caps, all));
    if (all) names = KnownCapabilities();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    internal::AddMissing(c.bounding, names);
    internal::AddMissing(c.effective, names);
    internal::AddMissing(c.permitted, names);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithDroppedCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithDroppedCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> names, internal::NormalizeCapabilities(caps, all));
    LinuxCapabilities& c = EnsureCapabilities(spec);
    for (std::vector<std::string>* set : {&c.bounding, &c.effective, &c.inheritable, &c.permitted, &c.ambient}) {
      if (all) {
        set->clear();
        continue;
      }
      std::erase_if(*set, [&](const std::string& cap) {
        return std::find(names.begin(), names.end(), cap) != names.end();
      });
    }
    return absl::OkStatus();
  });
}

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> CapabilitiesFromStatus(absl::string_view status) {
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    if (!absl::ConsumePrefix(&line, "CapEff:")) continue;
    uint64_t bits = 0;
    const absl::string_view hex = absl::StripAsciiWhitespace(line);
    if (hex.empty() || hex.size() > 16 || !absl::SimpleHexAtoi(hex, &bits)) {
      return absl::InvalidArgumentError(absl::StrCat("CapEff: expected a hexadecimal capability mask, got \"", hex, "\""));
    }
    std::vector<std::string> caps;
    const std::vector<std::string>& known = KnownCapabilities();
    for (size_t bit = 0; bit < known.size(); ++bit) {
      if (bits & (uint64_t{1} << bit)) caps.push_back(known[bit]);
    }
    return caps;
  }
  return absl::InvalidArgumentError("no CapEff line in the process status");
}

OCIKIT_INLINE SpecOpt WithAllKnownCapabilities() {
  return SpecOpt("WithAllKnownCapabilities", [](const SpecContext& ctx, Spec& spec) {
    return WithCapabilities(KnownCapabilities())(ctx, spec);
  });
}

OCIKIT_INLINE SpecOpt WithAllCurrentCapabilities() {
  return SpecOpt("WithAllCurrentCapabilities", [](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::string status, ReadRegularFile(ctx.proc_self_status, 1 << 20));
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED(absl::StrCat(ctx.proc_self_status, ": "), std::vector<std::string> caps,
                                     CapabilitiesFromStatus(status));
    return WithCapabilities(std::move(caps))(ctx, spec);
  });
}

OCIKIT_INLINE SpecOpt WithAmbientCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithAmbientCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> names, internal::NormalizeCapabilities(caps, all));
    if (all) return absl::InvalidArgumentError("ALL cannot be made ambient; name the capabilities");
    LinuxCapabilities& c = EnsureCapabilities(spec);
    c.inheritable = names;
    c.ambient = std::move(names);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithAmbientAddedCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithAmbientAddedCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> names, internal::NormalizeCapabilities(caps, all));
    if (all) return absl::InvalidArgumentError("ALL cannot be made ambient; name the capabilities");
    if (!spec.process || spec.process->user.uid == 0) return absl::OkStatus();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    for (std::vector<std::string>* set : {&c.bounding, &c.effective, &c.permitted, &c.inheritable, &c.ambient}) {
      internal::AddMissing(*set, names);
    }
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithNonRootCapabilitiesCleared() {
  return SpecOpt("WithNonRootCapabilitiesCleared", [](const SpecContext&, Spec& spec) {
    if (!spec.process || spec.process->user.uid == 0 || !spec.process->capabilities) return absl::OkStatus();
    LinuxCapabilities& c = *spec.process->capabilities;
    c.effective = c.ambient;
    c.permitted = c.ambient;
    c.inheritable = c.ambient;
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_CAPABILITIES_INL_H_
