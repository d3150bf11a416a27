#!/usr/bin/env bash
# AppCDS and the jlinked runtime on the start after kill -9, as the server distribution runs: a standalone from DIST
# (an unpacked tarball, with runtime/ if built with -Djobwerk.jlink=true) with the service scripts' JVM defaults,
# started on fresh copies of DATA (a standalone's data killed with -9, kept by restart-after-kill.sh) and timed from
# the start command to the first answer of GET /controller/api. For each Java (java on the PATH, DIST/runtime) an
# archive is made first as the service scripts make it (-XX:ArchiveClassesAtExit, a start on the data, a clean
# stop); then ROUNDS rounds (default 3), each timing every Java without and with its archive, interleaved.
# Besides the wall time it prints the JVM's CPU time (user + system) until the answer: on a loaded machine the
# wall time mostly measures the other processes, the CPU time what the start itself costs.
#   KEEP_DATA=/tmp/jw-data bench/startup/restart-after-kill.sh 20000 0
#   bench/startup/appcds.sh installer/target/dist/jobwerk-0.1.0-SNAPSHOT /tmp/jw-data 3
set -euo pipefail
dist="$(cd "$1" && pwd)" data="$2" rounds="${3:-3}"
dir="$(mktemp -d /tmp/jobwerk-appcds.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$port/controller/api"
pid=""
trap '{ [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; } || true; wait 2>/dev/null; rm -rf "$dir"' EXIT
defaults="-Xms16m -Xmx256m -XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=5000 -XX:ShenandoahGuaranteedGCInterval=30000 -XX:+ExitOnOutOfMemoryError"
javas=("$(command -v java)")
[ -x "$dist/runtime/bin/java" ] && javas+=("$dist/runtime/bin/java")

fresh_data() { rm -rf "$dir/data"; cp -a "$data" "$dir/data"; }
start() { # JAVA [OPTION...]
  local java="$1"; shift
  # shellcheck disable=SC2086
  "$java" $defaults "$@" -cp "$dist/lib/*" io.jobwerk.cli.JobwerkMain standalone --data "$dir/data" --port "$port" \
    --user admin:secret --no-fsync > "$dir/out" 2>&1 & pid=$!
}
await_api() {
  until curl -sf -o /dev/null -u admin:secret "$api"; do kill -0 "$pid" 2>/dev/null || { cat "$dir/out"; exit 1; }; sleep 0.02; done
}
archive_of() { echo "$dir/$(echo "$1" | cksum | cut -d' ' -f1).jsa"; }

for java in "${javas[@]}"; do
  fresh_data; start "$java" "-XX:ArchiveClassesAtExit=$(archive_of "$java")" "-Xlog:cds*=error"; await_api
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "archive for $java: $(du -h "$(archive_of "$java")" | cut -f1)"
done
for ((r = 1; r <= rounds; r++)); do
  for java in "${javas[@]}"; do
    for archive in "" "$(archive_of "$java")"; do
      fresh_data; t="$(date +%s%N)"; start "$java" ${archive:+"-XX:SharedArchiveFile=$archive"}; await_api
      wall=$(( ($(date +%s%N) - t) / 1000000 ))
      cpu=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") * 1000 / $(getconf CLK_TCK) ))
      echo "round $r, $java, $([ -n "$archive" ] && echo with || echo without) AppCDS: API answered after $wall ms, CPU $cpu ms (load $(cut -d' ' -f1 /proc/loadavg))"
      kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    done
  done
done
