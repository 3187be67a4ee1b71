// File: executor/runtime_shim/service_protocol.h
//
// The constants of the gate service's protocol (service.h), in C: the front
// (front.c, C against musl) and the service (service-inl.h) both include it.
//
// Example:
//   connect(fd, ...OCIKIT_GATE_SOCKET_DEFAULT...);  // then write a request
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_PROTOCOL_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_PROTOCOL_H_

// Where the front looks for the service without --ocikit-gate-socket.
#define OCIKIT_GATE_SOCKET_DEFAULT "/run/ocikit/gate.sock"
// The first 8 bytes of a request and of a reply; a u32 length (native
// order) follows, and the header is these 12 bytes.
#define OCIKIT_GATE_REQUEST_MAGIC "OCIKITG1"
#define OCIKIT_GATE_REPLY_MAGIC "OCIKITR1"
#define OCIKIT_GATE_HEADER_SIZE 12
// How long the front waits for a reply before it runs the gate itself, and
// the service for a request.
#define OCIKIT_GATE_TIMEOUT_MS 5000
// The largest request or reply, after the header.
#define OCIKIT_GATE_MAX_MESSAGE (1 << 20)

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_SERVICE_PROTOCOL_H_
