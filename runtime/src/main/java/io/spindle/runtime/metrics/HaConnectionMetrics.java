package io.spindle.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import java.util.EnumMap;
import java.util.Map;

/**
 * The connection of the HA services to ZooKeeper as metrics: connected (0/1) and a count of every
 * state change by new state (suspensions are {@code SUSPENDED}, ended sessions {@code LOST}). It
 * follows the HA services' own connection through {@link HaServices#watchConnection}, so what it
 * reports is the state of the session the elections and stores use; it opens none of its own.
 *
 * <p>Thread-safe; {@link #close} ends the watch (the meters stay registered).
 */
public final class HaConnectionMetrics implements AutoCloseable {

    private final Map<HaConnectionState, Counter> changes = new EnumMap<>(HaConnectionState.class);
    private final HaServices.Watch watch;
    private volatile boolean connected;

    private HaConnectionMetrics(HaServices ha, MeterRegistry registry) {
        Gauge.builder("spindle.zookeeper.connected", this, m -> m.connected ? 1 : 0)
                .description("1 while the ZooKeeper connection is up, else 0")
                .register(registry);
        for (HaConnectionState state : HaConnectionState.values()) {
            changes.put(state, Counter.builder("spindle.zookeeper.connection.state.changes")
                    .description("ZooKeeper connection state changes, by new state")
                    .tag("state", state.name())
                    .register(registry));
        }
        this.watch = ha.watchConnection(this::changed);
        this.connected = ha.connectionState().isConnected();
    }

    /**
     * Registers the meters and follows the connection of {@code ha}.
     *
     * @return the metrics; closing them ends the watch
     */
    public static HaConnectionMetrics watch(HaServices ha, MeterRegistry registry) {
        return new HaConnectionMetrics(ha, registry);
    }

    private void changed(HaConnectionState state) {
        connected = state.isConnected();
        changes.get(state).increment();
    }

    @Override
    public void close() {
        watch.close();
    }
}
