#!/usr/bin/env bash
# Dumps the AppCDS archive of the ApplicationMaster and TaskExecutor JVMs into <dist>/lib/, run by the
# dist build (see dist/pom.xml) in the unpacked distribution. The archive holds the classes of
# containers.classlist (what the two JVMs loaded in a run on a local cluster; see docs/performance.md
# to refresh it). JDK 17 maps it only with the same JDK, a classpath starting with the same entries
# (lib/<jar> relative paths in name order, as ContainerJvmOptions builds it) and jars with the same
# size and modification time: the jars' times are set to ContainerJvmOptions.CDS_JAR_TIME here, and
# the containers reset theirs to it before the JVM starts.
#   dump-archive.sh <java> <unpacked dist dir> <class list>
set -euo pipefail
java=$1 dist=$(cd "$2" && pwd) classlist=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
log=$dist/../cds-dump.log
jar_time=946684800    # ContainerJvmOptions.CDS_JAR_TIME
archive=lib/spindle-containers.jsa    # ContainerJvmOptions.CDS_ARCHIVE
cd "$dist"
touch -m -d "@$jar_time" lib/*.jar
classpath=$(cd lib && LC_ALL=C ls -1 -- *.jar | sed 's|^|lib/|' | paste -sd: -)
rm -f "$archive"
# Classes of the list missing from the jars (renamed since) are skipped with a warning.
"$java" -Xshare:dump -XX:SharedClassListFile="$classlist" -XX:SharedArchiveFile="$archive" \
    -cp "$classpath" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
echo "AppCDS archive $dist/$archive: $(du -h "$archive" | cut -f1), $(grep -vc '^#' "$classlist") classes listed"
