package io.spindle.bench.ha;

import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperLeaderElection;
import io.spindle.util.Polling;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leadership figures: how long a cluster is without a leader.
 *
 * <ul>
 *   <li>{@code takeover_kill9_standalone_ms}: the leader, a separate JVM, is killed with SIGKILL;
 *       time from the kill until a waiting contender in this JVM, without a witness
 *       ({@link ParticipantFinishedPredicate#NEVER}), is granted leadership. It waits for the dead
 *       leader's ZooKeeper session to expire.</li>
 *   <li>{@code takeover_kill9_preempt_ms}: the same, but the contender's predicate reports the
 *       killed participant finished once its process is gone (on YARN the ResourceManager's report
 *       of the attempt), so the contender deletes its latch node.</li>
 *   <li>{@code handover_graceful_ms}: the leader (in this JVM, with its own ZooKeeper session)
 *       closes its election; time until the other participant is granted leadership.</li>
 * </ul>
 *
 * <p>Each run works in a fresh scope (its own latch). The grant time is taken when the contender
 * is told, that is after the new leader published its address: what a cluster waits for.
 * Not thread-safe; one instance per bench.
 */
final class ElectionBench {

    private static final Logger LOG = LoggerFactory.getLogger(ElectionBench.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final BenchEnvironment env;
    private final HaBenchSettings settings;

    ElectionBench(BenchEnvironment env, HaBenchSettings settings) {
        this.env = env;
        this.settings = settings;
    }

    /** @return {@code takeover_kill9_standalone_ms} */
    Figure takeoverStandalone() throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            samples.add(killedLeaderTakeover("takeover-standalone-" + run, false));
        }
        return new Figure("takeover_kill9_standalone_ms", Figure.MILLIS, samples);
    }

    /** @return {@code takeover_kill9_preempt_ms} */
    Figure takeoverPreempt() throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            samples.add(killedLeaderTakeover("takeover-preempt-" + run, true));
        }
        return new Figure("takeover_kill9_preempt_ms", Figure.MILLIS, samples);
    }

    /** @return {@code handover_graceful_ms} */
    Figure gracefulHandover() throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            samples.add(gracefulHandover("handover-" + run));
        }
        return new Figure("handover_graceful_ms", Figure.MILLIS, samples);
    }

    private double killedLeaderTakeover(String scope, boolean preempt) throws Exception {
        ParticipantProcess leader = env.launchParticipant(scope, "killed-leader-" + scope);
        leader.awaitLine("GRANTED", STARTUP_TIMEOUT);
        ParticipantFinishedPredicate finished = preempt
                ? id -> id.equals(leader.participantId()) && !leader.isAlive()
                : ParticipantFinishedPredicate.NEVER;
        CuratorFramework client = env.startClient(scope);
        GrantRecorder successor = new GrantRecorder("successor-" + scope);
        try (ZooKeeperLeaderElection election = new ZooKeeperLeaderElection(client, "successor-" + scope, successor,
                finished, settings.preemptionInterval())) {
            election.start("", "");
            awaitLatchParticipants(client, 2);
            if (successor.wasGranted()) {
                throw new IllegalStateException("The successor led while the leader process was alive (" + scope + ")");
            }
            // A crash comes at any moment: no fixed phase relative to the preemption checks.
            Thread.sleep(ThreadLocalRandom.current().nextLong(settings.preemptionInterval().toMillis() + 1));
            long killed = System.nanoTime();
            leader.kill();
            Duration bound = settings.sessionTimeout().multipliedBy(3).plus(Duration.ofMillis(4L * settings.tickTimeMs()))
                    .plusSeconds(30);
            double millis = Figure.millis(successor.await(bound).nanoTime() - killed);
            LOG.info("{}: successor granted {} ms after SIGKILL of the leader", scope, Math.round(millis));
            return millis;
        } finally {
            client.close();
        }
    }

    private double gracefulHandover(String scope) throws Exception {
        CuratorFramework clientA = env.startClient(scope);
        CuratorFramework clientB = env.startClient(scope);
        GrantRecorder a = new GrantRecorder("a-" + scope);
        GrantRecorder b = new GrantRecorder("b-" + scope);
        boolean firstClosed = false;
        ZooKeeperLeaderElection first = new ZooKeeperLeaderElection(clientA, "a-" + scope, a,
                ParticipantFinishedPredicate.NEVER, settings.preemptionInterval());
        try (ZooKeeperLeaderElection second = new ZooKeeperLeaderElection(clientB, "b-" + scope, b,
                ParticipantFinishedPredicate.NEVER, settings.preemptionInterval())) {
            first.start("", "");
            a.await(STARTUP_TIMEOUT);
            second.start("", "");
            awaitLatchParticipants(clientB, 2);
            long closing = System.nanoTime();
            firstClosed = true;
            first.close();
            double millis = Figure.millis(b.await(STARTUP_TIMEOUT).nanoTime() - closing);
            LOG.info("{}: successor granted {} ms after the leader began to close its election", scope, Math.round(millis));
            return millis;
        } finally {
            if (!firstClosed) {
                first.close();
            }
            clientA.close();
            clientB.close();
        }
    }

    /** Waits until the latch holds {@code count} participants (latch nodes are created in the background). */
    private static void awaitLatchParticipants(CuratorFramework client, int count) throws Exception {
        int[] now = {0};
        Polling.poll(Duration.ofMillis(10), STARTUP_TIMEOUT, () -> {
            now[0] = latchParticipants(client);
            return Optional.of(now[0]).filter(participants -> participants >= count);
        }).orElseThrow(() -> new IOException("The latch holds " + now[0] + " participants, not " + count + ", after "
                + STARTUP_TIMEOUT.toSeconds() + " s"));
    }

    private static int latchParticipants(CuratorFramework client) throws Exception {
        try {
            return client.getChildren().forPath(ZooKeeperLayout.LATCH).size();
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return 0;
        }
    }
}
