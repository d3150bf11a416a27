#!/bin/sh
# What the Cockpit's view over all Controllers adds to one live update (CPU time of the UI thread's work), e.g.
#   bench/cockpit/merged.sh 10000 10     # two Controllers of 5,000 orders, updates naming 10 orders
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl desktop-cockpit -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx512m} -cp "desktop-cockpit/target/test-classes:desktop-cockpit/target/classes:$(cat desktop-cockpit/target/test-classpath.txt)" \
  io.jobwerk.cockpit.bench.MergedOrdersBench "$@"
