package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ZooKeeper {@link LeaderRetrieval}: follows the JobManager leader of one cluster, watches {@link ZooKeeperLayout#JOBMANAGER_LEADER}
 * and tells its listener the current leader and every change.
 *
 * <p>It reads the node with a one-shot watch and reads it again on every change the watch reports,
 * and, independently of any watch, every time the client (re)connects: after a connection loss
 * within the session and after a new session (the old one expired, or Curator gave it up after
 * being disconnected for the session timeout). So what it reports is always the leader published
 * after the last reconnect, never one remembered from before an outage. Reads that fail (the
 * connection is gone) are not retried here: the next (re)connection reads again.
 *
 * <p>The listener hears each distinct value once (repeats are dropped), on Curator's event
 * thread. A record that cannot be decoded is logged and reported as "no leader".
 * Thread-safe; {@link #currentLeader()} may be called from any thread.
 */
public final class ZooKeeperLeaderRetrieval implements LeaderRetrieval {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderRetrieval.class);

    private final CuratorFramework client;
    private final LeaderRetrievalListener listener;
    private final AtomicReference<Optional<LeaderInfo>> last = new AtomicReference<>(null);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Watcher watcher = this::watched;
    private final ConnectionStateListener connection = (c, state) -> {
        if (state.isConnected()) {
            LOG.debug("ZooKeeper connection {}: reading the leader again", state);
            read();
        }
    };

    /**
     * @param client   a started client whose namespace is the cluster's
     * @param listener told of the leader and each change
     */
    public ZooKeeperLeaderRetrieval(CuratorFramework client, LeaderRetrievalListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /** Starts watching; the listener hears the current state once the first read completes. */
    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        client.getConnectionStateListenable().addListener(connection);
        read();
    }

    /**
     * Reads the published leader once, without watching.
     *
     * @param client a started client in the cluster's namespace
     * @return the leader, or empty when none is published
     * @throws Exception if ZooKeeper cannot be read
     * @throws IllegalArgumentException if the node holds no readable leader information
     */
    public static Optional<LeaderInfo> readOnce(CuratorFramework client) throws Exception {
        try {
            return Optional.of(LeaderInfo.fromBytes(client.getData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER),
                    ZooKeeperLayout.JOBMANAGER_LEADER));
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<LeaderInfo> currentLeader() {
        Optional<LeaderInfo> seen = last.get();
        return seen == null ? Optional.empty() : seen;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.getConnectionStateListenable().removeListener(connection);
            try {
                client.watchers().remove(watcher).locally().quietly().inBackground()
                        .forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            } catch (Exception e) {
                LOG.debug("Could not remove the leader watch", e);
            }
        }
    }

    /** Reads the node and sets a watch on it; if it does not exist, watches for its creation. */
    private void read() {
        if (closed.get()) {
            return;
        }
        try {
            client.getData().usingWatcher(watcher).inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK) {
                    update(decode(event.getData(), event.getPath()));
                } else if (code == KeeperException.Code.NONODE) {
                    update(Optional.empty());
                    watchCreation();
                } else {
                    LOG.debug("Reading the leader failed ({}); reading again once reconnected", code);
                }
            }).forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
        } catch (Exception e) {
            LOG.warn("Could not read the leader: {}", e.toString());
        }
    }

    private void watchCreation() {
        if (closed.get()) {
            return;
        }
        try {
            client.checkExists().usingWatcher(watcher).inBackground((c, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    read(); // created between the two reads
                }
            }).forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
        } catch (Exception e) {
            LOG.warn("Could not watch for a leader: {}", e.toString());
        }
    }

    private void watched(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None) {
            read();
        }
    }

    private Optional<LeaderInfo> decode(byte[] data, String path) {
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LeaderInfo.fromBytes(data, path));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable leader information: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized void update(Optional<LeaderInfo> leader) {
        if (closed.get()) {
            return;
        }
        Optional<LeaderInfo> previous = last.getAndSet(leader);
        if (!Objects.equals(previous, leader)) {
            LOG.info("Leader is now {}", leader.map(l -> l.participantId() + " (session " + l.sessionId() + ")").orElse("unknown"));
            listener.leaderChanged(leader);
        }
    }
}
