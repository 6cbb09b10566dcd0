package io.spindle.runtime.jobmanager;

import java.time.Instant;

/**
 * A job's status, as listed by the REST API.
 *
 * @param jobId the job id (32 hex digits)
 * @param name display name
 * @param state current state
 * @param parallelism number of tasks
 * @param submittedAt when the job was submitted
 * @param endedAt when it ended, or {@code null}
 * @param restarts how many times it was restarted after a failure, over all leaders
 * @param failure the cause of the latest failure (a task's exception), or {@code null}
 * @param runningSince when every task of the current deployment was last reported running, or
 *     {@code null} while they are not
 */
public record JobStatus(
        String jobId,
        String name,
        JobState state,
        int parallelism,
        Instant submittedAt,
        Instant endedAt,
        int restarts,
        String failure,
        Instant runningSince) {

    /** A status without a running-since time. */
    public JobStatus(String jobId, String name, JobState state, int parallelism, Instant submittedAt, Instant endedAt,
            int restarts, String failure) {
        this(jobId, name, state, parallelism, submittedAt, endedAt, restarts, failure, null);
    }
}
