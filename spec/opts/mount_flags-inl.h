// File: spec/opts/mount_flags-inl.h
//
// Definitions of spec/opts/mount_flags.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_MOUNT_FLAGS_INL_H_
#define OCIKIT_SPEC_OPTS_MOUNT_FLAGS_INL_H_

#include "spec/opts/mount_flags.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/internal/status_macros.h"
#include "spec/linux.h"
#include "spec/opts/userns.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE absl::StatusOr<std::vector<LinuxIDMapping>> ParseMountIDMap(absl::string_view text) {
  if (text.empty()) {
    return absl::InvalidArgumentError("empty id mapping; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536");
  }
  std::vector<LinuxIDMapping> maps;
  for (absl::string_view part : absl::StrSplit(text, '#')) {
    if (absl::StartsWith(part, "@")) {
      return absl::InvalidArgumentError(absl::StrCat("relative id mapping \"", part,
                                                     "\" is not supported; expected CONTAINER-HOST-SIZE with a host id"));
    }
    const std::vector<absl::string_view> fields = absl::StrSplit(part, '-');
    if (fields.size() != 3) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid id mapping \"", part, "\"; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"));
    }
    uint32_t values[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
      if (!internal::ParseMountDecimal(fields[i], &values[i])) {
        return absl::InvalidArgumentError(absl::StrCat("id mapping \"", part, "\": \"", fields[i],
                                                       "\" is not an id; expected 0..4294967295"));
      }
    }
    LinuxIDMapping m;
    m.container_id = values[0];
    m.host_id = values[1];
    m.size = values[2];
    maps.push_back(m);
  }
  OCIKIT_RETURN_IF_ERROR(ValidateIDMappings(maps, '-'));
  return maps;
}

OCIKIT_INLINE absl::StatusOr<MountIDMaps> ParseMountIDMapOption(absl::string_view value) {
  MountIDMaps maps;
  bool have_uids = false;
  bool have_gids = false;
  for (absl::string_view part : absl::StrSplit(value, ';')) {
    const bool uids = absl::StartsWith(part, "uids=");
    if (!uids && !absl::StartsWith(part, "gids=")) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown idmap part \"", part, "\"; expected uids=RANGES;gids=RANGES"));
    }
    bool& seen = uids ? have_uids : have_gids;
    if (seen) return absl::InvalidArgumentError(absl::StrCat("idmap \"", value, "\" repeats ", part.substr(0, 5)));
    seen = true;
    // ParseMountIDMap's errors are all InvalidArgument.
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED(absl::StrCat(part.substr(0, 4), ": "),
                                     (uids ? maps.uid_mappings : maps.gid_mappings), ParseMountIDMap(part.substr(5)));
  }
  if (!have_uids || !have_gids) {
    return absl::InvalidArgumentError(
        absl::StrCat("idmap \"", value, "\" lacks ", have_uids ? "gids=" : "uids=", "; expected uids=RANGES;gids=RANGES"));
  }
  return maps;
}

namespace internal {

OCIKIT_INLINE absl::StatusOr<uint64_t> ParseTmpfsBytes(absl::string_view text) {
  size_t n = 0;
  while (n < text.size() && absl::ascii_isdigit(text[n])) ++n;
  const std::string suffix = absl::AsciiStrToLower(text.substr(n));
  int shift = -1;
  if (suffix.empty() || suffix == "b") {
    shift = 0;
  } else if (const absl::string_view rest = absl::string_view(suffix).substr(1);
             rest.empty() || rest == "b" || rest == "ib") {
    const absl::string_view units = "kmgt";
    const size_t unit = units.find(suffix[0]);
    if (unit != absl::string_view::npos) shift = 10 * static_cast<int>(unit + 1);
  }
  uint64_t value = 0;
  if (shift < 0 || !ParseMountDecimal(text.substr(0, n), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid size \"", text, "\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"));
  }
  if (value > (UINT64_MAX >> shift)) {
    return absl::InvalidArgumentError(absl::StrCat("size \"", text, "\" is too large"));
  }
  return value << shift;
}

