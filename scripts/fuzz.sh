#!/usr/bin/env bash
# Fuzzes every ocikit fuzz target (spec/fuzz, policy/fuzz, executor/fuzz) with
# libFuzzer for a bounded time each, built with clang-16 and
# -fsanitize=fuzzer,address,undefined (--config=fuzz, in the output base
# $XDG_CACHE_HOME/ocikit-bazel-asan that --config=asan uses too). Needs
# clang-16 and its runtimes: scripts/setup.sh --ci installs them.
#
#   scripts/fuzz.sh [--seconds N] [--figures FILE] [TARGET...]
#
# --seconds N     time per target (default 30)
# --figures FILE  append one line per target: target, seconds, executions,
#                 executions per second, corpus size, crashes (TSV, with a
#                 header when the file is new); scripts/reliability_doc.py
#                 turns the last long run's figures into docs/reliability.md
# TARGET          a label such as //spec/fuzz:codec_fuzzer (default: all)
#
# Each target starts from its seed corpus (testdata/fuzz/<target>/ and the
# testdata/ trees its BUILD names) and a working corpus kept in
# $XDG_CACHE_HOME/ocikit-fuzz/corpus/<target>, so later runs go on from the
# inputs earlier ones found. A crash (memory error, UB, leak, failed
# property, or a run over 10 s / 2 GiB) is saved as
# $XDG_CACHE_HOME/ocikit-fuzz/artifacts/<target>-crash-*; fix it and add the
# input as testdata/fuzz/<target>/crash-<what> (docs/reliability.md).
# Exits non-zero when any target crashed. Prints "fuzz: N passed, M failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=30
figures=
targets=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2;;
    --figures) figures=$2; shift 2;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
    *) targets+=("$1"); shift;;
  esac
done

command -v clang++-16 >/dev/null || { echo "fuzz: clang++-16 not found; run scripts/setup.sh --ci" >&2; exit 1; }
cache=${XDG_CACHE_HOME:-$HOME/.cache}
# The sanitizer build's output base: --config=fuzz reuses what --config=asan built.
bazel=(bazel --output_base="$cache/ocikit-bazel-asan")
work="$cache/ocikit-fuzz"
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"

if ((${#targets[@]} == 0)); then
  mapfile -t targets < <("${bazel[@]}" query --noshow_progress \
    'kind("cc_binary", attr(name, "_fuzzer$", //spec/fuzz/... + //policy/fuzz/... + //executor/fuzz/...))' 2>/dev/null)
fi
if ((${#targets[@]} == 0)); then echo "fuzz: no targets found" >&2; exit 1; fi

corpus_lists=()
for t in "${targets[@]}"; do corpus_lists+=("${t}_corpus"); done
"${bazel[@]}" build --config=fuzz "${targets[@]}" "${corpus_lists[@]}" || { echo "fuzz: build failed" >&2; exit 1; }
bin=$("${bazel[@]}" info --config=fuzz bazel-bin 2>/dev/null)

if [[ -n $figures && ! -s $figures ]]; then
  printf 'target\tseconds\texecutions\texec_per_second\tcorpus\tcrashes\n' > "$figures"
fi

passed=0
failed=0
for t in "${targets[@]}"; do
  pkg=${t#//}; pkg=${pkg%%:*}; name=${t##*:}
  exe="$bin/$pkg/$name"
  read -r -a seeds < "$bin/$pkg/${name}_corpus.txt"
  corpus="$work/corpus/$name"
  mkdir -p "$corpus"
  log="$work/logs/$name.log"
  echo "=== fuzz $t for ${seconds}s"
  # From the runfiles tree, where the seeds and fixtures are (as bazel run).
  (cd "$exe.runfiles/ocikit" && "$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
     -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$work/artifacts/$name-" "$corpus" "${seeds[@]}") > "$log" 2>&1
  status=$?
  execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  size=$(find "$corpus" -type f | wc -l)
  crashes=$(grep -cE '^(==[0-9]+==ERROR|SUMMARY: (Address|Undefined|Leak)Sanitizer|.*fuzz property failed|==[0-9]+== ERROR: libFuzzer)' "$log")
  if ((status != 0 && crashes == 0)); then crashes=1; fi
  echo "$name: ${execs:-0} executions in ${seconds}s (${rate:-0}/s), corpus $size, crashes $crashes"
  if ((crashes)); then
    failed=$((failed + 1))
    grep -E 'ERROR|SUMMARY|property failed|Test unit written' "$log" | head -5
  else
    passed=$((passed + 1))
  fi
  if [[ -n $figures ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$seconds" "${execs:-0}" "${rate:-0}" "$size" "$crashes" >> "$figures"
  fi
done
echo "fuzz: ${passed} passed, ${failed} failed"
((failed == 0))
