package io.spindle.yarn.am;

import io.spindle.ha.ParticipantFinishedPredicate;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * YARN's ResourceManager as the witness of fast failover: an earlier attempt of this application
 * that the RM reports as FINISHED, FAILED or KILLED will never write again, so its latch node may
 * be deleted without waiting for its ZooKeeper session to expire. Anything else (another
 * application, a later attempt, a participant id that is not an attempt id, an RM that cannot be
 * asked) is "not finished". An attempt once reported finished stays finished, so the answer is
 * remembered; {@link #prefetchEarlierAttempts} asks about all earlier attempts ahead of the
 * election, so that its first preemption check needs no round trip to the ResourceManager.
 * Thread-safe.
 */
public final class YarnAttemptFinishedPredicate implements ParticipantFinishedPredicate {

    private static final Logger LOG = LoggerFactory.getLogger(YarnAttemptFinishedPredicate.class);
    private static final Set<YarnApplicationAttemptState> FINISHED = EnumSet.of(
            YarnApplicationAttemptState.FINISHED, YarnApplicationAttemptState.FAILED, YarnApplicationAttemptState.KILLED);

    private final ResourceManagerReports resourceManager;
    private final ApplicationAttemptId current;
    private final Set<ApplicationAttemptId> knownFinished = ConcurrentHashMap.newKeySet();

    /**
     * @param yarnClient a started client of the ResourceManager
     * @param current this AM's attempt
     */
    public YarnAttemptFinishedPredicate(YarnClient yarnClient, ApplicationAttemptId current) {
        this(ResourceManagerReports.of(yarnClient), current);
    }

    /**
     * @param resourceManager asked for the state of earlier attempts
     * @param current this AM's attempt
     */
    YarnAttemptFinishedPredicate(ResourceManagerReports resourceManager, ApplicationAttemptId current) {
        this.resourceManager = resourceManager;
        this.current = current;
    }

    @Override
    public boolean isFinished(String participantId) throws Exception {
        ApplicationAttemptId other;
        try {
            other = ApplicationAttemptId.fromString(participantId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!other.getApplicationId().equals(current.getApplicationId()) || other.getAttemptId() >= current.getAttemptId()) {
            return false;
        }
        if (knownFinished.contains(other)) {
            LOG.info("The ResourceManager reported attempt {} as ended: preempting its leadership", other);
            return true;
        }
        YarnApplicationAttemptState state = resourceManager.attemptState(other);
        boolean finished = FINISHED.contains(state);
        if (finished) {
            knownFinished.add(other);
            LOG.info("The ResourceManager reports attempt {} as {}: preempting its leadership", other, state);
        }
        return finished;
    }

    /**
     * Asks the ResourceManager, on a thread of its own, for the state of every earlier attempt of
     * this application, and remembers those that ended. An attempt it cannot ask about is left to
     * {@link #isFinished}, which asks again.
     *
     * @return completes when every earlier attempt was asked about (never exceptionally)
     */
    public CompletableFuture<Void> prefetchEarlierAttempts() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            for (int attempt = 1; attempt < current.getAttemptId(); attempt++) {
                ApplicationAttemptId earlier = ApplicationAttemptId.newInstance(current.getApplicationId(), attempt);
                try {
                    if (FINISHED.contains(resourceManager.attemptState(earlier))) {
                        knownFinished.add(earlier);
                    }
                } catch (Exception e) {
                    LOG.debug("Could not ask the ResourceManager about attempt {} ahead of the election", earlier, e);
                }
            }
            done.complete(null);
        }, "earlier-attempts");
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
