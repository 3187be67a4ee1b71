#!/usr/bin/env bash
# Compile-cost report: CPU seconds (user + sys) and peak RSS of every
# translation unit of ocikit's build, and of three consumer translation units
# in both consumption modes (header-only and compiled).
#
#   scripts/compile_report.sh [--opt] [--jobs N] [--markdown]
#
# Each TU is compiled as Bazel compiles it (g++ -std=c++20, the warning flags
# of ocikit.bzl, -DOCIKIT_COMPILED_LIB; -O0 as fastbuild, -O2 with --opt),
# with object output to a temporary directory. A generated library TU is its
# FOO-inl.h. CXX picks the compiler (default g++). Budgets (issue 12): no TU
# above 20 s CPU or 800 MB; the codec consumer at most 1.5 s compiled and 4 s
# header-only. Lines over budget are marked "!". Exits 0; it reports, it does
# not judge.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CXX=${CXX:-g++}
opt=-O0
jobs=$(nproc)
markdown=0
while (($#)); do
  case $1 in
    --opt) opt=-O2 ;;
    --jobs) jobs=$2; shift ;;
    --markdown) markdown=1 ;;
    *) echo "usage: $0 [--opt] [--jobs N] [--markdown]" >&2; exit 2 ;;
  esac
  shift
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 "$opt" -Wall -Wextra -Wpedantic -I. -c)

# measure LABEL MODEFLAGS... -- SOURCE: one line "cpu_s rss_mb label".
measure() {
  local label=$1; shift
  local args=()
  while [[ $1 != -- ]]; do args+=("$1"); shift; done
  local src=$2
  local out
  out=$( { /usr/bin/time -f '%U %S %M' "$CXX" "${flags[@]}" "${args[@]}" -x c++ "$src" \
           -o "$tmp/$(echo "$label" | tr '/ ' '__').o" 2>/dev/null; } 2>&1 | tail -1)
  awk -v l="$label" '{printf "%.2f %d %s\n", $1 + $2, $3 / 1024, l}' <<<"$out"
}
export -f measure
export CXX opt tmp
export flags_str="${flags[*]}"

tus=$( { git ls-files 'spec/*.cc' 'policy/*.cc' 'executor/*.cc' 'benchmarks/*.cc';
         git ls-files 'spec/*-inl.h' 'policy/*-inl.h' 'executor/*-inl.h'; } | sort)
count=$(wc -l <<<"$tus")
echo "compile_report: $count translation units, $CXX $opt, $jobs jobs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The three consumer TUs: what a user's file costs when it includes ocikit.
cat >"$tmp/consumer_codec.cc" <<'CC'
#include "spec/codec.h"
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  absl::StatusOr<ocikit::Spec> spec = ocikit::ReadSpecFile(argv[1]);
  return spec.ok() && !ocikit::Marshal(*spec).empty() ? 0 : 1;
}
CC
{
  echo '#include "spec/codec.h"'
  echo '#include "spec/default_spec.h"'
  for h in $(git ls-files 'spec/opts/*.h' | grep -v -e '-inl\.h$' -e '_test'); do echo "#include \"$h\""; done
  cat <<'CC'
int main() {
  ocikit::Spec spec = ocikit::DefaultLinuxSpec();
  ocikit::SpecContext ctx;
  absl::Status s = ocikit::ApplyOpts(ctx, spec, {ocikit::WithHostname("demo"), ocikit::WithProcessArgs({"sh"})});
  return s.ok() && !ocikit::Marshal(spec).empty() ? 0 : 1;
}
CC
} >"$tmp/consumer_transforms.cc"
cat >"$tmp/consumer_lint.cc" <<'CC'
#include "policy/lint/lint.h"
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  ocikit::LintOptions options;
  ocikit::LintResult result = ocikit::LintConfigText(argv[1], options);
  return result.Fails(ocikit::LintSeverity::kError) ? 1 : 0;
}
CC

rows=$(
  { for tu in $tus; do echo "$tu -DOCIKIT_COMPILED_LIB -- $tu"; done
    for c in codec transforms lint; do
      echo "consumer:$c(compiled) -DOCIKIT_COMPILED_LIB -- $tmp/consumer_$c.cc"
      echo "consumer:$c(header-only) -UOCIKIT_COMPILED_LIB -- $tmp/consumer_$c.cc"
    done; } |
  xargs -P "$jobs" -L 1 bash -c 'flags=($flags_str); measure "$@"' _ | sort -rn)

total=$(awk '!/consumer:/ {s += $1} END {printf "%.1f", s}' <<<"$rows")
mark() { awk '{ over = ($1 > 20 || $2 > 800); if ($3 ~ /consumer:codec\(compiled\)/) over = $1 > 1.5;
                if ($3 ~ /consumer:codec\(header-only\)/) over = $1 > 4; print $0, (over ? "!" : "") }'; }
if ((markdown)); then
  echo "| translation unit | CPU s | peak RSS MB |"
  echo "|---|---:|---:|"
  mark <<<"$rows" | awk '{printf "| `%s`%s | %s | %s |\n", $3, ($4 == "!" ? " **over budget**" : ""), $1, $2}'
else
  printf '%8s %8s  %s\n' "CPU s" "RSS MB" "translation unit"
  mark <<<"$rows" | awk '{printf "%8s %8s  %s %s\n", $1, $2, $3, $4}'
fi
echo "total CPU of the build's TUs: ${total} s ($count TUs, $CXX $opt)"
