package io.spindle.testing;

import java.nio.file.Path;

import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The servers one start of a {@link SpindleClusterExtension} made: ZooKeeper ({@link TestZooKeeper})
 * and Hadoop ({@link TestHadoop}), either of them null when the settings did not ask for it.
 *
 * <p>Immutable; {@link #close()} runs once, from the JUnit thread.
 *
 * @param zooKeeper ZooKeeper, or null if not asked for
 * @param hadoop HDFS and/or YARN, or null if neither was asked for
 */
record RunningClusters(TestZooKeeper zooKeeper, TestHadoop hadoop) {

    /**
     * Starts ZooKeeper, then HDFS and YARN, as {@code settings} ask; on failure stops what started
     * (its failures suppressed into the one thrown).
     */
    static RunningClusters start(ClusterSettings settings, Path workDir) throws Exception {
        TestZooKeeper zk = TestZooKeeper.start(settings, workDir);
        try {
            return new RunningClusters(zk, TestHadoop.start(settings, workDir));
        } catch (Exception | Error e) {
            Exception stopFailure = new RunningClusters(zk, null).close();
            if (stopFailure != null) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /** Stops everything, in reverse start order; returns the first failure with the rest suppressed, or null. */
    Exception close() {
        Failures failures = new Failures();
        if (hadoop != null) {
            failures.add(hadoop.close());
        }
        if (zooKeeper != null) {
            failures.run(zooKeeper::close);
        }
        return failures.first();
    }

    /** The addresses, for the log, e.g. {@code zookeeper=127.0.0.1:2181 hdfs=hdfs://... rm=...}. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (zooKeeper != null) {
            sb.append("zookeeper=").append(zooKeeper.connectString()).append(' ');
        }
        if (hadoop != null && hadoop.hdfs() != null) {
            sb.append("hdfs=").append(hadoop.hdfs().uri()).append(' ');
        }
        if (hadoop != null && hadoop.yarn() != null) {
            sb.append("rm=").append(hadoop.conf().get(YarnConfiguration.RM_ADDRESS)).append(' ');
        }
        return sb.toString();
    }
}
