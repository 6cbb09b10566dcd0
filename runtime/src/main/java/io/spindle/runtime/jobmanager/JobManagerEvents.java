package io.spindle.runtime.jobmanager;

/**
 * What a JobManager reports as it happens, for metrics. Every method has an empty default, so a
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
}
