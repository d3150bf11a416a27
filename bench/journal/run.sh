#!/bin/sh
# Runs a test-scoped main class of the journal module with its test classpath, e.g.
#   bench/journal/run.sh io.jobwerk.journal.bench.JournalBench
# (exec:java cannot be used with -am: it would also run on the parent and engine-core.)
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl journal -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx2g} -cp "journal/target/test-classes:journal/target/classes:$(cat journal/target/test-classpath.txt)" "$@"
