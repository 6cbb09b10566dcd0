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
 */
public record JobResult(String jobId, Status status, String diagnostics, Instant finishedAt) {

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
    }
}
