// File: executor/container_log.h
//
// The log of a detached container (`ocikit run -d`): its stdout and stderr,
// interleaved as written, in <bundle>/container.log. The monitor writes it
// through ContainerLog, which caps its size as conmon's log-size-max does:
// when container.log would grow past kContainerLogCap (1 MiB), it becomes
// container.log.1 (replacing the previous one) and a new container.log
// starts, so a container never holds more than 2 MiB of log and the most
// recent output is always kept.
//
// `ocikit logs` prints both parts in order (PrintLogs); with -f it follows
// the log, across a rotation, until the container's owner is gone
// (FollowLogs).
//
// Example:
//   ContainerLog log(bundle);  // the monitor
//   log.Write(data, size);
//   PrintLogs(bundle, std::cout);
//
// Dependencies: absl_status absl_strings absl_time
#ifndef OCIKIT_EXECUTOR_CONTAINER_LOG_H_
#define OCIKIT_EXECUTOR_CONTAINER_LOG_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

// The size at which container.log is rotated (see the file comment).
inline constexpr uint64_t kContainerLogCap = uint64_t{1} << 20;

// How often `logs -f` looks for new output.
inline constexpr absl::Duration kFollowInterval = absl::Milliseconds(50);

// The writing side: appends, rotating at `cap` bytes.
class ContainerLog {
 public:
  explicit ContainerLog(const BundlePaths& b, uint64_t cap = kContainerLogCap);
  // Appends `data`; write errors (a full disk) drop the output, never the
  // container.
  void Write(const char* data, size_t size);

 private:
  void Open();
  void Rotate();

  std::string path_;
  std::string previous_;
  uint64_t cap_;
  uint64_t size_ = 0;
  UniqueFd fd_;
};

// Prints container.log.1 and container.log to `out`. NotFound when the
// container has no log.
absl::Status PrintLogs(const BundlePaths& b, std::ostream& out);

// Prints the log as PrintLogs, then what is appended, following a rotation,
// until `running()` is false; then prints what is left and returns.
absl::Status FollowLogs(const BundlePaths& b, std::ostream& out, const std::function<bool()>& running);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/container_log-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_CONTAINER_LOG_H_
