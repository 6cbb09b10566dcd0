package io.spindle.ha.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Notices when a participant has dropped out of the leader election without its
 * {@link LeaderLatch} telling: registered as the client's connection listener, it reports a LOST
 * ZooKeeper session (every latch node of that session is gone, or will be), and after every
 * RECONNECTED it checks that the participant's latch node exists and is owned by the client's
 * current ZooKeeper session. Curator's latch does not notice a node of an older session that it
 * still takes for its own, so without this check a participant could wait forever behind a node
 * that the server deletes, or lead on one that nobody fences.
 *
 * <p>While the latch is still creating its node (it has no path yet) the check looks again every
 * {@value #RECHECK_MILLIS} ms, up to {@value #CHECKS} times. A check that fails (say the
 * connection dropped again) is logged; the next reconnect checks again.
 *
 * <p>Threads: {@link #stateChanged} runs on Curator's connection thread and blocks nothing; the
 * checks run on the given {@code checker} executor, and so do the {@link Listener#latchNodeStale}
 * calls. The listener decides what to do and where.
 */
final class LatchMembershipWatch implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(LatchMembershipWatch.class);

    /** How often a check looks again while the latch has no node (it is creating one). */
    static final int CHECKS = 20;
    static final long RECHECK_MILLIS = 500;

    /** Told when the participant is out of the election. */
    interface Listener {

        /** The client's ZooKeeper session was lost; called on Curator's connection thread. */
        void sessionLost();

        /**
         * The node of {@code latch} is gone or belongs to an earlier ZooKeeper session; called on
         * the checker thread.
         *
         * @param why "is gone" or "belongs to an earlier ZooKeeper session", for messages
         */
        void latchNodeStale(LeaderLatch latch, String why);
    }

    private final CuratorFramework client;
    private final String participantId;
    private final Supplier<LeaderLatch> latch;
    private final ScheduledExecutorService checker;
    private final Listener listener;

    /**
     * @param client        the client whose connection is watched, the latch's own
     * @param participantId who this is, for messages
     * @param latch         the participant's current latch; null while it has none (or has closed)
     * @param checker       runs the blocking checks; owned by the caller
     * @param listener      told when the participant is out of the election
     */
    LatchMembershipWatch(CuratorFramework client, String participantId, Supplier<LeaderLatch> latch,
                         ScheduledExecutorService checker, Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.participantId = participantId;
        this.latch = Objects.requireNonNull(latch, "latch");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void stateChanged(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            listener.sessionLost();
        } else if (state == ConnectionState.RECONNECTED) {
            checker.execute(() -> check(CHECKS));
        }
    }

    /**
     * On the checker thread: tells the listener unless the current latch's node exists and is owned
     * by the client's current ZooKeeper session.
     *
     * @param attemptsLeft how often to look again while the latch has no node yet
     */
    void check(int attemptsLeft) {
        LeaderLatch checked = latch.get();
        if (checked == null) {
            return;
        }
        String path = checked.getOurPath();
        if (path == null) {
            if (attemptsLeft > 0) {
                checker.schedule(() -> check(attemptsLeft - 1), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            Stat stat = client.checkExists().forPath(path);
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (stat != null && stat.getEphemeralOwner() == session) {
                return;
            }
            listener.latchNodeStale(checked, stat == null ? "is gone" : "belongs to an earlier ZooKeeper session");
        } catch (Exception e) {
            LOG.debug("Participant {}: checking the latch node failed ({}); the next reconnect checks again",
                    participantId, e.toString());
        }
    }
}
