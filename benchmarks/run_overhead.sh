#!/usr/bin/env bash
# Measures what `ocikit run` adds to a bare `runc run`: the median wall time
# of `ocikit run <busybox rootfs> true` against `runc run` on a prepared
# bundle with the very same config.json, over alternating runs, and the
# difference. Needs root, runc and the busybox rootfs (scripts/setup.sh).
#
#   benchmarks/run_overhead.sh [RUNS]      # default 50 (at least 30)
#
# OCIKIT=/path/to/ocikit uses that binary instead of building
# //executor/cli:ocikit; OCIKIT_DEFAULT_ROOTFS picks another rootfs.
# With hyperfine installed, it does the timing (not alternating); otherwise
# a loop of alternating runs timed with $EPOCHREALTIME.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-50}
((runs >= 30)) || { echo "run_overhead: use at least 30 runs" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "run_overhead: needs root (runc)" >&2; exit 1; }
runc=$(command -v runc || true)
[[ -n $runc ]] || { echo "run_overhead: runc not found (scripts/setup.sh installs it)" >&2; exit 1; }
rootfs=${OCIKIT_DEFAULT_ROOTFS:-$PWD/.rootfs/busybox}
[[ -d $rootfs ]] || { echo "run_overhead: no rootfs at $rootfs; run scripts/setup.sh" >&2; exit 1; }
if [[ -z ${OCIKIT:-} ]]; then
  bazel build -c opt //executor/cli:ocikit >&2
  OCIKIT=$PWD/bazel-bin/executor/cli/ocikit
fi

work=$(mktemp -d /tmp/ocikit-bench.XXXXXX)
state=$work/state   # ocikit's --root
bare=$work/bare     # runc's --root for the bare runs
cleanup() {
  "$OCIKIT" delete --root "$state" prep >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The bare bundle gets exactly the config.json `ocikit run` writes (generated
# resolv.conf and hosts included: they stay in the kept bundle meanwhile).
"$OCIKIT" run --root "$state" --rootfs "$rootfs" --name prep --keep-bundle true
mkdir -p "$work/bundle"
cp "$state/bundles/prep/config.json" "$work/bundle/config.json"

ocikit_cmd=("$OCIKIT" run --root "$state" --rootfs "$rootfs" true)
runc_cmd=("$runc" --root "$bare" run --bundle "$work/bundle" bench)

# Warm the page cache and the cgroup hierarchy.
for _ in 1 2 3; do "${ocikit_cmd[@]}" </dev/null; "${runc_cmd[@]}" </dev/null; done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" \
    "${ocikit_cmd[*]}" "${runc_cmd[*]}" >&2
  read -r ocikit_ms runc_ms < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*(x["median"] * 1000 for x in r))' "$work/h.json")
else
  : >"$work/ocikit.us"
  : >"$work/runc.us"
  for ((i = 0; i < runs; i++)); do
    s=${EPOCHREALTIME/./}; "${ocikit_cmd[@]}" </dev/null; e=${EPOCHREALTIME/./}
    echo $((e - s)) >>"$work/ocikit.us"
    s=${EPOCHREALTIME/./}; "${runc_cmd[@]}" </dev/null; e=${EPOCHREALTIME/./}
    echo $((e - s)) >>"$work/runc.us"
  done
  ocikit_ms=$(median <"$work/ocikit.us" | awk '{ printf "%.2f", $1 / 1000 }')
  runc_ms=$(median <"$work/runc.us" | awk '{ printf "%.2f", $1 / 1000 }')
fi

awk -v o="$ocikit_ms" -v r="$runc_ms" -v n="$runs" 'BEGIN {
  printf "runs (each):          %d\n", n
  printf "ocikit run (median):  %.2f ms\n", o
  printf "runc run (median):    %.2f ms\n", r
  printf "overhead (median):    %+.2f ms (target <= 1 ms)\n", o - r
}'
