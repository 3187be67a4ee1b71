#!/usr/bin/env bash
# CI's slower stages, after ./scripts/test.sh: the whole suite again with
# clang 14 (Debian 12's `clang`) and clang 16, each in its own Bazel output
# base, the executables and benchmarks at -c opt, then the consumer programs
# (header-only and compiled) with every compiler, then the ways other
# projects consume ocikit (scripts/consumer_paths.sh, from the README's
# snippets): a Bazel workspace,
# the install tree with pkg-config and CMake under g++ and clang, the .deb,
# the pre-commit hooks and the GitHub Action; then spec/ and policy/ under
# ASan + UBSan and every fuzz target fuzzed for 20 s (docs/reliability.md; the
# fuzz build reuses the ASan build's output base). Prints "ci stages: N
# passed, M failed (the failed stages' names)" and exits non-zero when a
# stage fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh --ci || { echo "setup failed" >&2; exit 1; }

passed=0
failed=0
failed_names=()
stage() {
  local name=$1; shift
  echo "=== stage: $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "=== stage $name: passed in $((SECONDS - start)) s"
  else
    failed=$((failed + 1)); failed_names+=("$name"); echo "=== stage $name: FAILED in $((SECONDS - start)) s"
  fi
}

cache=${XDG_CACHE_HOME:-$HOME/.cache}
# The packages, not //...: Bazel 4 would also walk the g++ build's
# bazel-<folder> link, which belongs to another output base (bazel#13951).
targets=(//spec/... //policy/... //executor/... //benchmarks/... //testdata/... //docs/... //packaging/...)
# As scripts/test.sh: an engine test whose engine is missing fails, not skips.
export OCIKIT_REQUIRE_ENGINES=1
engines=(--test_env=OCIKIT_REQUIRE_ENGINES)
stage clang14-suite bazel --output_base="$cache/ocikit-bazel-clang14" test --config=clang "${engines[@]}" "${targets[@]}"
stage clang16-suite bazel --output_base="$cache/ocikit-bazel-clang16" test --config=clang16 "${engines[@]}" "${targets[@]}"
# The executables and benchmarks as released and measured: -c opt (-O2),
# where g++ warns about more than at -O0.
stage opt-build bazel --output_base="$cache/ocikit-bazel-opt" build -c opt \
  //executor/cli:ocikit //executor/runtime_shim:ocikit-runtime //benchmarks/...
for cxx in g++ clang++ clang++-16; do
  stage "consumers-$cxx" env CXX="$cxx" scripts/consumer_check.sh
done

consumers=$(mktemp -d "${TMPDIR:-/tmp}/ocikit-ci-consumers.XXXXXX")
trap 'rm -rf "$consumers"' EXIT
paths=scripts/consumer_paths.sh
stage readme-snippets "$paths" snippets
stage bazel-consumer "$paths" bazel gcc
stage bazel-consumer-clang "$paths" bazel clang
stage install "$paths" install "$consumers/prefix"
for cxx in g++ clang++; do
  stage "pkg-config-consumer-$cxx" "$paths" pkg-config "$consumers/prefix" "$cxx"
  stage "cmake-consumer-$cxx" "$paths" cmake "$consumers/prefix" "$cxx"
done
stage deb "$paths" deb
stage pre-commit "$paths" pre-commit
stage github-action "$paths" action
stage asan-spec-policy bazel --output_base="$cache/ocikit-bazel-asan" test --config=asan //spec/... //policy/...
stage fuzz-20s scripts/fuzz.sh --seconds 20

echo "ci stages: ${passed} passed, ${failed} failed${failed_names[*]:+ (${failed_names[*]})}"
((failed == 0))
