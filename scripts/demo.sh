#!/usr/bin/env bash
# The Spindle demo: recovery on YARN with nothing but a JDK and Maven.
#
#   ./scripts/demo.sh
#
# 1. builds the distribution (dist/target/spindle) if it is missing or older than the sources;
# 2. starts a local YARN + HDFS + ZooKeeper (bin/spindle local-cluster) in a temporary folder;
# 3. runs the counting job as a per-job YARN application, kills its ApplicationMaster with SIGKILL in
#    the middle, and shows attempt 2 take over: leader change, the running tasks adopted (not
#    restarted), a checkpoint completed by attempt 2. It prints the dashboard's URL (the
#    ResourceManager's web proxy) and, after the failover, saves a screenshot of the dashboard to
#    dist/target/demo-dashboard.png if chromium is installed;
# 4. verifies the output holds every record exactly once, prints the timeline and the records
#    reprocessed (emitted more than once; 0 when the tasks were adopted), and stops the cluster.
# Nothing is left behind: no process, no temporary folder, no znode.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
dist="$root/dist/target/spindle"

step() { printf '\n==> %s\n' "$*"; }

stamp="$root/dist/target/.demo-build"
if [[ ! -x "$dist/bin/spindle" || ! -f "$stamp" ]] || [[ -n "$(find "$root" -name target -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/scripts/*' -o -path '*/conf/*' \) -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
  step "Building the distribution (mvn -DskipTests package; the first build downloads the dependencies)"
  (cd "$root" && mvn -B -ntp -q -DskipTests package)
  touch "$stamp"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/spindle-demo.XXXXXX")"
cluster="$work/cluster"
cleanup() {
  local status=$?
  if [[ -d "$cluster" ]]; then
    step "Stopping the local cluster"
    "$dist/bin/spindle" local-cluster stop --dir "$cluster" || true
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

step "Starting a local YARN + HDFS + ZooKeeper in $cluster"
"$dist/bin/spindle" local-cluster start --dir "$cluster"

export HADOOP_CONF_DIR="$cluster/hadoop-conf"
export SPINDLE_CONF_DIR="$cluster/conf"
export TMPDIR="$work"
step "Running the counting job per-job and killing its ApplicationMaster in the middle"
SPINDLE_CLI_JVM_OPTS="-Xmx512m -Djava.io.tmpdir=$work" "$dist/bin/spindle" demo \
  --screenshot "$root/dist/target/demo-dashboard.png"
