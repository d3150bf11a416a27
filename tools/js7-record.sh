#!/usr/bin/env bash
# Re-records the differential corpus conformance/src/test/resources/js7-recorded from a real JS7:
# builds JS7 2.9 (../shared/tools/js7/build.sh, cached after the first time), starts a Controller and
# an Agent (start.sh) plus a second Agent (AGENT2) on loopback, runs every generated shape on them
# (conformance's Js7Recorder), writes one fixture per case and stops everything it started.
#
#   JS7_GIT_DIR=/path/to/js7.git tools/js7-record.sh            # all cases
#   JS7_CP=/tmp/js7-build/classpath tools/js7-record.sh -Djs7.record.cases='fork.*'   # a selection
#
# Environment: JS7_GIT_DIR (a clone of github.com/sos-berlin/js7) or JS7_CP (a classpath file build.sh
# printed), JS7_TOOLS (default ../shared/tools/js7), JS7_PORT (Controller; Agents on +1 and +2;
# default 47444), JS7_BENCH_DIR (default /tmp/js7-diff/bench). Further arguments go to Maven
# (e.g. -Djs7.record.random=100 -Djs7.record.parallel=8).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${JS7_TOOLS:-$root/../shared/tools/js7}"
export JS7_BENCH_DIR="${JS7_BENCH_DIR:-/tmp/js7-diff/bench}"
port="${JS7_PORT:-47444}"
if [ -z "${JS7_CP:-}" ]; then
  JS7_CP="$(JS7_GIT_DIR="${JS7_GIT_DIR:?set JS7_GIT_DIR (a js7 git directory) or JS7_CP}" "$tools/build.sh" | tail -1)"
fi
export JS7_CP
D="$JS7_BENCH_DIR"
CP="$(cat "$JS7_CP")"

agent2_pid=""
stop_all() {
  if [ -n "$agent2_pid" ] && kill "$agent2_pid" 2>/dev/null; then
    for i in $(seq 300); do kill -0 "$agent2_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$agent2_pid" 2>/dev/null || true
  fi
  "$tools/stop.sh"
}
trap stop_all EXIT

JS7_PORT="$port" "$tools/start.sh"

# The Controller must know AGENT2's password: restart it with the line added (its journal is fresh).
cpid="$(cat "$D/controller.pid")"
kill "$cpid"; for i in $(seq 300); do kill -0 "$cpid" 2>/dev/null || break; sleep 0.1; done
kill -9 "$cpid" 2>/dev/null || true
printf 'js7.auth.agents.AGENT2 = "AGENT-PASSWORD"\n' >> "$D/controller/config/private/private.conf"
rm -rf "$D/controller/data/state" && mkdir -p "$D/controller/data/state"
log4j="${JS7_LOG4J:-classpath:js7/log4j2.xml}"
cd "$D/controller"
nohup java -Xmx1g -Dlog4j2.configurationFile="$log4j" -Djs7.log4j.directory="$D/controller/data/logs" \
  -cp "$CP" js7.controller.ControllerMain --config-directory="$D/controller/config" --data-directory="$D/controller/data" \
  --http-port=127.0.0.1:"$port" > "$D/controller/stdout.log" 2>&1 &
echo $! > "$D/controller.pid"

# The second Agent: a copy of the first one's configuration, fresh data.
mkdir -p "$D/agent2/data/state" "$D/agent2/data/work" "$D/agent2/data/logs"
cp -r "$D/agent/config" "$D/agent2/config"
cd "$D/agent2"
nohup java -Xmx1g -Dlog4j2.configurationFile="$log4j" -Djs7.log4j.directory="$D/agent2/data/logs" \
  -cp "$D/agent-job:$CP" js7.agent.main.AgentMain --config-directory="$D/agent2/config" --data-directory="$D/agent2/data" \
  --http-port=127.0.0.1:"$((port + 2))" > "$D/agent2/stdout.log" 2>&1 &
agent2_pid=$!
echo "$agent2_pid" > "$D/agent2.pid"

cd "$root"
mvn -B -q -pl conformance -am test -Dtest=Js7Recorder -Dsurefire.failIfNoSpecifiedTests=false \
  -Djs7.record.controller="http://127.0.0.1:$port" -Djs7.record.agent="http://127.0.0.1:$((port + 1))" \
  -Djs7.record.agent2="http://127.0.0.1:$((port + 2))" \
  -Djs7.record.out="$root/conformance/src/test/resources/js7-recorded" "$@"
