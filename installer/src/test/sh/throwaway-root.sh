#!/usr/bin/env bash
# Runs SCRIPT (sh -c, as root) inside a throwaway root: an overlay of this machine's / whose changes all go to
# DIR/upper, entered in a private mount namespace (unshare) with chroot; the machine's own files stay as they were,
# and the overlay is gone when the last process inside ends. Calls with the same DIR see the earlier calls' changes.
# So a package installs for real: dpkg's database, its maintainer scripts (adduser, chown) and its files act on the
# copy. Needs root, unshare and overlayfs: exit 125 with a line saying why where one is missing.
#   throwaway-root.sh DIR 'dpkg -i /path/x.deb && getent passwd jobwerk'
set -euo pipefail
dir="$(mkdir -p "$1" && cd "$1" && pwd)" script="$2"
[ "$(id -u)" = 0 ] || { echo "throwaway-root: needs root"; exit 125; }
command -v unshare >/dev/null || { echo "throwaway-root: needs unshare (util-linux)"; exit 125; }
mkdir -p "$dir/upper" "$dir/work" "$dir/merged"
exec unshare --mount --propagation private --fork /bin/sh -c '
  mount -t overlay overlay -o "lowerdir=/,upperdir=$1/upper,workdir=$1/work" "$1/merged" \
    || { echo "throwaway-root: cannot mount an overlay of / (not permitted here?)"; exit 125; }
  for m in proc sys dev; do mount --rbind "/$m" "$1/merged/$m" || exit 125; done
  exec chroot "$1/merged" /bin/sh -c "$2"' throwaway-root "$dir" "$script"
