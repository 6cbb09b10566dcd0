package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Publishes one participant's {@link LeaderInfo} (its current addresses and a leader session's
 * id) at {@link ZooKeeperLayout#JOBMANAGER_LEADER} through {@link LeaderInfoZnode}, on a thread of
 * its own, so that the retries of a publish never delay a grant or revoke.
 *
 * <p>Guarantees: every write goes through the session's fence, so a session that lost its latch
 * node publishes nothing. The addresses are read when a publish runs, not when it is asked for, so
 * of publishes queued one after the other the last carries the newest addresses.
 *
 * <p>Thread-safe. {@link #publish} and {@link #republish} return at once; their futures complete
 * on the publishing thread. {@link #remove} blocks the calling thread on ZooKeeper.
 */
final class LeaderInfoPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderInfoPublisher.class);

    private final String participantId;
    private final LeaderInfoZnode znode;
    private final Executor thread;

    private volatile String rpcAddress = "";
    private volatile String restUrl = "";

    /**
     * @param client        a started client in the cluster's namespace
     * @param participantId who this process is, written with its addresses
     * @param thread        the single thread the publishes run on, one after the other; owned by the caller
     */
    LeaderInfoPublisher(CuratorFramework client, String participantId, Executor thread) {
        this.participantId = Objects.requireNonNull(participantId, "participantId");
        this.znode = new LeaderInfoZnode(client);
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    /** Sets the addresses the next publishes write. */
    void addresses(String rpcAddress, String restUrl) {
        this.rpcAddress = rpcAddress;
        this.restUrl = restUrl;
    }

    /**
     * Publishes the leader information of a session just granted.
     *
     * @return completes once it is written, or exceptionally (wrapped in a {@link CompletionException})
     *     with a {@link io.spindle.ha.LeadershipLostException} if the fence refused it, or with the
     *     ZooKeeper failure
     */
    CompletableFuture<Void> publish(LeaderSession session) {
        ZooKeeperLeaderFence fence = ZooKeeperLeaderFence.of(session.fence());
        return CompletableFuture.runAsync(() -> {
            try {
                znode.publish(new LeaderInfo(participantId, rpcAddress, restUrl, session.id()), fence);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, thread);
    }

    /**
     * Publishes the session's leader information again, with the current addresses; does nothing
     * if the session is no longer valid when it runs (its successor publishes them).
     *
     * @return completes as {@link #publish}
     */
    CompletableFuture<Void> republish(LeaderSession session) {
        return CompletableFuture.runAsync(() -> {
            if (!session.isValid()) {
                return;
            }
            try {
                znode.publish(new LeaderInfo(participantId, rpcAddress, restUrl, session.id()),
                        ZooKeeperLeaderFence.of(session.fence()));
                LOG.info("Participant {} published its addresses: RPC {}, REST {}", participantId, rpcAddress, restUrl);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, thread);
    }

    /** Deletes the leader information if this client's session wrote it; failures are logged, not thrown. */
    void remove(LeaderSession session) {
        znode.remove(ZooKeeperLeaderFence.of(session.fence()));
    }
}
