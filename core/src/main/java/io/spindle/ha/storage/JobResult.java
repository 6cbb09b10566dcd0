package io.spindle.ha.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * How a job ended, as recorded in storageDir by {@link JobResultStore} before its cleanup.
 *
 * @param jobId       the job
 * @param status      how it ended
 * @param diagnostics a human-readable reason (a failure's stack trace, who cancelled); may be empty, never null
 * @param finishedAt  when it ended
 * @param summary     what a list of ended jobs shows of it besides how it ended
 */
public record JobResult(String jobId, Status status, String diagnostics, Instant finishedAt, Summary summary) {

    /**
     * The job as a list of ended jobs shows it. Results recorded without one read as
     * {@link #unknown}.
     *
     * @param name        its display name; empty if unknown
     * @param parallelism its number of tasks; 0 if unknown
     * @param submittedAt when it was submitted
     * @param restarts    how often it was restarted after a failure, over all leaders
     * @param restores    how often its tasks were deployed from a checkpoint
     * @param adoptions   how often a new leader adopted its running tasks
     */
    public record Summary(String name, int parallelism, Instant submittedAt, int restarts, int restores,
            int adoptions) {

        /** @throws NullPointerException if the name or submission time is null */
        public Summary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(submittedAt, "submittedAt");
        }

        /** Nothing known but the time; for results recorded without a summary. */
        public static Summary unknown(Instant at) {
            return new Summary("", 0, at, 0, 0, 0);
        }
    }

    /** A result without a summary ({@link Summary#unknown} at {@code finishedAt}). */
    public JobResult(String jobId, Status status, String diagnostics, Instant finishedAt) {
        this(jobId, status, diagnostics, finishedAt, Summary.unknown(Objects.requireNonNull(finishedAt, "finishedAt")));
    }

    /** How a job ended. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        CANCELED
    }

    /**
     * @throws IllegalArgumentException if the job id is not a valid name (see {@link ChecksummedFileStore#validateName})
     * @throws NullPointerException     if a component is null
     */
    public JobResult {
        ChecksummedFileStore.validateName(jobId);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(summary, "summary");
    }
}
