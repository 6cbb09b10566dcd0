package io.spindle.localcluster;

import java.util.Map;

/**
 * The text {@code start} and {@code status} print about a running cluster, made from the entries
 * of {@code local-cluster.properties}. Stateless.
 */
final class ClusterSummary {

    private ClusterSummary() {
    }

    /**
     * @param verb       "started" or "running"
     * @param properties the entries of {@code local-cluster.properties}
     */
    static String format(String verb, Map<String, String> properties) {
        String dir = properties.getOrDefault(ClusterFiles.DIR, "?");
        return String.join("\n",
                "Spindle local cluster " + verb + " in " + dir + " (pid " + properties.get(ClusterFiles.PID) + ")",
                "  ZooKeeper  " + properties.get("zookeeper.quorum"),
                "  HDFS       " + properties.get("hdfs.uri") + "  (web UI " + properties.get("hdfs.web") + ")",
                "  YARN       ResourceManager " + properties.get("yarn.resourcemanager.address") + ", "
                        + properties.get("yarn.node-managers") + " NodeManagers  (web UI "
                        + properties.get("yarn.web") + ")",
                "  Logs       " + properties.get(ClusterFiles.LOG_FILE) + "; container logs under " + dir + "/yarn",
                "Use it from your shell:",
                "  export HADOOP_CONF_DIR=" + quote(properties.get(ClusterFiles.HADOOP_CONF_DIR))
                        + " SPINDLE_CONF_DIR=" + quote(properties.get(ClusterFiles.SPINDLE_CONF_DIR)),
                "Stop it (this deletes " + dir + " with all its data and logs):",
                "  bin/spindle local-cluster stop --dir " + quote(dir),
                "");
    }

    /** Single-quotes a path for the shell if it holds anything but safe characters. */
    static String quote(String s) {
        if (s == null) {
            return "?";
        }
        if (s.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
