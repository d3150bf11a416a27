#!/bin/sh
# An edit in the real designer, headless, from the edit to the frame that shows it
# (io.jobwerk.cockpit.designer.bench.DesignerDrawBench), e.g.
#   bench/designer/draw.sh 200 500
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl desktop-cockpit -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx1g} -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1600x1000-32 \
  -Djava.awt.headless=true \
  -cp "desktop-cockpit/target/test-classes:desktop-cockpit/target/classes:$(cat desktop-cockpit/target/test-classpath.txt)" \
  io.jobwerk.cockpit.designer.bench.DesignerDrawBench "$@"
