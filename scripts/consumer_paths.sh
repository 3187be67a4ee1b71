#!/usr/bin/env bash
# The ways other projects consume ocikit, each checked from a clean temporary
# directory as CI does (scripts/ci_stages.sh runs one stage per line below).
# The example consumers are the README's snippets, extracted from README.md
# by scripts/readme_snippets.py, so what runs is what the README says.
#
#   consumer_paths.sh snippets             README's snippets equal scripts/consumers/{bazel,installed}/
#   consumer_paths.sh bazel [CC]           the README's Bazel workspace (local_repository + deps.bzl),
#                                          fresh output base, downloads disabled; CC: gcc or clang
#   consumer_paths.sh install PREFIX       scripts/install.sh --prefix PREFIX, and the tree's layout
#   consumer_paths.sh pkg-config PREFIX CXX  the README's pkg-config commands (compiled and
#                                          header-only), and scripts/consumers/*.cc against PREFIX
#   consumer_paths.sh cmake PREFIX CXX     the README's CMake project (find_package(ocikit CONFIG))
#   consumer_paths.sh deb                  scripts/make_deb.sh; apt-get install ./ocikit_*.deb; ocikit
#                                          --version, spec | lint -, run; pkg-config and CMake consumers
#                                          against /usr; apt-get purge; nothing left behind
#   consumer_paths.sh pre-commit           .pre-commit-hooks.yaml with pre-commit try-repo on a
#                                          throwaway repository: good and bad config.json, golden cases
#   consumer_paths.sh action               action.yml parses, and its lint command works
#
# Exits non-zero when the check fails. Needs the packages of
# `scripts/setup.sh --ci`; deb needs root (and no ocikit package installed).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ocikit-consumer-paths.XXXXXX")
cleanup_steps=()
cleanup() {
  local i
  for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do eval "${cleanup_steps[i]}" || true; done
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "consumer_paths: $*" >&2; exit 1; }
run() { echo "+ $*" >&2; "$@"; }

# The README's snippets, under $work/readme/scripts/consumers/.
extract_readme() {
  python3 "$repo/scripts/readme_snippets.py" extract "$work/readme" >/dev/null
  echo "$work/readme/scripts/consumers"
}

# The ocikit binary of the g++ build (built if needed).
built_ocikit() {
  (cd "$repo" && bazel build --noshow_progress //executor/cli:ocikit >&2)
  echo "$(cd "$repo" && bazel info bazel-bin 2>/dev/null)/executor/cli/ocikit"
}

check_snippets() {
  python3 "$repo/scripts/readme_snippets.py" check
}

# The README's workspace, with ocikit at third_party/ocikit (this checkout),
# built and run by its own command (build.sh) through a `bazel` that uses a
# fresh output base and may not download anything.
check_bazel() {
  local cc=${1:-gcc} dir
  dir=$(extract_readme)/bazel
  mkdir -p "$dir/third_party" "$work/bin"
  ln -s "$repo" "$dir/third_party/ocikit"
  local -a flags=(--experimental_repository_disable_download --repository_cache=
                  --nosandbox_debug --noshow_progress)
  flags+=("--ui_event_filters=-debug,-info")  # one Bazel flag: the comma is its own
  [[ $cc == clang ]] && flags+=(--repo_env=CC=clang --repo_env=CXX=clang++)
  cat >"$work/bin/bazel" <<WRAPPER
#!/bin/sh
cmd=\$1; shift
case \$cmd in build|run|test) set -- ${flags[*]} "\$@" ;; esac
exec $(command -v bazel) --output_base="$work/output_base" "\$cmd" "\$@"
WRAPPER
  chmod +x "$work/bin/bazel"
  cleanup_steps+=("(cd '$dir' && '$work/bin/bazel' shutdown)")
  local out
  out=$(cd "$dir" && PATH=$work/bin:$PATH bash -euo pipefail build.sh)
  echo "$out"
  [[ $out == "hello from ocikit: /bin/echo" ]] || fail "bazel: unexpected output: $out"
  if [[ $cc == clang ]]; then
    readelf -p .comment "$dir/bazel-bin/hello" | grep -q 'clang version' || fail "bazel: hello was not built by clang"
  fi
}

