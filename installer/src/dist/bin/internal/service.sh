# Service operations of one Jobwerk server role, sourced by bin/controller.sh, bin/agent.sh and bin/subagent.sh
# with ROLE set (controller, agent or subagent). Usage: bin/ROLE.sh start|stop [--timeout=S]|abort|kill|restart [--timeout=S]|status
#
# Exit codes as the LSB says for init scripts: 0 done (also: start of a running server, stop of a stopped one),
# 1 failed, 2 invalid arguments; status: 0 running, 1 not running but its PID file is left, 3 not running.
#
# How a server is stopped (the signals the server reads, see ServerRun in the cli module):
#   stop       SIGUSR1: no job starts any more, running jobs go on; the server ends when the last has ended.
#              --timeout=S: after S seconds SIGTERM: the jobs get SIGTERM, then SIGKILL after their sigkill delay.
#   abort      SIGKILL to the server and all its job processes (with their children), at once.
#   kill       SIGKILL to the server alone (its job processes are killed when it starts again).
# A second instance is refused: the PID file names a running server. A PID file left by a crash (its process is
# gone, or is another program) is ignored, and the lock that guards a start is flock(1)'s, which dies with its holder.

set -u
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config_dir="${JOBWERK_CONFIG:-$home/config}"

env_java_home="${JAVA_HOME-}"
env_java_options="${JAVA_OPTIONS-}"
OPTIONS=""
JAVA_OPTIONS=""
STOP_TIMEOUT=""
if [ -f "$config_dir/$ROLE.conf" ]; then
  # shellcheck disable=SC1090
  . "$config_dir/$ROLE.conf"
fi
[ -n "$env_java_home" ] && JAVA_HOME="$env_java_home"
[ -n "$env_java_options" ] && JAVA_OPTIONS="$env_java_options"

data_root="${JOBWERK_DATA:-$home/data}"
logs_dir="${JOBWERK_LOGS:-$home/logs}"
data="$data_root/$ROLE"
pid_file="$data_root/$ROLE.pid"
lock_file="$data_root/$ROLE.lock"
out_file="$logs_dir/$ROLE.out"
main_class="io.jobwerk.cli.JobwerkMain"

# Heap limits per role: without one the heap grows far beyond the live data before it is collected
# (a standalone that ran 20,000 orders: 38 MB live, 1-3.8 GiB RSS). Shenandoah keeps the journal's commit
# latency low (bench/journal: p99 2.4 ms) and its RSS is the heap it really uses. A small -Xms and
# Shenandoah's uncommit after 5 s (default 5 min), with a concurrent GC at least every 30 s, give back the
# heap that start-up and bursts committed (an idle standalone: 196 -> ~135 MiB RSS, bench/memory).
case "$ROLE" in
  controller) default_heap="-Xms16m -Xmx256m" ;;
  agent)      default_heap="-Xms16m -Xmx256m" ;;
  subagent)   default_heap="-Xms16m -Xmx128m" ;;
  *) echo "jobwerk: unknown role '$ROLE'" >&2; exit 2 ;;
esac
default_gc="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=5000 -XX:ShenandoahGuaranteedGCInterval=30000"
# C2 (the optimising compiler) only for methods ten times hotter than its defaults: a cold start compiles
# less (the restart after kill -9 with 20,000 orders: C2 1.3-1.4 -> 1.0-1.1 s of CPU until the first answer),
# with no loss in a warm run's throughput (bench/README.md, "Restart after kill -9 ... session 10").
default_jit="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000"

say() { echo "jobwerk $ROLE: $*"; }

java_command() {
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "$JAVA_HOME/bin/java"
  elif [ -x "$home/runtime/bin/java" ]; then
    echo "$home/runtime/bin/java"
  else
    command -v java || true
  fi
}

# The JAVA_VERSION of the Java's 'release' file (e.g. 17.0.15), or nothing where it cannot be read.
java_version() { # JAVA
  local j
  j="$(command -v "$1" 2>/dev/null)" || return 0
  sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$(dirname "$(dirname "$(readlink -f "$j")")")/release" 2>/dev/null
}

