#!/usr/bin/env bash
# Starts or stops one Spindle daemon on this host.
#
#   spindle-daemon.sh (start|start-foreground|stop|stop-all) (standalonesession|taskexecutor|zookeeper) [ARGS...]
#
# start             starts the daemon in the background (several per host are allowed; the zookeeper
#                   daemon only once per host), logs to $SPINDLE_LOG_DIR/spindle-$USER-<daemon>-<n>-<host>.log
#                   and .out, records its pid in $SPINDLE_PID_DIR/spindle-$USER-<daemon>.pid (one per line)
# start-foreground  runs the daemon in this terminal (its pid is recorded too)
# stop              stops the newest running instance (SIGTERM; SIGKILL after $SPINDLE_STOP_TIMEOUT s, default 30)
# stop-all          stops every running instance, newest first
# start waits until the new daemon is ready (JobManager, TaskExecutor: its "started" line is in its log;
# ZooKeeper: it listens on its clientPort), at most $SPINDLE_START_TIMEOUT seconds (default 30). A daemon
# that exits before it is ready is reported, with its output; one still not ready then is warned about.
# ARGS go to the daemon's main class. JVM options: SPINDLE_JVM_OPTS (all daemons) plus
# SPINDLE_JM_JVM_OPTS (default -Xmx1g), SPINDLE_TM_JVM_OPTS (default -Xmx1g), SPINDLE_ZK_JVM_OPTS (default -Xmx256m).
set -euo pipefail

usage="Usage: spindle-daemon.sh (start|start-foreground|stop|stop-all) (standalonesession|taskexecutor|zookeeper) [args]"
if [[ $# -lt 2 ]]; then
  echo "$usage" >&2
  exit 2
fi
action="$1"
daemon="$2"
shift 2

. "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"

case "$daemon" in
  standalonesession)
    main_class="io.spindle.runtime.entrypoint.StandaloneJobManagerEntrypoint"
    jvm_opts="${SPINDLE_JM_JVM_OPTS:--Xmx1g}" ;;
  taskexecutor)
    main_class="io.spindle.runtime.entrypoint.TaskExecutorEntrypoint"
    jvm_opts="${SPINDLE_TM_JVM_OPTS:--Xmx1g}" ;;
  zookeeper)
    main_class="io.spindle.standalone.ZooKeeperQuorumPeerMain"
    jvm_opts="${SPINDLE_ZK_JVM_OPTS:--Xmx256m}" ;;
  *)
    echo "Error: unknown daemon '$daemon'." >&2
    echo "$usage" >&2
    exit 2 ;;
esac

host_label="${SPINDLE_HOST_NAME:-$(hostname)}"
pid_file="$SPINDLE_PID_DIR/spindle-$SPINDLE_IDENT_STRING-$daemon.pid"
stop_timeout="${SPINDLE_STOP_TIMEOUT:-30}"
# SPINDLE_START_CHECK_SECONDS is the older name of the start timeout.
start_timeout="${SPINDLE_START_TIMEOUT:-${SPINDLE_START_CHECK_SECONDS:-30}}"

# Whether PID is a live (not zombie) process running this daemon's main class.
is_daemon() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]] || return 1
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -qF -- "$main_class"
}

# The pids of the pid file, oldest first, one per line.
recorded_pids() {
  if [[ -f "$pid_file" ]]; then
    grep -E '^[0-9]+$' "$pid_file" || true
  fi
}

# Rewrites the pid file with the given pids; removes it when there are none.
write_pids() {
  if [[ $# -eq 0 ]]; then
    rm -f "$pid_file"
  else
    printf '%s\n' "$@" >"$pid_file.tmp.$$"
    mv -f "$pid_file.tmp.$$" "$pid_file"
  fi
}

# Fills the array live with the running instances, oldest first; with "report", names the stale entries.
find_live() {
  live=()
  local pid
  for pid in $(recorded_pids); do
    if is_daemon "$pid"; then
      live+=("$pid")
    elif [[ "${1:-}" == "report" ]]; then
      echo "[INFO] $daemon daemon (pid $pid) is not running anymore on host $host_label; removed from $pid_file."
    fi
  done
}

# Whether PID listens on TCP PORT. Exact where /proc is (Linux: the listening socket is one of PID's
# file descriptors); elsewhere whether anything accepts connections on 127.0.0.1:PORT.
listens_on() {
  local pid="$1" port="$2" hex inode
  if [[ -r /proc/net/tcp ]]; then
    hex="$(printf '%04X' "$port")"
    for inode in $(awk -v port=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == port { print $10 }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null); do
      [[ -n "$(find "/proc/$pid/fd" -lname "socket:\[$inode\]" -print -quit 2>/dev/null)" ]] && return 0
    done
    return 1
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# The clientPort of the zoo.cfg given with --zk-config in ARGS, or nothing.
zookeeper_client_port() {
  local config=""
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == "--zk-config" && $# -gt 1 ]]; then
      config="$2"
    fi
    shift
  done
  [[ -r "$config" ]] || return 0
  sed -n 's/^[[:space:]]*clientPort[[:space:]]*=[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$/\1/p' "$config" | tail -n 1
}

# Whether the daemon PID, logging to LOG and OUT and started with ARGS, is ready: a JobManager or
# TaskExecutor has logged that it started (its endpoints are up, it joined the cluster); ZooKeeper
# listens on its client port.
is_ready() {
  local pid="$1" log="$2" out="$3" port
  shift 3
  case "$daemon" in
    standalonesession) grep -qsE 'JobManager [^ ]+ started: RPC ' "$log" "$out" ;;
    taskexecutor) grep -qsE 'TaskExecutor [^ ]+ started with ' "$log" "$out" ;;
    zookeeper)
      port="$(zookeeper_client_port "$@")"
      [[ -n "$port" ]] && listens_on "$pid" "$port" ;;
  esac
}

