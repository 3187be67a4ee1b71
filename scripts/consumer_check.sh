#!/usr/bin/env bash
# Builds ocikit's headers the way a project without Bazel uses them, with one
# compiler and plain compiler invocations, in a fresh temporary directory:
#
#   header-only: each program in scripts/consumers/ is compiled with
#     -std=c++20 -I<repo> -Wall -Wextra -Wpedantic -Werror and linked with the
#     system libraries the headers need (Abseil, RE2, libseccomp);
#   compiled (-DOCIKIT_COMPILED_LIB): the FOO-inl.h files each program reaches
#     (found by following its #include "..." lines; FOO.h names its FOO-inl.h)
#     are compiled once each, as //:ocikit.bzl does, into libocikit.a in the
#     temporary directory, and the program is compiled with the macro and
#     linked against that archive. The archive is built here rather than taken
#     from bazel-bin so that every compiler is checked alike, without a Bazel
#     output base per compiler.
#
# The programs live in scripts/consumers/, next to this script, and not under
# testdata/: they are code built only here, not data for a Bazel test, and a
# folder without a BUILD file keeps them out of //... .
#
# Then every program runs. Usage:
#   scripts/consumer_check.sh [COMPILER]     (default: $CXX, else g++)
# e.g. scripts/consumer_check.sh clang++-16. Prints a closing line
# "consumers: N passed, M failed" and exits non-zero when any failed.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cxx=${1:-${CXX:-g++}}
command -v "$cxx" >/dev/null || { echo "consumer_check: no compiler '$cxx'" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ocikit-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT
cxxflags=(-std=c++20 -I"$repo" -Wall -Wextra -Wpedantic -Werror)
# The link flags the programs' headers list on their "// Dependencies:" lines
# (scripts/header_deps.py reads them from third_party/system/BUILD.bazel).
mapfile -t headers < <(grep -ho '#include "[^"]*"' "$repo"/scripts/consumers/*.cc | cut -d'"' -f2 | sort -u)
read -r -a libs <<<"$(python3 "$repo/scripts/header_deps.py" --libs "${headers[@]}") -pthread"
export cxx work repo
export CXXFLAGS_LINE="${cxxflags[*]}"

echo "compiler: $cxx ($("$cxx" --version | head -n 1))"
echo "work dir: $work"

# The FOO-inl.h files (repo-relative) reached from the given sources.
inl_closure() {
  local -A seen=()
  local queue=("$@") file inc
  while ((${#queue[@]})); do
    file=${queue[0]}
    queue=("${queue[@]:1}")
    while read -r inc; do
      [[ -f $repo/$inc && -z ${seen[$inc]:-} ]] || continue
      seen[$inc]=1
      queue+=("$repo/$inc")
    done < <(sed -n 's/^#include "\(.*\)"$/\1/p' "$file")
  done
  for inc in "${!seen[@]}"; do
    [[ $inc == *-inl.h ]] && echo "$inc"
  done | sort
}

# Compiles one FOO-inl.h for the compiled library (run by xargs).
compile_inl() {
  local inl=$1 stem=${1%-inl.h}
  local src=$work/lib/${stem//\//_}.cc
  echo "#include \"$inl\"" >"$src"
  # shellcheck disable=SC2086  # CXXFLAGS_LINE holds several flags
  "$cxx" $CXXFLAGS_LINE -DOCIKIT_COMPILED_LIB -c "$src" -o "${src%.cc}.o" ||
    { echo "  FAILED to compile $inl" >&2; return 1; }
}
export -f compile_inl

passed=0
failed=0
result() {  # result NAME STATUS
  if [[ $2 -eq 0 ]]; then
    passed=$((passed + 1)); echo "  PASSED $1"
  else
    failed=$((failed + 1)); echo "  FAILED $1"
  fi
}

mapfile -t programs < <(ls "$repo"/scripts/consumers/*.cc)

echo "header-only:"
for prog in "${programs[@]}"; do
  name=$(basename "$prog" .cc)
  bin=$work/header_only_$name
  echo "  \$ $cxx ${cxxflags[*]} scripts/consumers/$name.cc -o $bin <libs>"
  if "$cxx" "${cxxflags[@]}" "$prog" -o "$bin" "${libs[@]}" && "$bin"; then
    result "header-only $name" 0
  else
    result "header-only $name" 1
  fi
done

echo "compiled (-DOCIKIT_COMPILED_LIB):"
mkdir -p "$work/lib"
mapfile -t inls < <(inl_closure "${programs[@]}")
echo "  compiling ${#inls[@]} -inl.h files into $work/libocikit.a"
if printf '%s\n' "${inls[@]}" | xargs -P "$(nproc)" -n 1 bash -c 'compile_inl "$1"' _ &&
   ar rcs "$work/libocikit.a" "$work"/lib/*.o; then
  lib_ok=1
else
  lib_ok=0
  echo "  the compiled library did not build" >&2
fi
for prog in "${programs[@]}"; do
  name=$(basename "$prog" .cc)
  bin=$work/compiled_$name
  echo "  \$ $cxx ${cxxflags[*]} -DOCIKIT_COMPILED_LIB scripts/consumers/$name.cc -o $bin libocikit.a <libs>"
  if ((lib_ok)) && "$cxx" "${cxxflags[@]}" -DOCIKIT_COMPILED_LIB "$prog" -o "$bin" "$work/libocikit.a" "${libs[@]}" && "$bin"; then
    result "compiled $name" 0
  else
    result "compiled $name" 1
  fi
done

echo "consumers: ${passed} passed, ${failed} failed"
[[ $failed -eq 0 ]]
