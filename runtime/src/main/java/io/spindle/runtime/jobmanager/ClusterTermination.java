package io.spindle.runtime.jobmanager;

/**
 * Why a JobManager's cluster ended: a per-job cluster's job ended, or a session was shut down.
 * Immutable.
 *
 * @param status SUCCEEDED, FAILED or KILLED, as YARN's final application status
 * @param diagnostics one or more lines for the user (the job's failure, or who shut it down)
 */
public record ClusterTermination(Status status, String diagnostics) {

    /** The final status. */
    public enum Status {
        /** The job finished, or the session was stopped. */
        SUCCEEDED,
        /** The job failed for good. */
        FAILED,
        /** The job was cancelled. */
        KILLED
    }

    /**
     * @param state   how the per-job cluster's job ended (a terminal state)
     * @param failure the job's failure, when it failed
     * @return how the cluster ends with it
     */
    public static ClusterTermination forJobEnd(JobState state, String failure) {
        return switch (state) {
            case FINISHED -> new ClusterTermination(Status.SUCCEEDED, "The job finished");
            case CANCELED -> new ClusterTermination(Status.KILLED, "The job was cancelled");
            default -> new ClusterTermination(Status.FAILED, "The job failed: " + failure);
        };
    }
}
