#!/usr/bin/env bash
# ocikit-runtime under a real Podman (Debian's podman 4.3): `podman --runtime
# <ocikit-runtime> run --rootfs <busybox> ...`. Podman runs with nofile/nproc
# ulimits within this host's hard limit (its default nofile exceeds it and
# runc fails), and, to touch nothing of the host's, a private --root/--runroot
# under /tmp (Podman refuses a runroot over 50 characters), the cgroupfs
# manager, no network and no event log. The node policy is given with
# --runtime-flag, which Podman passes to every runtime call.
set -u
shim=$(realpath "$1")
fail=0
. "$(dirname "$0")/require_engines.sh"
if [[ $(id -u) != 0 ]]; then skip "needs root"; fi
command -v podman >/dev/null || skip "podman is not installed (scripts/setup.sh installs it)"
rootfs=$(dirname "$(readlink -f "${TEST_SRCDIR:-.}/ocikit/README.md" 2>/dev/null || echo ./README.md)")/.rootfs/busybox
[[ -d $rootfs ]] || rootfs=${OCIKIT_DEFAULT_ROOTFS:-}
[[ -d $rootfs ]] || skip "no busybox rootfs (scripts/setup.sh makes .rootfs/busybox)"

tmp=$(mktemp -d /tmp/ocikit-rt-podman.XXXXXX)
name=ocikit-rt-podman-$$
pm() {
  podman --root "$tmp/storage" --runroot "$tmp/run" --cgroup-manager cgroupfs --events-backend none \
    --runtime "$shim" --runtime-flag "ocikit-policy=$tmp/policy.json" "$@"
}
run_flags=(--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
service=
cleanup() {
  [[ -z $service ]] || kill "$service" 2>/dev/null
  pm rm -af -t 0 >/dev/null 2>&1
  grep -o " $tmp[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
check() {  # check NAME CONDITION-RESULT DETAIL
  if [[ $2 == 0 ]]; then echo "ok   $1"; else echo "FAIL $1: $3"; fail=1; fi
}

# Podman 4.3 (Debian 12) does not mask /sys/devices/virtual/powercap, which
# the baseline requires (SEC408): the node policy adds the default masked
# paths before the check.
cat >"$tmp/policy.json" <<'JSON'
{"version": 1, "name": "podman-test", "profile": "baseline",
 "mutations": [{"name": "maskedPaths", "defaults": "podman"}, {"name": "defaultSeccomp"}]}
JSON

out=$(pm run --rm "${run_flags[@]}" --rootfs "$rootfs" /bin/sh -c 'echo hello from podman; exit 3' 2>"$tmp/err"); code=$?
[[ $code == 3 && $out == "hello from podman" ]]; check "allowed container runs (output, exit code)" $? "exit $code, out '$out', err $(cat "$tmp/err")"

err=$(pm run --rm "${run_flags[@]}" --privileged --rootfs "$rootfs" /bin/true 2>&1 >/dev/null); code=$?
[[ $code != 0 && $err == *"ocikit: refused by policy podman-test: "*"[SEC401]"* ]]
check "privileged container refused, message on podman's stderr" $? "exit $code, stderr: $err"

out=$(pm run --rm "${run_flags[@]}" --security-opt seccomp=unconfined --rootfs "$rootfs" /bin/grep Seccomp: /proc/self/status 2>&1); code=$?
[[ $code == 0 && $out == *"Seccomp:"*"2"* ]]; check "mutation: Seccomp 2 in a container that asked for none" $? "exit $code: $out"

pm run -d --name "$name" "${run_flags[@]}" --rootfs "$rootfs" /bin/sleep 300 >/dev/null; code=$?
check "detached container starts" $code "exit $code"
out=$(pm ps --format '{{.Names}} {{.Status}}'); [[ $out == *"$name Up"* ]]; check "podman ps through the shim" $? "$out"
out=$(pm exec "$name" /bin/sh -c 'echo exec ok; id -u'); [[ $out == $'exec ok\n0' ]]; check "podman exec through the shim" $? "$out"
err=$(pm exec --privileged "$name" /bin/true 2>&1); code=$?
[[ $code != 0 && $err == *"ocikit: refused by policy podman-test: "* ]]; check "privileged exec refused" $? "exit $code: $err"
pm stop -t 1 "$name" >/dev/null; code=$?
out=$(pm ps -a --format '{{.Names}} {{.Status}}'); [[ $code == 0 && $out == *"$name Exited"* ]]; check "podman stop through the shim" $? "exit $code: $out"
pm rm "$name" >/dev/null; code=$?
out=$(pm ps -a -q); [[ $code == 0 && -z $out ]]; check "podman rm through the shim" $? "exit $code: $out"

# The gate service (service.h): a copy of the front without its gate can
# only create through the service, so these two were judged by it.
mkdir "$tmp/alone" && cp "$shim" "$tmp/alone/ocikit-runtime"
"$(dirname "$shim")/ocikit-runtime-gate" --ocikit-serve "$tmp/gate.sock" 2>"$tmp/service.err" &
service=$!
for _ in $(seq 100); do [[ -S $tmp/gate.sock ]] && break; sleep 0.05; done
pms() {
  podman --root "$tmp/storage" --runroot "$tmp/run" --cgroup-manager cgroupfs --events-backend none \
    --runtime "$tmp/alone/ocikit-runtime" --runtime-flag "ocikit-policy=$tmp/policy.json" \
    --runtime-flag "ocikit-gate-socket=$tmp/gate.sock" "$@"
}
out=$(pms run --rm "${run_flags[@]}" --rootfs "$rootfs" /bin/sh -c 'echo hello from the service; exit 4' 2>"$tmp/err"); code=$?
[[ $code == 4 && $out == "hello from the service" ]]; check "gate service: allowed container runs" $? "exit $code, out '$out', err $(cat "$tmp/err")"
err=$(pms run --rm "${run_flags[@]}" --privileged --rootfs "$rootfs" /bin/true 2>&1 >/dev/null); code=$?
[[ $code != 0 && $err == *"ocikit: refused by policy podman-test: "*"[SEC401]"* ]]
check "gate service: privileged container refused, message on podman's stderr" $? "exit $code, stderr: $err"
kill "$service"; wait "$service" 2>/dev/null; service=

# A named policy file that is missing refuses every container.
rm "$tmp/policy.json"
err=$(pm run --rm "${run_flags[@]}" --rootfs "$rootfs" /bin/true 2>&1 >/dev/null); code=$?
[[ $code != 0 && $err == *"ocikit: refusing every container: node policy $tmp/policy.json: No such file"* ]]
check "a named policy file that is missing refuses" $? "exit $code: $err"

# No policy file at all: the built-in default (baseline, enforce) refuses a
# privileged container out of the box.
if [[ -e /etc/ocikit/runtime.json ]]; then
  echo "SKIP built-in default: /etc/ocikit/runtime.json exists on this host"
else
  err=$(podman --root "$tmp/storage" --runroot "$tmp/run" --cgroup-manager cgroupfs --events-backend none \
    --runtime "$shim" run --rm "${run_flags[@]}" --privileged --rootfs "$rootfs" /bin/true 2>&1 >/dev/null); code=$?
  [[ $code != 0 && $err == *"ocikit: refused by policy baseline: "*"[SEC401]"* ]]
  check "no policy file: the built-in baseline refuses a privileged container" $? "exit $code: $err"
fi
exit $fail