OCIKIT_INLINE std::string KernelTmpfsSize(uint64_t bytes) {
  absl::string_view suffix;
  for (absl::string_view unit : {"k", "m", "g"}) {
    if (bytes == 0 || bytes % 1024 != 0) break;
    bytes /= 1024;
    suffix = unit;
  }
  return absl::StrCat(bytes, suffix);
}

OCIKIT_INLINE absl::StatusOr<std::string> TmpfsSizeOption(absl::string_view value) {
  if (absl::EndsWith(value, "%")) {
    uint32_t percent = 0;
    if (!ParseMountDecimal(value.substr(0, value.size() - 1), &percent)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid size \"", value, "\"; expected a percentage such as 50%"));
    }
    return absl::StrCat("size=", percent, "%");
  }
  OCIKIT_ASSIGN_OR_RETURN(uint64_t bytes, ParseTmpfsBytes(value));
  return absl::StrCat("size=", KernelTmpfsSize(bytes));
}

OCIKIT_INLINE absl::StatusOr<std::string> TmpfsModeOption(absl::string_view value) {
  uint32_t mode = 0;
  const bool octal = !value.empty() && value.size() <= 5 &&
                     std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '7'; });
  if (octal) {
    for (char c : value) mode = mode * 8 + static_cast<uint32_t>(c - '0');
  }
  if (!octal || mode > 07777) {
    return absl::InvalidArgumentError(absl::StrCat("invalid mode \"", value, "\"; expected an octal mode such as 1777"));
  }
  return absl::StrFormat("mode=%o", mode);
}

OCIKIT_INLINE absl::string_view TmpfsFlagGroup(absl::string_view option) {
  static constexpr struct {
    absl::string_view flag;
    absl::string_view group;
  } kFlags[] = {
      {"ro", "ro"},           {"rw", "ro"},
      {"suid", "suid"},       {"nosuid", "suid"},
      {"dev", "dev"},         {"nodev", "dev"},
      {"exec", "exec"},       {"noexec", "exec"},
      {"sync", "sync"},       {"async", "sync"},
      {"dirsync", "dirsync"}, {"atime", "atime"},
      {"noatime", "atime"},   {"diratime", "diratime"},
      {"nodiratime", "diratime"}, {"relatime", "relatime"},
      {"norelatime", "relatime"}, {"strictatime", "strictatime"},
      {"nostrictatime", "strictatime"}, {"private", "propagation"},
      {"rprivate", "propagation"}, {"shared", "propagation"},
      {"rshared", "propagation"}, {"slave", "propagation"},
      {"rslave", "propagation"}, {"unbindable", "propagation"},
      {"runbindable", "propagation"},
  };
  for (const auto& f : kFlags) {
    if (f.flag == option) return f.group;
  }
  return "";
}

