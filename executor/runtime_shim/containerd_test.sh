#!/usr/bin/env bash
# ocikit-runtime under a real containerd (Debian's containerd 1.6): the test
# starts its own containerd with a private root, state and socket under a
# temporary directory (CRI plugin off), and runs `ctr run --runc-binary
# <ocikit-runtime> --rootfs <busybox> ...` with a private --runc-root. The
# node policy reaches the shim through containerd's environment
# (OCIKIT_RUNTIME_POLICY), which containerd-shim-runc-v2 passes on to it, and
# so does the gate service's socket (OCIKIT_RUNTIME_GATE_SOCKET), where a
# service listens only for the last two containers.
# ctr's spec has no seccomp filter (SEC405) and containerd 1.6 does not mask
# /sys/devices/virtual/powercap (SEC408): the policy's mutations add both.
set -u
shim=$(realpath "$1")
fail=0
. "$(dirname "$0")/require_engines.sh"
if [[ $(id -u) != 0 ]]; then skip "needs root"; fi
for b in containerd ctr containerd-shim-runc-v2; do
  command -v $b >/dev/null || skip "$b is not installed (scripts/setup.sh installs containerd)"
done
rootfs=$(dirname "$(readlink -f "${TEST_SRCDIR:-.}/ocikit/README.md" 2>/dev/null || echo ./README.md)")/.rootfs/busybox
[[ -d $rootfs ]] || rootfs=${OCIKIT_DEFAULT_ROOTFS:-}
[[ -d $rootfs ]] || skip "no busybox rootfs (scripts/setup.sh makes .rootfs/busybox)"

tmp=$(mktemp -d /tmp/ocikit-rt-ctrd.XXXXXX)
sock=$tmp/containerd.sock
cat >"$tmp/config.toml" <<TOML
version = 2
root = "$tmp/root"
state = "$tmp/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
TOML
cat >"$tmp/policy.json" <<'JSON'
{"version": 1, "name": "containerd-test",
 "mutations": [{"name": "maskedPaths", "defaults": "containerd"}, {"name": "defaultSeccomp"}]}
JSON
OCIKIT_RUNTIME_POLICY=$tmp/policy.json OCIKIT_RUNTIME_GATE_SOCKET=$tmp/gate.sock \
  containerd --config "$tmp/config.toml" >"$tmp/containerd.log" 2>&1 &
containerd_pid=$!
service=
cleanup() {
  [[ -z $service ]] || kill "$service" 2>/dev/null
  for c in $(ctr -a "$sock" containers list -q 2>/dev/null); do
    ctr -a "$sock" tasks kill -s KILL "$c" >/dev/null 2>&1
    ctr -a "$sock" tasks delete -f "$c" >/dev/null 2>&1
    ctr -a "$sock" containers delete "$c" >/dev/null 2>&1
  done
  kill "$containerd_pid" 2>/dev/null && wait "$containerd_pid" 2>/dev/null
  grep -o " $tmp[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -S $sock ]] && break; sleep 0.1; done
[[ -S $sock ]] || { echo "FAIL containerd did not start:"; cat "$tmp/containerd.log"; exit 1; }
check() {
  if [[ $2 == 0 ]]; then echo "ok   $1"; else echo "FAIL $1: $3"; fail=1; fi
}
cr() { ctr -a "$sock" run --rm --runc-binary "$shim" --runc-root "$tmp/runc" "$@"; }

out=$(cr --rootfs "$rootfs" ocikit-rt-c1 /bin/sh -c 'echo hello from containerd; grep Seccomp: /proc/self/status' 2>&1); code=$?
[[ $code == 0 && $out == "hello from containerd"*"Seccomp:"*"2"* ]]
check "allowed container runs, with the default seccomp profile added" $? "exit $code: $out"

err=$(cr --privileged --rootfs "$rootfs" ocikit-rt-c2 /bin/true 2>&1); code=$?
[[ $code != 0 && $err == *"ocikit: refused by policy containerd-test: "*"[SEC401]"* ]]
check "privileged container refused, message in ctr's error" $? "exit $code: $err"

err=$(cr --cap-add CAP_SYS_PTRACE --rootfs "$rootfs" ocikit-rt-c3 /bin/true 2>&1); code=$?
[[ $code != 0 && $err == *"CAP_SYS_PTRACE"*"[SEC401]"* ]]
check "added capability refused" $? "exit $code: $err"

# The gate service (service.h), at the socket containerd's environment names:
# a copy of the front without its gate can only create through it.
mkdir "$tmp/alone" && cp "$shim" "$tmp/alone/ocikit-runtime"
"$(dirname "$shim")/ocikit-runtime-gate" --ocikit-serve "$tmp/gate.sock" 2>"$tmp/service.err" &
service=$!
for _ in $(seq 100); do [[ -S $tmp/gate.sock ]] && break; sleep 0.05; done
out=$(ctr -a "$sock" run --rm --runc-binary "$tmp/alone/ocikit-runtime" --runc-root "$tmp/runc" --rootfs "$rootfs" \
  ocikit-rt-c4 /bin/sh -c 'echo served; grep Seccomp: /proc/self/status' 2>&1); code=$?
[[ $code == 0 && $out == "served"*"Seccomp:"*"2"* ]]
check "gate service: allowed container runs, mutated" $? "exit $code: $out"
err=$(ctr -a "$sock" run --rm --runc-binary "$tmp/alone/ocikit-runtime" --runc-root "$tmp/runc" --privileged \
  --rootfs "$rootfs" ocikit-rt-c5 /bin/true 2>&1); code=$?
[[ $code != 0 && $err == *"ocikit: refused by policy containerd-test: "*"[SEC401]"* ]]
check "gate service: privileged container refused" $? "exit $code: $err"
kill "$service"; wait "$service" 2>/dev/null; service=

out=$(ctr -a "$sock" containers list -q); [[ -z $out ]]; check "nothing left behind in containerd" $? "$out"
exit $fail
