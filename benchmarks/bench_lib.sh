# Shared by the shell benchmarks (source it): their command line, medians,
# direct timing of a command, the machine line and the --update of their
# section in docs/performance.md.

# parse_runs NAME DEFAULT MIN "$@": sets runs (the RUNS argument, at least
# MIN) and update (1 with --update).
parse_runs() {
  local name=$1 min=$3 arg
  runs=$2 update=0
  shift 3
  for arg in "$@"; do
    case $arg in
      --update) update=1 ;;
      *[!0-9]* | '') echo "usage: $name [RUNS] [--update]" >&2; exit 2 ;;
      *) runs=$arg ;;
    esac
  done
  ((runs >= min)) || { echo "$name: use at least $min runs" >&2; exit 2; }
}

# The median of the numbers on standard input.
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

# direct N COMMAND...: the median wall time in µs of N calls of COMMAND.
direct() {
  local n=$1 j t0 t1
  shift
  for ((j = 0; j < n; j++)); do
    t0=$EPOCHREALTIME; "$@" </dev/null >/dev/null 2>&1; t1=$EPOCHREALTIME
    echo $((${t1/./} - ${t0/./}))
  done | median
}

# "2 cores of <CPU model>"
machine() { echo "$(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"; }

# write_section NAME TEXT: TEXT between NAME's markers in docs/performance.md.
write_section() {
  python3 benchmarks/doc_section.py "$1" <<<"$2"
  echo "$1: updated docs/performance.md" >&2
}
