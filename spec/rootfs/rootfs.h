// File: spec/rootfs/rootfs.h
//
// Reading files of a container root filesystem without ever leaving it. A
// rootfs comes from an image and may be hostile: /etc/passwd can be a symlink
// to a host file, a FIFO that blocks forever, a device that never ends, or a
// chain of links that loops. Paths are therefore resolved as if the process
// had chrooted into the rootfs, one component at a time with file
// descriptors, so no rename or symlink swap can steer a read outside it:
//
//   - each component is opened with openat(dir, name, O_PATH|O_NOFOLLOW);
//   - ".." pops a stack of directory descriptors and stops at the root (".."
//     itself is never opened); "." is skipped;
//   - a symlink's target is read from its own descriptor and spliced into the
//     rest of the path; an absolute target restarts at the rootfs root;
//   - at most 40 symlinks are followed (the 41st gives ELOOP, as the kernel
//     does); a non-directory in the middle gives ENOTDIR; a trailing "/" on
//     the path or on a link target requires a directory; an empty path gives
//     ENOENT; a path, or a resolved path, longer than PATH_MAX gives
//     ENAMETOOLONG (this also bounds the descriptors one walk holds).
//
// A file is read only when fstat on its O_PATH descriptor says it is a regular
// file; it is then opened through /proc/self/fd/<n> (the very same inode),
// checked again, and read up to a size cap. These are the rules of containerd
// main's resolveInRootFS plus its CVE-2026-47262 checks (regular file only,
// 10 MiB cap), with the open done on the resolved descriptor instead of a
// second path walk.
//
// Errors name the path as the caller gave it, relative to the rootfs, with the
// kernel's errno text ("etc/passwd: Too many levels of symbolic links"). Codes:
// NotFound for ENOENT (callers may treat a missing file as "no entries"),
// InvalidArgument for a file that is not regular or too large,
// FailedPrecondition for everything else, including a rootfs that cannot be
// opened.
//
// Example:
//   absl::StatusOr<std::string> passwd = ReadFileInRoot("/var/lib/c/rootfs", "etc/passwd");
//   if (absl::IsNotFound(passwd.status())) { /* no passwd file: no entries */ }
//   absl::StatusOr<std::string> sh = LookPathInRoot(rootfs, "sh", "PATH=/usr/bin:/bin");  // "/usr/bin/sh"
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_ROOTFS_ROOTFS_H_
#define OCIKIT_SPEC_ROOTFS_ROOTFS_H_

#include <sys/stat.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/internal/unique_fd.h"

namespace ocikit {

// The largest file ReadFileInRoot reads by default: 10 MiB, containerd's and
// BuildKit's cap for /etc/passwd and /etc/group.
inline constexpr size_t kMaxRootfsFileBytes = size_t{10} << 20;

// The most symlinks one resolution follows; the next one gives ELOOP. Linux's
// own limit (MAXSYMLINKS) and containerd's.
inline constexpr int kMaxRootfsSymlinks = 40;

namespace internal {

// How errors name `path`: as given, without leading slashes ("etc/passwd");
// "/" for the root itself and "empty path" for "".
std::string RootfsDisplayName(absl::string_view path);

// The status for errno `err` while resolving `name` inside a rootfs.
absl::Status RootfsErrnoStatus(int err, absl::string_view name);

// Opens the rootfs directory itself (a host path the caller chose, so it may
// be reached through symlinks).
absl::StatusOr<UniqueFd> OpenRootfs(const std::string& rootfs);

// What a resolution ends on: an O_PATH descriptor, its stat, and its clean
// absolute path inside the rootfs ("/system/etc/passwd", "/" for the root).
struct RootfsEntry {
  UniqueFd fd;
  struct stat st {};
  std::string path;
};

// Reads the target of the symlink open as O_PATH|O_NOFOLLOW descriptor `fd`.
absl::StatusOr<std::string> ReadLinkFd(int fd, absl::string_view name);

// Resolves `path` chroot-style below the open directory `root` (see the file
// comment for the rules). Errors name `path` as RootfsDisplayName does.
absl::StatusOr<RootfsEntry> WalkInRoot(int root, absl::string_view path);

// Reads the regular file resolved as `entry`, refusing anything else and any
// file larger than `max_bytes`. `name` is how errors name it.
absl::StatusOr<std::string> ReadRootfsEntry(const RootfsEntry& entry, absl::string_view name,
                                                   size_t max_bytes);

}  // namespace internal

// Reads the regular file at `path` inside `rootfs`, resolved chroot-style and
// capped at `max_bytes`; NotFound when it does not exist.
absl::StatusOr<std::string> ReadFileInRoot(const std::string& rootfs, absl::string_view path,
                                                  size_t max_bytes = kMaxRootfsFileBytes);

// Resolves `path` chroot-style inside `rootfs` and returns where it leads as a
// clean absolute path inside the rootfs ("etc/passwd" -> "/system/etc/passwd").
// The target must exist; it may be of any type.
absl::StatusOr<std::string> ResolveInRoot(const std::string& rootfs, absl::string_view path);

// Finds `command` (a name without '/') in the directories of `path_list`
// inside `rootfs`, as Buildah's runLookupPath does, and returns the absolute
// in-container path "<dir>/<command>" of the first regular file with an
// execute bit. `path_list` is "PATH=/usr/bin:/bin" or "/usr/bin:/bin";
// empty and relative entries are skipped, since the working directory at run
// time is unknown. Symlinks are followed confined to the rootfs, but the
// returned path keeps the command's own name (busybox-style tools need it).
absl::StatusOr<std::string> LookPathInRoot(const std::string& rootfs, absl::string_view command,
                                                  absl::string_view path_list);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/rootfs/rootfs-inl.h"
#endif

#endif  // OCIKIT_SPEC_ROOTFS_ROOTFS_H_
