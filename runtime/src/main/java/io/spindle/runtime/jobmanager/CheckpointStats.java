package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.StatePointer;
import java.time.Instant;
import java.util.List;

/**
 * One checkpoint of a job as the REST API shows it.
 *
 * @param id checkpoint id (unique and increasing across leaders)
 * @param status COMPLETED, IN_PROGRESS, FAILED, RESTORED (the one this leader's tasks were deployed
 *     from) or ADOPTED (the latest one when this leader adopted the tasks still running; id 0 if none)
 * @param triggeredAt when it was triggered (for RESTORED and ADOPTED: when this leader deployed or adopted)
 * @param durationMs trigger to complete, or -1 when not completed by this leader
 * @param failure why it failed, or {@code null}
 * @param sizeBytes the total length of its task state files, or -1 when not known (not completed)
 */
public record CheckpointStats(long id, String status, Instant triggeredAt, long durationMs, String failure,
        long sizeBytes) {

    /** A checkpoint whose size is not known. */
    public CheckpointStats(long id, String status, Instant triggeredAt, long durationMs, String failure) {
        this(id, status, triggeredAt, durationMs, failure, -1);
    }

    /** @return the total length of {@code states} */
    static long sizeOf(List<StatePointer> states) {
        return states.stream().mapToLong(StatePointer::length).sum();
    }
}
