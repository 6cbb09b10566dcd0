#!/usr/bin/env bash
# Starts a standalone cluster: a JobManager per line of conf/masters (one without high availability,
# several with high-availability.type: zookeeper) and a TaskExecutor per line of conf/workers.
# Hosts other than this one are reached over ssh ($SPINDLE_SSH, $SPINDLE_SSH_OPTS).
# The daemons and bin/spindle authenticate with the secret in conf/cluster-secret, created here when
# missing; hosts that do not share this conf/ folder need a copy of it (docs/security.md).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"

ha="$(spindle_cluster_config ha "$SPINDLE_CONF_DIR")" || exit 1
spindle_read_entries masters masters "$SPINDLE_CONF_DIR/masters"
spindle_read_entries workers workers "$SPINDLE_CONF_DIR/workers"

if [[ "$ha" == zookeeper* ]]; then
  echo "Starting HA cluster with ${#masters[@]} masters and ${ha#zookeeper } peers in ZooKeeper quorum."
else
  if [[ ${#masters[@]} -gt 1 ]]; then
    echo "Error: $SPINDLE_CONF_DIR/masters lists ${#masters[@]} JobManagers, but high availability is off:" \
      "list one, or set high-availability.type: zookeeper in config.yaml." >&2
    exit 1
  fi
  echo "Starting cluster."
fi

# Creates conf/cluster-secret (0600) unless the config names a secret file or turns authentication off.
spindle_cluster_config secret "$SPINDLE_CONF_DIR" || exit 1

status=0
for entry in "${masters[@]}"; do
  read -r host port where <<<"$entry"
  args=(start "$host")
  [[ "$port" != "-" ]] && args+=("$port")
  spindle_on_host "$host" "$where" jobmanager.sh "${args[@]}" || status=1
done
for entry in "${workers[@]}"; do
  read -r host where <<<"$entry"
  spindle_on_host "$host" "$where" taskmanager.sh start || status=1
done
exit "$status"
