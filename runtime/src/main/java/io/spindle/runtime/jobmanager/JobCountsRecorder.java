package io.spindle.runtime.jobmanager;

import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's {@link JobCounts} under one leader, kept durable: each change is written with the job
 * graph (fenced, see {@link JobGraphStore#storeCounts}) off the main thread, in the order of the
 * changes, so that the next leader starts from the counts this one showed. A write that fails is
 * logged; the next change writes every count again.
 *
 * <p>Confined to the JobManager's main thread (the writes run on the io executor).
 */
final class JobCountsRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(JobCountsRecorder.class);

    private final JobGraph graph;
    private final LeaderContext ctx;
    private JobCounts counts;
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

    JobCountsRecorder(JobGraph graph, LeaderContext ctx) {
        this.graph = graph;
        this.ctx = ctx;
        this.counts = graph.counts();
    }

    JobCounts counts() {
        return counts;
    }

    /** Applies a change now and stores the result after the writes before it. */
    void update(UnaryOperator<JobCounts> change) {
        counts = change.apply(counts);
        JobGraph updated = graph.withCounts(counts);
        writes = writes.thenRunAsync(() -> write(updated), ctx.io());
    }

    private void write(JobGraph updated) {
        if (!ctx.isCurrent().getAsBoolean()) {
            return;
        }
        try {
            ctx.jobGraphs().storeCounts(updated, ctx.session().fence());
        } catch (NoSuchElementException e) {
            LOG.debug("Job {}: counts not stored, its job graph is gone (it ended)", graph.jobId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Job {}: could not store its counts {} (the next change stores them again): {}", graph.jobId(),
                    updated.counts(), Calls.rootMessage(e));
        }
    }
}
