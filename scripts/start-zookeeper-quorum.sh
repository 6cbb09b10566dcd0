#!/usr/bin/env bash
# Starts the bundled ZooKeeper on every host of a server.N line of conf/zoo.cfg (over ssh for other hosts).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"

spindle_zookeeper_quorum start
