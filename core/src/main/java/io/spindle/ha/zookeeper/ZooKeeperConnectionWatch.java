package io.spindle.ha.zookeeper;

import io.spindle.ha.HaConnectionListener;
import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connection state of one Curator client in neutral terms: it listens to the client's
 * {@link ConnectionStateListener} events, keeps the latest state and passes each change on to
 * the {@link HaConnectionListener}s watching.
 *
 * <p>Curator's {@code READ_ONLY} (only possible for clients that allow read-only mode, which
 * Spindle's do not) counts as {@link HaConnectionState#SUSPENDED}: no fenced write can succeed.
 *
 * <p>Thread-safe: Curator calls it on its event thread; watches may be added and closed from any
 * thread. A listener that throws is logged and does not stop the others.
 */
final class ZooKeeperConnectionWatch implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperConnectionWatch.class);

    private final CopyOnWriteArrayList<HaConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile HaConnectionState state;

    private ZooKeeperConnectionWatch(HaConnectionState initial) {
        this.state = initial;
    }

    /** Starts following {@code client}, whose state now is its first. */
    static ZooKeeperConnectionWatch follow(CuratorFramework client) {
        ZooKeeperConnectionWatch watch = new ZooKeeperConnectionWatch(client.getZookeeperClient().isConnected()
                ? HaConnectionState.CONNECTED : HaConnectionState.SUSPENDED);
        client.getConnectionStateListenable().addListener(watch);
        return watch;
    }

    HaConnectionState state() {
        return state;
    }

    HaServices.Watch add(HaConnectionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        HaConnectionState neutral = neutral(newState);
        state = neutral;
        for (HaConnectionListener listener : listeners) {
            try {
                listener.connectionStateChanged(neutral);
            } catch (RuntimeException e) {
                LOG.warn("A connection state listener failed on {}", neutral, e);
            }
        }
    }

    static HaConnectionState neutral(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> HaConnectionState.CONNECTED;
            case RECONNECTED -> HaConnectionState.RECONNECTED;
            case SUSPENDED, READ_ONLY -> HaConnectionState.SUSPENDED;
            case LOST -> HaConnectionState.LOST;
        };
    }
}
