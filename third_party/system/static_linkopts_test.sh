#!/usr/bin/env bash
# Checks third_party/system/static.bzl against the system: its Abseil closure
# is what `pkg-config --libs --static` prints for its modules today (so an
# Abseil upgrade that adds a component fails here, not at a link), and the
# binaries linked with static_linkopts() need no shared library but glibc's
# and libseccomp, unless the build is a sanitizer build (--dynamic-ok); the
# --fully-static ones need none at all.
#
#   static_linkopts_test.sh [--dynamic-ok] --modules M... --libs L... --binaries B... [--fully-static F...]
set -euo pipefail
dynamic_ok=0 modules=() libs=() binaries=() fully_static=() into=
for arg in "$@"; do
  case $arg in
    --dynamic-ok) dynamic_ok=1 ;;
    --modules | --libs | --binaries) into=${arg#--} ;;
    --fully-static) into=fully_static ;;
    *) eval "$into+=(\"\$arg\")" ;;
  esac
done
fail=0
expected=$(pkg-config --libs --static "${modules[@]}" | sed 's/-Wl,--push-state,--as-needed -latomic -Wl,--pop-state//' | xargs)
if [[ "$expected" != "${libs[*]}" ]]; then
  echo "FAIL: STATIC_ABSL_LIBS differs from pkg-config --libs --static ${modules[*]}:" >&2
  echo "  static.bzl:  ${libs[*]}" >&2
  echo "  pkg-config:  $expected" >&2
  fail=1
fi
allowed='^(libc\.so\.6|libm\.so\.6|ld-linux-x86-64\.so\.2|libseccomp\.so\.2)$'
for b in "${binaries[@]}"; do
  others=$(readelf -d "$b" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | { grep -Ev "$allowed" || true; } | xargs)
  if [[ -z $others ]]; then
    echo "ok: $b needs only glibc and libseccomp"
  elif ((dynamic_ok)); then
    echo "ok: $b links shared libraries (a sanitizer build): $others"
  else
    echo "FAIL: $b needs $others; expected Abseil, RE2 and libstdc++ linked statically" >&2
    fail=1
  fi
done
for b in "${fully_static[@]}"; do
  if readelf -l "$b" | grep -q INTERP || readelf -d "$b" | grep -q NEEDED; then
    echo "FAIL: $b loads shared libraries; expected a fully static binary" >&2
    fail=1
  else
    echo "ok: $b is fully static"
  fi
done
((fail == 0)) && echo "static link options: ok"
exit "$fail"
