#!/usr/bin/env bash
# The gate service (service.h) and the front (front.c) together: a copy of
# the front without its gate next to it can only create through the service,
# so each served case below proves that the service answered; the front's
# directory, environment, standard error and --log are the ones the service
# uses. Then: what the service does not serve, a peer of another user, a
# request that is not one, a service that is gone (the front runs the gate),
# and systemd's socket activation.
#
#   gate_service_test.sh FRONT GATE
set -uo pipefail
front=$(realpath "$1") gate=$(realpath "$2")
tmp=$(mktemp -d)
service=
cleanup() {
  [[ -z $service ]] || kill "$service" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }
check() {  # check NAME COMMAND...: ok when COMMAND succeeds
  local name=$1; shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}

mkdir -p "$tmp/alone" "$tmp/work/b" "$tmp/bin"
cp "$front" "$tmp/alone/ocikit-runtime"  # no gate next to it
lone=$tmp/alone/ocikit-runtime
printf '#!/bin/sh\necho "$0 $* cwd=$(pwd) X=${X:-}" >%s/record\n' "$tmp" >"$tmp/bin/rec"
chmod +x "$tmp/bin/rec"
# Allowed: no profile; refused: the baseline (the built-in default).
echo '{"version":1,"profile":"none","mutations":[{"name":"noNewPrivileges"}]}' >"$tmp/policy.json"
export OCIKIT_RUNTIME_POLICY=$tmp/policy.json
echo '{"version":1,"profile":"baseline"}' >"$tmp/baseline.json"
allowed='{"ociVersion":"1.0.2","process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/"},"root":{"path":"rootfs"},"linux":{}}'
privileged='{"ociVersion":"1.0.2","process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/","capabilities":{"bounding":["CAP_SYS_ADMIN"]}},"root":{"path":"rootfs"},"linux":{"namespaces":[{"type":"pid"}],"seccomp":{"defaultAction":"SCMP_ACT_ERRNO"}}}'
sock=$tmp/gate.sock
start_service() {
  "$gate" --ocikit-serve "$sock" 2>"$tmp/service.err" &
  service=$!
  for _ in $(seq 100); do [[ -S $sock ]] && return; sleep 0.05; done
  bad "the service did not listen at $sock"
}
# run CWD ARGS...: the lone front in CWD; exit code in $rc, stderr in $err.
run() {
  local dir=$1; shift
  rm -f "$tmp/record"
  err=$(cd "$dir" && X=front "$lone" --ocikit-gate-socket "$sock" "$@" 2>&1 >/dev/null)
  rc=$?
}

start_service
echo "$allowed" >"$tmp/work/b/config.json"
run "$tmp/work" --log log.json --log-format json --ocikit-delegate "$tmp/bin/rec" create --bundle b web
check "allowed create: served, handed over with the shim flags removed, in the front's directory and environment" \
  grep -qxF "$tmp/bin/rec --log log.json --log-format json create --bundle b web cwd=$tmp/work X=front" "$tmp/record"
check "the mutation rewrote the front's relative bundle" grep -q '"noNewPrivileges":true' "$tmp/work/b/config.json"
check "the service logged to the front's relative --log" grep -q 'mutated '"$tmp"'/work/b/config.json by noNewPrivileges' "$tmp/work/log.json"

echo "$privileged" >"$tmp/work/b/config.json"
run "$tmp/work" --log log.json --log-format json --ocikit-delegate "$tmp/bin/rec" \
  --ocikit-policy "$tmp/baseline.json" create --bundle b web
check "privileged create: refused with exit 1" test "$rc" = 1
check "the refusal is on the front's stderr" grep -q 'refused by policy baseline:.*SEC401' <<<"$err"
check "the refusal is in the front's --log" grep -q '"level":"error".*refused by policy baseline' "$tmp/work/log.json"
check "nothing was handed over" test ! -e "$tmp/record"

echo "$allowed" >"$tmp/work/b/config.json"
(cd "$tmp/work" && OCIKIT_RUNTIME_POLICY=$tmp/missing.json "$lone" --ocikit-gate-socket "$sock" \
  --ocikit-delegate "$tmp/bin/rec" create --bundle b web >/dev/null 2>"$tmp/stderr")
check "the front's environment names the policy (here a missing one: refused)" grep -q "$tmp/missing.json" "$tmp/stderr"

run "$tmp/work" --ocikit-delegate "$lone" create --bundle b web
check "the front that asked is refused as the delegate" grep -q 'is ocikit-runtime itself' <<<"$err"

run "$tmp/work" --ocikit-delegate "$tmp/bin/rec" exec web sh
check "exec is not served (it needs the gate)" grep -q 'ocikit-runtime-gate is neither next to this binary' <<<"$err"
run "$tmp/work" --ocikit-delegate "$tmp/bin/rec" state web
check "state passes through without the service" grep -q "rec state web" "$tmp/record"
run "$tmp/work" --ocikit-bogus x --ocikit-delegate "$tmp/bin/rec" create web
check "a bad shim flag goes to the gate" grep -q 'ocikit-runtime-gate is neither next to this binary' <<<"$err"

python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"not a request"); s.close()' "$sock"
chmod 0666 "$sock"
chmod 0755 "$tmp" "$tmp/alone" "$tmp/work" "$tmp/bin"
err=$(cd "$tmp/work" && setpriv --reuid=65534 --regid=65534 --clear-groups "$lone" --ocikit-gate-socket "$sock" \
  --ocikit-delegate "$tmp/bin/rec" create --bundle b web 2>&1)
check "another user's front is not served" grep -q 'ocikit-runtime-gate is neither next to this binary' <<<"$err"
run "$tmp/work" --ocikit-delegate "$tmp/bin/rec" create --bundle b web
check "the service outlived a bad request and another user" test -e "$tmp/record"

kill "$service"; wait "$service" 2>/dev/null; service=
run "$tmp/work" --ocikit-delegate "$tmp/bin/rec" create --bundle b web
check "no service: the lone front needs its gate" grep -q 'ocikit-runtime-gate is neither next to this binary' <<<"$err"
rm -f "$tmp/record"
(cd "$tmp/work" && "$front" --ocikit-gate-socket "$sock" --ocikit-delegate "$tmp/bin/rec" create --bundle b web)
check "no service: the front runs its gate" test -e "$tmp/record"

rm -f "$sock"
systemd-socket-activate -l "$sock" "$gate" --ocikit-serve /nonexistent/unused.sock 2>"$tmp/service.err" &
service=$!
for _ in $(seq 100); do [[ -S $sock ]] && break; sleep 0.05; done
run "$tmp/work" --ocikit-delegate "$tmp/bin/rec" create --bundle b web
check "systemd socket activation: served on the socket systemd passes" test -e "$tmp/record"

if ((fails)); then
  echo "gate_service_test: $fails failed"
  exit 1
fi
echo "gate_service_test: all passed"
