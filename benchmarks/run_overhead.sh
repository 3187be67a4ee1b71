#!/usr/bin/env bash
# Measures what `ocikit run` adds to a bare `runc run`: the median wall time
# of `ocikit run <busybox rootfs> true` against `runc run` on a prepared bundle
# with the very same config.json, over alternating runs, and the difference.
# Needs root, runc and the busybox rootfs (scripts/setup.sh).
#
#   benchmarks/run_overhead.sh [RUNS] [--update]   # RUNS: default 50, at least 30
#
# Then it times ocikit's parts with direct calls (start-up, flags and spec,
# its whole run with a no-op runtime) and counts the no-op run's system calls
# (strace -c -f); --update writes the tables into docs/performance.md.
#
# OCIKIT=/path/to/ocikit uses that binary instead of building
# //executor/cli:ocikit; OCIKIT_DEFAULT_ROOTFS picks another rootfs;
# OCIKIT_BASELINE=/path/to/other/ocikit times that one too, in the same
# rounds (before/after comparisons on a noisy machine);
# OCIKIT_BENCH_PAUSE=SECONDS pauses before each timed command (default none).
#
# Each round runs, in this order, timed with $EPOCHREALTIME:
#   ocikit      ocikit run --rootfs R true (a new generated id each time)
#   runc        runc run on the prepared bundle, always the same id
#   runc-fresh  runc run on that bundle with a new id and cgroup each time,
#               as every ocikit run has (ids must be unique); the config is
#               rewritten before the timer starts
#   ocikit-only ocikit run with /bin/true as the "runtime": ocikit's own work
#               (start-up, bundle with its fsyncs, spawn, clean-up), no runc
#   baseline    OCIKIT_BASELINE run --rootfs R true, when given
# The headline overhead is ocikit - runc (the issue's definition; target
# <= 1 ms); ocikit - runc-fresh leaves out what runc itself spends on a name
# it has not seen before.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source benchmarks/bench_lib.sh
parse_runs run_overhead 50 30 "$@"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
[[ $(id -u) -eq 0 ]] || { echo "run_overhead: needs root (runc)" >&2; exit 1; }
runc=$(command -v runc || true)
[[ -n $runc ]] || { echo "run_overhead: runc not found (scripts/setup.sh installs it)" >&2; exit 1; }
rootfs=${OCIKIT_DEFAULT_ROOTFS:-$PWD/.rootfs/busybox}
[[ -d $rootfs ]] || { echo "run_overhead: no rootfs at $rootfs; run scripts/setup.sh" >&2; exit 1; }
if [[ -z ${OCIKIT:-} ]]; then
  bazel build -c opt //executor/cli:ocikit >&2
  OCIKIT=$PWD/bazel-bin/executor/cli/ocikit
fi
noop=$(type -P true)

