package io.spindle.runtime.jobmanager;

import java.util.List;

/**
 * A job with its checkpoints.
 *
 * @param status the job's status
 * @param entryClass the job class
 * @param arguments its program arguments
 * @param latestCompletedCheckpointId the newest completed checkpoint, 0 when none
 * @param checkpoints recent checkpoints, newest first
 * @param deploymentId the running deployment of its tasks, empty when none runs
 * @param adoptions how often a new leader adopted its running tasks instead of restarting them
 * @param restores how often its tasks were deployed from a checkpoint (after a restart, or by a new
 *     leader that did not adopt them)
 */
public record JobDetail(
        JobStatus status,
        String entryClass,
        List<String> arguments,
        long latestCompletedCheckpointId,
        List<CheckpointStats> checkpoints,
        String deploymentId,
        int adoptions,
        int restores) {

    /** A detail without restores. */
    public JobDetail(JobStatus status, String entryClass, List<String> arguments, long latestCompletedCheckpointId,
            List<CheckpointStats> checkpoints, String deploymentId, int adoptions) {
        this(status, entryClass, arguments, latestCompletedCheckpointId, checkpoints, deploymentId, adoptions, 0);
    }
}
