#!/usr/bin/env bash
# Side-by-side comparison with containerd's Go code (issue 16): builds
# peer.go (Go, from Debian's packages, GOPATH mode, no downloads) and
# //benchmarks/peers:ocikit_peer (-c opt, compiled libraries), then runs them
# interleaved, Go then ocikit, for N rounds on the same inputs: the typical
# spec (written by ocikit_peer), containerd 1.6.20's default spec, a Podman
# 4.3.1 config with its seccomp profile and `runc spec`. Prints one markdown
# table of Go/ocikit time ratios (min, median, max over the rounds) with the
# allocations per operation of both; --update also writes it into
# docs/performance.md between the "peers" markers.
#
#   benchmarks/peers/run.sh [--rounds N] [--update]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source benchmarks/bench_lib.sh

rounds=5
update=0
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --update) update=1 ;;
    *) echo "usage: $0 [--rounds N] [--update]" >&2; exit 2 ;;
  esac
  shift
done
((rounds >= 1)) || { echo "run.sh: --rounds: expected a positive number, got $rounds" >&2; exit 2; }

missing=()
for pkg in golang-go golang-github-opencontainers-specs-dev golang-github-containerd-containerd-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "run.sh: installing ${missing[*]} (Debian's packages)" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE="$tmp/gocache" \
  go build -o "$tmp/peer_go" benchmarks/peers/peer.go
bazel build -c opt //benchmarks/peers:ocikit_peer >&2
cp "$(bazel info -c opt bazel-bin)/benchmarks/peers/ocikit_peer" "$tmp/peer_ocikit"

"$tmp/peer_ocikit" --write-typical "$tmp/typical.json"
inputs=("$tmp/typical.json" testdata/lint/real/containerd-1.6.20-default.json
        testdata/lint/real/podman-4.3.1.json testdata/roundtrip/runc-spec.json)

for ((i = 1; i <= rounds; i++)); do
  echo "run.sh: round $i of $rounds" >&2
  "$tmp/peer_go" "${inputs[@]}" >"$tmp/go.$i"
  "$tmp/peer_ocikit" "${inputs[@]}" --benchmark_format=json >"$tmp/ocikit.$i" 2>/dev/null
done

table=$(python3 benchmarks/peers/ratios.py "$tmp" "$rounds" \
          --machine "$(machine)" \
          --load "$load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
          --tools "$(go version | cut -d' ' -f3), containerd $(dpkg-query -W -f '${Version}' golang-github-containerd-containerd-dev); $(g++ --version | head -1), -c opt")
echo "$table"
((update == 0)) || write_section peers "$table"
