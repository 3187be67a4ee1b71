#!/usr/bin/env bash
# Checks third_party/system/static.bzl against the system: its Abseil closure
# is what `pkg-config --libs --static` prints for its modules today (so an
# Abseil upgrade that adds a component fails here, not at a link), and the
# binaries linked with static_linkopts() have no program interpreter (they
# are static), unless the build is a sanitizer build (--dynamic-ok).
#
#   static_linkopts_test.sh [--dynamic-ok] --modules M... --libs L... --binaries B...
set -euo pipefail
dynamic_ok=0 modules=() libs=() binaries=() into=
for arg in "$@"; do
  case $arg in
    --dynamic-ok) dynamic_ok=1 ;;
    --modules | --libs | --binaries) into=${arg#--} ;;
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
for b in "${binaries[@]}"; do
  if readelf -l "$b" | grep -q "Requesting program interpreter"; then
    if ((dynamic_ok)); then
      echo "ok: $b is dynamic (a sanitizer build)"
    else
      echo "FAIL: $b is dynamically linked; expected a static executable" >&2
      fail=1
    fi
  else
    echo "ok: $b is static"
  fi
done
((fail == 0)) && echo "static link options: ok"
exit "$fail"
