#!/usr/bin/env bash
# Installs ocikit for projects that do not use Bazel, with Bazel as the build:
#
#   scripts/install.sh --prefix DIR [--destdir STAGE] [BAZEL_BUILD_FLAG...]
#
# e.g. scripts/install.sh --prefix "$HOME/.local" -c opt --force_pic. It writes
#   DIR/bin/ocikit                     the command line tool
#   DIR/bin/ocikit-runtime             the policy-enforcing OCI runtime shim (docs/runtime.md)
#   DIR/libexec/ocikit/ocikit-runtime-gate   the shim's policy gate, which it execs
#   DIR/share/ocikit/runtime.json      its example node policy (copy to /etc/ocikit/runtime.json)
#   DIR/share/ocikit/systemd/ocikit-gate.{socket,service}   the optional gate service's units
#   DIR/share/man/man1/ocikit.1        its --help texts, as a man page
#   DIR/include/ocikit/{spec,policy,executor}/...   the public headers
#   DIR/lib/libocikit_{spec,policy,executor}.a      the compiled layers
#   DIR/lib/pkgconfig/ocikit-<layer>.pc and ocikit-<layer>-header-only.pc
#   DIR/lib/cmake/ocikit/ocikitConfig.cmake (find_package(ocikit CONFIG))
#
# The headers keep the repository's layout under include/ocikit, so their own
# `#include "spec/..."` lines resolve through -I DIR/include/ocikit, and
# consumers write `#include <ocikit/spec/codec.h>` through -I DIR/include; the
# .pc files and the CMake targets add both. Each layer's library holds the
# objects of every non-test cc_library under //<layer>/...; its dependencies
# (the layers below it, the system libraries) come from `bazel query` and
# packaging/system_libs.txt (packaging/install_files.py).
#
# --destdir STAGE stages the files under STAGE/DIR (the .pc and CMake files
# still say DIR), as scripts/make_deb.sh does. Flags after the options go to
# `bazel build` (default: none, so the outputs of `bazel test //...` are
# reused). The libraries must hold position-independent code (Debian links
# executables as PIE): Bazel's default fastbuild compiles it, -c opt needs
# --force_pic, and the script refuses other objects. No shared libraries are
# installed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
prefix='' destdir=''
while (($#)); do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --destdir) destdir=${2:?--destdir needs a directory}; shift 2 ;;
    -h|--help) usage ;;
    *) break ;;
  esac
done
[[ -n $prefix ]] || { echo "install.sh: --prefix DIR is required" >&2; usage; }
prefix=$(realpath -m "$prefix")
[[ -z $destdir ]] || destdir=$(realpath -m "$destdir")
cd "$repo"
bazel_flags=("$@")
root=$destdir$prefix

# name|description of each layer, lower layers first.
layers=(
  "spec|the runtime-spec model, the JSON codec, the default spec, SpecOpts, rootfs reads"
  "policy|seccomp profiles, the linter and the semantic diff and patch"
  "executor|the reference executor, the flag table and the ocikit commands"
)

# The installed cc_library targets of a layer: everything but test code.
layer_targets() {
  bazel query --noshow_progress "kind('cc_library', //$1/...) except attr(testonly, 1, //$1/...)" 2>/dev/null
}

# The third_party/system targets (names) the given targets reach.
system_targets() {
  bazel query --noshow_progress "deps(set($*)) intersect //third_party/system:*" 2>/dev/null |
    sed 's|^//third_party/system:||'
}

# The layers below (names, lower first) the given targets reach.
lower_layers() {
  local layer=$1; shift
  local lower entry
  for entry in "${layers[@]}"; do
    lower=${entry%%|*}
    [[ $lower == "$layer" ]] && break
    [[ -n $(bazel query --noshow_progress "deps(set($*)) intersect //$lower/..." 2>/dev/null | head -n 1) ]] &&
      echo "$lower"
  done
}

