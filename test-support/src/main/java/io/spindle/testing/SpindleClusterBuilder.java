package io.spindle.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.ZooKeeperEnsemble;
import io.spindle.minicluster.ZooKeeperSettings;
import io.spindle.testing.ClusterSettings.ZooKeeperMode;

/**
 * Configures a {@link SpindleClusterExtension} ({@link SpindleClusterExtension#builder()}): which
 * servers it starts, with which settings, and whether several test classes share them. Not
 * thread-safe; build once, in a static initializer.
 */
public final class SpindleClusterBuilder {

    private ZooKeeperMode zooKeeperMode = ZooKeeperMode.NONE;
    private int ensembleSize;
    private ZooKeeperSettings zooKeeperSettings = ZooKeeperSettings.defaults();
    private boolean hdfs;
    private int nodeManagers;
    private final Map<String, String> hadoopConfig = new LinkedHashMap<>();
    private String sharedName;

    SpindleClusterBuilder() {
    }

    /** One standalone ZooKeeper server ({@link EmbeddedZooKeeper}). */
    public SpindleClusterBuilder withZooKeeper() {
        zooKeeperMode = ZooKeeperMode.SERVER;
        ensembleSize = 1;
        return this;
    }

    /** A ZooKeeper ensemble of {@code size} servers ({@link ZooKeeperEnsemble}), in this JVM. */
    public SpindleClusterBuilder withZooKeeperEnsemble(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ensemble size must be at least 1: " + size);
        }
        zooKeeperMode = ZooKeeperMode.ENSEMBLE;
        ensembleSize = size;
        return this;
    }

    /** ZooKeeper's tick time (default 500 ms); the session bounds stay 1 s to 60 s unless set. */
    public SpindleClusterBuilder withZooKeeperTickTime(Duration tickTime) {
        zooKeeperSettings = zooKeeperSettings.withTickTime(tickTime);
        return this;
    }

    /**
     * The session timeouts the ZooKeeper servers accept (a client's requested timeout is clamped to
     * this range). Default: 1 s to 60 s.
     */
    public SpindleClusterBuilder withZooKeeperSessionTimeouts(Duration min, Duration max) {
        zooKeeperSettings = zooKeeperSettings.withSessionTimeouts(min, max);
        return this;
    }

    /** A MiniDFSCluster with one DataNode; with YARN, it becomes YARN's {@code fs.defaultFS}. */
    public SpindleClusterBuilder withHdfs() {
        hdfs = true;
        return this;
    }

    /**
     * A MiniYARNCluster with one ResourceManager and {@code nodeManagers} NodeManagers, whose
     * containers run as real processes. With {@link #withHdfs()}, its {@code fs.defaultFS} is the
     * MiniDFSCluster; without, the local file system.
     */
    public SpindleClusterBuilder withYarn(int nodeManagers) {
        if (nodeManagers < 1) {
            throw new IllegalArgumentException("need at least one NodeManager: " + nodeManagers);
        }
        this.nodeManagers = nodeManagers;
        return this;
    }

    /** A Hadoop configuration entry for HDFS and YARN; applied after, and winning over, the defaults. */
    public SpindleClusterBuilder withHadoopConfig(String key, String value) {
        hadoopConfig.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /** Hadoop configuration entries; see {@link #withHadoopConfig(String, String)}. */
    public SpindleClusterBuilder withHadoopConfig(Map<String, String> entries) {
        entries.forEach(this::withHadoopConfig);
        return this;
    }

    /**
     * Lets several test classes register the built instance and share its clusters, which then
     * run from the first of those classes to the end of the test run (see the class comment).
     *
     * @param name names the work directory, {@code target/spindle-it/<name>/}
     */
    public SpindleClusterBuilder sharedAcrossClasses(String name) {
        this.sharedName = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The extension; register it with {@code @RegisterExtension} on a static field. */
    public SpindleClusterExtension build() {
        return new SpindleClusterExtension(ClusterLifecycle.of(new ClusterSettings(zooKeeperMode, ensembleSize,
                zooKeeperSettings, hdfs, nodeManagers, hadoopConfig), sharedName));
    }
}
