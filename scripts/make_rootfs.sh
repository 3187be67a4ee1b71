#!/usr/bin/env bash
# Assembles the small busybox test rootfs in .rootfs/busybox (git-ignored):
# Debian's static busybox with its applets, /etc/passwd and /etc/group with a
# few users, and the directories a runtime expects. Idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

busybox=/bin/busybox
[[ -x $busybox ]] || { echo "make_rootfs: $busybox missing (apt-get install busybox-static)" >&2; exit 1; }
out=.rootfs/busybox
stamp=$out/.ocikit-rootfs-v2
[[ -f $stamp && $stamp -nt $busybox && $stamp -nt "${BASH_SOURCE[0]}" ]] && exit 0

tmp=$(mktemp -d .rootfs.tmp.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# mktemp -d makes the directory 0700; the container's / must be searchable by
# non-root users (-u alice), or they cannot even read /etc/passwd.
chmod 0755 "$tmp"
mkdir -p "$tmp"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,home/alice,home/bob,proc,sys,dev,run,var/tmp}
chmod 0700 "$tmp/root"
chmod 1777 "$tmp/tmp" "$tmp/var/tmp"
cp "$busybox" "$tmp/bin/busybox"
for applet in $("$busybox" --list); do
  [[ $applet == busybox ]] || ln -sf busybox "$tmp/bin/$applet"
done
cat > "$tmp/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
alice:x:1000:1000:Alice:/home/alice:/bin/sh
bob:x:1001:100:Bob:/home/bob:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$tmp/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
tty:x:5:
users:x:100:bob
alice:x:1000:
staff:x:50:alice,bob
wheel:x:10:alice
nogroup:x:65534:
GROUP
chown 1000:1000 "$tmp/home/alice"
chown 1001:100 "$tmp/home/bob"
touch "$tmp/etc/hosts" "$tmp/etc/resolv.conf" "$tmp/etc/hostname"
touch "$tmp/.ocikit-rootfs-v2"
mkdir -p .rootfs
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "make_rootfs: busybox rootfs ready in $out"
