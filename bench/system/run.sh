#!/bin/sh
# Runs the standalone-system benchmarks (issue 4 goals) with the system-tests module's test classpath, e.g.
#   bench/system/run.sh noop 10000
#   bench/system/run.sh shell 2000 8
#   bench/system/run.sh sleep 15000
#   bench/system/run.sh latency 100 2000
#   bench/system/run.sh all
# JAVA_OPTS overrides the JVM options (default -Xmx2g); -Dbench.fsync=false runs without fsync.
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl system-tests -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx2g} -cp "system-tests/target/test-classes:$(cat system-tests/target/test-classpath.txt)" io.jobwerk.bench.StandaloneBench "$@"
