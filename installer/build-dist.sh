#!/usr/bin/env bash
# Builds the server distribution from the installer's files and the jars in LIBS:
#   TARGET/jobwerk-VERSION.tar.gz    one directory jobwerk-VERSION/ with bin/ lib/ config/ logs/ data/ systemd/
#   TARGET/jobwerk_DEBVERSION_all.deb the same under /opt/jobwerk, the systemd units, a system user 'jobwerk'
# Usage: build-dist.sh TARGET VERSION LIBS   (run by `mvn -Pdist -pl installer -am package`)
set -euo pipefail
installer="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1" version="$2" libs="$3"
name="jobwerk-$version"
stage="$target/dist/$name"

echo "jobwerk dist: staging $stage"
rm -rf "$target/dist" "$target/deb"
mkdir -p "$stage/lib" "$stage/logs" "$stage/data"
cp -a "$installer/src/dist/." "$stage/"
cp "$libs"/*.jar "$stage/lib/"
chmod 755 "$stage"/bin/*.sh "$stage/bin/jobwerk"
chmod 600 "$stage"/config/*-users.conf

echo "jobwerk dist: $target/$name.tar.gz"
tar -C "$target/dist" --owner=0 --group=0 -czf "$target/$name.tar.gz" "$name"

# Debian's version order: 0.1.0~SNAPSHOT sorts before 0.1.0
debversion="${version//-/\~}"
root="$target/deb/root"
mkdir -p "$root/opt/jobwerk" "$root/lib/systemd/system" "$root/DEBIAN"
cp -a "$stage/." "$root/opt/jobwerk/"
mv "$root/opt/jobwerk/systemd/"*.service "$root/lib/systemd/system/"
rmdir "$root/opt/jobwerk/systemd"
for script in postinst prerm postrm; do
  install -m 755 "$installer/src/deb/$script" "$root/DEBIAN/$script"
done
(cd "$root" && find opt/jobwerk/config -type f | sed 's|^|/|' | sort) > "$root/DEBIAN/conffiles"
size="$(du -sk "$root/opt" "$root/lib" | awk '{s += $1} END {print s}')"
sed -e "s/@VERSION@/$debversion/" -e "s/@SIZE@/$size/" "$installer/src/deb/control" > "$root/DEBIAN/control"
deb="$target/jobwerk_${debversion}_all.deb"
echo "jobwerk dist: $deb"
# gzip, not xz: xz takes minutes on 2 cores (TOOLCHAIN.md, gotcha 10); --root-owner-group needs no fakeroot
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "jobwerk dist: done"
