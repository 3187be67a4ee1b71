// File: spec/opts/mount_flags.h
//
// Parsers for the mount strings users type: Docker's and Podman's `--mount`, `-v/--volume` and
// `--tmpfs`. Each parser returns one Mount, or an InvalidArgument error that
// names the bad part; the flag layer prefixes it with the flag and its value.
//
// Parsed bind mounts follow Buildah's option rules and always use this order:
//   1. "rbind", or "bind" when a non-recursive bind is asked for;
//   2. exactly one of "rw" (the default) and "ro";
//   3. one propagation mode, "rprivate" unless another is given;
//   4. the other options (nosuid, nodev, noexec, suid, dev, exec, idmap,
//      ridmap) in the order given, an exact repeat dropped.
// Contradicting options ("ro" and "rw", "bind" and "rbind", two propagation
// modes, "nosuid" and "suid") are an error.
//
// Parsed tmpfs mounts start from Docker's defaults "noexec,nosuid,nodev" and
// merge the given options as Docker does: for each flag pair (ro/rw,
// exec/noexec, ...) and each key (size=, mode=, ...) the last one wins, and the
// result lists the surviving options in the order of their last occurrence.
// Sizes are rewritten in the form the kernel reads: 64MiB becomes size=64m.
//
// Destinations must be absolute and are cleaned ("/data/" is "/data"):
// runtime-spec 1.2 allows relative destinations, Docker does not, and ocikit
// follows Docker.
//
// Example:
//   absl::StatusOr<Mount> m = ParseVolumeFlag("/srv/data:/data:ro");
//   // m->options == {"rbind", "ro", "rprivate"}
//   ApplyOpts(ctx, spec, {WithMounts({*m}), WithDevShmSize(65536)});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_MOUNT_FLAGS_H_
#define OCIKIT_SPEC_OPTS_MOUNT_FLAGS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/userns.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "spec/internal/status_macros.h"

namespace ocikit {

// The uid and gid mappings of an idmapped mount.
struct MountIDMaps {
  std::vector<LinuxIDMapping> uid_mappings;
  std::vector<LinuxIDMapping> gid_mappings;

  bool operator==(const MountIDMaps&) const = default;
};

namespace internal {

// Decimal digits only (no sign, no space) that fit in T.
template <class T>
inline bool ParseMountDecimal(absl::string_view text, T* out) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return false;
  }
  return absl::SimpleAtoi(text, out);
}

}  // namespace internal

// Parses Podman's idmap range list "CONTAINER-HOST-SIZE[#CONTAINER-HOST-SIZE...]",
// e.g. "0-100000-1000#1000-200000-10": sizes of at least 1, ranges within
// 32-bit ids, no overlap among container ids or among host ids, at most 340
// ranges (the kernel's limit). Podman separates ranges with '#' only, because
// ',' separates --mount fields. Podman's '@' prefix (host id relative to the
// container's user namespace) needs that namespace and is an error here.
absl::StatusOr<std::vector<LinuxIDMapping>> ParseMountIDMap(absl::string_view text);

// Parses the value of Podman's idmap=uids=...;gids=... option, e.g.
// "uids=0-1000-10;gids=0-1000-10" (ranges as in ParseMountIDMap). Both parts
// are required: Podman fills a missing one from the container's user
// namespace, which a parser cannot see.
absl::StatusOr<MountIDMaps> ParseMountIDMapOption(absl::string_view value);

namespace internal {

// Bytes in "4096", "64m", "64MiB", "1g": k, m, g and t are powers of 1024,
// with an optional "b" or "ib" after them (Docker's RAMInBytes, integers only).
absl::StatusOr<uint64_t> ParseTmpfsBytes(absl::string_view text);

// `bytes` as the kernel reads a tmpfs size, in the largest of k, m and g that
// divides it (Docker's convertTmpfsOptions): 67108864 is "64m".
std::string KernelTmpfsSize(uint64_t bytes);

// The size= option for a human size, or a percentage of RAM ("50%") kept as is.
absl::StatusOr<std::string> TmpfsSizeOption(absl::string_view value);

// The mode= option for an octal mode such as "1777" or "0700".
absl::StatusOr<std::string> TmpfsModeOption(absl::string_view value);

// The conflict group of a mount flag a tmpfs accepts, or "" for none. Flags of
// one group set the same kernel bit (Docker's MergeTmpfsOptions).
absl::string_view TmpfsFlagGroup(absl::string_view option);

// One normalised key=value tmpfs option.
absl::StatusOr<std::string> TmpfsDataOption(absl::string_view key, absl::string_view value);

// Docker's MergeTmpfsOptions with validation: per flag group and per key the
// last option wins; survivors keep the order of their last occurrence.
absl::StatusOr<std::vector<std::string>> MergeTmpfsOptions(const std::vector<std::string>& raw);

bool IsPropagationMode(absl::string_view mode);

// The options of a bind mount being parsed, kept in the documented order.
struct BindOptionSet {
  std::string recursion;    // "rbind" or "bind"; "" means rbind
  std::string access;       // "rw" or "ro"; "" means rw
  std::string propagation;  // "" means rprivate
  std::vector<std::pair<std::string, std::string>> rest;  // (group, option) in given order
  std::string idmap;        // "idmap" or "ridmap" as typed with its value, "" for none
  MountIDMaps idmaps;

  // Sets one slot; a repeat is ignored, a different value is an error.
  static absl::Status SetSlot(std::string& slot, absl::string_view value) {
    if (!slot.empty() && slot != value) {
      return absl::InvalidArgumentError(absl::StrCat("conflicting options \"", slot, "\" and \"", value, "\""));
    }
    slot = std::string(value);
    return absl::OkStatus();
  }

