#!/usr/bin/env bash
# Common functions of the standalone cluster scripts; sourced, never run on its own.
#   SPINDLE_PID_DIR       where daemons' pid files live (default: /tmp)
#   SPINDLE_IDENT_STRING  the name in pid and log file names (default: $USER)
#   SPINDLE_SSH           the command that reaches other hosts (default: ssh)
#   SPINDLE_SSH_OPTS      options for it, e.g. "-p 2222 -o BatchMode=yes"
#   SPINDLE_HOST_NAME     the host name daemon scripts print (default: this host's name; the
#                         cluster scripts set it to the host as written in masters/workers/zoo.cfg)
. "$(dirname "${BASH_SOURCE[0]}")/config.sh"

SPINDLE_PID_DIR="${SPINDLE_PID_DIR:-/tmp}"
SPINDLE_IDENT_STRING="${SPINDLE_IDENT_STRING:-${USER:-$(id -un)}}"
SPINDLE_SSH="${SPINDLE_SSH:-ssh}"
SPINDLE_SSH_OPTS="${SPINDLE_SSH_OPTS:-}"
export SPINDLE_PID_DIR SPINDLE_IDENT_STRING

# The Log4j2 configuration of daemons: conf/log4j2.xml of the configuration directory, else the distribution's.
spindle_daemon_log_config() {
  if [[ -f "$SPINDLE_CONF_DIR/log4j2.xml" ]]; then
    printf '%s' "$SPINDLE_CONF_DIR/log4j2.xml"
  else
    printf '%s' "$SPINDLE_HOME/conf/log4j2.xml"
  fi
}

# spindle_cluster_config (masters|workers|zookeeper) FILE | ha CONF_DIR
# Checks a cluster file and prints its entries (see io.spindle.standalone.ClusterConfigTool);
# on a bad file prints "Error: FILE, line N: reason" on stderr and returns non-zero.
spindle_cluster_config() {
  local log_config="$SPINDLE_CONF_DIR/log4j2-cli.xml"
  [[ -f "$log_config" ]] || log_config="$SPINDLE_HOME/conf/log4j2-cli.xml"
  "$JAVA_RUN" -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$log_config" \
    -cp "$(spindle_classpath)" io.spindle.standalone.ClusterConfigTool "$@" </dev/null
}

# spindle_read_entries VAR (masters|workers|zookeeper) FILE
# Fills the array VAR with the entries of a cluster file, one element per line; exits on a bad file.
spindle_read_entries() {
  local -n _entries="$1"
  local listing
  listing="$(spindle_cluster_config "$2" "$3")" || exit 1
  _entries=()
  [[ -n "$listing" ]] && mapfile -t _entries <<<"$listing"
  return 0
}

# spindle_on_host HOST (local|remote) SCRIPT [ARGS...]
# Runs bin/SCRIPT with ARGS on HOST: directly when it is this machine, else over $SPINDLE_SSH,
# assuming the distribution and configuration at the same paths there.
spindle_on_host() {
  local host="$1" where="$2" script="$3"
  shift 3
  if [[ "$where" == "local" ]]; then
    SPINDLE_HOST_NAME="$host" SPINDLE_CLUSTER_SCRIPT=1 "$bin/$script" "$@"
  else
    local remote
    remote="$(printf '%q ' "SPINDLE_CONF_DIR=$SPINDLE_CONF_DIR" "SPINDLE_PID_DIR=$SPINDLE_PID_DIR" \
      "SPINDLE_LOG_DIR=$SPINDLE_LOG_DIR" "SPINDLE_HOST_NAME=$host" "SPINDLE_CLUSTER_SCRIPT=1" /bin/bash -l "$bin/$script" "$@")"
    # shellcheck disable=SC2086 # SPINDLE_SSH_OPTS holds several options
    "$SPINDLE_SSH" -n $SPINDLE_SSH_OPTS "$host" -- "$remote"
  fi
}

# spindle_zookeeper_quorum (start|stop)
# Starts or stops the bundled ZooKeeper on every host of a server.N line of conf/zoo.cfg, going on past a
# host that fails; returns non-zero when one did. Exits on a bad zoo.cfg.
spindle_zookeeper_quorum() {
  local action="$1" servers entry id host where status=0
  spindle_read_entries servers zookeeper "$SPINDLE_CONF_DIR/zoo.cfg"
  for entry in "${servers[@]}"; do
    read -r id host where <<<"$entry"
    if [[ "$action" == "start" ]]; then
      spindle_on_host "$host" "$where" zookeeper.sh start "$id" || status=1
    else
      spindle_on_host "$host" "$where" zookeeper.sh stop || status=1
    fi
  done
  return "$status"
}