check_install() {
  local prefix=$1
  run "$repo/scripts/install.sh" --prefix "$prefix"
  local f
  for f in bin/ocikit bin/ocikit-runtime libexec/ocikit/ocikit-runtime-gate share/ocikit/runtime.json \
           share/ocikit/systemd/ocikit-gate.socket share/ocikit/systemd/ocikit-gate.service share/man/man1/ocikit.1 include/ocikit/spec/codec.h include/ocikit/spec/codec-inl.h \
           include/ocikit/spec/internal/compile_mode.h lib/cmake/ocikit/ocikitConfig.cmake \
           lib/cmake/ocikit/ocikitConfigVersion.cmake; do
    [[ -f $prefix/$f ]] || fail "install: $prefix/$f is missing"
  done
  "$prefix/bin/ocikit-runtime" --ocikit-help | grep -q '^Usage: ocikit-runtime' ||
    fail "install: bin/ocikit-runtime does not find libexec/ocikit/ocikit-runtime-gate"
  grep -qxF "ExecStart=$prefix/libexec/ocikit/ocikit-runtime-gate --ocikit-serve /run/ocikit/gate.sock" \
    "$prefix/share/ocikit/systemd/ocikit-gate.service" || fail "install: ocikit-gate.service does not start the installed gate"
  for layer in spec policy executor; do
    for f in "lib/libocikit_$layer.a" "lib/pkgconfig/ocikit-$layer.pc" "lib/pkgconfig/ocikit-$layer-header-only.pc"; do
      [[ -s $prefix/$f ]] || fail "install: $prefix/$f is missing or empty"
    done
  done
  # Every ocikit header an installed header includes is installed.
  local missing
  missing=$(cd "$prefix/include/ocikit" && grep -rhoE '^#include "(spec|policy|executor)/[^"]+"' . |
    cut -d'"' -f2 | sort -u | while read -r h; do [[ -f $h ]] || echo "$h"; done)
  [[ -z $missing ]] || fail "install: headers included but not installed: $missing"
  # No test code, no absolute paths of this checkout or the build.
  [[ -z $(find "$prefix/include" -name '*test*' -o -name '*testing*') ]] || fail "install: test headers installed"
  ! grep -rl "$repo" "$prefix/lib/pkgconfig" "$prefix/lib/cmake" || fail "install: the checkout's path is in the files above"
  check_installed_link_flags "$prefix"
  echo "install: $(find "$prefix" -type f | wc -l) files"
}

# Each layer's .pc links, in both modes, every -l flag that the
# third_party/system targets its libraries reach list in their BUILD file
# (asked of Bazel here, independently of packaging/system_libs.txt).
check_installed_link_flags() {
  local prefix=$1 layer module want have missing
  for layer in spec policy executor; do
    want=$(cd "$repo" && bazel query --noshow_progress --output=build       "deps(kind('cc_library', //$layer/...) except attr(testonly, 1, //$layer/...)) intersect //third_party/system:*"       2>/dev/null | grep -o '"-l[^"]*"' | tr -d '"' | sort -u)
    for module in "ocikit-$layer" "ocikit-$layer-header-only"; do
      have=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs "$module" | tr ' ' '\n' | sort -u)
      missing=$(comm -23 <(echo "$want") <(echo "$have"))
      [[ -z $missing ]] || fail "install: $module.pc does not link ${missing//$'\n'/ } (third_party/system/BUILD.bazel)"
    done
    [[ $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs "ocikit-$layer") == *"-locikit_$layer"* ]] ||
      fail "install: ocikit-$layer.pc does not link -locikit_$layer"
    echo "install: ocikit-$layer.pc and ocikit-$layer-header-only.pc link all $(echo "$want" | wc -w) -l flags of BUILD"
  done
}

