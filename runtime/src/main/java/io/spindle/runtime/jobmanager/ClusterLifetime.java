package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.JobResultStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the cluster a JobManager serves ends. A per-job cluster lives as long as its one job: each
 * leader submits that job once unless it runs or has ended, and the cluster ends with it (or when
 * its submission fails). A session ends when a shutdown is asked for. Either way the TaskExecutors
 * are told to shut down before {@link #termination()} completes.
 *
 * <p>Guarantees: {@link #termination()} completes once, with the first of these ends; a
 * submission failure ends the cluster only if the leadership it was made under still holds.
 *
 * <p>Confined to the JobManager's main thread, except {@link #termination()}; the look-up of a
 * per-job cluster's result and its submission run on the io executor.
 */
final class ClusterLifetime {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLifetime.class);

    private final JobManager.PerJob perJob;
    private final JobResultStore results;
    private final JobBook jobs;
    private final TaskExecutorMembership members;
    private final Executor mainThread;
    private final Executor io;
    private final CompletableFuture<ClusterTermination> termination = new CompletableFuture<>();

    /**
     * @param perJob     the job of a per-job cluster, or null for a session
     * @param results    where a per-job cluster's job is looked up as ended
     * @param jobs       the JobManager's jobs
     * @param members    the TaskExecutors, shut down when the cluster ends
     * @param mainThread the JobManager's main thread
     * @param io         runs the blocking look-up and the submission
     */
    ClusterLifetime(JobManager.PerJob perJob, JobResultStore results, JobBook jobs, TaskExecutorMembership members,
            Executor mainThread, Executor io) {
        this.perJob = perJob;
        this.results = results;
        this.jobs = jobs;
        this.members = members;
        this.mainThread = mainThread;
        this.io = io;
    }

    /** Completes when the cluster ends: the per-job cluster's job ended, or the session was shut down. */
    CompletableFuture<ClusterTermination> termination() {
        return termination;
    }

    /**
     * On the main thread: submits the per-job cluster's job through {@code submit} unless it is
     * running or has ended (then the cluster ends as the job did). Does nothing for a session.
     *
     * @param leader the leadership the submission is made under
     * @param submit submits a job under a given id; called off the main thread
     */
    void submitPerJobIfAbsent(LeaderContext leader, BiFunction<String, JobSubmission, CompletableFuture<String>> submit) {
        if (perJob == null || jobs.runs(perJob.jobId())) {
            return;
        }
        String jobId = perJob.jobId();
        // Off the main thread: the submission itself waits for the main thread.
        CompletableFuture.runAsync(() -> {
            Optional<JobResult> ended = Calls.call(() -> results.get(jobId));
            if (ended.isPresent()) {
                LOG.info("Per-job cluster: job {} has already ended ({})", jobId, ended.get().status());
                mainThread.execute(() -> terminateFor(JobState.of(ended.get().status()), ended.get().diagnostics()));
                return;
            }
            submit.apply(jobId, perJob.submission()).join();
        }, io).whenComplete((ignored, error) -> {
            if (error != null && leader.isCurrent().getAsBoolean()) {
                String reason = Calls.rootMessage(error);
                LOG.error("Per-job cluster: the job could not be submitted: {}", reason);
                termination.complete(new ClusterTermination(ClusterTermination.Status.FAILED,
                        "The job could not be submitted: " + reason));
            }
        });
    }

    /** On the main thread: a job ended; if it is the per-job cluster's, the cluster ends with it. */
    void jobEnded(String jobId, JobStatus status) {
        if (perJob != null && perJob.jobId().equals(jobId)) {
            terminateFor(status.state(), status.failure());
        }
    }

    /**
     * On the main thread: shuts the cluster down on request. Cancels every job and, once they
     * ended (or after 30 s), shuts the TaskExecutors down and ends the cluster SUCCEEDED. Returns at once.
     */
    void shutDown() {
        LOG.info("Shutting down the cluster on request: cancelling {} job(s)", jobs.runs().size());
        jobs.cancelAll()
                .orTimeout(30, TimeUnit.SECONDS)
                .whenCompleteAsync((ignored, error) -> {
                    members.shutDownAll("the cluster was shut down");
                    termination.complete(new ClusterTermination(ClusterTermination.Status.SUCCEEDED,
                            "The cluster was shut down on request"));
                }, mainThread);
    }

    private void terminateFor(JobState state, String failure) {
        members.shutDownAll("the job ended");
        termination.complete(ClusterTermination.forJobEnd(state, failure));
    }
}
