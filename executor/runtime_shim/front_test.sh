#!/usr/bin/env bash
# ocikit-runtime's front (front.c) hands over exactly what the gate (the C++
# shim) would: for each command line below, both run with a delegate that
# records its argv and environment, and their exit codes, standard error and
# records must be equal. A copy of the front without its gate then shows that
# pass-through commands never start the gate and that the rest need it.
#
#   front_test.sh FRONT GATE
set -uo pipefail
front=$(realpath "$1") gate=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }

# Delegates that record "$0 $*" and OCIKIT_RUNTIME_FRONT, one per name.
mkdir -p "$tmp/bin" "$tmp/other"
for d in "$tmp/bin/runc" "$tmp/rec" "$tmp/other/rec2"; do
  printf '#!/bin/sh\necho "$0 $* front=${OCIKIT_RUNTIME_FRONT:-}" >>%s/record\necho out\nexit 3\n' "$tmp" >"$d"
  chmod +x "$d"
done
echo '{"version": 1, "delegate": "'"$tmp"'/other/rec2"}' >"$tmp/delegate.json"
echo '{"version": 1, "deleg\u0061te": "'"$tmp"'/other/rec2"}' >"$tmp/escaped.json"
echo '{"version": 1, "profile": "baseline"}' >"$tmp/plain.json"
export PATH="$tmp/bin:/usr/bin:/bin" OCIKIT_RUNTIME_POLICY=$tmp/none.json
unset OCIKIT_RUNTIME_DELEGATE

# One binary's outcome: exit code, stderr and the delegate's record.
outcome() {
  local bin=$1; shift
  rm -f "$tmp/record"
  (cd "$tmp" && "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr")
  echo "exit=$?"
  cat "$tmp/stdout" "$tmp/stderr"
  sed "s|$front|SELF|; s|$gate|SELF|" "$tmp/record" 2>/dev/null
}

same() {
  local name=$1; shift
  local a b
  a=$(outcome "$front" "$@") b=$(outcome "$gate" "$@")
  if [[ $a == "$b" ]]; then ok "$name"; else bad "$name: front and gate differ"$'\n'"front: $a"$'\n'"gate:  $b"; fi
}

same "flag delegate, state" --ocikit-delegate "$tmp/rec" state abc
same "global flags with values kept in order" --root /x --log "$tmp/log" --log-format json --ocikit-delegate="$tmp/rec" kill abc KILL
same "one-dash and = forms" -root=/x -log "$tmp/log" --ocikit-delegate "$tmp/rec" --systemd-cgroup ps abc
same "shim flags removed" --ocikit-policy "$tmp/plain.json" --ocikit-fail-open --debug --ocikit-delegate "$tmp/rec" delete --force abc
same "gate socket flag removed" --ocikit-gate-socket "$tmp/none.sock" --ocikit-delegate "$tmp/rec" start abc
same "rootless takes a value" --rootless false --ocikit-delegate "$tmp/rec" start abc
same "arguments after the command untouched" --ocikit-delegate "$tmp/rec" update --ocikit-policy x --root y abc
same "no command" --ocikit-delegate "$tmp/rec" --version
same "empty command" --ocikit-delegate "$tmp/rec" ""
same "the default delegate on PATH" state abc
OCIKIT_RUNTIME_DELEGATE=$tmp/rec same "env delegate" state abc
OCIKIT_RUNTIME_DELEGATE=$tmp/rec same "flag beats env" --ocikit-delegate "$tmp/other/rec2" state abc
same "policy file delegate" --ocikit-policy "$tmp/delegate.json" state abc
same "policy file delegate, escaped key" --ocikit-policy "$tmp/escaped.json" state abc
OCIKIT_RUNTIME_POLICY=$tmp/delegate.json same "policy file from env" state abc
same "policy file without a delegate" --ocikit-policy "$tmp/plain.json" state abc
same "relative delegate path" --ocikit-delegate ./rec state abc
same "unclean delegate path" --ocikit-delegate "$tmp//rec" state abc
PATH="$tmp//bin:/usr/bin:/bin" same "unclean PATH entry" state abc
PATH="$tmp/bin/:/usr/bin:/bin" same "PATH entry with a trailing slash" state abc
same "delegate not found" --ocikit-delegate "$tmp/nope" state abc
# (The gate run directly does not know its front: it would hand over to it.)
out=$(outcome "$front" --ocikit-delegate "$front" state abc)
if [[ $out == "exit=1"*"ocikit-runtime: the delegate runtime $front is ocikit-runtime itself"* ]]; then
  ok "delegate is the front: refused"
else
  bad "delegate is the front: $out"
fi
same "delegate is the gate" --ocikit-delegate "$gate" state abc
same "a shim flag after the command is the command's" state --ocikit-delegate
same "delegate flag without a value" --ocikit-delegate
same "delegate flag with an empty value" --ocikit-delegate "" state abc
same "shim help" --ocikit-help

# The front alone: pass-through needs no gate; create does.
cp "$front" "$tmp/ocikit-runtime"
rm -f "$tmp/record"
out=$("$tmp/ocikit-runtime" --ocikit-delegate "$tmp/rec" state abc 2>&1)
if [[ $out == out && $(cat "$tmp/record") == "$tmp/rec state abc front=" ]]; then
  ok "pass-through without the gate"
else
  bad "pass-through without the gate: $out / $(cat "$tmp/record" 2>/dev/null)"
fi
out=$("$tmp/ocikit-runtime" --ocikit-delegate "$tmp/rec" create --bundle "$tmp" abc 2>&1)
rc=$?
if ((rc == 1)) && [[ $out == *"ocikit-runtime-gate is neither next to this binary nor in ../libexec/ocikit"* ]]; then
  ok "create needs the gate, and says where it looked"
else
  bad "create without the gate: exit $rc: $out"
fi

# Installed layout: bin/ocikit-runtime finds libexec/ocikit/ocikit-runtime-gate.
mkdir -p "$tmp/inst/bin" "$tmp/inst/libexec/ocikit"
cp "$front" "$tmp/inst/bin/ocikit-runtime"
cp "$gate" "$tmp/inst/libexec/ocikit/ocikit-runtime-gate"
out=$("$tmp/inst/bin/ocikit-runtime" --ocikit-help 2>&1)
if [[ $out == Usage:* ]]; then ok "installed layout finds the gate"; else bad "installed layout: $out"; fi

((fails == 0)) && echo "front: all passed" || { echo "front: $fails failed" >&2; exit 1; }
