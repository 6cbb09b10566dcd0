package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.JobResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of one job run: when it ended, its {@link JobResult}, the cleanup of its data (which
 * records the result first, {@link JobCleanup}) and the future that completes with its final
 * status once that cleanup is done or has failed.
 *
 * <p>Guarantees: {@link #termination()} completes normally, exactly once, with the status of the
 * moment the job ended, even if the cleanup failed (logged; a new leader finishes it from the
 * dirty result). Call {@link #end} once: the JobRun ends only from a state that is not terminal.
 *
 * <p>Confined to the JobManager's main thread (the cleanup runs on the io executor).
 */
final class JobEnding {

    private static final Logger LOG = LoggerFactory.getLogger(JobEnding.class);

    private final JobGraph graph;
    private final LeaderContext ctx;
    private final CompletableFuture<JobStatus> termination = new CompletableFuture<>();
    private Instant endedAt;
    private JobResult result;

    JobEnding(JobGraph graph, LeaderContext ctx) {
        this.graph = graph;
        this.ctx = ctx;
    }

    /** Completes with the job's final status once its cleanup is done or has failed. */
    CompletableFuture<JobStatus> termination() {
        return termination;
    }

    /** When the job ended; null before it did. */
    Instant endedAt() {
        return endedAt;
    }

    /** How the job ended; null before it did. */
    JobResult result() {
        return result;
    }

    /**
     * The job ended now: makes its result and starts the cleanup.
     *
     * @param cause     why it failed, or null
     * @param counts    its counts at the end, recorded in the result
     * @param statusNow its status, asked once {@link #endedAt()} is set; {@link #termination()} completes with it
     */
    void end(JobState terminal, String cause, JobCounts counts, Supplier<JobStatus> statusNow) {
        endedAt = Instant.now();
        result = JobHistory.resultOf(graph, terminal, cause, endedAt, counts);
        JobStatus status = statusNow.get();
        ctx.cleanup().cleanUpAsync(graph.jobId(), result, graph.jar(), ctx.session().fence())
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.warn("Job {}: cleanup after {} incomplete (a new leader finishes it): {}", graph.jobId(),
                                terminal, Calls.rootMessage(error));
                    }
                    termination.complete(status);
                });
    }
}
