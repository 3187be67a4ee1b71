// File: spec/opts/capabilities.h
//
// Capability transforms. Names are normalised, so "net_raw", "NET_RAW" and
// "CAP_NET_RAW" all mean CAP_NET_RAW; an unknown name is an error; "ALL" adds
// every known capability or drops every capability (as Buildah and Podman).
//
// Example:
//   ApplyOpts(ctx, spec, {WithDroppedCapabilities({"net_raw"}),
//                         WithAddedCapabilities({"CAP_SYS_PTRACE"})});
#ifndef OCIKIT_SPEC_OPTS_CAPABILITIES_H_
#define OCIKIT_SPEC_OPTS_CAPABILITIES_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The 41 capabilities of Linux 5.9+, in bit order (containerd's cap.Known()).
inline const std::vector<std::string>& KnownCapabilities() {
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

// "net_raw" -> "CAP_NET_RAW"; "all" -> "ALL"; unknown names are an error.
inline absl::StatusOr<std::string> NormalizeCapability(absl::string_view name) {
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

// Normalises all names; true in `all` when "ALL" was among them.
inline absl::StatusOr<std::vector<std::string>> NormalizeCapabilities(const std::vector<std::string>& names,
                                                                      bool& all) {
  all = false;
  std::vector<std::string> out;
  for (const std::string& name : names) {
    absl::StatusOr<std::string> cap = NormalizeCapability(name);
    if (!cap.ok()) return cap.status();
    if (*cap == "ALL") {
      all = true;
    } else if (std::find(out.begin(), out.end(), *cap) == out.end()) {
      out.push_back(*std::move(cap));
    }
  }
  return out;
}

inline void AddMissing(std::vector<std::string>& set, const std::vector<std::string>& caps) {
  for (const std::string& cap : caps) {
    if (std::find(set.begin(), set.end(), cap) == set.end()) set.push_back(cap);
  }
}

}  // namespace internal

// Sets the bounding, effective and permitted sets to `caps`; inheritable keeps
// only members of `caps` (it is cleared when `caps` is empty).
inline SpecOpt WithCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    absl::StatusOr<std::vector<std::string>> names = internal::NormalizeCapabilities(caps, all);
    if (!names.ok()) return names.status();
    if (all) *names = KnownCapabilities();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    c.bounding = *names;
    c.effective = *names;
    c.permitted = *names;
    std::erase_if(c.inheritable, [&](const std::string& cap) {
      return std::find(names->begin(), names->end(), cap) == names->end();
    });
    return absl::OkStatus();
  });
}

// Adds capabilities to the bounding, effective and permitted sets.
inline SpecOpt WithAddedCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithAddedCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    absl::StatusOr<std::vector<std::string>> names = internal::NormalizeCapabilities(caps, all);
    if (!names.ok()) return names.status();
    if (all) *names = KnownCapabilities();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    internal::AddMissing(c.bounding, *names);
    internal::AddMissing(c.effective, *names);
    internal::AddMissing(c.permitted, *names);
    return absl::OkStatus();
  });
}

// Removes every occurrence of the capabilities from all five sets ("ALL"
// empties them). containerd keeps ambient; an ambient capability outside
// permitted would make the runtime fail, so ocikit drops it too.
inline SpecOpt WithDroppedCapabilities(std::vector<std::string> caps) {
  return SpecOpt("WithDroppedCapabilities", [caps = std::move(caps)](const SpecContext&, Spec& spec) -> absl::Status {
    bool all = false;
    absl::StatusOr<std::vector<std::string>> names = internal::NormalizeCapabilities(caps, all);
    if (!names.ok()) return names.status();
    LinuxCapabilities& c = EnsureCapabilities(spec);
    for (std::vector<std::string>* set : {&c.bounding, &c.effective, &c.inheritable, &c.permitted, &c.ambient}) {
      if (all) {
        set->clear();
        continue;
      }
      std::erase_if(*set, [&](const std::string& cap) {
        return std::find(names->begin(), names->end(), cap) != names->end();
      });
    }
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_CAPABILITIES_H_
