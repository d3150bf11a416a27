#!/bin/sh
# The Cockpit's goals (issue 11), e.g.
#   bench/cockpit/run.sh                 # 10,000 live orders, 500 events/s, 60 s
#   bench/cockpit/run.sh 10000 500 30
# The Controller runs in a second JVM the bench starts (io.jobwerk.cockpit.bench.BenchSystem); the Cockpit
# in this one, headless (Monocle) unless COCKPIT_DISPLAY=1 (then on the real display), with the heap
# './jobwerk cockpit' gives it (-Xmx512m -XX:TieredStopAtLevel=1).
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl desktop-cockpit -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
headless="-Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1600x1000-32 -Djava.awt.headless=true"
[ -n "${COCKPIT_DISPLAY:-}" ] && headless=""
exec java ${JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1} $headless -cp "desktop-cockpit/target/test-classes:desktop-cockpit/target/classes:$(cat desktop-cockpit/target/test-classpath.txt)" \
  io.jobwerk.cockpit.bench.CockpitBench "$@"