OCIKIT_INLINE absl::StatusOr<std::string> TmpfsDataOption(absl::string_view key, absl::string_view value) {
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat("tmpfs option \"", key, "=\" has no value"));
  if (key == "size") return TmpfsSizeOption(value);
  if (key == "mode") return TmpfsModeOption(value);
  if (key == "uid" || key == "gid") {
    uint32_t id = 0;
    if (!ParseMountDecimal(value, &id)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid ", key, " \"", value, "\"; expected a number in 0..4294967295"));
    }
    return absl::StrCat(key, "=", id);
  }
  if (key == "nr_inodes" || key == "nr_blocks") {
    const absl::string_view digits = absl::StrContains("kKmMgG", value.back()) ? value.substr(0, value.size() - 1) : value;
    uint64_t count = 0;
    if (!ParseMountDecimal(digits, &count)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid ", key, " \"", value, "\"; expected a number with an optional k, m or g suffix"));
    }
    return absl::StrCat(key, "=", value);
  }
  if (key == "mpol") return absl::StrCat(key, "=", value);
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown tmpfs option \"", key, "=", value,
      "\"; expected a mount flag such as ro or noexec, or one of size=, mode=, uid=, gid=, nr_inodes=, nr_blocks=, mpol="));
}

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> MergeTmpfsOptions(const std::vector<std::string>& raw) {
  std::vector<std::pair<std::string, std::string>> keyed;  // (group or "key=", option)
  for (const std::string& option : raw) {
    if (option.empty()) return absl::InvalidArgumentError("empty tmpfs option");
    if (option == "defaults") continue;
    if (const absl::string_view group = TmpfsFlagGroup(option); !group.empty()) {
      keyed.emplace_back(std::string(group), option);
      continue;
    }
    const size_t eq = option.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown tmpfs option \"", option,
                       "\"; expected a mount flag such as ro or noexec, or one of size=, mode=, uid=, gid=, "
                       "nr_inodes=, nr_blocks=, mpol="));
    }
    const absl::string_view key = absl::string_view(option).substr(0, eq);
    OCIKIT_ASSIGN_OR_RETURN(std::string data, TmpfsDataOption(key, absl::string_view(option).substr(eq + 1)));
    keyed.emplace_back(absl::StrCat(key, "="), std::move(data));
  }
  std::vector<std::string> merged;
  for (size_t i = 0; i < keyed.size(); ++i) {
    const auto later = std::find_if(keyed.begin() + static_cast<std::ptrdiff_t>(i) + 1, keyed.end(),
                                    [&](const auto& k) { return k.first == keyed[i].first; });
    if (later == keyed.end()) merged.push_back(keyed[i].second);
  }
  return merged;
}

OCIKIT_INLINE bool IsPropagationMode(absl::string_view mode) {
  for (absl::string_view m : {"private", "rprivate", "shared", "rshared", "slave", "rslave"}) {
    if (m == mode) return true;
  }
  return false;
}

OCIKIT_INLINE absl::StatusOr<std::string> MountDestination(absl::string_view path) {
  if (path.empty()) return absl::InvalidArgumentError("empty container path; expected an absolute path");
  if (path.front() != '/') {
    return absl::InvalidArgumentError(absl::StrCat("container path \"", path, "\" is not absolute"));
  }
  std::string clean = CleanPath(path);
  if (clean == "/") {
    return absl::InvalidArgumentError("container path \"/\" is not allowed; expected a directory below /");
  }
  return clean;
}

