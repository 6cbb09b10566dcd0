package io.spindle.runtime.jobmanager;

import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restarts of one job under one leader session: counts each against
 * {@link JobManagerSettings#restartAttempts()} (durably, through the job's
 * {@link JobCountsRecorder}, so a new leader goes on counting) and waits
 * {@link JobManagerSettings#restartDelay()} before a restart goes ahead.
 *
 * <p>Guarantees: a restart is counted only while attempts are left; a scheduled restart runs only
 * if the leader session is still current then, and not at all once {@link #cancel} was called.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class JobRestarts {

    private static final Logger LOG = LoggerFactory.getLogger(JobRestarts.class);

    private final JobGraph graph;
    private final LeaderContext ctx;
    private final JobCountsRecorder counts;
    private ScheduledFuture<?> timer;

    JobRestarts(JobGraph graph, LeaderContext ctx, JobCountsRecorder counts) {
        this.graph = graph;
        this.ctx = ctx;
        this.counts = counts;
    }

    /**
     * Counts a restart and tells the JobManager's events of it.
     *
     * @return false, counting nothing, if the restart attempts are used up: the job fails for good
     */
    boolean count(String cause) {
        int restarts = counts.counts().restarts();
        if (restarts >= ctx.settings().restartAttempts()) {
            LOG.error("Job {} failed for good after {} restarts: {}", graph.jobId(), restarts, cause);
            return false;
        }
        counts.update(JobCounts::restarted);
        ctx.events().jobRestarting(graph.jobId());
        return true;
    }

    /**
     * Runs {@code restart} on the main thread after the restart delay, if the leader session is
     * still current then.
     *
     * @param from the checkpoint the restart resumes from (null: from the start), for the log
     */
    void schedule(CompletedCheckpoint from, Runnable restart) {
        long delay = ctx.settings().restartDelay().toMillis();
        LOG.info("Job {}: restart {} of {} in {} ms from {}", graph.jobId(), counts.counts().restarts(),
                ctx.settings().restartAttempts(), delay, from == null ? "the start" : "checkpoint " + from.checkpointId());
        timer = ctx.mainThread().schedule(() -> {
            if (ctx.isCurrent().getAsBoolean()) {
                restart.run();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Cancels the scheduled restart, if any. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
