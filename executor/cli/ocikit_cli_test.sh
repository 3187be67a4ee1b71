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
[[ $err == "ocikit: spec: /nonexistent.json: No such file or directory" ]] || { echo "FAIL spec error: $err"; fail=1; }

err=$("$ocikit" spec --state-dir /nonexistent-state --dns 192.0.2.1 2>&1 >/dev/null); check spec-missing-state-dir 125 $?
[[ $err == 'ocikit: spec: --state-dir "/nonexistent-state": No such file or directory; expected an existing directory'* ]] ||
  { echo "FAIL state-dir error: $err"; fail=1; }

err=$("$ocikit" run --name=--help --rootfs /nonexistent -- true 2>&1 >/dev/null); check run-dash-id 125 $?
[[ $err == 'ocikit: run: --name "--help": invalid container id "--help": it starts with '"'-'"', so a runtime would read it as a flag' ]] ||
  { echo "FAIL dash id: $err"; fail=1; }

err=$("$ocikit" run --rm --root "${TEST_TMPDIR:-/tmp}/ocikit-state" --rootfs /nonexistent -- true 2>&1 >/dev/null); check run-rm-accepted 125 $?
[[ $err == 'ocikit: run: rootfs /nonexistent: No such file or directory' ]] || { echo "FAIL --rm: $err"; fail=1; }

# Every command: -h and --help print the same help and exit 0; a bad flag is
# one error line in the one style "ocikit: COMMAND: MESSAGE".
commands=$("$ocikit" --help | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[[ $(wc -w <<<"$commands") -ge 10 ]] || { echo "FAIL command list: $commands"; fail=1; }
for c in $commands; do
  short=$("$ocikit" "$c" -h 2>&1); check "$c -h" 0 $?
  long=$("$ocikit" "$c" --help 2>&1); check "$c --help" 0 $?
  [[ $short == "$long" && $long == "Usage: ocikit $c "* ]] || { echo "FAIL $c: -h and --help differ"; fail=1; }
  err=$("$ocikit" "$c" --no-such-flag 2>&1 >/dev/null)
  [[ $err == "ocikit: $c: unknown flag \"--no-such-flag\""* && $(wc -l <<<"$err") == 1 ]] ||
    { echo "FAIL $c error style: $err"; fail=1; }
done

# Issue 13: refused flag values and results that fail lint exit 125 with one
# sentence, for spec, run and create alike (run and create stop before any
# runtime is involved).
for cmd in spec run create; do
  err=$("$ocikit" $cmd -w relative true 2>&1 >/dev/null); check "$cmd-relative-workdir" 125 $?
  [[ $err == *'--workdir "relative": expected an absolute path: the working directory in the container' ]] ||
    { echo "FAIL $cmd workdir error: $err"; fail=1; }
done
err=$("$ocikit" exec -w relative some-id true 2>&1 >/dev/null); check exec-relative-workdir 125 $?
[[ $err == *'--workdir "relative": expected an absolute path: the working directory in the container' ]] ||
  { echo "FAIL exec workdir error: $err"; fail=1; }
err=$("$ocikit" exec -e =x some-id true 2>&1 >/dev/null); check exec-env-without-name 125 $?
[[ $err == *'--env "=x": expected KEY=VALUE or KEY, with a non-empty KEY' ]] || { echo "FAIL exec env error: $err"; fail=1; }
err=$("$ocikit" exec -e $'A=\xff' some-id true 2>&1 >/dev/null); check exec-env-not-utf8 125 $?
[[ $err == *'--env: the value is not valid UTF-8 (byte 0xff at offset 2); config.json holds UTF-8 only' ]] ||
  { echo "FAIL exec env UTF-8 error: $err"; fail=1; }
tmp=$(mktemp -d)
printf '%s' '{"ociVersion":"1.3.0","root":{"path":"rootfs"},"process":{"user":{"uid":0,"gid":0},"cwd":"/","env":["A=a\u0000b"],"args":["true"]}}' >"$tmp/nul.json"
for cmd in spec "run --root $tmp/state" "create --root $tmp/state"; do
  err=$("$ocikit" $cmd --from "$tmp/nul.json" 2>&1 >/dev/null); check "${cmd%% *}-lint-safety-net" 125 $?
  [[ $err == *'fails lint: OCI139 string-nul: process.env[0]: '* ]] || { echo "FAIL $cmd safety net: $err"; fail=1; }
done
[[ -z $(ls -A "$tmp/state/bundles" 2>/dev/null) ]] || { echo "FAIL bundle left behind"; fail=1; }
out=$("$ocikit" lint "$tmp/nul.json"); check lint-nul 1 $?
rm -rf "$tmp"

# Keys that runc (Go's encoding/json) binds case-insensitively and crun
# ignores: refused by default, read as runc does with --go-semantics, an
# error (TYPO302) for lint in every profile.
tmp=$(mktemp -d)
printf '%s' '{"ociVersion":"1.3.0","process":{"user":{"uid":1000,"gid":1000},"args":["sh"],"cwd":"/"},"root":{"path":"rootfs"},"PROCESS":{"user":{"uid":0,"gid":0}},"Linux":{"seccomp":null}}' >"$tmp/x.json"
err=$("$ocikit" spec --from "$tmp/x.json" 2>&1 >/dev/null); check spec-case-variant 125 $?
[[ $err == "ocikit: spec: $tmp/x.json:1:"*': PROCESS: key "PROCESS" is not the field "process"'*"runtimes disagree"* ]] || { echo "FAIL case-variant error: $err"; fail=1; }
out=$("$ocikit" spec --compact --from "$tmp/x.json" --go-semantics); check spec-go-semantics 0 $?
[[ $out == *'"user":{"uid":0,"gid":0}'* && $out != *PROCESS* && $out != *Linux* ]] || { echo "FAIL go-semantics output: $out"; fail=1; }
err=$("$ocikit" spec --go-semantics 2>&1 >/dev/null); check spec-go-semantics-without-from 125 $?
out=$("$ocikit" lint "$tmp/x.json"); check lint-case-variant 1 $?
[[ $out == *'error: PROCESS: key "PROCESS" is not the field "process"'*"[TYPO302]"* ]] || { echo "FAIL lint case-variant: $out"; fail=1; }
rm -rf "$tmp"

exit $fail
