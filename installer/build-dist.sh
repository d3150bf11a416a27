#!/usr/bin/env bash
# Builds the server distribution from the installer's files and the jars in LIBS:
#   TARGET/jobwerk-VERSION.tar.gz    one directory jobwerk-VERSION/ with bin/ lib/ config/ logs/ data/ systemd/
#   TARGET/jobwerk_DEBVERSION_all.deb the same under /opt/jobwerk, the systemd units, a system user 'jobwerk'
# With JLINK=true also runtime/: a Java runtime jlinked from the building JDK (the modules the servers use, and
# its default CDS archive), which bin/*.sh use when JAVA_HOME is not set; the archives are then named
# jobwerk-VERSION-linux-x64.tar.gz and jobwerk_DEBVERSION_amd64.deb (no Java dependency).
# Usage: build-dist.sh TARGET VERSION LIBS [JLINK]   (run by `mvn -Pdist [-Djobwerk.jlink=true] -pl installer -am package`)
set -euo pipefail
installer="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1" version="$2" libs="$3" jlink="${4:-false}"
name="jobwerk-$version"
stage="$target/dist/$name"

echo "jobwerk dist: staging $stage"
rm -rf "$target/dist" "$target/deb" "$target"/jobwerk-*.tar.gz "$target"/jobwerk_*.deb
mkdir -p "$stage/lib" "$stage/logs" "$stage/data"
cp -a "$installer/src/dist/." "$stage/"
cp "$libs"/*.jar "$stage/lib/"
chmod 755 "$stage"/bin/*.sh "$stage/bin/jobwerk"
chmod 600 "$stage"/config/*-users.conf

# The modules the server jars need (jdeps per jar: java.sql for SQLite/PostgreSQL, java.naming and java.security.*
# for Undertow/XNIO, java.desktop for java.beans in Jackson and PostgreSQL, jdk.management for the Subagent's
# process metrics), jdk.crypto.ec for TLS, jdk.jcmd for jcmd/jstack. Not compressed: the servers load their
# classes faster from an uncompressed modules file; --generate-cds-archive gives it the default CDS archive,
# which the AppCDS archives of bin/*.sh build on.
server_modules=java.base,java.logging,java.sql,java.naming,java.management,java.xml,java.desktop,java.net.http,java.security.jgss,java.security.sasl,java.compiler,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.jcmd
suffix="" arch=all
if [ "$jlink" = true ]; then
  echo "jobwerk dist: jlink $stage/runtime"
  jlink --add-modules "$server_modules" --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
    --output "$stage/runtime"
  echo "jobwerk dist: runtime $(du -sh "$stage/runtime" | cut -f1)"
  suffix="-linux-x64" arch=amd64
fi

echo "jobwerk dist: $target/$name$suffix.tar.gz"
tar -C "$target/dist" --owner=0 --group=0 -czf "$target/$name$suffix.tar.gz" "$name"

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
if [ "$jlink" = true ]; then
  # the runtime is inside: no Java needed, but it is built for this architecture
  sed -i -e "s/^Architecture: all/Architecture: $arch/" -e "s/^Depends: [^,]*| java21-runtime-headless, /Depends: /" "$root/DEBIAN/control"
fi
deb="$target/jobwerk_${debversion}_$arch.deb"
echo "jobwerk dist: $deb"
# gzip, not xz: xz takes minutes on 2 cores (TOOLCHAIN.md, gotcha 10); --root-owner-group needs no fakeroot
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "jobwerk dist: done"
