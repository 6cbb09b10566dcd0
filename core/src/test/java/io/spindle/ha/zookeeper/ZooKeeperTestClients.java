package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import org.apache.curator.framework.CuratorFramework;
import io.spindle.minicluster.EnsembleMember;
import io.spindle.minicluster.ZooKeeperEnsemble;
import io.spindle.testing.SpindleClusterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds and closes the ZooKeeper clients of one test through {@link ZooKeeperClientFactory}. Not thread-safe. */
final class ZooKeeperTestClients implements AutoCloseable {

    /** The session timeout of tests that make sessions expire: short, and granted by {@link #zooKeeperForExpiringSessions}. */
    static final Duration EXPIRING_SESSION = Duration.ofSeconds(2);

    private final List<AutoCloseable> open = new ArrayList<>();

    /** @return a ZooKeeper server that grants sessions from one second, so that a test can wait for one to expire */
    static SpindleClusterExtension zooKeeperForExpiringSessions() {
        return SpindleClusterExtension.builder()
                .withZooKeeper()
                .withZooKeeperSessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60))
                .build();
    }

    static Configuration config(String quorum, String clusterId, Duration sessionTimeout, Map<String, String> extra) {
        Configuration conf = Configuration.empty()
                .withRaw(HighAvailabilityOptions.TYPE.key(), "zookeeper")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key(), quorum)
                .withRaw(HighAvailabilityOptions.CLUSTER_ID.key(), clusterId)
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT.key(), sessionTimeout.toMillis() + " ms")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key(), "10 s")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT.key(), "100 ms")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_WAIT.key(), "1 s")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS.key(), "20");
        for (Map.Entry<String, String> e : extra.entrySet()) {
            conf = conf.withRaw(e.getKey(), e.getValue());
        }
        return conf;
    }

    /** Kills the ensemble member {@code client} is connected to; the other two keep the quorum. */
    static EnsembleMember killConnectedServer(ZooKeeperEnsemble ensemble, CuratorFramework client) throws Exception {
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        EnsembleMember connected = ensemble.memberServing(session)
                .orElseThrow(() -> new AssertionError("no ensemble member serves the client's session"));
        connected.stop();
        return connected;
    }

    CuratorFramework client(Configuration conf) throws Exception {
        CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient();
        open.add(client);
        return client;
    }

    <T extends AutoCloseable> T register(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // closing after the test; the next resource still gets closed
            }
        }
        open.clear();
    }
}
