#!/usr/bin/env bash
# Issue 13's start-up goal: a standalone (./jobwerk standalone, the launcher's defaults plus JAVA_OPTIONS) that ran
# N orders (default 20,000) is killed with kill -9 and started again on its data; prints the time from the start
# command to the first answer of GET /controller/api (HTTP 200), ROUNDS times (default 3).
#   bench/startup/restart-after-kill.sh [N [ROUNDS]]
#   JAVA_OPTIONS="-XX:SharedArchiveFile=/tmp/jw.jsa" bench/startup/restart-after-kill.sh   (an AppCDS archive)
#   KEEP_DATA=/tmp/jw-data bench/startup/restart-after-kill.sh 20000 0   (keeps a copy of the data killed with -9,
#   to time restarts on copies of it with other options, e.g. bench/startup/appcds.sh)
#   JOBWERK=/path/to/jobwerk-VERSION/bin/jobwerk bench/startup/restart-after-kill.sh   (an unpacked distribution's CLI)
#   DELETE_WHEN_TERMINATED=1 bench/startup/restart-after-kill.sh   (the orders added with deleteWhenTerminated, as the daily
#   plan adds them: their events are in the journal, the finished orders are not kept in the state)
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-20000}"; rounds="${2:-3}"
dir="$(mktemp -d /tmp/jobwerk-restart.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$port/controller/api"
pid=""
trap '{ [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; } || true; wait 2>/dev/null; rm -rf "$dir"' EXIT
jobwerk="${JOBWERK:-./jobwerk}"
start() { "$jobwerk" standalone --data "$dir/data" --port "$port" --user admin:secret --no-fsync > "$dir/out" 2>&1 & pid=$!; }
start
until grep -q ready "$dir/out" 2>/dev/null; do kill -0 "$pid" || { cat "$dir/out"; exit 1; }; sleep 0.3; done
mkdir "$dir/items"
cat > "$dir/items/noop.workflow.json" <<'JSON'
{"TYPE":"Workflow","path":"noop","versionId":"1","instructions":[{"TYPE":"Execute.Anonymous","job":{"agentPath":"agent",
 "executable":{"TYPE":"InternalExecutable","className":"io.jobwerk.subagent.internal.NoOpJob"},"processLimit":64}}]}
JSON
"$jobwerk" deploy "$dir/items" --controller "http://127.0.0.1:$port" --user admin:secret > /dev/null
for ((b = 0; b < n; b += 1000)); do
  python3 -c "import json,sys; print(json.dumps([dict({'id': 'o-%d' % i, 'workflowPath': 'noop'}, **({'deleteWhenTerminated': True} if '${DELETE_WHEN_TERMINATED:-}' else {})) for i in range($b, min($b + 1000, $n))]))" \
    | curl -sf -u admin:secret -H 'Content-Type: application/json' --data-binary @- "$api/order" > /dev/null
done
t0=$SECONDS
finished() {
  if [ -n "${DELETE_WHEN_TERMINATED:-}" ]; then curl -sf -u admin:secret "$api" | grep -q '"orderCount":0[,}]'
  else "$jobwerk" status --controller "http://127.0.0.1:$port" --user admin:secret | grep -q "Finished[: =]*$n"; fi
}
until finished; do
  [ $((SECONDS - t0)) -gt 900 ] && { echo "orders not finished"; exit 1; }; sleep 1
done
echo "orders finished: $n; journal: $(du -sh "$dir/data" | cut -f1)"
[ -n "${KEEP_DATA:-}" ] && { kill -9 "$pid"; wait "$pid" 2>/dev/null || true; cp -a "$dir/data" "$KEEP_DATA"; start; until curl -sf -o /dev/null -u admin:secret "$api"; do sleep 0.1; done; }
for ((r = 1; r <= rounds; r++)); do
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  t="$(date +%s%N)"; start
  until curl -sf -o /dev/null -u admin:secret "$api"; do kill -0 "$pid" || { cat "$dir/out"; exit 1; }; sleep 0.02; done
  echo "restart $r: API answered after $(( ($(date +%s%N) - t) / 1000000 )) ms"
done
echo "JVM options: $(tr '\0' ' ' < /proc/$pid/cmdline | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
