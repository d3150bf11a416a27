#!/bin/sh
# Runs a test-scoped main class of engine-core with its test classpath, e.g.
#   bench/plan/run.sh io.jobwerk.engine.plan.bench.PlanBench 10000 7
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl engine-core test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx2g} -cp "engine-core/target/test-classes:engine-core/target/classes:$(cat engine-core/target/test-classpath.txt)" "$@"
