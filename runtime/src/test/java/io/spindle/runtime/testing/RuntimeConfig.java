package io.spindle.runtime.testing;

import io.spindle.configuration.Configuration;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretFile;
import io.spindle.testing.TestClusterSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of a test cluster: ZooKeeper HA on the given quorum and storageDir, fast timings,
 * and the JVM's shared cluster secret file ({@link TestClusterSecrets#sharedFile()}); clients get
 * its credential from {@link #secret()}.
 */
public final class RuntimeConfig {

    private RuntimeConfig() {}

    /** Key/values for a test cluster; callers may add or override entries. */
    public static Map<String, String> values(String quorum, String storageDir, String clusterId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("high-availability.type", "zookeeper");
        values.put("high-availability.zookeeper.quorum", quorum);
        values.put("high-availability.storageDir", storageDir);
        values.put("high-availability.cluster-id", clusterId);
        values.put("high-availability.zookeeper.client.session-timeout", "4 s");
        values.put("high-availability.zookeeper.client.connection-timeout", "4 s");
        values.put("execution.checkpointing.interval", "300 ms");
        values.put("heartbeat.interval", "300 ms");
        values.put("heartbeat.timeout", "3 s");
        values.put("restart-strategy.fixed-delay.delay", "200 ms");
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("taskmanager.host", "127.0.0.1");
        values.put("jobmanager.rpc.address", "127.0.0.1");
        values.put("rest.port", "0");
        values.put(TestClusterSecrets.KEY, TestClusterSecrets.sharedFile().toString());
        return values;
    }

    /**
     * Adds what a cluster that loses ZooKeeper needs to ride it out quickly: 3 s ZooKeeper sessions
     * (the server must accept them), reconnect attempts at most 1 s apart, and enough job restarts
     * to outlast the outage.
     *
     * @return {@code values}
     */
    public static Map<String, String> ridingOutZooKeeperLoss(Map<String, String> values) {
        values.put("high-availability.zookeeper.client.session-timeout", "3 s");
        values.put("high-availability.zookeeper.client.retry-wait", "200 ms");
        values.put("high-availability.zookeeper.client.max-retry-wait", "1 s");
        values.put("restart-strategy.fixed-delay.attempts", "20");
        return values;
    }

    /** The secret of the file {@link #values} names. */
    public static ClusterSecret secret() {
        return ClusterSecretFile.read(TestClusterSecrets.sharedFile());
    }

    /** As {@link #values}, as a configuration. */
    public static Configuration of(Map<String, String> values) {
        return Configuration.fromMap(values);
    }
}
