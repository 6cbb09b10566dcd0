package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ZooKeeper {@link LeaderRetrieval}: follows the JobManager leader of one cluster, watches {@link ZooKeeperLayout#JOBMANAGER_LEADER}
 * and tells its listener the current leader and every change.
 *
 * <p>The listener hears each distinct value once (repeats are dropped), on Curator's event
 * thread. A record that cannot be decoded is logged and reported as "no leader".
 * Thread-safe; {@link #currentLeader()} may be called from any thread.
 */
public final class ZooKeeperLeaderRetrieval implements LeaderRetrieval {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderRetrieval.class);

    private final CuratorCache cache;
    private final LeaderRetrievalListener listener;
    private final AtomicReference<Optional<LeaderInfo>> last = new AtomicReference<>(null);

    /**
     * @param client   a started client whose namespace is the cluster's
     * @param listener told of the leader and each change
     */
    public ZooKeeperLeaderRetrieval(CuratorFramework client, LeaderRetrievalListener listener) {
        this.listener = listener;
        this.cache = CuratorCache.build(client, ZooKeeperLayout.JOBMANAGER_LEADER, CuratorCache.Options.SINGLE_NODE_CACHE);
        this.cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((oldNode, node) -> update(decode(node)))
                .forDeletes(node -> update(Optional.empty()))
                .forInitialized(() -> update(cache.get(ZooKeeperLayout.JOBMANAGER_LEADER).flatMap(this::decode)))
                .build());
    }

    /** Starts watching; the listener hears the current state once the first read completes. */
    @Override
    public void start() {
        cache.start();
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
        cache.close();
    }

    private Optional<LeaderInfo> decode(ChildData node) {
        if (node == null || node.getData() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LeaderInfo.fromBytes(node.getData(), node.getPath()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable leader information: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void update(Optional<LeaderInfo> leader) {
        Optional<LeaderInfo> previous = last.getAndSet(leader);
        if (!Objects.equals(previous, leader)) {
            LOG.info("Leader is now {}", leader.map(l -> l.participantId() + " (session " + l.sessionId() + ")").orElse("unknown"));
            listener.leaderChanged(leader);
        }
    }
}
