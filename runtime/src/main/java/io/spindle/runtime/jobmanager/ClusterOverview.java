package io.spindle.runtime.jobmanager;

import java.time.Instant;
import java.util.List;

/**
 * The cluster as one JobManager sees it.
 *
 * @param leader whether this JobManager is the leader
 * @param leaderSessionId the leader session id this JobManager holds, or {@code null} on a standby
 * @param leaderRestUrl the leader's REST URL as published in ZooKeeper, or {@code null} when unknown
 * @param clusterId the HA cluster-id
 * @param attempt the YARN application attempt id, or {@code "standalone"}
 * @param taskExecutors registered TaskExecutors (0 on a standby)
 * @param slotsTotal their slots
 * @param slotsFree slots not running a task
 * @param jobsRunning jobs not yet ended
 * @param processStartedAt when this JobManager's JVM started
 * @param leaderSince when this JobManager was granted leadership, or {@code null} on a standby
 * @param excludedNodes nodes the resource driver keeps TaskExecutors off for now (on YARN: where
 *     containers kept failing); empty when none, never {@code null}
 */
public record ClusterOverview(
        boolean leader,
        String leaderSessionId,
        String leaderRestUrl,
        String clusterId,
        String attempt,
        int taskExecutors,
        int slotsTotal,
        int slotsFree,
        int jobsRunning,
        Instant processStartedAt,
        Instant leaderSince,
        List<String> excludedNodes) {

    /** Copies the excluded nodes; {@code null} counts as none. */
    public ClusterOverview {
        excludedNodes = excludedNodes == null ? List.of() : List.copyOf(excludedNodes);
    }

    /** An overview with no excluded nodes. */
    public ClusterOverview(boolean leader, String leaderSessionId, String leaderRestUrl, String clusterId, String attempt,
            int taskExecutors, int slotsTotal, int slotsFree, int jobsRunning, Instant processStartedAt,
            Instant leaderSince) {
        this(leader, leaderSessionId, leaderRestUrl, clusterId, attempt, taskExecutors, slotsTotal, slotsFree,
                jobsRunning, processStartedAt, leaderSince, List.of());
    }

    /** An overview without process and leadership times. */
    public ClusterOverview(boolean leader, String leaderSessionId, String leaderRestUrl, String clusterId, String attempt,
            int taskExecutors, int slotsTotal, int slotsFree, int jobsRunning) {
        this(leader, leaderSessionId, leaderRestUrl, clusterId, attempt, taskExecutors, slotsTotal, slotsFree,
                jobsRunning, null, null);
    }
}
