// File: spec/file.h
//
// Reading and writing whole files safely: reads refuse anything but a regular
// file and stop at a size cap; writes are atomic (temporary file in the same
// directory, rename), so a reader sees the old file or the new one, never a
// partial one, and a failed write leaves nothing; by default also durable
// (fsync of the file and of its directory).
//
// Command-line inputs are read with ReadInputFile and ReadInputStream
// instead: they also accept pipes (`<(cmd)`, FIFOs, standard input) and stop
// reading as soon as the input exceeds the cap, so `/dev/zero` costs one
// cap's worth of reading, not unbounded memory.
//
// Example:
//   OCIKIT_RETURN_IF_ERROR(WriteFileAtomic("/run/b/config.json", json, 0600));
//   absl::StatusOr<std::string> text = ReadRegularFile("config.json", 16 << 20);
//   absl::StatusOr<std::string> in = ReadInputStream(std::cin, 16 << 20, "<stdin>");
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_FILE_H_
#define OCIKIT_SPEC_FILE_H_


#include <sys/types.h>

#include <iosfwd>
#include <string>
#include <vector>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ocikit {

// An error status for a failed system call on `path`, e.g.
// "config.json: No such file or directory" (NotFound for ENOENT).
absl::Status ErrnoStatus(int err, absl::string_view path);

// Reads a whole file into memory. Refuses non-regular files (a FIFO would
// block, a device could be endless) and files larger than `max_bytes`.
absl::StatusOr<std::string> ReadRegularFile(const std::string& path, size_t max_bytes);

// Reads a whole input named on a command line: a regular file, a pipe or
// FIFO (process substitution gives /dev/fd/N), a socket or a character
// device. Refuses directories. Reads at most `max_bytes` + 1 bytes: a larger
// input is an error ("PATH: input exceeds N bytes") however long it is.
absl::StatusOr<std::string> ReadInputFile(const std::string& path, size_t max_bytes);

// Reads `in` to its end, or fails as soon as it holds more than `max_bytes`;
// `name` (e.g. "<stdin>") starts the error messages.
absl::StatusOr<std::string> ReadInputStream(std::istream& in, size_t max_bytes, absl::string_view name);

// The name a command-line input is shown by: "<stdin>" for "-".
std::string InputDisplayName(absl::string_view name);

// A command-line input as a user names it: "-" reads `in` (errors say
// "<stdin>"), anything else is ReadInputFile.
absl::StatusOr<std::string> ReadNamedInput(const std::string& name, std::istream& in, size_t max_bytes);

// The names in directory `dir` other than "." and "..", sorted (so walks are
// deterministic); an error naming `dir` when it cannot be opened.
absl::StatusOr<std::vector<std::string>> ReadDirNames(const std::string& dir);

// How far WriteFileAtomic makes a write last.
enum class FileSync {
  // fsync of the file before the rename and of the directory after it: the
  // new file survives a power loss.
  kDurable,
  // No fsync: readers still see the old file or the new one, and a crash of
  // the writer leaves no partial file, but after a power loss the file may be
  // empty. For files that do not outlive the boot, such as the files of a
  // container's bundle (runc's own state is on tmpfs, /run), where each fsync
  // costs milliseconds on a busy disk and buys nothing.
  kAtomic,
};

// Writes `data` to `path` atomically with permission bits `mode`.
absl::Status WriteFileAtomic(const std::string& path, absl::string_view data, mode_t mode,
                             FileSync sync = FileSync::kDurable);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/file-inl.h"
#endif

#endif  // OCIKIT_SPEC_FILE_H_
