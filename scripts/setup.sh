#!/usr/bin/env bash
# Installs every Debian package ocikit needs, then assembles the busybox test rootfs.
# Idempotent: safe to run again; it only installs what is missing.
#   scripts/setup.sh        what the build, the tests and `ocikit run` need
#   scripts/setup.sh --ci   also CI's second compilers (clang 14 and 16) and what
#                           the consumer paths need (scripts/consumer_paths.sh):
#                           pkg-config, CMake, dpkg-dev, pre-commit, PyYAML,
#                           and clang 16's sanitizer and libFuzzer runtimes
#                           (--config=asan, --config=fuzz, scripts/fuzz.sh)
set -euo pipefail

packages=(
  bazel-bootstrap bazel-platforms g++
  libabsl-dev libre2-dev nlohmann-json3-dev libseccomp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  runc crun busybox-static tini musl-tools
  podman containerd python3-yaml
  systemd  # systemd-socket-activate and systemd-analyze: the gate service's tests
)
if [[ ${1:-} == --ci ]]; then
  packages+=(clang clang-16 pkgconf cmake dpkg-dev pre-commit python3-yaml libclang-rt-16-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -x "$here/make_rootfs.sh" ]]; then
  "$here/make_rootfs.sh"
fi
