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
}
