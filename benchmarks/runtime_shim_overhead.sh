#!/usr/bin/env bash
# Measures what ocikit-runtime adds to `podman run`: the median wall time of
# `podman --runtime <ocikit-runtime> run --rm --rootfs <busybox> /bin/true`
# against the same container run with `--runtime runc`, over interleaved
# rounds, and the difference of the medians. "The same container": the
# policy's maskedPaths mutation masks more paths than Podman does, and each
# masked directory is one more mount for runc, so the runc side asks Podman
# for those paths (--security-opt mask=...) and both run the same
# config.json; a third runtime in each round, runc on Podman's own config,
# shows what the mutation itself costs the container; a fourth is the shim
# whose front asks the gate service (executor/runtime_shim/service.h, which
# the script starts on a private socket) instead of starting the gate. Needs root, podman,
# runc and the busybox rootfs (scripts/setup.sh). Podman runs with a private
# --root/--runroot.
#
#   benchmarks/runtime_shim_overhead.sh [RUNS] [--update]   # RUNS: default 30, at least 20
#
# Then it times direct calls of the shim (front and gate, delegate /bin/true,
# Podman's config.json from testdata/engines) to show where the added time
# goes. --update writes both tables into docs/performance.md.
#
# OCIKIT_RUNTIME=/path/to/ocikit-runtime uses that binary instead of building
# //executor/runtime_shim:ocikit-runtime with -c opt. The shim's node policy
# is the one docs/runtime.md recommends for Podman 4.3: the baseline profile
# in enforce mode plus the maskedPaths mutation (Podman 4.3 leaves
# /sys/devices/virtual/powercap unmasked), so every shim run also rewrites
# config.json. OCIKIT_BENCH_POLICY=FILE times another policy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source benchmarks/bench_lib.sh
parse_runs runtime_shim_overhead 30 20 "$@"
[[ $(id -u) -eq 0 ]] || { echo "runtime_shim_overhead: needs root" >&2; exit 1; }
command -v podman >/dev/null || { echo "runtime_shim_overhead: podman not found (scripts/setup.sh)" >&2; exit 1; }
runc=$(command -v runc)
rootfs=${OCIKIT_DEFAULT_ROOTFS:-$PWD/.rootfs/busybox}
[[ -d $rootfs ]] || { echo "runtime_shim_overhead: no rootfs at $rootfs; run scripts/setup.sh" >&2; exit 1; }
if [[ -z ${OCIKIT_RUNTIME:-} ]]; then
  bazel build -c opt //executor/runtime_shim:ocikit-runtime >&2
  OCIKIT_RUNTIME=$PWD/bazel-bin/executor/runtime_shim/ocikit-runtime
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
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
bundle=$work/bundle; mkdir -p "$bundle"
config=$(<testdata/engines/podman-4.3-plain-run.json)
fresh() { printf '%s' "$config" >"$bundle/config.json"; "$@"; }  # Podman's file, as Podman wrote it
front=$(readlink -f "$OCIKIT_RUNTIME")
gate=$(dirname "$front")/ocikit-runtime-gate

# The paths the policy's mutations add to Podman's maskedPaths, for runc.
fresh "$gate" --ocikit-policy "$policy" --ocikit-delegate /bin/true create --bundle "$bundle" x >/dev/null
masks=$(python3 -c '
import json, sys
before, after = (json.loads(t).get("linux", {}).get("maskedPaths") or [] for t in (sys.argv[1], open(sys.argv[2]).read()))
print(":".join(p for p in after if p not in before))' "$config" "$bundle/config.json")
same=(); [[ -z $masks ]] || same=(--security-opt "mask=$masks")

pm --runtime "$runc" "${flags[@]}" >/dev/null  # warm-up: podman's storage and caches
pm --runtime "$OCIKIT_RUNTIME" --runtime-flag "ocikit-policy=$policy" "${flags[@]}" >/dev/null
: >"$work/plain.us"; : >"$work/runc.us"; : >"$work/shim.us"
via_plain() { timed pm --runtime "$runc" "${flags[@]}" >>"$work/plain.us"; }
via_runc() { timed pm --runtime "$runc" "${flags[0]}" "${same[@]}" "${flags[@]:1}" >>"$work/runc.us"; }
via_shim() { timed pm --runtime "$OCIKIT_RUNTIME" --runtime-flag "ocikit-policy=$policy" "${flags[@]}" >>"$work/shim.us"; }
via_service() {
  timed pm --runtime "$OCIKIT_RUNTIME" --runtime-flag "ocikit-policy=$policy" --runtime-flag "ocikit-gate-socket=$sock" \
    "${flags[@]}" >>"$work/service.us"
}
: >"$work/service.us"
sock=$work/gate.sock
"$gate" --ocikit-serve "$sock" 2>"$work/service.err" &
service=$!
trap 'kill $service 2>/dev/null; cleanup' EXIT
for _ in $(seq 100); do [[ -S $sock ]] && break; sleep 0.05; done
via_service >/dev/null
: >"$work/service.us"
for ((i = 0; i < runs; i++)); do  # each round in turn starts with another runtime
  case $((i % 4)) in
    0) via_runc; via_shim; via_service; via_plain ;;
    1) via_shim; via_service; via_plain; via_runc ;;
    2) via_service; via_plain; via_runc; via_shim ;;
    *) via_plain; via_runc; via_shim; via_service ;;
  esac
