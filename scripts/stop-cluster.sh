#!/usr/bin/env bash
# Stops what start-cluster.sh started: a TaskExecutor per line of conf/workers, then a JobManager per
# line of conf/masters. Hosts other than this one are reached over ssh ($SPINDLE_SSH, $SPINDLE_SSH_OPTS).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"

spindle_read_entries masters masters "$SPINDLE_CONF_DIR/masters"
spindle_read_entries workers workers "$SPINDLE_CONF_DIR/workers"

status=0
for entry in "${workers[@]}"; do
  read -r host where <<<"$entry"
  spindle_on_host "$host" "$where" taskmanager.sh stop || status=1
done
for entry in "${masters[@]}"; do
  read -r host port where <<<"$entry"
  spindle_on_host "$host" "$where" jobmanager.sh stop || status=1
done
exit "$status"
