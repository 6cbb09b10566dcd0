package io.spindle.runtime.jobmanager;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one cleanup path of an ended job, used both when a job ends under this leader and when a
 * new leader finishes a cleanup that its predecessor could not:
 * <ol>
 *   <li>confirm leadership (a result file is not fenced by itself, so a deposed leader that wrongly
 *       believes a job ended cannot record it; the window left is the time of one write);</li>
 *   <li>record the job result as dirty, unless a result exists;</li>
 *   <li>remove the completed checkpoints (pointers first) and the task state files;</li>
 *   <li>remove everything else the HA backend holds of the job ({@link HaServices#removeJob}: its
 *       checkpoint id counter, then its job graph pointer);</li>
 *   <li>delete the user jar;</li>
 *   <li>mark the result clean;</li>
 *   <li>delete the oldest clean results beyond the retained number of ended jobs.</li>
 * </ol>
 * Every step is idempotent, so an interrupted cleanup is finished by running it again.
 *
 * <p>Blocking; run it on an io thread. Thread-safe.
 */
final class JobCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(JobCleanup.class);

    private final HaServices ha;
    private final JobGraphStore jobGraphs;
    private final JobResultStore results;
    private final Executor io;
    private final int retainedEndedJobs;
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();

    /** @param retainedEndedJobs clean results kept (at least 1): the history of ended jobs */
    JobCleanup(HaServices ha, JobGraphStore jobGraphs, JobResultStore results, Executor io, int retainedEndedJobs) {
        this.ha = ha;
        this.jobGraphs = jobGraphs;
        this.results = results;
        this.io = io;
        this.retainedEndedJobs = retainedEndedJobs;
    }

    /** {@link #cleanUp} on the io executor; the future fails as the cleanup would. */
    CompletableFuture<Void> cleanUpAsync(String jobId, JobResult toRecord, StatePointer jar, LeaderFence fence) {
        CompletableFuture<Void> cleanup = CompletableFuture.runAsync(() -> {
            try {
                cleanUp(jobId, toRecord, jar, fence);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io);
        running.add(cleanup);
        cleanup.whenComplete((ignored, error) -> running.remove(cleanup));
        return cleanup;
    }

    /**
     * Waits, at most {@code max}, until the {@link #cleanUpAsync} cleanups started before this call
     * have ended, done or failed. A leader session of this JobManager calls it before it recovers,
     * so that a job which ended under the session before, and whose result that session is still
     * recording, is found ended instead of run again.
     *
     * @return false if some were still running after {@code max}
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitRunning(Duration max) throws InterruptedException {
        CompletableFuture<?>[] now = running.toArray(CompletableFuture[]::new);
        if (now.length == 0) {
            return true;
        }
        LOG.info("Waiting up to {} ms for {} cleanup(s) of the previous leader session to end", max.toMillis(), now.length);
        try {
            CompletableFuture.allOf(now).handle((ignored, error) -> null).get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("handle() completes normally", e);
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * @param jobId    the job
     * @param toRecord the job's result, recorded unless one exists already; null when a result was
     *                 recorded before (a cleanup interrupted by a failover)
     * @param jar      the job's jar, or null when unknown (its job graph is gone or unreadable)
     * @param fence    the leader's fence
     * @throws Exception if a step failed; the steps before it stay done, a new run finishes the rest
     */
    void cleanUp(String jobId, JobResult toRecord, StatePointer jar, LeaderFence fence) throws Exception {
        fence.confirmLeadership();
        if (toRecord != null && !results.hasJobResult(jobId)) {
            results.createDirty(toRecord);
        }
        new CompletedCheckpointStore(ha, jobId, 1, io).removeAll(fence);
        ha.removeJob(jobId, fence);
        if (jar != null) {
            jobGraphs.deleteJar(jar);
        }
        results.markClean(jobId);
        LOG.info("Job {}: result recorded, its checkpoints and job graph removed", jobId);
        results.pruneCleanResults(retainedEndedJobs);
    }
}
