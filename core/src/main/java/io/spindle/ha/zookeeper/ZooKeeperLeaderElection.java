package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JobManager leader election on the {@link ZooKeeperLayout#LATCH latch} of one cluster, with a
 * Curator {@link LeaderLatch}.
 *
 * <p>On every grant it starts a new {@link LeaderSession} (fresh UUID, a fence on this process's
 * own latch node), publishes the {@link LeaderInfo} at {@link ZooKeeperLayout#JOBMANAGER_LEADER}
 * (ephemeral, written through the fence) and only then tells the contender. On revoke (the latch
 * says so, the connection is SUSPENDED under the standard error policy or LOST, or a fenced write
 * found the latch node gone) it invalidates the session first and then tells the contender; after
 * a lost fence it rejoins the election with a new latch node.
 *
 * <p><b>Preemption.</b> Given a {@link ParticipantFinishedPredicate}, a contender that is not
 * leading checks the participants ahead of it every {@code preemptionInterval} and deletes the
 * latch nodes of those the predicate reports finished, so leadership passes at once instead of
 * after the dead participant's session timeout. Safe because every leader write is fenced.
 *
 * <p>Thread-safety: public methods may be called from any thread. All state changes and all calls
 * to the contender happen on one internal thread, in order.
 */
public final class ZooKeeperLeaderElection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderElection.class);

    private final CuratorFramework client;
    private final String participantId;
    private final LeaderContender contender;
    private final ParticipantFinishedPredicate finished;
    private final Duration preemptionInterval;
    private final ScheduledExecutorService events;
    private final AtomicReference<LeaderSession> current = new AtomicReference<>();

    // Confined to the events thread:
    private LeaderLatch latch;
    private String rpcAddress = "";
    private String restUrl = "";
    private boolean closed;

    /**
     * @param client             a started client whose namespace is the cluster's ({@code root/cluster-id})
     * @param participantId      who this process is, recorded in its latch node (e.g. the YARN attempt id)
     * @param contender          told of grants and revokes
     * @param finished           which other participants are provably finished, or {@link ParticipantFinishedPredicate#NEVER}
     * @param preemptionInterval how often a waiting contender looks for finished participants ahead of it
     */
    public ZooKeeperLeaderElection(CuratorFramework client, String participantId, LeaderContender contender,
                                   ParticipantFinishedPredicate finished, Duration preemptionInterval) {
        if (participantId == null || participantId.isBlank()) {
            throw new IllegalArgumentException("participantId must not be empty");
        }
        this.client = client;
        this.participantId = participantId;
        this.contender = contender;
        this.finished = finished;
        this.preemptionInterval = preemptionInterval;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "leader-election-" + participantId);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.events = executor;
    }

    /**
     * Joins the election.
     *
     * @param rpcAddress the RPC address to publish when leading ({@code host:port}), may be empty
     * @param restUrl    the REST endpoint to publish when leading, may be empty
     */
    public void start(String rpcAddress, String restUrl) {
        events.execute(() -> {
            this.rpcAddress = rpcAddress;
            this.restUrl = restUrl;
            joinLatch();
        });
        if (finished != ParticipantFinishedPredicate.NEVER) {
            long millis = Math.max(1, preemptionInterval.toMillis());
            events.scheduleWithFixedDelay(this::preemptFinishedParticipants, 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** @return the current leader session, if this process leads */
    public Optional<LeaderSession> currentSession() {
        return Optional.ofNullable(current.get()).filter(LeaderSession::isValid);
    }

    /**
     * @param sessionId a leader session id
     * @return true if {@code sessionId} is this process's current, valid leader session
     */
    public boolean hasLeadership(UUID sessionId) {
        return currentSession().map(s -> s.id().equals(sessionId)).orElse(false);
    }

    /** @return who this process is in the election */
    public String participantId() {
        return participantId;
    }

    /**
     * Leaves the election: revokes the current session (if any), removes the published leader
     * information and deletes this process's latch node, so that the next participant leads at once.
     */
    @Override
    public void close() throws IOException {
        try {
            events.submit(this::leave).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Leaving the election did not finish cleanly: {}", e.toString());
        } finally {
            events.shutdownNow();
        }
    }

    private void leave() {
        if (closed) {
            return;
        }
        closed = true;
        LeaderSession session = current.getAndSet(null);
        if (session != null && session.isValid()) {
            removeLeaderInfo(session);
            endSession(session, "leaving the election");
        }
        closeLatch();
    }

    private void joinLatch() {
        if (closed) {
            return;
        }
        LeaderLatch newLatch = new LeaderLatch(client, ZooKeeperLayout.LATCH, participantId, LeaderLatch.CloseMode.SILENT);
        newLatch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                onGranted(newLatch);
            }

            @Override
            public void notLeader() {
                onRevoked(newLatch);
            }
        }, events);
        latch = newLatch;
        try {
            newLatch.start();
            LOG.info("Participant {} joined the leader election", participantId);
        } catch (Exception e) {
            LOG.error("Participant {} could not join the leader election", participantId, e);
        }
    }

    private void onGranted(LeaderLatch source) {
        if (closed || source != latch || !source.hasLeadership()) {
            return;
        }
        String latchNode = source.getOurPath();
        UUID id = UUID.randomUUID();
        ZooKeeperLeaderFence[] holder = new ZooKeeperLeaderFence[1];
        ZooKeeperLeaderFence fence = new ZooKeeperLeaderFence(client, latchNode, id,
                () -> events.execute(() -> onFenceLost(holder[0])));
        holder[0] = fence;
        LeaderSession session = new LeaderSession(id, fence);
        try {
            publishLeaderInfo(session);
        } catch (LeadershipLostException e) {
            return; // the fence callback rejoins
        } catch (Exception e) {
            LOG.error("Participant {} was granted leadership but could not publish its address; rejoining", participantId, e);
            fence.invalidate();
            rejoin();
            return;
        }
        current.set(session);
        LOG.info("Participant {} was granted leadership with leader session {}", participantId, id);
        contender.grantLeadership(session);
    }

    private void onRevoked(LeaderLatch source) {
        if (source != latch) {
            return;
        }
        LeaderSession session = current.getAndSet(null);
        if (session != null) {
            endSession(session, "the latch revoked it (connection suspended or lost)");
        }
    }

    private void onFenceLost(ZooKeeperLeaderFence fence) {
        LeaderSession session = current.get();
        if (closed || session == null || session.fence() != fence) {
            return;
        }
        current.set(null);
        endSession(session, "a fenced write found its latch node gone");
        rejoin();
    }

    private void endSession(LeaderSession session, String why) {
        session.fence().invalidate();
        LOG.info("Participant {} lost leadership (leader session {}): {}", participantId, session.id(), why);
        try {
            contender.revokeLeadership(session);
        } catch (RuntimeException e) {
            LOG.error("The contender failed to stop after leadership was revoked", e);
        }
    }

    private void rejoin() {
        closeLatch();
        joinLatch();
    }

    private void closeLatch() {
        LeaderLatch old = latch;
        latch = null;
        if (old != null) {
            try {
                old.close();
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Closing the old latch failed", e);
            }
        }
    }

    private void publishLeaderInfo(LeaderSession session) throws Exception {
        byte[] info = new LeaderInfo(participantId, rpcAddress, restUrl, session.id()).toBytes();
        client.createContainers(ZooKeeperLayout.LEADER);
        for (int attempt = 1; ; attempt++) {
            Stat stat = client.checkExists().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            List<CuratorOp> ops = new ArrayList<>(2);
            if (stat != null) {
                ops.add(client.transactionOp().delete().withVersion(stat.getVersion()).forPath(ZooKeeperLayout.JOBMANAGER_LEADER));
            }
            ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(ZooKeeperLayout.JOBMANAGER_LEADER, info));
            try {
                session.fence().commit(ops);
                return;
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private void removeLeaderInfo(LeaderSession session) {
        try {
            Stat stat = client.checkExists().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            if (stat != null && stat.getEphemeralOwner() == client.getZookeeperClient().getZooKeeper().getSessionId()) {
                session.fence().commit(List.of(client.transactionOp().delete().withVersion(stat.getVersion())
                        .forPath(ZooKeeperLayout.JOBMANAGER_LEADER)));
            }
        } catch (Exception e) {
            LOG.debug("Could not remove the leader information on leaving", e);
        }
    }

    private void preemptFinishedParticipants() {
        LeaderLatch l = latch;
        if (closed || l == null || l.hasLeadership() || l.getOurPath() == null) {
            return;
        }
        try {
            long ours = sequenceOf(ZKPaths.getNodeFromPath(l.getOurPath()));
            for (String child : client.getChildren().forPath(ZooKeeperLayout.LATCH)) {
                if (sequenceOf(child) >= ours) {
                    continue;
                }
                String path = ZKPaths.makePath(ZooKeeperLayout.LATCH, child);
                String other = new String(client.getData().forPath(path), StandardCharsets.UTF_8);
                if (!other.isEmpty() && !other.equals(participantId) && finished.isFinished(other)) {
                    try {
                        client.delete().forPath(path);
                        LOG.info("Participant {} deleted the latch node {} of finished participant {}", participantId, child, other);
                    } catch (KeeperException.NoNodeException gone) {
                        // its session ended meanwhile
                    }
                }
            }
        } catch (KeeperException.NoNodeException e) {
            // a node vanished while we looked; the next round sees the new state
        } catch (Exception e) {
            LOG.debug("Looking for finished participants failed: {}", e.toString());
        }
    }

    private static long sequenceOf(String latchNode) {
        int dash = latchNode.lastIndexOf('-');
        try {
            return Long.parseLong(latchNode.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Long.MAX_VALUE;
        }
    }
}