# Moves FILE to FILE.1, FILE.1 to FILE.2 ... keeping $SPINDLE_LOG_MAX_OLD (default 5) old files.
rotate() {
  local file="$1" keep="${SPINDLE_LOG_MAX_OLD:-5}" i
  [[ -f "$file" ]] || return 0
  for ((i = keep; i > 1; i--)); do
    [[ -f "$file.$((i - 1))" ]] && mv -f "$file.$((i - 1))" "$file.$i"
  done
  if ((keep > 0)); then mv -f "$file" "$file.1"; else rm -f "$file"; fi
}

java_command() {
  local log="$1"
  shift
  # shellcheck disable=SC2206 # option strings are split on purpose
  cmd=("$JAVA_RUN" $jvm_opts ${SPINDLE_JVM_OPTS:-}
    "-Dlog4j2.configurationFile=$(spindle_daemon_log_config)"
    "-Dspindle.log.file=$log"
    "-Dspindle.home=$SPINDLE_HOME"
    -cp "$(spindle_classpath)" "$main_class" "$@")
}

# Stops PID: SIGTERM, then SIGKILL after the stop timeout.
stop_pid() {
  local pid="$1" waited=0
  echo "Stopping $daemon daemon (pid $pid) on host $host_label."
  kill "$pid" 2>/dev/null || true
  while is_daemon "$pid"; do
    if ((waited >= stop_timeout * 10)); then
      echo "[WARN] $daemon daemon (pid $pid) did not stop within $stop_timeout s; killing it."
      kill -9 "$pid" 2>/dev/null || true
      waited=0
      while is_daemon "$pid" && ((waited < 50)); do
        sleep 0.1
        waited=$((waited + 1))
      done
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

start() {
  mkdir -p "$SPINDLE_PID_DIR" "$SPINDLE_LOG_DIR"
  find_live
  local pid
  # Started by start-cluster.sh / start-zookeeper-quorum.sh, the output is the reference's lines only.
  if [[ -z "${SPINDLE_CLUSTER_SCRIPT:-}" ]]; then
    for pid in "${live[@]}"; do
      echo "[INFO] $daemon daemon (pid $pid) is running on host $host_label."
    done
  fi
  if [[ "$daemon" == "zookeeper" && ${#live[@]} -gt 0 ]]; then
    echo "[INFO] Not starting another zookeeper daemon on host $host_label: one per host."
    return 0
  fi
  write_pids "${live[@]}"
  local base="$SPINDLE_LOG_DIR/spindle-$SPINDLE_IDENT_STRING-$daemon-${#live[@]}-$(hostname)"
  local log="$base.log" out="$base.out"

  if [[ "$action" == "start-foreground" ]]; then
    rotate "$log"
    echo "$$" >>"$pid_file"
    java_command "$log" "$@"
    exec "${cmd[@]}"
  fi

  rotate "$log"
  rotate "$out"
  echo "Starting $daemon daemon on host $host_label."
  java_command "$log" "$@"
  nohup "${cmd[@]}" >"$out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >>"$pid_file"

  # Wait until it is ready. One that dies first (bad arguments or configuration, missing class, port in
  # use, ZooKeeper unreachable) is reported here.
  local checks=$((start_timeout * 10)) rc=0
  while kill -0 "$pid" 2>/dev/null; do
    if is_ready "$pid" "$log" "$out" "$@"; then
      return 0
    fi
    if ((checks <= 0)); then
      echo "[WARN] $daemon daemon (pid $pid) on host $host_label is running but did not report ready within" \
        "$start_timeout s; see $log." >&2
      return 0
    fi
    sleep 0.1
    checks=$((checks - 1))
  done
  wait "$pid" || rc=$?
  find_live
  write_pids "${live[@]}"
  echo "Error: $daemon daemon (pid $pid) on host $host_label exited at start with status $rc; its output ($out):" >&2
  tail -n 20 "$out" >&2 || true
  return 1
}

stop() {
  find_live report
  if [[ ${#live[@]} -eq 0 ]]; then
    write_pids
    echo "No $daemon daemon to stop on host $host_label."
    return 0
  fi
  local count=1 i
  [[ "$action" == "stop-all" ]] && count=${#live[@]}
  for ((i = 0; i < count; i++)); do
    stop_pid "${live[${#live[@]} - 1]}"
    unset 'live[${#live[@]}-1]'
  done
  # Keep instances started meanwhile, drop the stopped ones.
  local remaining=() pid
  for pid in $(recorded_pids); do
    is_daemon "$pid" && remaining+=("$pid")
  done
  write_pids "${remaining[@]}"
}

case "$action" in
  start | start-foreground) start "$@" ;;
  stop | stop-all) stop ;;
  *)
    echo "$usage" >&2
    exit 2 ;;
esac
