#!/usr/bin/env bash
# Starts or stops the bundled ZooKeeper server (the zookeeper daemon) on this host.
#
#   zookeeper.sh (start|start-foreground) SERVER-ID
#   zookeeper.sh (stop|stop-all)
#
# SERVER-ID is N of this host's server.N line in conf/zoo.cfg; it is written to myid in dataDir.
set -euo pipefail

usage="Usage: zookeeper.sh (start|start-foreground) server-id | (stop|stop-all)"
if [[ $# -lt 1 ]]; then
  echo "$usage" >&2
  exit 2
fi
action="$1"
shift
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

case "$action" in
  start | start-foreground)
    if [[ $# -ne 1 || ! "$1" =~ ^[0-9]+$ ]]; then
      echo "$usage" >&2
      exit 2
    fi
    . "$bin/config.sh"
    exec "$bin/spindle-daemon.sh" "$action" zookeeper --zk-config "$SPINDLE_CONF_DIR/zoo.cfg" --server-id "$1" ;;
  stop | stop-all)
    exec "$bin/spindle-daemon.sh" "$action" zookeeper ;;
  *)
    echo "$usage" >&2
    exit 2 ;;
esac