OCIKIT_INLINE absl::Status CheckBindSource(absl::string_view source) {
  if (source.empty()) return absl::InvalidArgumentError("empty host path; expected an absolute path");
  if (source.front() == '/') return absl::OkStatus();
  if (absl::StartsWith(source, ".") || absl::StrContains(source, '/')) {
    return absl::InvalidArgumentError(absl::StrCat("host path \"", source, "\" is not absolute"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("named volume \"", source, "\" is not supported; expected an absolute host path"));
}

OCIKIT_INLINE Mount MakeBindMount(std::string source, std::string destination, const BindOptionSet& options) {
  Mount m;
  m.destination = std::move(destination);
  m.type = "bind";
  m.source = std::move(source);
  m.options = options.Options();
  m.uid_mappings = options.idmaps.uid_mappings;
  m.gid_mappings = options.idmaps.gid_mappings;
  return m;
}

OCIKIT_INLINE Mount MakeTmpfsMount(std::string destination, std::vector<std::string> options) {
  Mount m;
  m.destination = std::move(destination);
  m.type = "tmpfs";
  m.source = "tmpfs";
  m.options = std::move(options);
  return m;
}

OCIKIT_INLINE absl::StatusOr<bool> ParseMountBool(absl::string_view key, absl::string_view value) {
  const std::string lower = absl::AsciiStrToLower(value);
  if (lower == "true" || lower == "1") return true;
  if (lower == "false" || lower == "0") return false;
  return absl::InvalidArgumentError(
      absl::StrCat("invalid value \"", value, "\" for key \"", key, "\"; expected true or false"));
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<Mount> ParseTmpfsFlag(absl::string_view flag) {
  const std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(flag, absl::MaxSplits(':', 1));
  OCIKIT_ASSIGN_OR_RETURN(std::string destination, internal::MountDestination(parts.first));
  std::vector<std::string> raw = {"noexec", "nosuid", "nodev"};
  if (flag.size() > parts.first.size()) {
    for (absl::string_view option : absl::StrSplit(parts.second, ',')) raw.emplace_back(option);
  }
  OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> options, internal::MergeTmpfsOptions(raw));
  return internal::MakeTmpfsMount(std::move(destination), std::move(options));
}

namespace internal {

// Adds one OPTION of -v HOST-DIR:CONTAINER-DIR:OPTIONS to `options`.
OCIKIT_INLINE absl::Status AddVolumeOption(absl::string_view option, BindOptionSet& options) {
  const std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(option, absl::MaxSplits('=', 1));
  if (option == "ro" || option == "rw") return BindOptionSet::SetSlot(options.access, option);
  if (option == "bind" || option == "rbind") return BindOptionSet::SetSlot(options.recursion, option);
  if (IsPropagationMode(option)) return BindOptionSet::SetSlot(options.propagation, option);
  if (option == "nosuid" || option == "nodev" || option == "noexec" || option == "suid" || option == "dev" ||
      option == "exec") {
    return options.AddFlag(option);
  }
  // SELinux relabelling changes the host's files; that is the engine's job,
  // not the spec's. Accepted so Docker and Podman lines work.
  if (option == "z" || option == "Z") return absl::OkStatus();
  if (kv.first == "idmap" || kv.first == "ridmap") {
    return options.AddIDMap(kv.first, option.size() > kv.first.size(), kv.second);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown volume option \"", option,
                   "\"; expected ro, rw, z, Z, [r]shared, [r]slave, [r]private, bind, rbind, nosuid, nodev, noexec, "
                   "suid, dev, exec, idmap[=...] or ridmap[=...]"));
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<Mount> ParseVolumeFlag(absl::string_view flag) {
  const std::vector<absl::string_view> parts = absl::StrSplit(flag, ':');
  if (parts.size() == 1) {
    return absl::InvalidArgumentError(absl::StrCat("anonymous volume \"", flag,
                                                   "\" is not supported; expected HOST-DIR:CONTAINER-DIR[:OPTIONS]"));
  }
  if (parts.size() > 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("too many \":\" in \"", flag, "\"; expected HOST-DIR:CONTAINER-DIR[:OPTIONS]"));
  }
  OCIKIT_RETURN_IF_ERROR(internal::CheckBindSource(parts[0]));
  OCIKIT_ASSIGN_OR_RETURN(std::string destination, internal::MountDestination(parts[1]));
  internal::BindOptionSet options;
  if (parts.size() == 3) {
    for (absl::string_view option : absl::StrSplit(parts[2], ',')) {
      OCIKIT_RETURN_IF_ERROR(internal::AddVolumeOption(option, options));
    }
  }
  return internal::MakeBindMount(std::string(parts[0]), std::move(destination), options);
}

namespace internal {

// One KEY[=VALUE] field of --mount.
struct MountField {
  std::string key;  // lower case
  bool has_value;
  absl::string_view value;
};

// The canonical name of a lower-case --mount key ("src" is "source"), or ""
// for an unknown key.
OCIKIT_INLINE absl::string_view CanonicalMountKey(absl::string_view key) {
  static constexpr struct {
    absl::string_view key;
    absl::string_view canonical;
  } kKeys[] = {
      {"type", "type"},
      {"source", "source"},
      {"src", "source"},
      {"destination", "destination"},
      {"dst", "destination"},
      {"target", "destination"},
      {"readonly", "readonly"},
      {"ro", "readonly"},
      {"rw", "readonly"},
      {"bind-propagation", "bind-propagation"},
      {"bind-nonrecursive", "bind-nonrecursive"},
      {"idmap", "idmap"},
      {"ridmap", "idmap"},
      {"nosuid", "suid"},
      {"suid", "suid"},
      {"nodev", "dev"},
      {"dev", "dev"},
      {"noexec", "exec"},
      {"exec", "exec"},
      {"tmpfs-size", "tmpfs-size"},
      {"tmpfs-mode", "tmpfs-mode"},
      {"relabel", "relabel"},
      {"consistency", "consistency"},
  };
  absl::string_view canonical;
  for (const auto& k : kKeys) {
    if (k.key == key) canonical = k.canonical;
  }
  return canonical;
}

// Whether field `f` has a value when its key (`canonical`, `typed` as typed)
// needs one, and none when it takes none.
OCIKIT_INLINE absl::Status CheckMountFieldValue(absl::string_view canonical, absl::string_view typed,
                                                const MountField& f) {
  const bool takes_no_value = canonical == "suid" || canonical == "dev" || canonical == "exec";
  const bool needs_value = canonical == "type" || canonical == "source" || canonical == "destination" ||
                           canonical == "bind-propagation" || canonical == "tmpfs-size" ||
                           canonical == "tmpfs-mode" || canonical == "relabel";
  if (takes_no_value && f.has_value) {
    return absl::InvalidArgumentError(absl::StrCat("key \"", typed, "\" takes no value"));
  }
  if (needs_value && f.value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("key \"", typed, "\" needs a value"));
  }
  return absl::OkStatus();
}

// The fields of a --mount flag: its type, and the other fields in order.
struct MountFields {
  std::string type;
  std::vector<MountField> fields;
};

// Splits `flag` into known keys, each given once, with values where needed.
OCIKIT_INLINE absl::StatusOr<MountFields> SplitMountFields(absl::string_view flag) {
  MountFields out;
  std::vector<absl::string_view> seen;
  for (absl::string_view text : absl::StrSplit(flag, ',')) {
    if (text.empty()) return absl::InvalidArgumentError("empty field; expected KEY[=VALUE]");
    const std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(text, absl::MaxSplits('=', 1));
    MountField f{absl::AsciiStrToLower(kv.first), text.size() > kv.first.size(), kv.second};
    const absl::string_view canonical = CanonicalMountKey(f.key);
    if (canonical.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown key \"", kv.first,
          "\"; expected one of type, source, destination, readonly, rw, bind-propagation, bind-nonrecursive, idmap, "
          "ridmap, nosuid, nodev, noexec, suid, dev, exec, tmpfs-size, tmpfs-mode, relabel, consistency"));
    }
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate key \"", kv.first, "\""));
    }
    seen.push_back(canonical);
    OCIKIT_RETURN_IF_ERROR(CheckMountFieldValue(canonical, kv.first, f));
    if (canonical == "type") {
      out.type = std::string(f.value);
    } else {
      out.fields.push_back(std::move(f));
    }
  }
  return out;
}

