#!/usr/bin/env bash
# Starts a Spindle session on YARN, or attaches to one: `yarn-session.sh -h` lists the options.
#   yarn-session.sh -d -jm 1024m -tm 2048m -s 2      start a session and return once it is ready
#   yarn-session.sh                                  start a session and watch it; type 'stop' to stop it
#   echo stop | yarn-session.sh -id <applicationId>  stop a running session
# Needs the Hadoop configuration: set HADOOP_CONF_DIR (or YARN_CONF_DIR).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/config.sh"

log_config="$SPINDLE_CONF_DIR/log4j2-cli.xml"
[[ -f "$log_config" ]] || log_config="$SPINDLE_HOME/conf/log4j2-cli.xml"
exec "$JAVA_RUN" ${SPINDLE_CLI_JVM_OPTS:--Xmx512m} \
  -Dlog4j2.configurationFile="$log_config" \
  -Dspindle.home="$SPINDLE_HOME" \
  -cp "$(spindle_classpath)" \
  io.spindle.cli.YarnSessionCli "$@"
