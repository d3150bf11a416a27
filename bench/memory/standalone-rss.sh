#!/usr/bin/env bash
# Issue 13's memory goal: a standalone (./jobwerk standalone, the launcher's JVM defaults) that ran N orders
# (default 20,000) through an InternalExecutable no-op job stays under 500 MiB RSS. Prints the RSS sampled
# each second (max) and VmHWM (the kernel's peak) at the end, the RSS after IDLE seconds more (default 40; the
# heap committed for the burst is given back), and the heap after a full GC (live data).
# N=0 is the idle goal (< 150 MiB): a standalone that ran nothing, its RSS IDLE seconds after 'ready'.
#   bench/memory/standalone-rss.sh [N]          JOBWERK_JAVA_OPTS="-XX:+UseZGC" bench/memory/standalone-rss.sh   (the old default)
#   bench/memory/standalone-rss.sh 0            IDLE=60 bench/memory/standalone-rss.sh 0
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-20000}"
idle="${IDLE:-40}"
dir="$(mktemp -d /tmp/jobwerk-rss.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$port/controller/api"
./jobwerk standalone --data "$dir/data" --port "$port" --user admin:secret --no-fsync > "$dir/out" 2>&1 &
launcher=$!
trap 'kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; rm -rf "$dir"' EXIT
until grep -q ready "$dir/out" 2>/dev/null; do kill -0 "$launcher" || { cat "$dir/out"; exit 1; }; sleep 0.5; done
pid="$launcher" # the launcher execs java
mkdir "$dir/items"
cat > "$dir/items/noop.workflow.json" <<'JSON'
{"TYPE":"Workflow","path":"noop","versionId":"1","instructions":[{"TYPE":"Execute.Anonymous","job":{"agentPath":"agent",
 "executable":{"TYPE":"InternalExecutable","className":"io.jobwerk.subagent.internal.NoOpJob"},"processLimit":64}}]}
JSON
./jobwerk deploy "$dir/items" --controller "http://127.0.0.1:$port" --user admin:secret
max=0
sample() { local r; r="$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"; [ "$r" -gt "$max" ] && max="$r"; true; }
t0=$SECONDS
for ((b = 0; b < n; b += 1000)); do
  python3 -c "import json,sys; print(json.dumps([{'id': 'o-%d' % i, 'workflowPath': 'noop'} for i in range($b, min($b + 1000, $n))]))" \
    | curl -sf -u admin:secret -H 'Content-Type: application/json' --data-binary @- "$api/order" > /dev/null
  sample
done
while :; do
  finished="$(./jobwerk status --controller "http://127.0.0.1:$port" --user admin:secret | sed -n 's/.*Finished[: =]*\([0-9]*\).*/\1/p' | head -1)"
  sample
  [ "${finished:-0}" -ge "$n" ] && break
  [ $((SECONDS - t0)) -gt 1800 ] && { echo "not all finished: $finished"; break; }
  sleep 1
done
sample
echo "orders finished: $finished of $n in $((SECONDS - t0)) s"
sleep "$idle"
echo "RSS after $idle s idle: $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MiB"
echo "JVM options: $(tr '\0' ' ' < /proc/$pid/cmdline | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
echo "RSS max sampled: $max MiB; VmHWM: $(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status) MiB; now: $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MiB"
jcmd "$pid" GC.run > /dev/null 2>&1 || true
echo "heap after a full GC: $(jcmd "$pid" GC.heap_info 2>/dev/null | grep -iE 'used|total' | head -2 | tr -s ' ' | tr '\n' ';')"
