package io.spindle.bench.yarn;

import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a new leader did with one job, read from its job detail: it adopted the tasks still running
 * (an {@code ADOPTED} entry, the deployment unchanged) or deployed them anew from a checkpoint (a
 * {@code RESTORED} entry), and when it first completed a checkpoint of its own. Immutable and
 * thread-safe.
 *
 * @param jobId the job
 * @param adopted whether the tasks were adopted (otherwise restored from a checkpoint)
 * @param takeoverCheckpointId the checkpoint the tasks were adopted at or restored from (0 if none)
 * @param takenOverAt when the new leader adopted or redeployed the tasks (server clock)
 * @param firstCheckpointId the first checkpoint the new leader completed
 * @param firstCheckpointCompletedAt when it completed (server clock)
 * @param taskRestarts tasks started anew by the takeover: the parallelism if the deployment changed,
 *     plus the parallelism per restart counted meanwhile
 */
public record JobTakeover(String jobId, boolean adopted, long takeoverCheckpointId, Instant takenOverAt,
        long firstCheckpointId, Instant firstCheckpointCompletedAt, int taskRestarts) {

    /** Status of the entry a leader adds when it adopts running tasks. */
    static final String ADOPTED = "ADOPTED";
    /** Status of the entry a leader adds when it deploys tasks from a checkpoint. */
    static final String RESTORED = "RESTORED";

    /**
     * Reads the takeover from the new leader's detail of the job.
     *
     * @param before the job's detail from the old leader, before the kill
     * @param after the job's detail from the new leader
     * @return empty until the new leader has taken the tasks over and completed a checkpoint
     */
    public static Optional<JobTakeover> read(JobDetail before, JobDetail after) {
        Optional<CheckpointStats> takeover = after.checkpoints().stream()
                .filter(c -> c.status().equals(ADOPTED) || c.status().equals(RESTORED)).findFirst();
        if (takeover.isEmpty()) {
            return Optional.empty();
        }
        long from = takeover.get().id();
        Optional<CheckpointStats> first = after.checkpoints().stream()
                .filter(c -> c.status().equals("COMPLETED") && c.id() > from && c.durationMs() >= 0)
                .min(Comparator.comparingLong(CheckpointStats::id));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        boolean adopted = takeover.get().status().equals(ADOPTED);
        int parallelism = after.status().parallelism();
        int restarts = Math.max(0, after.status().restarts() - before.status().restarts());
        int redeployed = after.deploymentId().equals(before.deploymentId()) ? 0 : parallelism;
        return Optional.of(new JobTakeover(after.status().jobId(), adopted, from, takeover.get().triggeredAt(),
                first.get().id(), first.get().triggeredAt().plusMillis(first.get().durationMs()),
                redeployed + parallelism * restarts));
    }

    /** {@code adopted} or {@code restored}. */
    public String recovery() {
        return adopted ? "adopted" : "restored";
    }
}
