#!/bin/sh
# The designer's relayout cost per edit (io.jobwerk.cockpit.designer.bench.DesignerLayoutBench), e.g.
#   bench/designer/run.sh 50 200 500
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl desktop-cockpit -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx1g} -cp "desktop-cockpit/target/test-classes:desktop-cockpit/target/classes:$(cat desktop-cockpit/target/test-classpath.txt)" io.jobwerk.cockpit.designer.bench.DesignerLayoutBench "$@"
