#!/usr/bin/env bash
# The start after kill -9 on fresh copies of kept data (KEEP_DATA of restart-after-kill.sh), through the launcher
# (./jobwerk standalone, its defaults plus JAVA_OPTIONS, or JOBWERK=…/bin/jobwerk): ROUNDS times (default 5) the start
# command to the first answer of GET /controller/api, with the JVM's CPU time (user + system) until then and the load.
#   KEEP_DATA=/tmp/jw-data bench/startup/restart-after-kill.sh 20000 0
#   bench/startup/restart-on-copies.sh /tmp/jw-data 5
#   JAVA_OPTIONS="-XX:SharedArchiveFile=/tmp/jw.jsa" bench/startup/restart-on-copies.sh /tmp/jw-data 5
#   THREADS=1 bench/startup/restart-on-copies.sh /tmp/jw-data 3   (also the CPU per thread until the answer, JIT and GC
#   threads summed by kind)
set -euo pipefail
cd "$(dirname "$0")/../.."
data="$1" rounds="${2:-5}"
dir="$(mktemp -d /tmp/jobwerk-restart-copies.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$port/controller/api"
pid=""
trap '{ [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; } || true; wait 2>/dev/null; rm -rf "$dir"' EXIT
jobwerk="${JOBWERK:-./jobwerk}"
for ((r = 1; r <= rounds; r++)); do
  rm -rf "$dir/data"; cp -a "$data" "$dir/data"; rm -f "$dir/data"/*/journal/lock
  t="$(date +%s%N)"
  "$jobwerk" standalone --data "$dir/data" --port "$port" --user admin:secret --no-fsync > "$dir/out" 2>&1 & pid=$!
  until curl -sf -o /dev/null -u admin:secret "$api"; do kill -0 "$pid" 2>/dev/null || { cat "$dir/out"; exit 1; }; sleep 0.02; done
  wall=$(( ($(date +%s%N) - t) / 1000000 ))
  jvm="$(pgrep -P "$pid" java || echo "$pid")"  # the launcher execs java; a demo-style launcher would fork it
  cpu=$(( $(awk '{print $14 + $15}' "/proc/$jvm/stat") * 1000 / $(getconf CLK_TCK) ))
  echo "restart $r: API answered after $wall ms, CPU $cpu ms (load $(cut -d' ' -f1 /proc/loadavg))"
  if [ -n "${THREADS:-}" ]; then
    for task in /proc/"$jvm"/task/*; do
      sed 's/^[0-9]* (\(.*\)) . \(.*\)$/\1|\2/' "$task/stat" 2>/dev/null || true
    done | awk -F'|' -v tck="$(getconf CLK_TCK)" '{ split($2, f, " "); name = $1; sub(/[0-9]+$/, "", name); ms[name] += (f[11] + f[12]) * 1000 / tck }
      END { for (n in ms) if (ms[n] >= 50) printf "  %6d ms  %s\n", ms[n], n }' | sort -rn
  fi
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