# The README's pkg-config commands, then ocikit's own consumer programs
# (which include "spec/codec.h", through -I PREFIX/include/ocikit) in both
# modes, with the executor layer (which brings the two below it).
check_pkg_config() {
  local prefix=$1 cxx=$2 dir prog mode
  dir=$(extract_readme)/installed
  (cd "$dir" && OCIKIT_PREFIX=$prefix CXX=$cxx bash -euxo pipefail pkg-config.sh)
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  for prog in "$repo"/scripts/consumers/*.cc; do
    for mode in ocikit-executor ocikit-executor-header-only; do
      # shellcheck disable=SC2046  # pkg-config prints several flags
      run "$cxx" -std=c++20 -Wall -Wextra -Wpedantic -Werror "$prog" -o "$work/prog" \
        $(pkg-config --cflags --libs "$mode")
      "$work/prog"
    done
  done
}

# The README's CMake project, then ocikit's own consumer programs with
# ocikit::executor and ocikit::executor_header_only.
check_cmake() {
  local prefix=$1 cxx=$2 dir prog name
  dir=$(extract_readme)/installed
  (cd "$dir" && OCIKIT_PREFIX=$prefix CXX=$cxx bash -euxo pipefail cmake.sh)
  dir=$work/cmake-executor
  mkdir -p "$dir"
  {
    printf 'cmake_minimum_required(VERSION 3.16)\nproject(executor_consumers LANGUAGES CXX)\n'
    printf 'find_package(ocikit 0.1 CONFIG REQUIRED)\nadd_compile_options(-Wall -Wextra -Wpedantic -Werror)\n'
    for prog in "$repo"/scripts/consumers/*.cc; do
      name=$(basename "$prog" .cc)
      printf 'add_executable(%s %s)\ntarget_link_libraries(%s PRIVATE ocikit::executor)\n' "$name" "$prog" "$name"
      printf 'add_executable(%s_header_only %s)\n' "$name" "$prog"
      printf 'target_link_libraries(%s_header_only PRIVATE ocikit::executor_header_only)\n' "$name"
    done
  } >"$dir/CMakeLists.txt"
  CXX=$cxx run cmake -S "$dir" -B "$dir/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  run cmake --build "$dir/build" -j "$(nproc)" >/dev/null
  for prog in "$dir"/build/*; do
    if [[ -f $prog && -x $prog ]]; then run "$prog"; fi
  done
}

check_deb() {
  [[ $(id -u) -eq 0 ]] || fail "deb: needs root (apt-get install)"
  ! dpkg-query -W -f='${Status}' ocikit 2>/dev/null | grep -q installed ||
    fail "deb: an ocikit package is installed already; remove it first (apt-get purge ocikit)"
  local deb
  deb=$(run "$repo/scripts/make_deb.sh" "$work")
  run dpkg-deb --info "$deb"
  check_deb_depends "$deb"
  cleanup_steps+=("DEBIAN_FRONTEND=noninteractive apt-get purge -y ocikit >/dev/null 2>&1")
  DEBIAN_FRONTEND=noninteractive run apt-get install -y --no-install-recommends "$deb"
  [[ $(command -v ocikit) == /usr/bin/ocikit ]] || fail "deb: ocikit is not /usr/bin/ocikit"
  run ocikit --version
  run ocikit-runtime --ocikit-help >/dev/null
  run bash -o pipefail -c 'ocikit spec | ocikit lint -'
  man -w ocikit >/dev/null 2>&1 || [[ -f /usr/share/man/man1/ocikit.1.gz ]] || fail "deb: no man page"
  check_deb_run
  local dir
  dir=$(extract_readme)/installed
  (cd "$dir" && OCIKIT_PREFIX=/usr bash -euxo pipefail pkg-config.sh)
  (cd "$dir" && OCIKIT_PREFIX=/usr bash -euxo pipefail cmake.sh)
  DEBIAN_FRONTEND=noninteractive run apt-get purge -y ocikit
  ! dpkg-query -W -f='${Status}' ocikit 2>/dev/null | grep -q 'install ok' || fail "deb: still installed"
  local left
  left=$(ls -d /usr/bin/ocikit /usr/bin/ocikit-runtime /usr/libexec/ocikit /usr/share/ocikit /usr/include/ocikit /usr/lib/libocikit_* /usr/lib/pkgconfig/ocikit-* \
    /usr/lib/cmake/ocikit /usr/share/man/man1/ocikit.1.gz 2>/dev/null || true)
  [[ -z $left ]] || fail "deb: left behind after purge: $left"
  echo "deb: installed, used and removed cleanly"
}

# Depends: names runc and the package of every shared library the packaged
# binaries load (NEEDED), so a clean machine gets them with the package.
check_deb_depends() {
  local deb=$1 depends names x lib path pkg
  depends=$(dpkg-deb -f "$deb" Depends)
  names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/ //g')
  grep -qx runc <<<"$names" || fail "deb: Depends: has no runc: $depends"
  x=$(mktemp -d "$work/deb-x.XXXXXX")
  dpkg-deb -x "$deb" "$x"
  for lib in $(readelf -d "$x"/usr/bin/* "$x"/usr/libexec/ocikit/* | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !p {p = $NF} END {print p}')
    # dpkg knows a library under /lib or /usr/lib (usrmerge), as the link or its target.
    pkg=$({ dpkg -S "$path" "/usr$path" "$(readlink -f "$path")" 2>/dev/null || true; } | head -1 | cut -d: -f1)
    [[ -n $pkg ]] || fail "deb: no Debian package owns $lib ($path), which the binaries load"
    grep -qx "$pkg" <<<"$names" || fail "deb: Depends: ($depends) lacks $pkg, the package of $lib"
  done
  echo "deb: Depends: $depends covers runc and every NEEDED library"
}

# `ocikit run` of the installed package, on the busybox rootfs of scripts/setup.sh.
check_deb_run() {
  local rootfs=$repo/.rootfs/busybox out
  [[ -d $rootfs ]] || fail "deb: no rootfs at $rootfs (scripts/setup.sh makes it)"
  out=$(cd "$work" && run ocikit run --name consumers-deb-check --rootfs "$rootfs" echo hello from the .deb)
  echo "$out"
  [[ $out == "hello from the .deb" ]] || fail "deb: ocikit run printed: $out"
  ! runc list -q 2>/dev/null | grep -qx consumers-deb-check || fail "deb: container consumers-deb-check left behind"
}

# pre-commit try-repo with this checkout's hooks, in a throwaway repository.
check_pre_commit() {
  local ocikit repo_dir=$work/project
  ocikit=$(built_ocikit)
  PATH=$(dirname "$ocikit"):$PATH
  export PATH PRE_COMMIT_HOME=$work/pre-commit-home
  mkdir -p "$repo_dir/good" "$repo_dir/bad" "$repo_dir/golden/web"
  cd "$repo_dir"
  git init -q . && git config user.email ci@localhost && git config user.name ci
  ocikit spec --hostname web sh >good/config.json
  ocikit spec --hostname web sh | sed 's/"cwd": "\/"/"cwd": "tmp"/' >bad/config.json
  grep -q '"cwd": "tmp"' bad/config.json || fail "pre-commit: could not make the bad config.json"
  printf -- '--hostname\nweb\nsh\n' >golden/web/args
  ocikit golden update golden/ >/dev/null
  git add . && git commit -qm fixtures
  try() { pre-commit try-repo "$repo" "$@" 2>&1; }
  try ocikit-lint --files good/config.json || fail "pre-commit: ocikit-lint refused a good config.json"
  ! try ocikit-lint --files bad/config.json || fail "pre-commit: ocikit-lint passed a bad config.json"
  try ocikit-golden-check --files golden/web/args || fail "pre-commit: ocikit-golden-check failed on fresh cases"
  sed -i '1i --cap-drop=net_raw' golden/web/args
  ! try ocikit-golden-check --files golden/web/args || fail "pre-commit: ocikit-golden-check passed a stale case"
}

# action.yml: a composite action whose lint step, run here with this build's
# ocikit, writes SARIF 2.1.0 and reports the exit status.
check_action() {
  local ocikit
  ocikit=$(built_ocikit)
  python3 - "$repo/action.yml" "$work/lint.sh" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
steps = action['runs']['steps']
assert action['runs']['using'] == 'composite', 'runs.using must be composite'
assert all('shell' in s for s in steps if 'run' in s), 'every run step needs a shell'
uploads = [s for s in steps if s.get('uses', '').startswith('github/codeql-action/upload-sarif@')]
assert uploads and uploads[0]['with']['sarif_file'] == '${{ inputs.sarif }}', 'the SARIF upload step'
lint = next(s for s in steps if s.get('id') == 'lint')
open(sys.argv[2], 'w').write(lint['run'])
print('action.yml: %d steps, inputs %s' % (len(steps), ', '.join(action['inputs'])))
PY
  mkdir -p "$work/bin" "$work/project"
  ln -s "$ocikit" "$work/bin/ocikit"
  "$ocikit" spec sh | sed 's/"cwd": "\/"/"cwd": "tmp"/' >"$work/project/config.json"
  (cd "$work/project" && PATH=$work/bin:$PATH OCIKIT_PATHS=config.json OCIKIT_ARGS='' OCIKIT_SARIF=out.sarif \
    GITHUB_OUTPUT=$work/github_output bash --noprofile --norc -eo pipefail "$work/lint.sh") ||
    fail "action: the lint step failed (GitHub runs it with bash -eo pipefail)"
  grep -qx 'exit-code=1' "$work/github_output" || fail "action: expected exit-code=1, got $(cat "$work/github_output")"
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["version"] == "2.1.0" and d["runs"][0]["results"], d' \
    "$work/project/out.sarif" || fail "action: out.sarif is not SARIF 2.1.0 with results"
  echo "action: lint step wrote SARIF with findings"
}

case ${1:-} in
  snippets) check_snippets ;;
  bazel) check_bazel "${2:-gcc}" ;;
  install) check_install "${2:?install PREFIX}" ;;
  pkg-config) check_pkg_config "${2:?pkg-config PREFIX CXX}" "${3:?pkg-config PREFIX CXX}" ;;
  cmake) check_cmake "${2:?cmake PREFIX CXX}" "${3:?cmake PREFIX CXX}" ;;
  deb) check_deb ;;
  pre-commit) check_pre_commit ;;
  action) check_action ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