OCIKIT_INLINE absl::Status CheckMountType(absl::string_view type) {
  if (type.empty()) return absl::InvalidArgumentError("missing type; expected type=bind or type=tmpfs");
  if (type != "bind" && type != "tmpfs") {
    return absl::InvalidArgumentError(absl::StrCat("unsupported mount type \"", type, "\"; expected bind or tmpfs",
                                                   type == "volume" ? " (named volumes need a volume store)" : ""));
  }
  return absl::OkStatus();
}

// A --mount being put together from its fields.
struct MountParts {
  std::string type;  // bind or tmpfs
  BindOptionSet bind_options;
  std::vector<std::string> tmpfs_options = {"noexec", "nosuid", "nodev"};
  std::string source;
  std::optional<std::string> destination;

  bool bind() const { return type == "bind"; }
};

// Adds one field (not the type) to `m`.
OCIKIT_INLINE absl::Status AddMountField(const MountField& f, MountParts& m) {
  const absl::string_view key = f.key;
  const bool bind_only = key == "source" || key == "src" || key == "bind-propagation" ||
                         key == "bind-nonrecursive" || key == "idmap" || key == "ridmap" || key == "relabel";
  const bool tmpfs_only = absl::StartsWith(key, "tmpfs-");
  if ((bind_only && !m.bind()) || (tmpfs_only && m.bind())) {
    return absl::InvalidArgumentError(absl::StrCat("key \"", key, "\" is not allowed for ", m.type, " mounts"));
  }
  if (key == "source" || key == "src") {
    m.source = std::string(f.value);
  } else if (key == "destination" || key == "dst" || key == "target") {
    OCIKIT_ASSIGN_OR_RETURN(m.destination, MountDestination(f.value));
  } else if (key == "readonly" || key == "ro" || key == "rw") {
    OCIKIT_ASSIGN_OR_RETURN(const bool on, f.has_value ? ParseMountBool(key, f.value) : true);
    const bool read_only = key == "rw" ? !on : on;
    if (m.bind()) return BindOptionSet::SetSlot(m.bind_options.access, read_only ? "ro" : "rw");
    if (read_only) m.tmpfs_options.push_back("ro");
  } else if (key == "bind-propagation") {
    if (!IsPropagationMode(f.value)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid bind-propagation \"", f.value,
                                                     "\"; expected one of private, rprivate, shared, rshared, "
                                                     "slave, rslave"));
    }
    m.bind_options.propagation = std::string(f.value);
  } else if (key == "bind-nonrecursive") {
    OCIKIT_ASSIGN_OR_RETURN(const bool on, f.has_value ? ParseMountBool(key, f.value) : true);
    m.bind_options.recursion = on ? "bind" : "rbind";
  } else if (key == "idmap" || key == "ridmap") {
    return m.bind_options.AddIDMap(key, f.has_value, f.value);
  } else if (key == "nosuid" || key == "nodev" || key == "noexec" || key == "suid" || key == "dev" ||
             key == "exec") {
    if (m.bind()) return m.bind_options.AddFlag(key);
    m.tmpfs_options.push_back(std::string(key));
  } else if (key == "tmpfs-size") {
    OCIKIT_ASSIGN_OR_RETURN(std::string size, TmpfsSizeOption(f.value));
    m.tmpfs_options.push_back(std::move(size));
  } else if (key == "tmpfs-mode") {
    OCIKIT_ASSIGN_OR_RETURN(std::string mode, TmpfsModeOption(f.value));
    m.tmpfs_options.push_back(std::move(mode));
  } else if (key == "relabel") {
    // SELinux relabelling changes the host's files: the engine's job.
    if (f.value != "shared" && f.value != "private") {
      return absl::InvalidArgumentError(absl::StrCat("invalid relabel \"", f.value, "\"; expected shared or private"));
    }
  }  // consistency: a macOS setting that Docker ignores on Linux
  return absl::OkStatus();
}