# -XX:TrimNativeHeapInterval (glibc's malloc_trim every 10 s: an idle standalone ~145 -> ~116 MiB RSS) exists
# from JDK 17.0.9 and 21.0.1 on; an older JVM would refuse to start with it, so it is read from the Java's
# 'release' file and left out where that is older or unknown.
trim_option() { # JAVA
  local v major rest minor update
  v="$(java_version "$1")"
  IFS=. read -r major minor update rest <<< "$v"
  case "$major" in ''|*[!0-9]*) return 0 ;; esac
  update="${update:-0}"; update="${update%%[!0-9]*}"
  if [ "$major" -ge 22 ] || { [ "$major" -eq 21 ] && [ "${update:-0}" -ge 1 ]; } || { [ "$major" -eq 17 ] && [ "${update:-0}" -ge 9 ]; }; then
    echo "-XX:TrimNativeHeapInterval=10000"
  fi
}

# AppCDS: the classes a run of this installation loaded, archived so the next start maps them instead of
# loading, verifying and linking them again (bench/README.md, "Restart after kill -9"). An archive fits only
# the Java and the jars it was made with, at their paths, so it is made here, not shipped: named by a checksum
# of the Java, its release file and lib/'s listing, in data/, written by the JVM when a run ends cleanly (a stop,
# not kill -9). JDK 19+ does that itself (-XX:+AutoCreateSharedArchive, which also replaces a stale archive);
# on 17 and 18 a run without the archive of its checksum archives its classes at exit (-XX:ArchiveClassesAtExit).
# A -Xshare or archive option in JAVA_OPTIONS turns this off.
cds_options() { # JAVA
  case " $JAVA_OPTIONS " in *" -Xshare:"*|*"SharedArchiveFile="*|*"ArchiveClassesAtExit="*) return 0 ;; esac
  local java major key archive
  java="$(command -v "$1" 2>/dev/null)" || return 0
  major="$(java_version "$java")"; major="${major%%[!0-9]*}"
  [ -n "$major" ] && [ "$major" -ge 17 ] || return 0
  key="$( { readlink -f "$java"; cat "$(dirname "$(dirname "$(readlink -f "$java")")")/release"; ls -l --time-style=+%s "$home/lib"; } 2>/dev/null | cksum | cut -d' ' -f1)"
  archive="$data_root/$ROLE-cds-$key.jsa"
  # the dump warns of every class it cannot archive (picocli's are Java 5 classes): hundreds of lines in ROLE.out
  if [ "$major" -ge 19 ]; then
    echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archive -Xlog:cds*=error"
  elif [ -s "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    rm -f "$data_root/$ROLE"-cds-*.jsa
    echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds*=error"
  fi
}

# The JVM's options: the role's defaults, then JAVA_OPTIONS (a later -Xmx wins; a collector named there replaces ours).
java_options() {
  local gc="$default_gc"
  case " $JAVA_OPTIONS " in *" -XX:+Use"*"GC"*) gc="" ;; esac
  local java
  java="$(java_command)"
  echo "$default_heap $gc $default_jit $(trim_option "$java") $(cds_options "$java") -XX:+ExitOnOutOfMemoryError $JAVA_OPTIONS"
}

# The PID of the running server of this role and data directory, if any (a stale PID file yields nothing).
running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)"
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  [ -r "/proc/$pid/cmdline" ] || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
  case "$cmdline" in *"$main_class $ROLE "*"--data $data "*) echo "$pid"; return 0 ;; esac
  return 1
}

# The PIDs of every descendant of $1 (its job processes and their children), read from /proc.
descendants() {
  local parent="$1" child
  for child in $(ps -o pid= --ppid "$parent" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# Whether the process lives; a zombie (ended, not yet reaped by its new parent) does not.
is_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != "Z" ]
}

await_end() { # PID SECONDS: 0 when the process ended in time
  local pid="$1" deadline=$((SECONDS + $2))
  while is_alive "$pid"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
  return 0
}