work=$(mktemp -d /tmp/ocikit-bench.XXXXXX)
state=$work/state   # ocikit's --root
bare=$work/bare     # runc's --root for the bare runs
cleanup() {
  "$OCIKIT" delete --root "$state" prep >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The bare bundles get exactly the config.json `ocikit run` writes (generated
# resolv.conf and hosts included: they stay in the kept bundle meanwhile).
"$OCIKIT" run --root "$state" --rootfs "$rootfs" --name prep --keep-bundle true
mkdir -p "$work/bundle" "$work/fresh"
cp "$state/bundles/prep/config.json" "$work/bundle/config.json"
grep -q '"cgroupsPath":"/default/prep"' "$work/bundle/config.json" ||
  { echo "run_overhead: unexpected cgroupsPath in config.json" >&2; exit 1; }

ocikit_cmd=("$OCIKIT" run --root "$state" --rootfs "$rootfs" true)
runc_cmd=("$runc" --root "$bare" run --bundle "$work/bundle" bench)
only_cmd=("$OCIKIT" run --root "$state" --runtime "$noop" --rootfs "$rootfs" true)
base_cmd=()
[[ -z ${OCIKIT_BASELINE:-} ]] || base_cmd=("$OCIKIT_BASELINE" run --root "$work/base" --rootfs "$rootfs" true)
# runc-fresh: a new id, and its cgroup, in a rewritten config.json.
fresh_config() {
  sed "s#\"cgroupsPath\":\"/default/prep\"#\"cgroupsPath\":\"/default/$1\"#" \
    "$work/bundle/config.json" >"$work/fresh/config.json"
}

# Warm the page cache and the cgroup hierarchy. An ocikit that cannot run a
# no-op runtime (one that needs the runtime to write the pid file) skips
# "ocikit alone".
only=1
for i in 1 2 3; do
  "${ocikit_cmd[@]}" </dev/null
  "${runc_cmd[@]}" </dev/null
  fresh_config "warm$i"
  "$runc" --root "$bare" run --bundle "$work/fresh" "warm$i" </dev/null
  if ((only)) && ! "${only_cmd[@]}" </dev/null 2>/dev/null; then only=0; fi
  if ((${#base_cmd[@]})); then "${base_cmd[@]}" </dev/null; fi
done

for name in ocikit runc fresh only base; do : >"$work/$name.us"; done
timed() {  # timed NAME COMMAND...: appends the wall time in µs to NAME.us
  local name=$1 s e
  shift
  # Optionally a pause first, so what the previous command left to the
  # kernel (cgroup teardown, journal commits) does not land on this one;
  # idle vCPUs make every command slower, though.
  if [[ ${OCIKIT_BENCH_PAUSE:-0} != 0 ]]; then sleep "$OCIKIT_BENCH_PAUSE"; fi
  s=${EPOCHREALTIME/./}
  "$@" </dev/null
  e=${EPOCHREALTIME/./}
  echo $((e - s)) >>"$work/$name.us"
}
for ((i = 0; i < runs; i++)); do
  timed ocikit "${ocikit_cmd[@]}"
  timed runc "${runc_cmd[@]}"
  id=$(printf 'f%05d%06x' "$i" "$RANDOM$RANDOM")
  fresh_config "$id"
  timed fresh "$runc" --root "$bare" run --bundle "$work/fresh" "$id"
  if ((only)); then timed only "${only_cmd[@]}"; fi
  if ((${#base_cmd[@]})); then timed base "${base_cmd[@]}"; fi
done

# "median p25 p75" in ms of a file of µs.
stats() {
  sort -n "$1" | awk '{ v[NR] = $1 }
    function at(q,  k) { k = int(q * (NR - 1)) + 1; return v[k] / 1000 }
    END {
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f %.2f %.2f\n", m / 1000, at(0.25), at(0.75)
    }'
}
read -r o o25 o75 < <(stats "$work/ocikit.us")
read -r r r25 r75 < <(stats "$work/runc.us")
read -r f f25 f75 < <(stats "$work/fresh.us")
n=0 n25=0 n75=0
if ((only)); then read -r n n25 n75 < <(stats "$work/only.us"); fi
b=0 b25=0 b75=0
if ((${#base_cmd[@]})); then read -r b b25 b75 < <(stats "$work/base.us"); fi
awk -v n="$runs" -v o="$o" -v o25="$o25" -v o75="$o75" -v r="$r" -v r25="$r25" -v r75="$r75" \
  -v f="$f" -v f25="$f25" -v f75="$f75" -v x="$n" -v x25="$n25" -v x75="$n75" \
  -v b="$b" -v b25="$b25" -v b75="$b75" 'BEGIN {
  printf "runs (each):                 %d, alternating\n", n
  printf "                             median    (p25 .. p75)\n"
  printf "ocikit run:                  %6.2f ms (%.2f .. %.2f)\n", o, o25, o75
  printf "runc run, prepared bundle:   %6.2f ms (%.2f .. %.2f)\n", r, r25, r75
  printf "runc run, new id each time:  %6.2f ms (%.2f .. %.2f)\n", f, f25, f75
  if (x > 0) printf "ocikit alone (no-op runtime): %5.2f ms (%.2f .. %.2f)\n", x, x25, x75
  if (b > 0) printf "OCIKIT_BASELINE run:         %6.2f ms (%.2f .. %.2f)\n", b, b25, b75
  printf "overhead (median):           %+.2f ms vs runc run (target <= 1 ms)\n", o - r
  printf "                             %+.2f ms vs runc run with a new id\n", o - f
  if (b > 0) printf "                             %+.2f ms for OCIKIT_BASELINE vs runc run\n", b - r
}'
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ocikit's parts, timed by direct calls.
p_true=$(direct 200 "$noop")
p_version=$(direct 200 "$OCIKIT" --version)
p_spec=$(direct 200 "$OCIKIT" spec --rootfs "$rootfs" true)
p_only=$(direct 100 "${only_cmd[@]}")
syscalls=
if command -v strace >/dev/null; then
  strace -c -f -o "$work/strace" "${only_cmd[@]}" </dev/null >/dev/null 2>&1 || true
  syscalls=$(awk '$1 ~ /^[0-9.]+$/ && NF >= 5 {name = $NF; calls = $4; printf "%s %s, ", name, calls}' "$work/strace" | sed 's/, $//')
fi

section=$(awk -v n="$runs" -v o="$o" -v r="$r" -v f="$f" -v x="$n" \
  -v t="$p_true" -v v="$p_version" -v sp="$p_spec" -v on="$p_only" -v sc="$syscalls" \
  -v head="Generated by \`benchmarks/run_overhead.sh $runs --update\` on $(date -u +%F) at commit $(git rev-parse --short HEAD): $(machine); load $load_start at the start, $load_end at the end; runc $("$runc" --version | awk 'NR == 1 {print $3}'); state root $(df --output=fstype "$work" | tail -1) ($work); ocikit built with -c opt." '
function ms(v) { return sprintf("%.2f ms", v) }
BEGIN {
  verdict = (o - r <= 1) ? "met" : "NOT met"
  print head "\n"
  print "| median of " n " rounds | wall time |"
  print "|---|---:|"
  print "| `ocikit run --rootfs <busybox> true` | " ms(o) " |"
  print "| `runc run` on a prepared bundle with the same config.json | " ms(r) " |"
  print "| `runc run` with a new id and cgroup each time | " ms(f) " |"
  if (x > 0) print "| `ocikit run` with `/bin/true` as the runtime (ocikit alone) | " ms(x) " |"
  printf "| **overhead**: ocikit run − runc run | **%+.2f ms** (target ≤ 1 ms: %s) |\n", o - r, verdict
  printf "| overhead against runc with a new id | %+.2f ms |\n", o - f
  print "\nocikit'"'"'s own parts, direct calls (median of 200; 100 for the run):\n"
  print "| call | median | what it adds |"
  print "|---|---:|---|"
  printf "| `/bin/true` | %.2f ms | fork and exec |\n", t / 1000
  printf "| `ocikit --version` | %.2f ms | %+.2f ms: loading and glibc start-up |\n", v / 1000, (v - t) / 1000
  printf "| `ocikit spec --rootfs <busybox> true` | %.2f ms | %+.2f ms: flags, the spec, its JSON |\n", sp / 1000, (sp - v) / 1000
  printf "| `ocikit run --runtime /bin/true ...` | %.2f ms | %+.2f ms: the bundle, the spawn and wait of the runtime, the clean-up |\n", on / 1000, (on - sp) / 1000
  if (sc != "") print "\nSystem calls of that no-op run (`strace -c -f`, ocikit and /bin/true): " sc "."
}')
echo "$section"
((update == 0)) || write_section run_overhead "$section"
