#!/usr/bin/env bash
# spindle local-cluster: ZooKeeper, HDFS and YARN in one background JVM, for first runs and demos.
#
#   spindle local-cluster start  [--dir DIR] [--node-managers N] [--node-manager-memory MB]
#                                [--zookeeper-port PORT] [--namenode-port PORT]
#   spindle local-cluster status [--dir DIR]     exit 0 if it runs (and is ready), 1 if not
#   spindle local-cluster stop   [--dir DIR]     stops it and deletes DIR
#
# DIR (default $TMPDIR/spindle-local-cluster-$USER, /tmp without TMPDIR) holds all of it: data, logs
# (local-cluster.log, container logs under yarn/), and hadoop-conf/ and conf/ for clients. start forks
# the JVM, records its pid in DIR/local-cluster.pid and waits for DIR/ready. Its classpath is lib/* plus
# lib/local-cluster/* (the mini-cluster jars, which Spindle's daemons never see).
# Environment:
#   SPINDLE_LOCAL_CLUSTER_JVM_OPTS       JVM options of the cluster (default -Xmx768m)
#   SPINDLE_LOCAL_CLUSTER_START_TIMEOUT  seconds start waits for the cluster to be ready (default 120)
#   SPINDLE_STOP_TIMEOUT                 seconds stop waits after SIGTERM before SIGKILL (default 30)
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
. "$bin/config.sh"

usage="Usage: spindle local-cluster (start|status|stop) [--dir DIR] [options]; see spindle local-cluster --help"
if [[ $# -lt 1 ]]; then
  echo "$usage" >&2
  exit 2
fi
action="$1"
shift

dir=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir)
      if [[ $# -lt 2 ]]; then
        echo "Error: option --dir needs a value" >&2
        exit 2
      fi
      dir="$2"
      shift 2 ;;
    --dir=*)
      dir="${1#--dir=}"
      shift ;;
    *)
      args+=("$1")
      shift ;;
  esac
done
if [[ -z "$dir" ]]; then
  dir="${TMPDIR:-/tmp}"
  dir="${dir%/}/spindle-local-cluster-${USER:-$(id -un)}"
fi
[[ "$dir" == /* ]] || dir="$PWD/$dir"
[[ "$dir" == / ]] || dir="${dir%/}"

lib_local="$SPINDLE_LIB_DIR/local-cluster"
if [[ ! -d "$lib_local" ]]; then
  echo "Error: no $lib_local: this distribution has no local cluster." >&2
  exit 1
fi
classpath="$SPINDLE_LIB_DIR/*:$lib_local/*"
main_class="io.spindle.localcluster.LocalClusterMain"

# status, stop and the checks before start: a small JVM that logs warnings to stderr.
control() {
  "$JAVA_RUN" -Xmx128m -Dlog4j2.configurationFile="$SPINDLE_HOME/conf/log4j2-cli.xml" \
    -cp "$classpath" "$main_class" "$@"
}

wait_gone() { # PID SECONDS: whether PID ended within SECONDS
  local end=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null; do
    ((SECONDS < end)) || return 1
    sleep 0.2
  done
}

case "$action" in
  start)
    # Refuses (one line, exit 1) if a cluster runs in DIR, a port is taken, or DIR is someone else's;
    # else leaves DIR empty but for its marker.
    control prepare --dir "$dir" ${args[@]+"${args[@]}"}
    (
      cd "$dir"
      # The cluster reads no Hadoop configuration of the caller's; containers get the one it writes.
      unset YARN_CONF_DIR
      export HADOOP_CONF_DIR="$dir/hadoop-conf"
      # Containers inherit JAVA_HOME from the NodeManagers, which run in this JVM.
      if [[ -z "${JAVA_HOME:-}" ]]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA_RUN")")")"
      fi
      export JAVA_HOME
      # shellcheck disable=SC2086
      nohup "$JAVA_RUN" ${SPINDLE_LOCAL_CLUSTER_JVM_OPTS:--Xmx768m} \
        -Djava.io.tmpdir="$dir/tmp" \
        -Dspindle.home="$SPINDLE_HOME" \
        -cp "$classpath" "$main_class" start --dir "$dir" --conf-template "$SPINDLE_HOME/conf" \
        ${args[@]+"${args[@]}"} >"$dir/local-cluster.out" 2>&1 </dev/null &
      echo "$!" >"$dir/local-cluster.pid"
    )
    pid="$(cat "$dir/local-cluster.pid")"
    timeout="${SPINDLE_LOCAL_CLUSTER_START_TIMEOUT:-120}"
    deadline=$((SECONDS + timeout))
    while [[ ! -f "$dir/ready" ]]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        if [[ -s "$dir/failed" ]]; then
          echo "Error: $(head -n 1 "$dir/failed") (log: $dir/local-cluster.log)" >&2
        else
          echo "Error: the local cluster exited while starting; see $dir/local-cluster.out" >&2
        fi
        exit 1
      fi
      if ((SECONDS >= deadline)); then
        kill -TERM "$pid" 2>/dev/null || true
        wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
        echo "Error: the local cluster was not ready within $timeout s and was stopped; see $dir/local-cluster.log" >&2
        exit 1
      fi
      sleep 0.2
    done
    cat "$dir/ready" ;;
  status)
    control status --dir "$dir" ${args[@]+"${args[@]}"} ;;
  stop)
    control stop --dir "$dir" --timeout "${SPINDLE_STOP_TIMEOUT:-30}" ${args[@]+"${args[@]}"} ;;
  -h | --help | help)
    control --help ;;
  *)
    echo "Error: unknown command '$action'" >&2
    echo "$usage" >&2
    exit 2 ;;
esac
