package io.spindle.yarn.am;

import io.spindle.ha.ParticipantFinishedPredicate;
import java.util.EnumSet;
import java.util.Set;
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
 * asked) is "not finished". Thread-safe.
 */
public final class YarnAttemptFinishedPredicate implements ParticipantFinishedPredicate {

    private static final Logger LOG = LoggerFactory.getLogger(YarnAttemptFinishedPredicate.class);
    private static final Set<YarnApplicationAttemptState> FINISHED = EnumSet.of(
            YarnApplicationAttemptState.FINISHED, YarnApplicationAttemptState.FAILED, YarnApplicationAttemptState.KILLED);

    private final ResourceManagerReports resourceManager;
    private final ApplicationAttemptId current;

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
        YarnApplicationAttemptState state = resourceManager.attemptState(other);
        boolean finished = FINISHED.contains(state);
        if (finished) {
            LOG.info("The ResourceManager reports attempt {} as {}: preempting its leadership", other, state);
        }
        return finished;
    }
}
