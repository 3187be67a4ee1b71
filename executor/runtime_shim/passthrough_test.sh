#!/usr/bin/env bash
# runc pass-through table: every runc command other than create, run and exec
# behaves through ocikit-runtime exactly as runc itself: same exit code, same
# stdout, same stderr (log timestamps aside). Runs real runc with a private
# --root; a live container is created by runc and then driven through the shim.
set -u
shim=$(realpath "$1")
fail=0
. "$(dirname "$0")/require_engines.sh"
runc=$(command -v runc || echo /usr/sbin/runc)
if [[ $(id -u) != 0 || ! -x $runc ]]; then skip "needs root and runc (scripts/setup.sh installs runc)"; fi
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/ocikit-rt-pass.XXXXXX")
root=$tmp/root
id=ocikit-rt-pass-$$
cleanup() {
  "$runc" --root "$root" delete --force "$id" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
# The shim's node policy must not matter for pass-through commands: point it at
# a file that does not exist, which would refuse every create.
export OCIKIT_RUNTIME_POLICY=$tmp/absent.json OCIKIT_RUNTIME_DELEGATE=$runc

norm() { sed -E 's/time="[^"]*"/time=T/g; s/"time":"[^"]*"/"time":T/g'; }

# same NAME ARGS...: runs `runc ARGS` and `ocikit-runtime ARGS` in twin directories.
same() {
  local name=$1; shift
  mkdir -p "$tmp/a" "$tmp/b"
  (cd "$tmp/a" && "$runc" "$@" >"$tmp/a.out" 2>"$tmp/a.err"); local ca=$?
  (cd "$tmp/b" && "$shim" "$@" >"$tmp/b.out" 2>"$tmp/b.err"); local cb=$?
  if [[ $ca != "$cb" ]]; then echo "FAIL $name: exit $cb through the shim, $ca from runc"; fail=1; return; fi
  for s in out err; do
    if ! diff <(norm <"$tmp/a.$s") <(norm <"$tmp/b.$s") >"$tmp/diff"; then
      echo "FAIL $name: std$s differs:"; cat "$tmp/diff"; fail=1; return
    fi
  done
  if ! diff -r "$tmp/a" "$tmp/b" >/dev/null; then echo "FAIL $name: files written differ"; fail=1; return; fi
  rm -rf "$tmp/a" "$tmp/b"
  echo "ok   $name (exit $ca)"
}

missing=ocikit-rt-missing
same version --version
same help --help
same help-command help
same unknown-command no-such-command
same features features
same spec spec
same spec-rootless spec --rootless
same list --root "$root" list
same list-json --root "$root" list --format json
same state-missing --root "$root" state $missing
same kill-missing --root "$root" kill $missing KILL
same delete-missing --root "$root" delete $missing
same ps-missing --root "$root" ps $missing
same events-missing --root "$root" events --stats $missing
same update-missing --root "$root" update --memory 64M $missing
same pause-missing --root "$root" pause $missing
same resume-missing --root "$root" resume $missing
same checkpoint-missing --root "$root" checkpoint $missing
same json-log-missing --root "$root" --log-format json --log /dev/stderr state $missing
same debug-list --debug --root "$root" list
same debug-state-missing --debug --root "$root" --log /dev/stderr state $missing
same rootless-false-list --rootless false --root "$root" list
same rootless-true-state-missing --rootless=true --root "$root" state $missing
same rootless-auto-list --root "$root" --rootless auto list
same bad-global-flag --no-such-flag list

# Another delegate: crun, named on PATH.
if crun=$(command -v crun); then
  a=$("$crun" --version 2>&1); ca=$?
  b=$(OCIKIT_RUNTIME_DELEGATE= "$shim" --ocikit-delegate crun --version 2>&1); cb=$?
  if [[ $ca == "$cb" && $a == "$b" ]]; then echo "ok   --ocikit-delegate crun"; else echo "FAIL --ocikit-delegate crun: $cb '$b'"; fail=1; fi
fi
b=$(OCIKIT_RUNTIME_DELEGATE= "$shim" --ocikit-delegate "$shim" list 2>&1); cb=$?
[[ $cb == 1 && $b == *"is ocikit-runtime itself; name the real runtime"* ]] ||
  { echo "FAIL a delegate that is the shim itself: $cb '$b'"; fail=1; }

# A live container made by runc, then queried and driven through the shim.
bundle=$tmp/bundle
mkdir -p "$bundle"
rootfs=$(dirname "$(readlink -f "${TEST_SRCDIR:-.}/ocikit/README.md" 2>/dev/null || echo ./README.md)")/.rootfs/busybox
[[ -d $rootfs ]] || rootfs=${OCIKIT_DEFAULT_ROOTFS:-}
if [[ -d $rootfs ]]; then
  (cd "$bundle" && "$runc" spec && sed -i 's#"rootfs"#"'"$rootfs"'"#; s#"sh"#"sleep", "300"#; s#"terminal": true#"terminal": false#' config.json)
  "$runc" --root "$root" create --bundle "$bundle" "$id" </dev/null >/dev/null 2>&1 || { echo "FAIL runc create"; exit 1; }
  same state-created --root "$root" state "$id"
  same state-created-debug-rootless --debug --rootless false --root "$root" state "$id"
  same list-one --root "$root" list
  "$shim" --root "$root" start "$id"; [[ $? == 0 ]] || { echo "FAIL start through the shim"; fail=1; }
  same state-running --root "$root" state "$id"
  same ps-running --root "$root" ps "$id"
  "$shim" --root "$root" pause "$id" && [[ $("$runc" --root "$root" state "$id" | grep -c '"status": "paused"') == 1 ]] ||
    { echo "FAIL pause through the shim"; fail=1; }
  "$shim" --root "$root" resume "$id" && [[ $("$runc" --root "$root" state "$id" | grep -c '"status": "running"') == 1 ]] ||
    { echo "FAIL resume through the shim"; fail=1; }
  same update-running --root "$root" update --pids-limit 100 "$id"
  "$shim" --root "$root" kill "$id" KILL || { echo "FAIL kill through the shim"; fail=1; }
  for _ in $(seq 100); do "$runc" --root "$root" state "$id" | grep -q '"status": "stopped"' && break; sleep 0.05; done
  "$shim" --root "$root" delete "$id" || { echo "FAIL delete through the shim"; fail=1; }
  same state-deleted --root "$root" state "$id"
  echo "ok   live container: start, pause, resume, kill, delete through the shim"
else
  skip_check "live container: no busybox rootfs (scripts/setup.sh makes .rootfs/busybox)"
fi
exit $fail
