#!/usr/bin/env bash
# Measures what ocikit-runtime adds to `podman run`: the median wall time of
# `podman --runtime <ocikit-runtime> run --rm --rootfs <busybox> /bin/true`
# against the same command with `--runtime runc`, over interleaved rounds,
# and the difference of the medians. Needs root, podman, runc and the busybox
# rootfs (scripts/setup.sh). Podman runs with a private --root/--runroot.
#
#   benchmarks/runtime_shim_overhead.sh [RUNS]     # default 30 (at least 20)
#
# OCIKIT_RUNTIME=/path/to/ocikit-runtime uses that binary instead of building
# //executor/runtime_shim:ocikit-runtime with -c opt. The shim's node policy
# is the one docs/runtime.md recommends for Podman 4.3: the baseline profile
# in enforce mode plus the maskedPaths mutation (Podman 4.3 leaves
# /sys/devices/virtual/powercap unmasked), so every shim run also rewrites
# config.json. OCIKIT_BENCH_POLICY=FILE times another policy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-30}
((runs >= 20)) || { echo "runtime_shim_overhead: use at least 20 runs" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "runtime_shim_overhead: needs root" >&2; exit 1; }
command -v podman >/dev/null || { echo "runtime_shim_overhead: podman not found (scripts/setup.sh)" >&2; exit 1; }
runc=$(command -v runc)
rootfs=${OCIKIT_DEFAULT_ROOTFS:-$PWD/.rootfs/busybox}
[[ -d $rootfs ]] || { echo "runtime_shim_overhead: no rootfs at $rootfs; run scripts/setup.sh" >&2; exit 1; }
if [[ -z ${OCIKIT_RUNTIME:-} ]]; then
  bazel build -c opt //executor/runtime_shim:ocikit-runtime >&2
  OCIKIT_RUNTIME=$PWD/bazel-bin/executor/runtime_shim/ocikit-runtime
fi

work=$(mktemp -d /tmp/ocikit-rt-bench.XXXXXX)
pm() { podman --root "$work/storage" --runroot "$work/run" --cgroup-manager cgroupfs --events-backend none "$@"; }
cleanup() {
  pm rm -af -t 0 >/dev/null 2>&1 || true
  grep -o " $work[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
policy=${OCIKIT_BENCH_POLICY:-$work/policy.json}
[[ -n ${OCIKIT_BENCH_POLICY:-} ]] ||
  echo '{"version":1,"profile":"baseline","mutations":[{"name":"maskedPaths","defaults":"podman"}]}' >"$policy"
flags=(run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 --rootfs "$rootfs" /bin/true)

timed() {  # prints the wall time of "$@" in microseconds
  local t0=$EPOCHREALTIME
  "$@" >/dev/null
  local t1=$EPOCHREALTIME
  echo $(((${t1/./} - ${t0/./})))
}
pm --runtime "$runc" "${flags[@]}" >/dev/null  # warm-up: podman's storage and caches
pm --runtime "$OCIKIT_RUNTIME" --runtime-flag "ocikit-policy=$policy" "${flags[@]}" >/dev/null
: >"$work/runc.us"; : >"$work/shim.us"
via_runc() { timed pm --runtime "$runc" "${flags[@]}" >>"$work/runc.us"; }
via_shim() { timed pm --runtime "$OCIKIT_RUNTIME" --runtime-flag "ocikit-policy=$policy" "${flags[@]}" >>"$work/shim.us"; }
for ((i = 0; i < runs; i++)); do  # each round in turn starts with the other runtime
  if ((i % 2)); then via_shim; via_runc; else via_runc; via_shim; fi
done
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
mr=$(median <"$work/runc.us"); ms=$(median <"$work/shim.us")
md=$(paste "$work/shim.us" "$work/runc.us" | awk '{print $1 - $2}' | median)
echo "runs: $runs interleaved, alternating which goes first; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$mr" -v s="$ms" -v d="$md" 'BEGIN {
  printf "podman run via runc            median %8.2f ms\n", r / 1000
  printf "podman run via ocikit-runtime  median %8.2f ms\n", s / 1000
  printf "added by the shim: difference of the medians %+.2f ms, median of the rounds'"'"' differences %+.2f ms\n", (s - r) / 1000, d / 1000 }'
