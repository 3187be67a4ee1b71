// ocikit-runtime: the OCI runtime shim that gates containers on the node
// policy (executor/runtime_shim/shim.h, docs/runtime.md).
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "executor/runtime_shim/service.h"
#include "executor/runtime_shim/service_protocol.h"
#include "executor/runtime_shim/shim.h"

namespace {

constexpr char kUsage[] =
    "Usage: ocikit-runtime [RUNC GLOBAL FLAGS] [SHIM FLAGS] COMMAND [ARGS...]\n"
    "\n"
    "An OCI runtime with runc's command line for Podman, containerd, CRI-O and\n"
    "Kubernetes: `create` and `run` check <bundle>/config.json against the node\n"
    "policy (lint profile, policy files, modes, exemptions) after applying its\n"
    "mutations, `exec` checks the new process; a refused container exits 1 with\n"
    "the reason on stderr and as a JSON line in --log. Everything else, and every\n"
    "allowed command, is handed to the delegate runtime unchanged (exec).\n"
    "\n"
    "Shim flags (before COMMAND; removed before the hand-over):\n"
    "  --ocikit-policy FILE    node policy (env OCIKIT_RUNTIME_POLICY;\n"
    "                          default /etc/ocikit/runtime.json; without it: the\n"
    "                          baseline profile in enforce mode)\n"
    "  --ocikit-delegate RT    the runtime to hand over to: a name on PATH or a\n"
    "                          path (env OCIKIT_RUNTIME_DELEGATE; policy\n"
    "                          \"delegate\"; default runc)\n"
    "  --ocikit-fail-open      run containers unchecked, with an error in the\n"
    "                          log, when the policy file is invalid (env\n"
    "                          OCIKIT_RUNTIME_FAIL_OPEN=1; policy \"failOpen\")\n"
    "  --ocikit-gate-socket S  create and run ask the gate service listening at S\n"
    "                          (env OCIKIT_RUNTIME_GATE_SOCKET; default\n"
    "                          " OCIKIT_GATE_SOCKET_DEFAULT ") when it is there\n"
    "  --ocikit-help           this text\n"
    "\n"
    "The gate service (ocikit-runtime-gate only; or systemd's socket):\n"
    "  ocikit-runtime-gate --ocikit-serve SOCKET\n"
    "\n"
    "`ocikit-runtime --help` and `--version` are the delegate's. See docs/runtime.md.\n";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--ocikit-help") {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() == 2 && args[0] == "--ocikit-serve") {
    absl::StatusOr<int> fd = ocikit::runtime_shim::GateSocket(args[1]);
    const absl::Status status = fd.ok() ? ocikit::runtime_shim::ServeGate(*fd) : fd.status();
    std::cerr << ocikit::runtime_shim::kShimName << ": gate service: " << status.message() << std::endl;
    return 1;
  }
  return ocikit::runtime_shim::RunShim(args, ocikit::runtime_shim::ShimEnv::FromProcess());
}
