#!/usr/bin/env bash
# Common environment for Spindle's scripts; sourced, never run on its own.
#   SPINDLE_HOME      the distribution (default: the folder above bin/)
#   SPINDLE_CONF_DIR  where config.yaml, masters, workers, zoo.cfg and Log4j configs live (default: $SPINDLE_HOME/conf)
#   SPINDLE_LOG_DIR   where daemons write logs (default: $SPINDLE_HOME/log)
#   JAVA_HOME         the JDK/JRE to use (default: java on the PATH); Java 17 or newer
#   HADOOP_CONF_DIR, YARN_CONF_DIR  the Hadoop configuration, put on the classpath when set

bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
SPINDLE_HOME="${SPINDLE_HOME:-$(cd "$bin/.." && pwd -P)}"
SPINDLE_CONF_DIR="${SPINDLE_CONF_DIR:-$SPINDLE_HOME/conf}"
SPINDLE_LIB_DIR="${SPINDLE_LIB_DIR:-$SPINDLE_HOME/lib}"
SPINDLE_LOG_DIR="${SPINDLE_LOG_DIR:-$SPINDLE_HOME/log}"
export SPINDLE_HOME SPINDLE_CONF_DIR SPINDLE_LIB_DIR SPINDLE_LOG_DIR

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_RUN="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA_RUN="$(command -v java)"
else
  echo "Error: no Java found: set JAVA_HOME or put java (17 or newer) on the PATH." >&2
  exit 1
fi

if [[ ! -d "$SPINDLE_LIB_DIR" ]]; then
  echo "Error: no lib/ folder at $SPINDLE_LIB_DIR: run the scripts of a built distribution (mvn -DskipTests package, then dist/target/spindle/bin/)." >&2
  exit 1
fi

spindle_classpath() {
  local cp="$SPINDLE_LIB_DIR/*"
  [[ -n "${HADOOP_CONF_DIR:-}" ]] && cp="$cp:$HADOOP_CONF_DIR"
  [[ -n "${YARN_CONF_DIR:-}" && "${YARN_CONF_DIR:-}" != "${HADOOP_CONF_DIR:-}" ]] && cp="$cp:$YARN_CONF_DIR"
  printf '%s' "$cp"
}
