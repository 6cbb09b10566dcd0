package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ZooKeeper {@link LeaderElection}: a Curator {@link LeaderLatch} on the
 * {@link ZooKeeperLayout#LATCH latch} of one cluster.
 *
 * <p>On every grant it starts a new {@link LeaderSession} (fresh UUID, a {@link ZooKeeperLeaderFence}
 * on this process's own latch node), publishes the {@link LeaderInfo} at
 * {@link ZooKeeperLayout#JOBMANAGER_LEADER} (ephemeral, written through the fence) and only then
 * tells the contender. On revoke (the latch says so, the connection is SUSPENDED under the
 * standard error policy or LOST, or a fenced write found the latch node gone) it breaks the
 * session's fence first and then tells the contender; after a lost fence it rejoins the election
 * with a new latch node.
 *
 * <p><b>Outages.</b> A lost ZooKeeper session (expired on the server, or given up by Curator after
 * the client was disconnected for the session timeout) ends the leader session and replaces the
 * latch: the old one is closed (its node, if the server still keeps it, is deleted) and a new one
 * joins as soon as the client has a new session. After every reconnect it also checks that its
 * latch node exists and belongs to the client's current ZooKeeper session, and rejoins if not
 * (Curator's latch does not notice a node of an older session that it still takes for its own). So
 * a participant stays in the election through outages of any length, without a restart.
 *
 * <p><b>Preemption.</b> Given a {@link ParticipantFinishedPredicate}, a contender that is not
 * leading checks the participants ahead of it every {@code preemptionInterval} and deletes the
 * latch nodes of those the predicate reports finished (see {@link FinishedParticipantPreemption}).
 *
 * <p><b>Life cycle.</b> LATENT, then {@link #start} once (STARTED), then {@link #close} (CLOSED),
 * changed by compare-and-set; starting twice or after close throws {@link IllegalStateException}.
 *
 * <p>Threads: state changes and every call to the contender happen on one notification thread, in
 * order; blocking ZooKeeper work (publishing the leader information with its retries) runs on a
 * second thread and the preemption checks (which may ask a ResourceManager) on a third, so neither
 * delays a grant or revoke. Public methods may be called from any thread.
 */
public final class ZooKeeperLeaderElection implements LeaderElection {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderElection.class);

    private enum State { LATENT, STARTED, CLOSED }

    /** How often a membership check looks again while the latch has no node (it is creating one). */
    private static final int MEMBERSHIP_CHECKS = 20;
    private static final long MEMBERSHIP_RECHECK_MILLIS = 500;

    private final CuratorFramework client;
    private final String participantId;
    private final LeaderContender contender;
    private final FinishedParticipantPreemption preemption;
    private final Duration preemptionInterval;
    private final ScheduledExecutorService events;
    private final ScheduledExecutorService publisher;
    private final ScheduledExecutorService preempter;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<LeaderSession> current = new AtomicReference<>();
    private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);

    private volatile String rpcAddress = "";
    private volatile String restUrl = "";
    /** Written on the events thread; read by the preemption thread. */
    private volatile LeaderLatch latch;
    // Confined to the events thread: the session being published, not yet granted.
    private LeaderSession pending;

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
        this.preemption = finished == ParticipantFinishedPredicate.NEVER ? null
                : new FinishedParticipantPreemption(client, participantId, finished);
        this.preemptionInterval = preemptionInterval;
        this.events = singleThread("leader-election-" + participantId);
        this.publisher = singleThread("leader-publish-" + participantId);
        this.preempter = singleThread("leader-preempt-" + participantId);
    }

    @Override
    public void start(String rpcAddress, String restUrl) {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("The leader election of participant " + participantId + " was "
                    + (state.get() == State.CLOSED ? "closed" : "started already") + "; it can be started only once");
        }
        this.rpcAddress = rpcAddress;
        this.restUrl = restUrl;
        client.getConnectionStateListenable().addListener(connectionListener);
        events.execute(this::joinLatch);
        if (preemption != null) {
            long millis = Math.max(1, preemptionInterval.toMillis());
            preempter.scheduleWithFixedDelay(this::preemptFinishedParticipants, 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Optional<LeaderSession> currentSession() {
        return Optional.ofNullable(current.get()).filter(LeaderSession::isValid);
    }

    @Override
    public String participantId() {
        return participantId;
    }

    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        try {
            if (previous == State.STARTED) {
                client.getConnectionStateListenable().removeListener(connectionListener);
                events.submit(this::leave).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("Leaving the election did not finish cleanly: {}", e.toString());
        } finally {
            preempter.shutdownNow();
            publisher.shutdownNow();
            events.shutdownNow();
        }
    }

    private boolean closed() {
        return state.get() == State.CLOSED;
    }

    private void leave() {
        if (pending != null) {
            pending.fence().invalidate();
            pending = null;
        }
        LeaderSession session = current.getAndSet(null);
        if (session != null && session.isValid()) {
            removeLeaderInfo(session);
            endSession(session, "leaving the election");
        }
        closeLatch();
    }

    private void joinLatch() {
        if (closed()) {
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

    /** On the events thread: starts a session and publishes it on the publisher thread; grants once published. */
    private void onGranted(LeaderLatch source) {
        if (closed() || source != latch || !source.hasLeadership() || pending != null) {
            return;
        }
        UUID id = UUID.randomUUID();
        ZooKeeperLeaderFence[] holder = new ZooKeeperLeaderFence[1];
        ZooKeeperLeaderFence fence = new ZooKeeperLeaderFence(client, source.getOurPath(), id,
                () -> events.execute(() -> onFenceLost(holder[0])));
        holder[0] = fence;
        LeaderSession session = new LeaderSession(id, fence);
        pending = session;
        CompletableFuture.runAsync(() -> {
            try {
                publishLeaderInfo(session, fence);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, publisher).whenCompleteAsync((ignored, error) -> published(source, session, error), events);
    }

    private void published(LeaderLatch source, LeaderSession session, Throwable error) {
        if (pending != session) {
            return; // revoked or closed meanwhile
        }
        pending = null;
        Throwable cause = error == null ? null : ZooKeeperFailures.unwrap(error);
        if (cause instanceof LeadershipLostException) {
            return; // the fence callback rejoins
        }
        if (cause != null || closed() || source != latch || !session.isValid()) {
            if (cause != null) {
                LOG.error("Participant {} was granted leadership but could not publish its address; rejoining",
                        participantId, cause);
            }
            session.fence().invalidate();
            if (!closed() && source == latch) {
                rejoin();
            }
            return;
        }
        current.set(session);
        LOG.info("Participant {} was granted leadership with leader session {}", participantId, session.id());
        contender.grantLeadership(session);
    }

    private void onRevoked(LeaderLatch source) {
        if (source != latch) {
            return;
        }
        if (pending != null) {
            pending.fence().invalidate(); // never granted: the contender hears nothing of it
            pending = null;
        }
        LeaderSession session = current.getAndSet(null);
        if (session != null) {
            endSession(session, "the latch revoked it (connection suspended or lost)");
        }
    }

    private void onFenceLost(ZooKeeperLeaderFence fence) {
        if (closed()) {
            return;
        }
        if (pending != null && pending.fence() == fence) {
            pending = null;
            rejoin();
            return;
        }
        LeaderSession session = current.get();
        if (session == null || session.fence() != fence) {
            return;
        }
        current.set(null);
        endSession(session, "a fenced write found its latch node gone");
        rejoin();
    }

    /** On Curator's connection thread: hands the change over, blocking nothing. */
    private void connectionChanged(ConnectionState state) {
        if (state == ConnectionState.LOST) {
            events.execute(this::onZooKeeperSessionLost);
        } else if (state == ConnectionState.RECONNECTED) {
            publisher.execute(() -> checkMembership(MEMBERSHIP_CHECKS));
        }
    }

    /** On the events thread: the client's ZooKeeper session is gone, and with it this latch node. */
    private void onZooKeeperSessionLost() {
        if (closed()) {
            return;
        }
        LOG.warn("Participant {}: the ZooKeeper session was lost; rejoining the election once reconnected", participantId);
        if (pending != null) {
            pending.fence().invalidate();
            pending = null;
        }
        LeaderSession session = current.getAndSet(null);
        if (session != null) {
            endSession(session, "the ZooKeeper session was lost");
        }
        rejoin();
    }

    /**
     * On the publisher thread, after a reconnect: rejoins unless the latch node exists and is owned
     * by the client's current ZooKeeper session.
     */
    private void checkMembership(int attemptsLeft) {
        LeaderLatch checked = latch;
        if (closed() || checked == null) {
            return;
        }
        String path = checked.getOurPath();
        if (path == null) {
            if (attemptsLeft > 0) { // the latch is creating its node: look again shortly
                publisher.schedule(() -> checkMembership(attemptsLeft - 1), MEMBERSHIP_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            Stat stat = client.checkExists().forPath(path);
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (stat != null && stat.getEphemeralOwner() == session) {
                return;
            }
            String why = stat == null ? "is gone" : "belongs to an earlier ZooKeeper session";
            events.execute(() -> {
                if (closed() || latch != checked) {
                    return;
                }
                LOG.warn("Participant {}: its latch node {} {}; rejoining the election", participantId, path, why);
                if (pending != null) {
                    pending.fence().invalidate();
                    pending = null;
                }
                LeaderSession lost = current.getAndSet(null);
                if (lost != null) {
                    endSession(lost, "its latch node " + why);
                }
                rejoin();
            });
        } catch (Exception e) {
            LOG.debug("Participant {}: checking the latch node failed ({}); the next reconnect checks again",
                    participantId, e.toString());
        }
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

    /** On the publisher thread: blocking, with retries on concurrent changes of the node. */
    private void publishLeaderInfo(LeaderSession session, ZooKeeperLeaderFence fence) throws Exception {
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
                fence.commit(ops);
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
                ZooKeeperLeaderFence.of(session.fence()).commit(List.of(client.transactionOp().delete()
                        .withVersion(stat.getVersion()).forPath(ZooKeeperLayout.JOBMANAGER_LEADER)));
            }
        } catch (Exception e) {
            LOG.debug("Could not remove the leader information on leaving", e);
        }
    }

    /** On the preemption thread. */
    private void preemptFinishedParticipants() {
        LeaderLatch l = latch;
        if (closed() || l == null || l.hasLeadership() || l.getOurPath() == null) {
            return;
        }
        preemption.run(l.getOurPath());
    }

    private static ScheduledExecutorService singleThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
