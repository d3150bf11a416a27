#!/bin/sh
# Runs the history benchmarks (a test-scoped main of the history module), e.g.
#   bench/history/run.sh ingest 20000
#   bench/history/run.sh query 1000000
# (exec:java cannot be used with -am: it would also run on the parent and engine-core.)
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl history -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx2g} -cp "history/target/test-classes:history/target/classes:$(cat history/target/test-classpath.txt)" \
  io.jobwerk.history.HistoryBench "$@"
