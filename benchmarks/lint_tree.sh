#!/usr/bin/env bash
# `ocikit lint` over a tree of many configs (issue 16, "lint at scale"):
# builds //executor/cli:ocikit and //benchmarks:lint_benchmark with -c opt,
# writes a tree of N config.json files in a temporary directory (`ocikit spec`
# outputs with Docker's seccomp profile, varied per file, a few findings each:
# see lint_tree.py), then lints it with -j 1, -j 2 and the default jobs, in
# text, and in JSON and SARIF with the default jobs, and a tenth of the tree,
# under `/usr/bin/time -f "%e %M"` (wall seconds, peak RSS). Also runs the
# lint benchmark's parse + lint and parse-only cases of one file (median of 5
# repetitions) for the per-file lint/parse ratio. Prints a markdown section;
# --update also writes it into docs/performance.md between the "lint_tree"
# markers.
#
#   benchmarks/lint_tree.sh [--files N] [--update]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench_lib.sh

files=10000
update=0
while (($#)); do
  case $1 in
    --files) files=$2; shift ;;
    --update) update=1 ;;
    *) echo "usage: $0 [--files N] [--update]" >&2; exit 2 ;;
  esac
  shift
done
[[ $files =~ ^[0-9]+$ ]] && ((files >= 100)) || { echo "lint_tree.sh: --files: expected a number of at least 100, got $files" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

opt=(-c opt)
bazel build "${opt[@]}" //executor/cli:ocikit //benchmarks:lint_benchmark >&2
bin=$(bazel info "${opt[@]}" bazel-bin 2>/dev/null)
cp "$bin/executor/cli/ocikit" "$bin/benchmarks/lint_benchmark" "$tmp/"

python3 benchmarks/lint_tree.py generate "$tmp/ocikit" "$tmp/tree" "$files" >&2

# One run: "LABEL WALL_S PEAK_KB CONFIGS_PER_S" on a line of $tmp/runs; the
# text runs' summary line in $tmp/summary.
run() {
  local label=$1; shift
  echo "lint_tree.sh: $label" >&2
  local rc=0
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$tmp/ocikit" lint --stats "$@" >"$tmp/out" 2>"$tmp/stats" || rc=$?
  ((rc <= 1)) || { echo "lint_tree.sh: ocikit lint $* exited $rc" >&2; cat "$tmp/stats" >&2; exit 1; }
  local rate
  rate=$(sed -n 's/.*(\([0-9]*\) configs\/s.*/\1/p' "$tmp/stats")
  echo "$label $(tail -1 "$tmp/time") $rate" >>"$tmp/runs"  # time first notes a non-zero exit
  [[ $label != text* ]] || tail -1 "$tmp/out" >"$tmp/summary"
}
tenth=()
for d in "$tmp"/tree/*; do tenth+=("$d"); done
tenth=("${tenth[@]:0:$(( ${#tenth[@]} / 10 ))}")

cd "$tmp"
run "text|-j 1|$files" -j 1 tree
run "text|-j 2|$files" -j 2 tree
run "text|default ($(nproc))|$((files / 10))" "${tenth[@]/#$tmp\//}"
run "text|default ($(nproc))|$files" tree
run "json|default ($(nproc))|$files" --format json tree
run "sarif|default ($(nproc))|$files" --format sarif tree
cd - >/dev/null

"$tmp/lint_benchmark" --benchmark_filter='BM_LintText_ConformanceBaseline$|BM_ParseText_DefaultLike$' \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true --benchmark_format=json >"$tmp/bench.json" 2>/dev/null

section=$(python3 benchmarks/lint_tree.py report "$tmp/runs" "$tmp/bench.json" --summary "$(cat "$tmp/summary")" \
            --machine "$(machine), $(free -m | awk '/^Mem:/ {print $2}') MB" \
            --load "$load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
            --date "$(date -u '+%Y-%m-%d %H:%M UTC')")
echo "$section"
((update == 0)) || write_section lint_tree "$section"
