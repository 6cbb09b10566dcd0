package io.spindle.testing;

import java.nio.file.Path;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.ZooKeeperEnsemble;

/**
 * The ZooKeeper part of a {@link SpindleClusterExtension}: one {@link EmbeddedZooKeeper} (data in
 * {@code <workDir>/zk}) or a {@link ZooKeeperEnsemble} (data in {@code <workDir>/zk-<i>}), on free
 * ports of {@code 127.0.0.1}. Thread safety: immutable after start; the servers are thread-safe.
 */
final class TestZooKeeper implements AutoCloseable {

    private final EmbeddedZooKeeper server;
    private final ZooKeeperEnsemble ensemble;

    private TestZooKeeper(EmbeddedZooKeeper server, ZooKeeperEnsemble ensemble) {
        this.server = server;
        this.ensemble = ensemble;
    }

    /** Starts what {@code settings} ask for; null for {@link ClusterSettings.ZooKeeperMode#NONE}. */
    static TestZooKeeper start(ClusterSettings settings, Path workDir) throws Exception {
        return switch (settings.zooKeeper()) {
            case SERVER -> new TestZooKeeper(
                    EmbeddedZooKeeper.start(workDir.resolve("zk"), 0, settings.zooKeeperSettings()), null);
            case ENSEMBLE -> new TestZooKeeper(null,
                    ZooKeeperEnsemble.start(workDir, settings.ensembleSize(), settings.zooKeeperSettings()));
            case NONE -> null;
        };
    }

    String connectString() {
        return server != null ? server.connectString() : ensemble.connectString();
    }

    /** The single server, or null when this is an ensemble. */
    EmbeddedZooKeeper server() {
        return server;
    }

    /** The ensemble, or null when this is a single server. */
    ZooKeeperEnsemble ensemble() {
        return ensemble;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }
}
