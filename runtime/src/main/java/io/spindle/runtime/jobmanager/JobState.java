package io.spindle.runtime.jobmanager;

/** The state of a job as the JobManager tracks it. */
public enum JobState {
    /** Waiting for slots, or being deployed. */
    CREATED,
    /** All tasks deployed and running (or finished, waiting for the final checkpoint). */
    RUNNING,
    /** A task failed or a TaskExecutor was lost; waiting for the restart delay. */
    RESTARTING,
    /** Being cancelled. */
    CANCELLING,
    /** Every task finished and the final checkpoint committed the output. */
    FINISHED,
    /** Failed for good: restart attempts used up. */
    FAILED,
    /** Cancelled by a user. */
    CANCELED;

    /** @return the terminal state a recorded job result stands for */
    public static JobState of(io.spindle.ha.storage.JobResult.Status status) {
        return switch (status) {
            case SUCCEEDED -> FINISHED;
            case CANCELED -> CANCELED;
            case FAILED -> FAILED;
        };
    }

    /** Whether the job has ended for good. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == CANCELED;
    }
}
