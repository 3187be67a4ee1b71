#!/usr/bin/env bash
# Sets up a fresh machine (Debian packages and the busybox rootfs), builds
# ocikit and runs the main job: a real container, run by runc, from a spec that
# ocikit generates. It shows the user looked up in the rootfs' /etc/passwd and
# /etc/group, the hostname, the capabilities, the read-only root and the
# generated resolv.conf and /etc/hosts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
bazel build //executor/cli:ocikit
bazel-bin/executor/cli/ocikit run --hostname demo -u alice --read-only --cap-drop net_raw \
  --dns 10.0.0.2 --add-host db:10.0.0.5 -e GREETING=hello \
  sh -c 'echo "$GREETING from $(hostname) as $(id)"
         grep -E "^Cap(Eff|Bnd)" /proc/self/status
         touch /written 2>&1 || true
         echo "--- /etc/resolv.conf"; cat /etc/resolv.conf
         echo "--- /etc/hosts"; cat /etc/hosts'
