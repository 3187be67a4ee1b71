#!/bin/bash
# The replay driver (replay_main.cc), through string_parsers_fuzzer (any bytes
# are a valid input): it follows directory symlinks (bazel's runfiles make
# corpus directories symlinks), walks a directory reached twice once (a
# symlink loop ends), and fails on a corpus argument that holds no file.
set -u
replay=$1
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail=0

mkdir -p "$tmp/real/sub" "$tmp/corpus" "$tmp/empty/sub"
echo one > "$tmp/real/a"
echo two > "$tmp/real/sub/b"
ln -s "$tmp/real" "$tmp/corpus/linked"         # a directory symlink
ln -s .. "$tmp/real/sub/up"                    # a loop: sub/up -> real
ln -s "$tmp/nowhere" "$tmp/corpus/dangling"    # no input, no error

err=$("$replay" "$tmp/corpus" 2>&1); rc=$?
[[ $rc == 0 && $err == *"replay: 2 inputs, no failure"* ]] ||
  { echo "FAIL symlinked corpus (exit $rc): $err"; fail=1; }

err=$("$replay" "$tmp/empty" 2>&1); rc=$?
[[ $rc == 1 && $err == "replay: $tmp/empty: no input files below it; expected a corpus file or directory" ]] ||
  { echo "FAIL empty corpus (exit $rc): $err"; fail=1; }

err=$("$replay" "$tmp/corpus" "$tmp/missing" 2>&1); rc=$?
[[ $rc == 1 && $err == *"replay: $tmp/missing: No such file or directory" ]] ||
  { echo "FAIL missing corpus (exit $rc): $err"; fail=1; }

[[ $fail == 0 ]] && echo PASS
exit $fail
