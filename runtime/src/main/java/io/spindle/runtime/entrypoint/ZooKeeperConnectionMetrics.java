package io.spindle.runtime.entrypoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spindle.configuration.Configuration;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import java.util.EnumMap;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * The ZooKeeper connection state as metrics: connected (0/1) and a count of every state change by
 * state (suspensions are {@code SUSPENDED}, expired sessions {@code LOST}). Here because only the
 * process wiring may see Curator.
 *
 * <p>It watches a client of its own, with the same quorum, namespace and timeouts as the HA
 * services' client (which {@code ZooKeeperHaServices} does not expose), so it sees the same outages
 * of the ensemble; both sessions are separate, so a suspension of one is not proof of the other's.
 *
 * <p>Thread-safe; Curator calls the listener on its event thread. {@link #close} closes the client.
 */
final class ZooKeeperConnectionMetrics implements ConnectionStateListener, AutoCloseable {

    private final Map<ConnectionState, Counter> changes = new EnumMap<>(ConnectionState.class);
    private final CuratorFramework client;
    private volatile boolean connected;

    private ZooKeeperConnectionMetrics(MeterRegistry registry, CuratorFramework client) {
        this.client = client;
        Gauge.builder("spindle.zookeeper.connected", this, m -> m.connected ? 1 : 0)
                .description("1 while the ZooKeeper connection is up, else 0")
                .register(registry);
        for (ConnectionState state : ConnectionState.values()) {
            changes.put(state, Counter.builder("spindle.zookeeper.connection.state.changes")
                    .description("ZooKeeper connection state changes, by new state")
                    .tag("state", state.name())
                    .register(registry));
        }
    }

    /**
     * Connects its own client and follows its connection.
     *
     * @throws ZooKeeperUnavailableException if ZooKeeper cannot be reached in time
     */
    static ZooKeeperConnectionMetrics watch(Configuration conf, MeterRegistry registry)
            throws ZooKeeperUnavailableException {
        CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient();
        ZooKeeperConnectionMetrics metrics = new ZooKeeperConnectionMetrics(registry, client);
        client.getConnectionStateListenable().addListener(metrics);
        metrics.connected = client.getZookeeperClient().isConnected();
        return metrics;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        connected = newState.isConnected();
        changes.get(newState).increment();
    }
}
