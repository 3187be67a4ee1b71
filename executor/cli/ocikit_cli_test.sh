#!/usr/bin/env bash
# Runs the real ocikit binary: exit codes, streams and help texts.
set -u
ocikit=$1
fail=0
check() {  # check NAME WANT_CODE GOT_CODE
  if [[ $2 != "$3" ]]; then echo "FAIL $1: exit code $3, want $2"; fail=1; else echo "ok   $1"; fi
}

out=$("$ocikit" --version); check version 0 $?
[[ $out == "ocikit "*"(runtime-spec 1.3.0)" ]] || { echo "FAIL version text: $out"; fail=1; }

"$ocikit" >/dev/null 2>&1; check no-command 2 $?
"$ocikit" --help | grep -q "spec" ; check help 0 $?

err=$("$ocikit" lnt 2>&1 >/dev/null); check unknown-command 2 $?
[[ $err == 'ocikit: unknown command "lnt"; expected one of '* ]] || { echo "FAIL unknown text: $err"; fail=1; }

out=$("$ocikit" spec --compact --hostname web true); check spec 0 $?
[[ $out == '{"ociVersion":"1.3.0",'*'"hostname":"web",'* ]] || { echo "FAIL spec output: $out"; fail=1; }

err=$("$ocikit" spec --from /nonexistent.json 2>&1 >/dev/null); check spec-missing-file 125 $?
[[ $err == "ocikit spec: /nonexistent.json: No such file or directory" ]] || { echo "FAIL spec error: $err"; fail=1; }

# Keys that runc (Go's encoding/json) binds case-insensitively and crun
# ignores: refused by default, read as runc does with --go-semantics, an
# error (TYPO302) for lint in every profile.
tmp=$(mktemp -d)
printf '%s' '{"ociVersion":"1.3.0","process":{"user":{"uid":1000,"gid":1000},"args":["sh"],"cwd":"/"},"root":{"path":"rootfs"},"PROCESS":{"user":{"uid":0,"gid":0}},"Linux":{"seccomp":null}}' >"$tmp/x.json"
err=$("$ocikit" spec --from "$tmp/x.json" 2>&1 >/dev/null); check spec-case-variant 125 $?
[[ $err == "ocikit spec: $tmp/x.json:1:"*': PROCESS: key "PROCESS" is not the field "process"'*"runtimes disagree"* ]] || { echo "FAIL case-variant error: $err"; fail=1; }
out=$("$ocikit" spec --compact --from "$tmp/x.json" --go-semantics); check spec-go-semantics 0 $?
[[ $out == *'"user":{"uid":0,"gid":0}'* && $out != *PROCESS* && $out != *Linux* ]] || { echo "FAIL go-semantics output: $out"; fail=1; }
err=$("$ocikit" spec --go-semantics 2>&1 >/dev/null); check spec-go-semantics-without-from 125 $?
out=$("$ocikit" lint "$tmp/x.json"); check lint-case-variant 1 $?
[[ $out == *'error: PROCESS: key "PROCESS" is not the field "process"'*"[TYPO302]"* ]] || { echo "FAIL lint case-variant: $out"; fail=1; }
rm -rf "$tmp"

exit $fail
