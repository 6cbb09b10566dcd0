#!/usr/bin/env bash
# Starts or stops a TaskExecutor (the taskexecutor daemon) on this host.
#
#   taskmanager.sh (start|start-foreground) [ARGS...]
#   taskmanager.sh (stop|stop-all)
#
# ARGS, e.g. -D key=value, go to the TaskExecutor.
set -euo pipefail

usage="Usage: taskmanager.sh (start|start-foreground) [args] | (stop|stop-all)"
if [[ $# -lt 1 ]]; then
  echo "$usage" >&2
  exit 2
fi
action="$1"
shift
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

case "$action" in
  start | start-foreground)
    . "$bin/config.sh"
    exec "$bin/spindle-daemon.sh" "$action" taskexecutor --conf-dir "$SPINDLE_CONF_DIR" "$@" ;;
  stop | stop-all)
    exec "$bin/spindle-daemon.sh" "$action" taskexecutor ;;
  *)
    echo "$usage" >&2
    exit 2 ;;
esac
