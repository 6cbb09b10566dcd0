#!/usr/bin/env bash
# Stops the bundled ZooKeeper on every host of a server.N line of conf/zoo.cfg (over ssh for other hosts).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"

spindle_read_entries servers zookeeper "$SPINDLE_CONF_DIR/zoo.cfg"
status=0
for entry in "${servers[@]}"; do
  read -r id host where <<<"$entry"
  spindle_on_host "$host" "$where" zookeeper.sh stop || status=1
done
exit "$status"
