#!/usr/bin/env bash
# The command line shared by the daemon scripts (jobmanager.sh, taskmanager.sh, zookeeper.sh);
# sourced, never run on its own.

bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

# spindle_daemon_script DAEMON USAGE [ACTION [ARGS...]]
# Runs a daemon script's ACTION through spindle-daemon.sh for DAEMON (standalonesession, taskexecutor or
# zookeeper):
#   start|start-foreground  calls the script's function daemon_start_args with ARGS; it checks them,
#                           sources config.sh and fills the array start_args with what follows DAEMON
#                           on spindle-daemon.sh's command line
#   stop|stop-all           takes no ARGS
# No ACTION, or another one, prints USAGE on stderr and exits with 2.
spindle_daemon_script() {
  local daemon="$1" usage="$2"
  shift 2
  if [[ $# -lt 1 ]]; then
    echo "$usage" >&2
    exit 2
  fi
  local action="$1"
  shift
  case "$action" in
    start | start-foreground)
      start_args=()
      daemon_start_args "$@"
      exec "$bin/spindle-daemon.sh" "$action" "$daemon" "${start_args[@]}" ;;
    stop | stop-all)
      exec "$bin/spindle-daemon.sh" "$action" "$daemon" ;;
    *)
      echo "$usage" >&2
      exit 2 ;;
  esac
}