// The Mount that `m` describes, once all its fields are in.
OCIKIT_INLINE absl::StatusOr<Mount> FinishMount(MountParts m) {
  if (!m.destination) {
    return absl::InvalidArgumentError("missing destination; expected destination=PATH (or dst=, target=)");
  }
  if (!m.bind()) {
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> options, MergeTmpfsOptions(m.tmpfs_options));
    return MakeTmpfsMount(*std::move(m.destination), std::move(options));
  }
  if (m.source.empty()) return absl::InvalidArgumentError("missing source; expected source=HOST-PATH for a bind mount");
  OCIKIT_RETURN_IF_ERROR(CheckBindSource(m.source));
  return MakeBindMount(std::move(m.source), *std::move(m.destination), m.bind_options);
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<Mount> ParseMountFlag(absl::string_view flag) {
  OCIKIT_ASSIGN_OR_RETURN(internal::MountFields parsed, internal::SplitMountFields(flag));
  OCIKIT_RETURN_IF_ERROR(internal::CheckMountType(parsed.type));
  internal::MountParts m;
  m.type = std::move(parsed.type);
  for (const internal::MountField& f : parsed.fields) OCIKIT_RETURN_IF_ERROR(internal::AddMountField(f, m));
  return internal::FinishMount(std::move(m));
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_MOUNT_FLAGS_INL_H_
