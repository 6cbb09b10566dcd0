package io.spindle.runtime.jobmanager;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a new leader does before it runs anything: waits for the cleanups this JobManager still
 * runs from an earlier leader session of its own (bounded), reads every stored job graph (one listing,
 * pointers and files read in parallel), finishes the cleanup of every job that had ended before
 * the failover (through the one {@link JobCleanup} path, never running such a job again), and
 * finds each remaining job's newest readable completed checkpoint (in parallel; a damaged newer
 * one is skipped loudly, see {@link CompletedCheckpointStore#recoverLatest}).
 *
 * <p>A job graph that cannot be read is logged and left as it is. If a job has checkpoints but
 * none is readable, recovery fails rather than restart the job from empty.
 *
 * <p>Blocking; run it on an io thread. Thread-safe.
 */
final class JobRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);

    /**
     * How long recovery waits for this JobManager's cleanups still running from its previous
     * leader session (a lost and regained leadership): about one slow HDFS write and ZooKeeper
     * round, with room to spare.
     */
    static final Duration PREVIOUS_CLEANUPS_WAIT = Duration.ofSeconds(30);

    /** A job to run again, from {@code latest} (null: from the start). */
    record RecoveredJob(JobGraph graph, CompletedCheckpoint latest) {

        /** E.g. {@code counting (4f…) from checkpoint 17}, or {@code … from the start}. */
        String describe() {
            return graph.name() + " (" + graph.jobId() + ") from "
                    + (latest == null ? "the start" : "checkpoint " + latest.checkpointId());
        }
    }

    private final HaServices ha;
    private final JobGraphStore jobGraphs;
    private final JobResultStore results;
    private final JobCleanup cleanup;
    private final int retainedCheckpoints;
    private final Executor io;

    JobRecovery(HaServices ha, JobGraphStore jobGraphs, JobResultStore results, JobCleanup cleanup,
            int retainedCheckpoints, Executor io) {
        this.ha = ha;
        this.jobGraphs = jobGraphs;
        this.results = results;
        this.cleanup = cleanup;
        this.retainedCheckpoints = retainedCheckpoints;
        this.io = io;
    }

    /**
     * @param fence the new leader's fence, for the cleanups
     * @return the jobs to run, each with its newest readable checkpoint
     * @throws Exception if the job graphs or a job's checkpoints cannot be read, or a cleanup failed
     */
    List<RecoveredJob> recover(LeaderFence fence) throws Exception {
        if (!cleanup.awaitRunning(PREVIOUS_CLEANUPS_WAIT)) {
            LOG.warn("Cleanups of the previous leader session still run after {} s; recovering anyway "
                    + "(a job they end may run again from its final checkpoint)", PREVIOUS_CLEANUPS_WAIT.toSeconds());
        }
        Recovered<JobGraph> graphs = jobGraphs.recoverAll();
        graphs.failures().forEach((jobId, failure) -> LOG.error(
                "Job {} cannot be recovered and is left as it is (see 'spindle ha inspect'): {}", jobId, failure.getMessage()));
        List<JobGraph> toRun = new ArrayList<>();
        for (JobGraph graph : graphs.entries().values()) {
            if (results.hasJobResult(graph.jobId())) {
                LOG.info("Job {} had ended before the failover; finishing its cleanup", graph.jobId());
                cleanup.cleanUp(graph.jobId(), null, graph.jar(), fence);
            } else {
                toRun.add(graph);
            }
        }
        finishCleanupsWithoutJobGraph(graphs, fence);
        List<CompletableFuture<RecoveredJob>> reads = new ArrayList<>(toRun.size());
        for (JobGraph graph : toRun) {
            reads.add(CompletableFuture.supplyAsync(() -> latestCheckpoint(graph), io));
        }
        List<RecoveredJob> recovered = new ArrayList<>(reads.size());
        for (CompletableFuture<RecoveredJob> read : reads) {
            try {
                recovered.add(read.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
                throw cause instanceof Exception failure ? failure : new IllegalStateException(cause);
            }
        }
        return recovered;
    }

    /** A cleanup interrupted after the job graph pointer went, but before the result was marked clean. */
    private void finishCleanupsWithoutJobGraph(Recovered<JobGraph> graphs, LeaderFence fence) throws Exception {
        Recovered<JobResult> dirty = results.dirtyResults();
        for (String jobId : dirty.entries().keySet()) {
            if (!graphs.entries().containsKey(jobId) && !graphs.failures().containsKey(jobId)) {
                LOG.info("Job {} had ended before the failover and its job graph is gone; finishing its cleanup", jobId);
                cleanup.cleanUp(jobId, null, null, fence);
            }
        }
    }

    private RecoveredJob latestCheckpoint(JobGraph graph) {
        try {
            CompletedCheckpoint latest = new CompletedCheckpointStore(ha, graph.jobId(), retainedCheckpoints, io)
                    .recoverLatest().orElse(null);
            LOG.info("Recovered job {} ({}) {}", graph.jobId(), graph.name(),
                    latest == null ? "with no checkpoint yet" : "at checkpoint " + latest.checkpointId());
            return new RecoveredJob(graph, latest);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
