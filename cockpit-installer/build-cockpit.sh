#!/usr/bin/env bash
# Builds the Cockpit's installers with jpackage:
#   TARGET/app/jobwerk-cockpit/               the app image: bin/jobwerk-cockpit, lib/app (the jars), lib/runtime
#   TARGET/jobwerk-cockpit_VERSION-1_amd64.deb  the same under /opt/jobwerk-cockpit, with a desktop entry and icon
# The runtime is jlinked from the building JDK's modules and JavaFX's modular jars from Maven Central (the
# *-linux.jar files carry the native libraries); everything else stays on the class path (TOOLCHAIN.md, section 4).
# Usage: build-cockpit.sh TARGET VERSION LIBS FXMODS   (run by `mvn -Pdist -pl cockpit-installer -am package`)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1" version="$2" libs="$3" fxmods="$4"
name=jobwerk-cockpit
# jpackage wants a numeric version (0.1.0 of 0.1.0-SNAPSHOT); the .deb's is that with jpackage's release, 0.1.0-1
app_version="${version%%-*}"

rm -rf "$target/cockpit-runtime" "$target/app" "$target/$name"_*.deb
# without the tools the build goes on and CockpitPackageTest skips what is missing, saying why
if ! command -v jlink >/dev/null || ! command -v jpackage >/dev/null; then
  echo "jobwerk cockpit: NOT BUILT: jlink and jpackage (a full JDK 17+) are needed on the PATH" >&2; exit 0
fi
echo "jobwerk cockpit: icon"
java -Djava.awt.headless=true "$here/src/icon/CockpitIcon.java" "$target/$name.png" 256

# the classifier-less JavaFX jars are empty (the javafx parent pom picks the -linux ones)
find "$fxmods" -name 'javafx-*.jar' ! -name '*-linux.jar' -delete
# jdeps on the Cockpit's jars: java.sql (SQLite), java.naming (logging), java.net.http, java.scripting,
# java.management; jdk.crypto.ec for TLS; jdk.localedata with the locales an operator most likely reads.
# bin/java stays (no --strip-native-commands): --generate-cds-archive runs it
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.charsets,jdk.zipfs,jdk.localedata
echo "jobwerk cockpit: jlink $target/cockpit-runtime"
jlink --module-path "$fxmods" --add-modules "$modules,javafx.controls,javafx.swing" --include-locales=en,de,fr,es,it,nl,pl \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
  --output "$target/cockpit-runtime"

# ControlsFX reaches into JavaFX's internals; with JavaFX as named modules in the runtime it must be let in
# (TOOLCHAIN.md, gotcha 6). The tests run JavaFX on the class path and cannot see this.
controlsfx_access=(
  --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED
  --add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED
  --add-exports=javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED
  --add-exports=javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED
  --add-exports=javafx.graphics/com.sun.javafx.scene.traversal=ALL-UNNAMED
  --add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED
)
java_options=()
# C1 only: half the CPU from start to a filled dashboard (bench/README.md, "Cockpit")
for option in "${controlsfx_access[@]}" -XX:TieredStopAtLevel=1; do java_options+=(--java-options "$option"); done
main_jar="$(cd "$libs" && ls desktop-cockpit-*.jar)"
echo "jobwerk cockpit: app image $target/app/$name"
jpackage --type app-image --name "$name" --app-version "$app_version" --vendor Jobwerk \
  --description "Jobwerk Cockpit: the desktop console of a Jobwerk job scheduler" \
  --input "$libs" --main-jar "$main_jar" --main-class io.jobwerk.cockpit.CockpitMain \
  --runtime-image "$target/cockpit-runtime" --icon "$target/$name.png" \
  "${java_options[@]}" --dest "$target/app"

if ! command -v fakeroot >/dev/null; then
  echo "jobwerk cockpit: the .deb NOT BUILT: jpackage needs fakeroot (apt-get install fakeroot)" >&2; exit 0
fi
echo "jobwerk cockpit: .deb"
# libgtk-3-0: JavaFX's natives are inside its jars, so jpackage cannot see that glass needs GTK (gotcha 8);
# src/deb: jpackage's postinst and prerm templates, changed so that a machine without a desktop menu installs it
jpackage --type deb --resource-dir "$here/src/deb" --app-image "$target/app/$name" --name "$name" --app-version "$app_version" --vendor Jobwerk \
  --description "Jobwerk Cockpit: the desktop console of a Jobwerk job scheduler" \
  --linux-package-name "$name" --linux-deb-maintainer "jobwerk@localhost" --linux-app-category admin \
  --linux-menu-group "System;Monitor" --linux-shortcut --linux-package-deps libgtk-3-0 \
  --icon "$target/$name.png" --dest "$target"
deb="$(ls "$target/$name"_*.deb)"
echo "jobwerk cockpit: $deb ($(du -h "$deb" | cut -f1)), runtime $(du -sh "$target/cockpit-runtime" | cut -f1), app image $(du -sh "$target/app/$name" | cut -f1)"