do_start() {
  mkdir -p "$data_root" "$logs_dir" || { say "cannot create $data_root or $logs_dir"; return 1; }
  exec 9>"$lock_file"
  if ! flock -w 30 9; then
    say "another start or stop of this $ROLE is under way (lock $lock_file)"; return 1
  fi
  local pid
  if pid="$(running_pid)"; then
    say "already running (pid $pid)"; return 0
  fi
  rm -f "$pid_file"
  local java
  java="$(java_command)"
  if [ -z "$java" ] || [ ! -x "$java" ]; then
    say "no Java found: set JAVA_HOME (Java 17 or newer) or put java on the PATH"; return 1
  fi
  [ -f "$out_file" ] && mv -f "$out_file" "$out_file.1"
  # shellcheck disable=SC2046,SC2086
  setsid "$java" $(java_options) -Djobwerk.home="$home" -Djobwerk.logs="$logs_dir" -cp "$home/lib/*" \
    "$main_class" "$ROLE" --data "$data" $OPTIONS </dev/null >"$out_file" 2>&1 9>&- &
  pid=$!
  echo "$pid" > "$pid_file"
  local deadline=$((SECONDS + ${JOBWERK_START_TIMEOUT:-120}))
  while ! grep -q "ready" "$out_file" 2>/dev/null; do
    if ! is_alive "$pid"; then
      rm -f "$pid_file"
      say "failed to start; the last lines of $out_file:"; tail -n 20 "$out_file" >&2; return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "not ready after ${JOBWERK_START_TIMEOUT:-120} s (pid $pid); see $out_file"; return 1
    fi
    sleep 0.2
  done
  say "started (pid $pid): $(grep -m1 "ready" "$out_file")"
  return 0
}

do_stop() { # [TIMEOUT]
  local timeout="${1:-$STOP_TIMEOUT}" pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"; say "not running"; return 0
  fi
  if [ "$ROLE" = "controller" ]; then
    say "stopping (pid $pid)"
  else
    say "stopping (pid $pid): no job starts any more, running jobs may end${timeout:+ within $timeout s}"
  fi
  kill -USR1 "$pid" 2>/dev/null
  if [ -n "$timeout" ]; then
    if ! await_end "$pid" "$timeout"; then
      say "running jobs did not end within $timeout s: terminating them (SIGTERM, then SIGKILL)"
      kill -TERM "$pid" 2>/dev/null
      # The server gives its jobs at most 30 s after SIGTERM, then kills them; beyond that it hangs.
      if ! await_end "$pid" 60; then
        say "still running 60 s after SIGTERM: aborting"; do_abort; return $?
      fi
    fi
  else
    while is_alive "$pid"; do sleep 0.2; done
  fi
  rm -f "$pid_file"; say "stopped"; return 0
}

do_abort() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"; say "not running"; return 0
  fi
  local all
  # The tree is read before the kill: once the server is gone its jobs are orphans, no longer its descendants.
  kill -STOP "$pid" 2>/dev/null
  all="$pid $(descendants "$pid" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -KILL $all 2>/dev/null
  # A killed process ends when the kernel next runs it, which on a busy machine is not at once: abort returns
  # only when the server and every job process it killed are gone.
  local each
  for each in $all; do
    await_end "$each" 10 || { say "pid $each survived SIGKILL"; return 1; }
  done
  rm -f "$pid_file"; say "aborted (SIGKILL to pids $all)"; return 0
}

do_kill() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"; say "not running"; return 0
  fi
  kill -KILL "$pid" 2>/dev/null
  await_end "$pid" 10 || { say "pid $pid survived SIGKILL"; return 1; }
  rm -f "$pid_file"; say "killed (pid $pid); its job processes are killed when it starts again"; return 0
}

do_status() {
  local pid
  if pid="$(running_pid)"; then
    say "running (pid $pid)"; return 0
  fi
  if [ -f "$pid_file" ]; then
    say "not running, but its PID file $pid_file is left (a crash?)"; return 1
  fi
  say "not running"; return 3
}

usage() {
  echo "Usage: $(basename "$0") start | stop [--timeout=SECONDS] | abort | kill | restart [--timeout=SECONDS] | status" >&2
  exit 2
}

timeout_argument() { # the --timeout=S value of "$@", or nothing; exits 2 on anything else
  local t=""
  for arg in "$@"; do
    case "$arg" in
      --timeout=*) t="${arg#--timeout=}"; case "$t" in ''|*[!0-9]*) echo "jobwerk $ROLE: --timeout needs whole seconds, not '$t'" >&2; exit 2 ;; esac ;;
      *) echo "jobwerk $ROLE: unknown argument '$arg'" >&2; usage ;;
    esac
  done
  echo "$t"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  start)   [ $# -eq 0 ] || usage; do_start; exit $? ;;
  stop)    t="$(timeout_argument "$@")" || exit 2; do_stop "$t"; exit $? ;;
  abort)   [ $# -eq 0 ] || usage; do_abort; exit $? ;;
  kill)    [ $# -eq 0 ] || usage; do_kill; exit $? ;;
  restart) t="$(timeout_argument "$@")" || exit 2; do_stop "$t" && do_start; exit $? ;;
  status)  [ $# -eq 0 ] || usage; do_status; exit $? ;;
  *) usage ;;
esac
