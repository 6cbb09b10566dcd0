package io.spindle.runtime.jobmanager;

/**
 * What a JobManager reports as it happens, for metrics and the failover history. Every method has an empty default, so a
 * listener implements only what it needs; {@link #NONE} ignores everything.
 *
 * <p>Calls come from the JobManager's main thread: implementations must be thread-safe (readers
 * are elsewhere), return quickly and never throw.
 */
public interface JobManagerEvents {

    /** Ignores every event. */
    JobManagerEvents NONE = new JobManagerEvents() {
    };

    /**
     * A checkpoint was completed and stored.
     *
     * @param jobId        the job
     * @param checkpointId the checkpoint
     * @param durationMs   from trigger to stored
     */
    default void checkpointCompleted(String jobId, long checkpointId, long durationMs) {
    }

    /**
     * A checkpoint failed (declined, timed out, or not stored).
     *
     * @param jobId        the job
     * @param checkpointId the checkpoint
     */
    default void checkpointFailed(String jobId, long checkpointId) {
    }

    /**
     * A job restarts after a failure (not counted: its final failure when the restarts are used up).
     *
     * @param jobId the job
     */
    default void jobRestarting(String jobId) {
    }

    /**
     * A new leader session recovered the stored jobs and runs them.
     *
     * @param session   the leader session
     * @param recovered each recovered job, described in one line (name, id, checkpoint resumed from)
     */
    default void jobsRecovered(io.spindle.ha.LeaderSession session, java.util.List<String> recovered) {
    }

    /** @return every event told to {@code first}, then to {@code second} */
    static JobManagerEvents both(JobManagerEvents first, JobManagerEvents second) {
        return new JobManagerEvents() {
            @Override
            public void checkpointCompleted(String jobId, long checkpointId, long durationMs) {
                first.checkpointCompleted(jobId, checkpointId, durationMs);
                second.checkpointCompleted(jobId, checkpointId, durationMs);
            }

            @Override
            public void checkpointFailed(String jobId, long checkpointId) {
                first.checkpointFailed(jobId, checkpointId);
                second.checkpointFailed(jobId, checkpointId);
            }

            @Override
            public void jobRestarting(String jobId) {
                first.jobRestarting(jobId);
                second.jobRestarting(jobId);
            }

            @Override
            public void jobsRecovered(io.spindle.ha.LeaderSession session, java.util.List<String> recovered) {
                first.jobsRecovered(session, recovered);
                second.jobsRecovered(session, recovered);
            }
        };
    }
}
