#!/bin/sh
# Runs the history's system goals (io.jobwerk.bench.HistoryGoalsBench, the standalone system in one JVM), e.g.
#   bench/history/goals.sh lag 1000 30          # orders at 1,000/s for 30 s: the history's lag behind the journal
#   bench/history/goals.sh bounded 1000 100000  # the Controller's journal and heap after 1,000 and after 100,000 orders
# JAVA_OPTS overrides the JVM options (default -Xmx2g); -Dbench.fsync=false runs without fsync.
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl system-tests -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx2g} -cp "system-tests/target/test-classes:$(cat system-tests/target/test-classpath.txt)" io.jobwerk.bench.HistoryGoalsBench "$@"
