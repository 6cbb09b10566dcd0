package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
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
 * latch node exists and belongs to the client's current ZooKeeper session, and rejoins if not (see
 * {@link LatchMembershipWatch}). So a participant stays in the election through outages of any
 * length, without a restart.
 *
 * <p><b>Preemption.</b> Given a {@link ParticipantFinishedPredicate}, a contender that is not
 * leading checks the participants ahead of it every {@code preemptionInterval} and deletes the
 * latch nodes of those the predicate reports finished (see {@link FinishedParticipantPreemption}).
 *
 * <p><b>Life cycle.</b> LATENT, then {@link #start} once (STARTED), then {@link #close} (CLOSED),
 * changed by compare-and-set; starting twice or after close throws {@link IllegalStateException}.
 *
 * <p>Threads: state changes and every call to the contender happen on one notification thread, in
 * order; blocking ZooKeeper work (publishing the leader information with its retries,
 * {@link LeaderInfoPublisher}) runs on a second thread and the preemption checks (which may ask a
 * ResourceManager) on a third, so neither delays a grant or revoke. Public methods may be called
 * from any thread.
 */
public final class ZooKeeperLeaderElection implements LeaderElection {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderElection.class);

    private enum State { LATENT, STARTED, CLOSED }

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
    private final LatchMembershipWatch membershipWatch;
    private final LeaderInfoPublisher leaderInfo;

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
        this.leaderInfo = new LeaderInfoPublisher(client, participantId, publisher);
        this.preempter = singleThread("leader-preempt-" + participantId);
        this.membershipWatch = new LatchMembershipWatch(client, participantId, () -> closed() ? null : latch, publisher,
                new LatchMembershipWatch.Listener() {
                    @Override
                    public void sessionLost() {
                        events.execute(ZooKeeperLeaderElection.this::onZooKeeperSessionLost);
                    }

                    @Override
                    public void latchNodeStale(LeaderLatch checked, String why) {
                        events.execute(() -> onLatchNodeStale(checked, why));
                    }
                });
    }

    @Override
    public void start(String rpcAddress, String restUrl) {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("The leader election of participant " + participantId + " was "
                    + (state.get() == State.CLOSED ? "closed" : "started already") + "; it can be started only once");
        }
        leaderInfo.addresses(rpcAddress, restUrl);
        client.getConnectionStateListenable().addListener(membershipWatch);
        events.execute(this::joinLatch);
        if (preemption != null) {
            preemption.schedule(() -> closed() ? null : latch, preemptionInterval, preempter);
        }
    }

    @Override
    public void publishAddresses(String rpcAddress, String restUrl) {
        if (state.get() == State.LATENT) {
            throw new IllegalStateException("The leader election of participant " + participantId + " was not started");
        }
        leaderInfo.addresses(rpcAddress, restUrl);
        if (closed()) {
            return;
        }
        try {
            events.execute(this::republish);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile: nothing to publish
        }
    }

    /**
     * On the events thread: publishes the leader information again for the session granted or
     * being published. The publisher thread runs it after a pending first publish, and reads the
     * addresses when it runs, so the last write carries the newest ones.
     */
    private void republish() {
        LeaderSession session = pending != null ? pending : current.get();
        if (closed() || session == null || !session.isValid()) {
            return; // the next grant publishes the new addresses
        }
        LeaderLatch source = latch;
        leaderInfo.republish(session).whenCompleteAsync((ignored, error) -> republished(source, session, error), events);
    }

    private void republished(LeaderLatch source, LeaderSession session, Throwable error) {
        Throwable cause = error == null ? null : ZooKeeperFailures.unwrap(error);
        if (cause == null || cause instanceof LeadershipLostException || closed() || source != latch) {
            return; // published, or the fence callback rejoins, or the session is gone anyway
        }
        LOG.error("Participant {} could not publish its addresses; giving up leadership and rejoining",
                participantId, cause);
        if (pending == session || current.get() == session) {
            dropLeadership("its addresses could not be published");
            rejoin();
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
                client.getConnectionStateListenable().removeListener(membershipWatch);
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
        dropPending();
        LeaderSession session = current.getAndSet(null);
        if (session != null && session.isValid()) {
            leaderInfo.remove(session);
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
        leaderInfo.publish(session).whenCompleteAsync((ignored, error) -> published(source, session, error), events);
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
        dropLeadership("the latch revoked it (connection suspended or lost)");
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

    /** On the events thread: the client's ZooKeeper session is gone, and with it this latch node. */
    private void onZooKeeperSessionLost() {
        if (closed()) {
            return;
        }
        LOG.warn("Participant {}: the ZooKeeper session was lost; rejoining the election once reconnected", participantId);
        dropLeadership("the ZooKeeper session was lost");
        rejoin();
    }

    /** On the events thread: a check after a reconnect found the node of {@code checked} gone or an old session's. */
    private void onLatchNodeStale(LeaderLatch checked, String why) {
        if (closed() || latch != checked) {
            return;
        }
        LOG.warn("Participant {}: its latch node {} {}; rejoining the election", participantId, checked.getOurPath(), why);
        dropLeadership("its latch node " + why);
        rejoin();
    }

    /** On the events thread: breaks the fence of the session being published, if any; the contender hears nothing of it. */
    private void dropPending() {
        if (pending != null) {
            pending.fence().invalidate();
            pending = null;
        }
    }

    /** On the events thread: ends the granted session, if any, and the one being published. */
    private void dropLeadership(String why) {
        dropPending();
        LeaderSession session = current.getAndSet(null);
        if (session != null) {
            endSession(session, why);
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
