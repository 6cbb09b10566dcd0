package io.spindle.ha.zookeeper;

import io.spindle.ha.ParticipantFinishedPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Preemption for a waiting participant: each round ({@link #run}) reads the latch nodes ahead of its
 * own and deletes those whose participant the {@link ParticipantFinishedPredicate} reports
 * finished, so leadership passes at once instead of after the dead participant's session timeout.
 * Safe because every leader write is fenced by the writer's own latch node. {@link #schedule} runs
 * the rounds periodically while the participant waits.
 *
 * <p>Blocking (ZooKeeper reads, the predicate may ask a ResourceManager): run it on a thread of its
 * own, never on one that delivers grants. Thread-safe if the predicate is; a failed round is logged
 * (debug) and the next one tries again.
 */
final class FinishedParticipantPreemption {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedParticipantPreemption.class);

    private final CuratorFramework client;
    private final String participantId;
    private final ParticipantFinishedPredicate finished;

    FinishedParticipantPreemption(CuratorFramework client, String participantId, ParticipantFinishedPredicate finished) {
        this.client = client;
        this.participantId = participantId;
        this.finished = finished;
    }

    /**
     * Runs a round every {@code interval} (at least 1 ms) on {@code thread}, from now on, whenever
     * {@code waiting} gives a latch that has joined the election and does not lead.
     *
     * @param waiting the participant's current latch, or null while it has none (or is closed)
     * @param thread  a thread of the preemption's own, owned by the caller (shutting it down ends the rounds)
     */
    void schedule(Supplier<LeaderLatch> waiting, Duration interval, ScheduledExecutorService thread) {
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(() -> {
            LeaderLatch latch = waiting.get();
            if (latch != null && !latch.hasLeadership() && latch.getOurPath() != null) {
                run(latch.getOurPath());
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** One round. @param ourPath this participant's latch node */
    void run(String ourPath) {
        try {
            long ours = sequenceOf(ZKPaths.getNodeFromPath(ourPath));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Looking for finished participants failed: {}", e.toString());
        }
    }

    static long sequenceOf(String latchNode) {
        int dash = latchNode.lastIndexOf('-');
        try {
            return Long.parseLong(latchNode.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Long.MAX_VALUE;
        }
    }
}