done
mp=$(median <"$work/plain.us"); mr=$(median <"$work/runc.us"); ms=$(median <"$work/shim.us"); mv=$(median <"$work/service.us")
md=$(paste "$work/shim.us" "$work/runc.us" | awk '{print $1 - $2}' | median)
mvd=$(paste "$work/service.us" "$work/runc.us" | awk '{print $1 - $2}' | median)
mm=$(paste "$work/runc.us" "$work/plain.us" | awk '{print $1 - $2}' | median)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# Where the time goes: direct calls.
n=300
d_true=$(direct $n /bin/true)
d_front=$(direct $n "$front" --ocikit-delegate /bin/true start x)
d_gate=$(direct $n "$gate" --ocikit-delegate /bin/true start x)
d_fresh=$(direct $n fresh /bin/true)
d_create=$(direct $n fresh "$front" --ocikit-policy "$policy" --ocikit-delegate /bin/true create --bundle "$bundle" x)
d_served=$(direct $n fresh "$front" --ocikit-policy "$policy" --ocikit-gate-socket "$sock" --ocikit-delegate /bin/true \
  create --bundle "$bundle" x)

section=$(awk -v p="$mp" -v r="$mr" -v s="$ms" -v d="$md" -v v="$mv" -v vd="$mvd" -v m="$mm" -v masks="${masks:-none}" \
  -v runs="$runs" -v t="$d_true" -v f="$d_front" -v g="$d_gate" -v fr="$d_fresh" -v c="$d_create" -v cs="$d_served" -v n="$n" \
  -v head="Generated by \`benchmarks/runtime_shim_overhead.sh $runs --update\` on $(date -u +%F) at commit $(git rev-parse --short HEAD): $(machine); load $load_start at the start, $load_end at the end; $(podman --version), runc $(runc --version | awk 'NR == 1 {print $3}'), ocikit-runtime built with -c opt; node policy: $(tr -d '\n' <"$policy")." '
function ms(us) { return sprintf("%.2f ms", us / 1000) }
function add(us) { return sprintf("%+.2f ms", us / 1000) }
function verdict(a, b) { return (a <= 2000 && b <= 2000) ? "met" : "NOT met" }
BEGIN {
  print head "\n"
  print "| `podman run --rm --network none --rootfs <busybox> /bin/true` | median of " runs " |"
  print "|---|---:|"
  print "| via runc, Podman'"'"'s config | " ms(p) " |"
  print "| via runc, the same container as the shim'"'"'s (`--security-opt mask=" masks "`) | " ms(r) " |"
  print "| via ocikit-runtime, the gate started for each `create` | " ms(s) " |"
  print "| via ocikit-runtime, the gate service answering `create` | " ms(v) " |"
  print "| **added by the shim, gate started**: difference of the medians · median of the rounds'"'"' differences | **" add(s - r) " · " add(d) "** (target ≤ 2 ms: " verdict(s - r, d) ") |"
  print "| **added by the shim, gate service**: difference of the medians · median of the rounds'"'"' differences | **" add(v - r) " · " add(vd) "** (target ≤ 2 ms: " verdict(v - r, vd) ") |"
  print "| what the mutation costs the container (runc, masks added): difference of the medians · median of the differences | " add(r - p) " · " add(m) " |"
  print "\nWhere it goes: direct calls, median of " n " each, delegate `/bin/true`, Podman'"'"'s config.json (`testdata/engines/podman-4.3-plain-run.json`) written afresh before each `create`:\n"
  print "| call | median | added to the runtime'"'"'s own call |"
  print "|---|---:|---:|"
  print "| `/bin/true` (fork and exec, the baseline) | " ms(t) " | – |"
  print "| front, pass-through (`start`, `delete`) | " ms(f) " | " add(f - t) " |"
  print "| gate alone, pass-through (the shim before the front) | " ms(g) " | " add(g - t) " |"
  print "| front, `create`: gate, policy, mutation, rewrite | " ms(c) " | " add(c - fr) " |"
  print "| front, `create` answered by the gate service | " ms(cs) " | " add(cs - fr) " |"
  print "| one `podman run`: `create` and two pass-through calls, gate started · gate service | | **" add(c - fr + 2 * (f - t)) " · " add(cs - fr + 2 * (f - t)) "** |"
}')
echo "$section"
((update == 0)) || write_section runtime_shim "$section"