# A layer's static library: the objects of its targets' archives, each
# archive's members in a folder of their own (members of different archives
# may share a name).
make_archive() {
  local out=$1; shift
  local work target pkg name archive n=0
  work=$(mktemp -d)
  for target in "$@"; do
    pkg=${target#//}; pkg=${pkg%%:*}; name=${target##*:}
    for archive in "$bin/$pkg/lib$name.pic.a" "$bin/$pkg/lib$name.a"; do
      [[ -f $archive ]] || continue
      n=$((n + 1)); mkdir "$work/$n"
      (cd "$work/$n" && ar x "$archive" && for o in *.o; do mv "$o" "${n}_$o"; done)
      break
    done
  done
  rm -f "$out"
  if [[ -n $(find "$work" -name '*.o' ! -name '*.pic.o') ]]; then
    echo "install.sh: $(basename "$out"): Bazel built objects without -fPIC; add --force_pic to the flags" >&2
    exit 1
  fi
  find "$work" -name '*.o' -print0 | sort -z | xargs -0 ar rcs "$out"
  rm -rf "$work"
}

# Public headers and the FOO-inl.h files they include: the .h files of the
# targets' hdrs and srcs.
install_headers() {
  local label path
  bazel query --noshow_progress "labels(hdrs, set($*)) + labels(srcs, set($*))" 2>/dev/null |
    grep '\.h$' | while read -r label; do
      path=${label#//}; path=${path/://}
      install -D -m 0644 "$path" "$root/include/ocikit/$path"
    done
}

# ocikit.1: `ocikit --help` and every command's --help.
install_man_page() {
  local ocikit=$1 version=$2 command
  mkdir -p "$root/share/man/man1"
  {
    printf '.TH OCIKIT 1 "" "ocikit %s" "User Commands"\n' "$version"
    printf '.SH NAME\nocikit \\- a toolkit for OCI runtime configuration (config.json)\n'
    printf '.SH DESCRIPTION\n.nf\n'
    "$ocikit" --help | sed 's/\\/\\e/g; s/^[.'"'"']/\\\&&/'
    printf '.fi\n'
    for command in $("$ocikit" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p'); do
      printf '.SH "OCIKIT %s"\n.nf\n' "${command^^}"
      "$ocikit" "$command" --help 2>&1 | sed 's/\\/\\e/g; s/^[.'"'"']/\\\&&/'
      printf '.fi\n'
    done
  } >"$root/share/man/man1/ocikit.1"
}

echo "install.sh: querying the layers"
declare -A targets_of
all=()
for entry in "${layers[@]}"; do
  layer=${entry%%|*}
  targets_of[$layer]=$(layer_targets "$layer" | tr '\n' ' ')
  read -r -a t <<<"${targets_of[$layer]}"
  all+=("${t[@]}")
done

echo "install.sh: bazel build ${bazel_flags[*]} (${#all[@]} libraries, //executor/cli:ocikit and ocikit-runtime)"
bazel build --noshow_progress "${bazel_flags[@]}" "${all[@]}" //executor/cli:ocikit \
  //executor/runtime_shim:ocikit-runtime
bin=$(bazel info "${bazel_flags[@]}" bazel-bin 2>/dev/null)
ocikit=$bin/executor/cli/ocikit
version=$("$ocikit" --version | awk '{print $2}')

echo "install.sh: installing ocikit $version into ${destdir:+$destdir (staging) }$prefix"
install -D -m 0755 "$ocikit" "$root/bin/ocikit"
# The shim's front is what engines exec; it finds its gate in ../libexec/ocikit.
install -D -m 0755 "$bin/executor/runtime_shim/ocikit-runtime-front" "$root/bin/ocikit-runtime"
install -D -m 0755 "$bin/executor/runtime_shim/ocikit-runtime-gate" "$root/libexec/ocikit/ocikit-runtime-gate"
install -D -m 0644 docs/runtime/runtime.json "$root/share/ocikit/runtime.json"
install -D -m 0644 docs/runtime/ocikit-gate.socket "$root/share/ocikit/systemd/ocikit-gate.socket"
sed "s#/usr/local/libexec/ocikit/#$prefix/libexec/ocikit/#" docs/runtime/ocikit-gate.service |
  install -D -m 0644 /dev/stdin "$root/share/ocikit/systemd/ocikit-gate.service"
install_man_page "$ocikit" "$version"
mkdir -p "$root/lib"
layers_json=$(mktemp)
trap 'rm -f "$layers_json"' EXIT
{
  echo "["
  sep=
  for entry in "${layers[@]}"; do
    layer=${entry%%|*}
    read -r -a t <<<"${targets_of[$layer]}"
    install_headers "${t[@]}"
    make_archive "$root/lib/libocikit_$layer.a" "${t[@]}"
    system=$(system_targets "${t[@]}" | sed 's/.*/"&"/' | paste -sd, -)
    lower=$(lower_layers "$layer" "${t[@]}" | sed 's/.*/"&"/' | paste -sd, -)
    printf '%s{"name": "%s", "description": "%s", "layers": [%s], "system": [%s]}\n' \
      "$sep" "$layer" "${entry#*|}" "$lower" "$system"
    sep=,
  done
  echo "]"
} >"$layers_json"
python3 packaging/install_files.py generate --root "$root" --prefix "$prefix" --version "$version" \
  --layers "$layers_json"
echo "install.sh: done: $(find "$root" -type f | wc -l) files under $root"
