// File: executor/runtime_shim/service.h
//
// The gate service: ocikit-runtime's gate as a long-running process, so that
// a `create` or `run` costs the front a round trip on a Unix socket instead
// of starting the gate (whose glibc start-up alone costs 0.6 ms on virtual
// machines). Optional: the front asks the service when its socket is there
// (--ocikit-gate-socket, default /run/ocikit/gate.sock) and execs the gate as
// before when it is not, when the service does not answer within
// kServiceTimeoutMs, or when it closes the connection without an answer.
// docs/runtime.md, "The gate service".
//
// The service runs each request as the gate process would have run in the
// front's stead: with the front's standard input, output and error, current
// directory and environment (they come with the request), so the policy
// file, the delegate's lookup on PATH, relative paths, --log and the refusal
// on stderr are the front's. Requests are served one at a time; only create
// and run come, from a peer with the service's own user id (root).
//
// The protocol (front.c speaks it too, gate_service_test runs both; its
// constants are in service_protocol.h):
//   request  "OCIKITG1", u32 length (native order), then `length` bytes of
//            NUL-terminated strings: the argument count N, the N arguments
//            (argv without argv[0]), then the environment ("K=V" each).
//            The first part carries 4 descriptors (SCM_RIGHTS): standard
//            input, output, error and the current directory.
//   reply    "OCIKITR1", u32 length, then NUL-terminated strings: "exit" and
//            the exit code, or "exec", the delegate's path and its argv.
//
// Example:
//   absl::StatusOr<int> fd = GateSocket("/run/ocikit/gate.sock");
//   if (fd.ok()) return ServeGate(*fd).ok() ? 0 : 1;  // runs until killed
//
// Dependencies: absl_hash absl_status absl_strings absl_time nlohmann_json re2 seccomp
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "executor/runtime_shim/service_protocol.h"

namespace ocikit::runtime_shim {

// The listening socket: systemd's (socket activation: LISTEN_PID is this
// process and LISTEN_FDS is 1) or a new one at `path` (mode 0600; a stale
// socket there is replaced).
absl::StatusOr<int> GateSocket(const std::string& path);

// Serves requests on `listen_fd` until accept fails.
absl::Status ServeGate(int listen_fd);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

struct ServiceRequest {
  std::vector<std::string> args, env;
  int fds[4] = {-1, -1, -1, -1};  // stdin, stdout, stderr, current directory
};

// Reads one request from `conn`; closes the descriptors of one it refuses.
absl::StatusOr<ServiceRequest> ReadServiceRequest(int conn);
void CloseRequestFds(ServiceRequest& req);
// The reply for an exit code, or for a hand-over when `argv` is not empty.
std::string EncodeServiceReply(int code, const std::string& path, const std::vector<std::string>& argv);
// Runs a create or run request as the gate would in the front's stead: the
// reply, or "" when the front is to run the gate itself.
std::string RunForFront(const ServiceRequest& req);
// Serves one accepted connection.
void ServeConnection(int conn);

}  // namespace internal

}  // namespace ocikit::runtime_shim

#ifndef OCIKIT_COMPILED_LIB
#include "executor/runtime_shim/service-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_H_
