#!/usr/bin/env bash
# Builds the Debian package of ocikit with dpkg-deb:
#
#   scripts/make_deb.sh [OUTDIR] [BAZEL_BUILD_FLAG...]     (default OUTDIR: .)
#
# It holds what scripts/install.sh installs, with prefix /usr: the ocikit
# binary and its man page, the headers, the static libraries, the pkg-config
# files and the CMake package. Depends: comes from dpkg-shlibdeps on the
# binaries (libc6 and libseccomp2: they link Abseil, RE2 and libstdc++
# statically, third_party/system/static.bzl) plus runc,
# which `ocikit run` drives; Recommends: names the -dev packages that own the
# .pc files ocikit's .pc files require, for building against the libraries.
# BAZEL_BUILD_FLAGs go to scripts/install.sh: CI passes none and reuses the
# outputs of `bazel test //...` (fastbuild); a release would pass
# `-c opt --force_pic` (not exercised by CI).
# Prints the path of ocikit_<version>_amd64.deb. Try it with
#   apt-get install ./ocikit_<version>_amd64.deb      (remove: apt-get purge ocikit)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
outdir=$(realpath -m "${1:-.}")
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/stage

"$repo/scripts/install.sh" --prefix /usr --destdir "$stage" "$@" >&2
version=$("$stage/usr/bin/ocikit" --version | awk '{print $2}')
gzip -9n "$stage/usr/share/man/man1/ocikit.1"

# Depends: the shared libraries the binary links, as Debian's shlibs name them.
mkdir -p "$work/debian"
printf 'Source: ocikit\n\nPackage: ocikit\nArchitecture: amd64\n' >"$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O -e stage/usr/bin/ocikit -e stage/usr/libexec/ocikit/ocikit-runtime-gate 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[[ -n $shlibs ]] || { echo "make_deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

# Recommends: the packages owning the .pc files ocikit's .pc files require.
export PKG_CONFIG_PATH=$stage/usr/lib/pkgconfig
modules=$(sed -n 's/^Requires: //p' "$stage"/usr/lib/pkgconfig/*.pc | tr ' ' '\n' | grep -v '^ocikit-' | sort -u)
dev_packages=$(for m in $modules; do dpkg -S "$(pkg-config --path "$m")" | cut -d: -f1; done | sort -u | paste -sd, - | sed 's/,/, /g')

mkdir -p "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: ocikit
Version: $version
Architecture: amd64
Maintainer: ocikit developers <ocikit@localhost>
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $shlibs, runc
Recommends: $dev_packages, pkgconf | pkg-config
Description: toolkit for OCI runtime configuration (config.json)
 The ocikit command generates, lints, diffs and patches runtime-spec
 config.json files and runs containers with runc; ocikit-runtime enforces a
 lint policy in front of runc for Podman, containerd and CRI-O (example
 policy: /usr/share/ocikit/runtime.json). The package also holds the
 C++20 headers, static libraries, pkg-config files (ocikit-spec,
 ocikit-policy, ocikit-executor and their -header-only forms) and a CMake
 package (find_package(ocikit CONFIG)).
CONTROL
(cd "$stage" && find usr -type f -printf '%P\0' | sort -z | (cd usr && xargs -0 md5sum) |
  sed 's|  |  usr/|' >DEBIAN/md5sums)
mkdir -p "$outdir"
deb=$outdir/ocikit_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "$deb"
