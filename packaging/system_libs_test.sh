#!/usr/bin/env bash
# Checks packaging/system_libs.txt against third_party/system/BUILD.bazel: a
# line per target, and pkg-config modules that link every -l flag the BUILD
# file lists (so the installed .pc files and CMake package cannot drift from
# the BUILD files). Then checks that the check catches a wrong table.
set -uo pipefail
script=packaging/install_files.py
build=third_party/system/BUILD.bazel
table=packaging/system_libs.txt
fail=0

echo "--- the table"
python3 "$script" check "$build" "$table" || fail=1

echo "--- a table whose absl_status line lacks a module must be refused"
bad=$(mktemp "${TEST_TMPDIR:-/tmp}/table.XXXXXX")
sed 's/^absl_status .*/absl_status absl_strings/' "$table" >"$bad"
if out=$(python3 "$script" check "$build" "$bad" 2>&1); then
  echo "FAIL: accepted: $out"; fail=1
elif ! grep -q 'absl_status: pkg-config --libs absl_strings lacks -labsl_status' <<<"$out"; then
  echo "FAIL: unexpected message: $out"; fail=1
fi

echo "--- a table without a line for a BUILD target must be refused"
grep -v '^re2 ' "$table" >"$bad"
if out=$(python3 "$script" check "$build" "$bad" 2>&1) || ! grep -q 'no line for target "re2"' <<<"$out"; then
  echo "FAIL: $out"; fail=1
fi
rm -f "$bad"
exit "$fail"
