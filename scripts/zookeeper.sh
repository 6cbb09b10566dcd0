#!/usr/bin/env bash
# Starts or stops the bundled ZooKeeper server (the zookeeper daemon) on this host.
#
#   zookeeper.sh (start|start-foreground) SERVER-ID
#   zookeeper.sh (stop|stop-all)
#
# SERVER-ID is N of this host's server.N line in conf/zoo.cfg; it is written to myid in dataDir.
set -euo pipefail

usage="Usage: zookeeper.sh (start|start-foreground) server-id | (stop|stop-all)"
. "$(dirname "${BASH_SOURCE[0]}")/daemon-script.sh"

# Fills start_args from SERVER-ID.
daemon_start_args() {
  if [[ $# -ne 1 || ! "$1" =~ ^[0-9]+$ ]]; then
    echo "$usage" >&2
    exit 2
  fi
  . "$bin/config.sh"
  start_args=(--zk-config "$SPINDLE_CONF_DIR/zoo.cfg" --server-id "$1")
}

spindle_daemon_script zookeeper "$usage" "$@"
