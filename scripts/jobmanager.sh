#!/usr/bin/env bash
# Starts or stops a JobManager (the standalonesession daemon) on this host.
#
#   jobmanager.sh (start|start-foreground) [HOST] [WEBUI-PORT] [ARGS...]
#   jobmanager.sh (stop|stop-all)
#
# HOST is the address the JobManager binds to and publishes; WEBUI-PORT the port of its web UI and
# REST API (default: rest.port of config.yaml). ARGS, e.g. -D key=value, go to the JobManager.
set -euo pipefail

usage="Usage: jobmanager.sh (start|start-foreground) [host] [webui-port] [args] | (stop|stop-all)"
. "$(dirname "${BASH_SOURCE[0]}")/daemon-script.sh"

# Fills start_args from [HOST] [WEBUI-PORT] [ARGS...].
daemon_start_args() {
  . "$bin/config.sh"
  start_args=(--conf-dir "$SPINDLE_CONF_DIR")
  if [[ $# -gt 0 && "$1" != -* ]]; then
    start_args+=(--host "$1")
    shift
  fi
  if [[ $# -gt 0 && "$1" != -* ]]; then
    if ! [[ "$1" =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
      echo "Error: bad web UI port '$1': expected a number from 1 to 65535." >&2
      exit 2
    fi
    start_args+=(--webui-port "$1")
    shift
  fi
  start_args+=("$@")
}

spindle_daemon_script standalonesession "$usage" "$@"
