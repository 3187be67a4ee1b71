// File: spec/opts/mounts-inl.h
//
// Definitions of spec/opts/mounts.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_MOUNTS_INL_H_
#define OCIKIT_SPEC_OPTS_MOUNTS_INL_H_

#include "spec/opts/mounts.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/linux.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::Status NoShmMountError() { return absl::FailedPreconditionError("no /dev/shm mount specified"); }

namespace internal {

OCIKIT_INLINE void ReplaceOrAppendMount(std::vector<Mount>& mounts, Mount m) {
  const std::string dest = CleanPath(m.destination);
  const auto same = [&dest](const Mount& x) { return CleanPath(x.destination) == dest; };
  const auto first = std::find_if(mounts.begin(), mounts.end(), same);
  if (first == mounts.end()) {
    mounts.push_back(std::move(m));
    return;
  }
  *first = std::move(m);
  mounts.erase(std::remove_if(first + 1, mounts.end(), same), mounts.end());
}

OCIKIT_INLINE Mount HostFileBind(std::string destination, std::string source) {
  Mount m;
  m.destination = std::move(destination);
  m.type = "bind";
  m.source = std::move(source);
  m.options = {"rbind", "ro"};
  return m;
}

OCIKIT_INLINE void MakeMountsWriteable(Spec& spec, absl::string_view type) {
  for (Mount& m : spec.mounts) {
    if (m.type != type) continue;
    for (std::string& option : m.options) {
      if (option == "ro") option = "rw";
    }
  }
}
}  // namespace internal

OCIKIT_INLINE SpecOpt WithMounts(std::vector<Mount> mounts) {
  return SpecOpt("WithMounts", [mounts = std::move(mounts)](const SpecContext&, Spec& spec) {
    for (const Mount& m : mounts) internal::ReplaceOrAppendMount(spec.mounts, m);
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutMounts(std::vector<std::string> destinations) {
  return SpecOpt("WithoutMounts", [destinations = std::move(destinations)](const SpecContext&, Spec& spec) {
    std::vector<std::string> clean;
    clean.reserve(destinations.size());
    for (const std::string& d : destinations) clean.push_back(CleanPath(d));
    std::erase_if(spec.mounts, [&clean](const Mount& m) {
      return std::find(clean.begin(), clean.end(), CleanPath(m.destination)) != clean.end();
    });
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutRunMount() {
  return SpecOpt("WithoutRunMount", [](const SpecContext&, Spec& spec) {
    std::erase_if(spec.mounts, [](const Mount& m) { return CleanPath(m.destination) == "/run"; });
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithReadOnlyTmpfs() {
  return SpecOpt("WithReadOnlyTmpfs", [](const SpecContext&, Spec& spec) {
    // No structured bindings here: clang 14 cannot capture them in the lambda.
    for (const std::pair<const char*, const char*>& tmpfs : {std::pair<const char*, const char*>{"/tmp", "mode=1777"},
                                                             {"/var/tmp", "mode=1777"},
                                                             {"/run", "mode=755"}}) {
      const absl::string_view destination = tmpfs.first;
      const bool mounted = std::any_of(spec.mounts.begin(), spec.mounts.end(),
                                       [destination](const Mount& m) { return CleanPath(m.destination) == destination; });
      if (mounted) continue;
      Mount& m = spec.mounts.emplace_back();
      m.destination = tmpfs.first;
      m.type = "tmpfs";
      m.source = "tmpfs";
      m.options = {"nosuid", "nodev", tmpfs.second};
    }
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithCgroupfsMount() {
  return SpecOpt("WithCgroupfsMount", [](const SpecContext&, Spec& spec) {
    const auto at = [](absl::string_view destination) {
      return [destination](const Mount& m) { return CleanPath(m.destination) == destination; };
    };
    if (std::any_of(spec.mounts.begin(), spec.mounts.end(), at("/sys/fs/cgroup"))) return absl::OkStatus();
    Mount m;
    m.destination = "/sys/fs/cgroup";
    m.type = "cgroup";
    m.source = "cgroup";
    m.options = {"rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"};
    const auto sys = std::find_if(spec.mounts.begin(), spec.mounts.end(), at("/sys"));
    spec.mounts.insert(sys == spec.mounts.end() ? sys : sys + 1, std::move(m));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithDevShmSize(uint64_t kib) {
  return SpecOpt("WithDevShmSize", [kib](const SpecContext&, Spec& spec) -> absl::Status {
    for (Mount& m : spec.mounts) {
      if (CleanPath(m.destination) != "/dev/shm" || m.source != "shm" || m.type != "tmpfs") continue;
      std::erase_if(m.options, [](const std::string& o) { return absl::StartsWith(o, "size="); });
      m.options.push_back(absl::StrCat("size=", kib, "k"));
      return absl::OkStatus();
    }
    return NoShmMountError();
  });
}

OCIKIT_INLINE SpecOpt WithHostHostsFile() {
  return SpecOpt("WithHostHostsFile", [](const SpecContext& ctx, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/hosts", ctx.host_hosts));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithHostResolvconf() {
  return SpecOpt("WithHostResolvconf", [](const SpecContext& ctx, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/resolv.conf", ctx.host_resolv_conf));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithHostLocaltime() {
  return SpecOpt("WithHostLocaltime", [](const SpecContext&, Spec& spec) {
    internal::ReplaceOrAppendMount(spec.mounts, internal::HostFileBind("/etc/localtime", "/etc/localtime"));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithWriteableSysfs() {
  return SpecOpt("WithWriteableSysfs", [](const SpecContext&, Spec& spec) {
    internal::MakeMountsWriteable(spec, "sysfs");
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithWriteableCgroupfs() {
  return SpecOpt("WithWriteableCgroupfs", [](const SpecContext&, Spec& spec) {
    internal::MakeMountsWriteable(spec, "cgroup");
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_MOUNTS_INL_H_