  // Adds one of nosuid, nodev, noexec, suid, dev, exec.
  absl::Status AddFlag(absl::string_view flag) {
    const absl::string_view group = absl::StartsWith(flag, "no") ? flag.substr(2) : flag;
    for (const auto& [g, option] : rest) {
      if (g != group) continue;
      if (option == flag) return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat("conflicting options \"", option, "\" and \"", flag, "\""));
    }
    rest.emplace_back(std::string(group), std::string(flag));
    return absl::OkStatus();
  }

  // Adds idmap/ridmap: bare or "=true" uses the container's user-namespace
  // mapping (empty mappings, runtime-spec PR 1224), "=false" adds nothing,
  // otherwise the value is uids=...;gids=....
  absl::Status AddIDMap(absl::string_view kind, bool has_value, absl::string_view value) {
    const std::string lower = absl::AsciiStrToLower(value);
    if (has_value && lower == "false") return absl::OkStatus();
    const bool custom = has_value && lower != "true";
    MountIDMaps maps;
    if (custom) {
      OCIKIT_ASSIGN_OR_RETURN(MountIDMaps parsed, ParseMountIDMapOption(value));
      maps = std::move(parsed);
    }
    const std::string typed = custom ? absl::StrCat(kind, "=", value) : std::string(kind);
    if (!idmap.empty()) return SetSlot(idmap, typed);
    idmap = typed;
    idmaps = std::move(maps);
    rest.emplace_back("idmap", std::string(kind));
    return absl::OkStatus();
  }

  std::vector<std::string> Options() const {
    std::vector<std::string> out = {recursion.empty() ? "rbind" : recursion, access.empty() ? "rw" : access,
                                    propagation.empty() ? "rprivate" : propagation};
    for (const auto& r : rest) out.push_back(r.second);
    return out;
  }
};

// A cleaned absolute container path other than "/".
absl::StatusOr<std::string> MountDestination(absl::string_view path);

// An absolute host path for a bind mount, kept as typed.
absl::Status CheckBindSource(absl::string_view source);

Mount MakeBindMount(std::string source, std::string destination, const BindOptionSet& options);

Mount MakeTmpfsMount(std::string destination, std::vector<std::string> options);

// "true", "false", "1" or "0", any case (Docker reads these with ParseBool).
absl::StatusOr<bool> ParseMountBool(absl::string_view key, absl::string_view value);

}  // namespace internal

// Parses Docker's and Podman's `--tmpfs DST[:OPTIONS]`, e.g.
// "/run:size=64m,mode=1777": type and source "tmpfs", options Docker's
// defaults noexec,nosuid,nodev merged with the given ones (see the top of
// this file). Accepted options: mount flags (ro, rw, [no]exec, [no]suid,
// [no]dev, [no]atime, [no]diratime, [no]relatime, [no]strictatime, sync,
// async, dirsync, propagation modes) and size=, mode=, uid=, gid=,
// nr_inodes=, nr_blocks=, mpol=. Docker's daemon also adds "rprivate",
// which means nothing on a fresh tmpfs; ocikit does not.
absl::StatusOr<Mount> ParseTmpfsFlag(absl::string_view flag);

// Parses Docker's and Podman's `-v/--volume HOST-DIR:CONTAINER-DIR[:OPTIONS]`
// for bind mounts, e.g. "/srv/data:/data:ro,nosuid". OPTIONS is a comma list
// of ro, rw, z, Z, [r]shared, [r]slave, [r]private, bind, rbind, nosuid,
// nodev, noexec, suid, dev, exec, idmap[=...] and ridmap[=...]; options are
// ordered as described at the top of this file. HOST-DIR must be absolute:
// named and anonymous volumes need a volume store, which ocikit does not have.
absl::StatusOr<Mount> ParseVolumeFlag(absl::string_view flag);

// Parses Docker's and Podman's `--mount KEY=VALUE,...` for type=bind and
// type=tmpfs, e.g. "type=bind,src=/srv,dst=/data,readonly". Keys (any case):
//   type                          bind or tmpfs (required; Docker's default,
//                                 volume, needs a volume store)
//   source, src                   bind: absolute host path (required)
//   destination, dst, target      absolute container path (required)
//   readonly, ro [=BOOL]          read-only; for binds "ro" is not recursive
//                                 (runc's "rro" is, on kernels with
//                                 mount_setattr); rw[=BOOL] is the inverse
//   bind-propagation=MODE         bind: [r]shared, [r]slave, [r]private
//   bind-nonrecursive[=BOOL]      bind: "bind" instead of "rbind"
//   idmap, ridmap [=true|false|uids=...;gids=...]
//                                 bind: idmapped mount; bare means the
//                                 container's user-namespace mapping
//   nosuid, nodev, noexec, suid, dev, exec
//   tmpfs-size=SIZE               tmpfs: bytes, or with a k/m/g/t suffix;
//                                 0 gives size=0 (unlimited, as Docker's
//                                 omitted size)
//   tmpfs-mode=OCTAL              tmpfs: e.g. 1777
//   relabel=shared|private, consistency=...   accepted and ignored
// BOOL is true, false, 1 or 0. A key may appear once. Fields are split at
// every ',' (Docker reads the value as CSV, so quoted commas differ).
absl::StatusOr<Mount> ParseMountFlag(absl::string_view flag);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/mount_flags-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_MOUNT_FLAGS_H_
