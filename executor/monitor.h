// File: executor/monitor.h
//
// `ocikit run -d`: the container runs on after ocikit exits, owned by a small
// per-container monitor process, as conmon owns Podman's containers. The
// monitor is a copy of the same ocikit process (fork(2) without exec, so it
// runs exactly the code and the prepared spec of the `ocikit run -d` that
// made it), detached by a double fork and setsid(2): it is in a session of
// its own, no child of the caller (who gets no zombie and no SIGCHLD), and
// survives the caller and its terminal. Its stdio is /dev/null and it keeps
// no other descriptor of the caller, so `ocikit run -d | cat` returns.
//
// The monitor:
//   - owns the container: it inherits the owner lock the caller took
//     (executor/owner.h), so the lock is never free in between;
//   - runs it with RunContainer's detached path (executor/run.h, 5d): the
//     container's stdin is /dev/null, its stdout and stderr go to
//     <bundle>/container.log, capped (executor/container_log.h);
//   - tells the caller over a pipe when the container started ("started") or
//     why it did not ("exit N" and the messages), so `ocikit run -d` prints
//     the id and returns 0 only for a running container, and fails with the
//     usual exit codes (125, 126, 127) otherwise;
//   - waits for the container, records its exit code and finish time in
//     status.json (written atomically), and removes the runtime state; the
//     bundle with the record and the log stays until `ocikit rm`, as Podman
//     keeps a stopped container, unless --rm asked to remove it on exit;
//   - forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 it gets
//     to the container.
// Messages after the start (e.g. a failed signal delivery) go to the
// container's log, prefixed "ocikit: run: ".
//
// Example:
//   DetachOptions d;  d.run = ...;  d.record = ...;
//   int code = RunDetached(std::move(spec), std::move(d), std::move(lock), std::cout, std::cerr);
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json
#ifndef OCIKIT_EXECUTOR_MONITOR_H_
#define OCIKIT_EXECUTOR_MONITOR_H_

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "executor/owner.h"
#include "executor/run.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

struct DetachOptions {
  RunOptions run;          // write_output, on_started and on_finished are the monitor's
  ContainerRecord record;  // id, command, created, stop signal and timeout, remove
};

namespace internal {

// What the monitor told `ocikit run -d` over its pipe: the exit code (0 once
// started) and the messages to print.
struct MonitorReport {
  int code = 0;
  std::string messages;
};

MonitorReport ParseMonitorReport(absl::string_view text, absl::string_view id);

}  // namespace internal

// Starts the monitor of container `o.run.id` (its bundle made, `lock` holding
// its ownership) and waits until the container runs or failed to start.
// Prints the id to `out` and returns 0 once it runs; otherwise prints the
// monitor's messages to `messages` and returns the run's exit code.
int RunDetached(Spec spec, DetachOptions o, UniqueFd lock, std::ostream& out, std::ostream& messages);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/monitor-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_MONITOR_H_
