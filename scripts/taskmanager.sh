#!/usr/bin/env bash
# Starts or stops a TaskExecutor (the taskexecutor daemon) on this host.
#
#   taskmanager.sh (start|start-foreground) [ARGS...]
#   taskmanager.sh (stop|stop-all)
#
# ARGS, e.g. -D key=value, go to the TaskExecutor.
set -euo pipefail

usage="Usage: taskmanager.sh (start|start-foreground) [args] | (stop|stop-all)"
. "$(dirname "${BASH_SOURCE[0]}")/daemon-script.sh"

# Fills start_args from [ARGS...].
daemon_start_args() {
  . "$bin/config.sh"
  start_args=(--conf-dir "$SPINDLE_CONF_DIR" "$@")
}

spindle_daemon_script taskexecutor "$usage" "$@"
