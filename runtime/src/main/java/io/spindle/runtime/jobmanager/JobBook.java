package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.JobResultStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a JobManager knows: those it runs under the current leader session (a {@link JobRun}
 * each), and the ended ones ({@link JobHistory}: read from the job result store, and taken from
 * runs as they end). Answers the REST API's job list and details from both, and cancels jobs.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class JobBook {

    private static final Logger LOG = LoggerFactory.getLogger(JobBook.class);

    private final Map<String, JobRun> runs = new LinkedHashMap<>();
    private final JobHistory history;
    private final Executor mainThread;

    /**
     * @param mainThread the JobManager's main thread, where ended runs are moved to the history
     * @param retainedEndedJobs how many ended jobs the history keeps
     */
    JobBook(Executor mainThread, int retainedEndedJobs) {
        this.mainThread = mainThread;
        this.history = new JobHistory(retainedEndedJobs);
    }

    /**
     * Adds a run; once it ends it moves to the history and {@code ended} is told (on the main thread).
     */
    void add(JobRun run, Consumer<JobStatus> ended) {
        runs.put(run.jobId(), run);
        run.termination().whenCompleteAsync((status, error) -> {
            if (runs.get(run.jobId()) == run) {
                runs.remove(run.jobId());
                history.add(run.result());
            }
            ended.accept(status);
        }, mainThread);
    }

    /**
     * Reads every job result off the main thread and adds the ended jobs to the history, if
     * {@code stillWanted} says so then (the leadership it was read for still holds).
     */
    void loadHistory(JobResultStore results, Executor io, BooleanSupplier stillWanted) {
        CompletableFuture.supplyAsync(() -> Calls.call(results::all), io).whenCompleteAsync((ended, error) -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            if (error != null) {
                LOG.warn("The history of ended jobs could not be read from the job result store: {}",
                        Calls.rootMessage(error));
                return;
            }
            history.addAll(ended);
        }, mainThread);
    }

    /** The run of this job, or null. */
    JobRun run(String jobId) {
        return runs.get(jobId);
    }

    boolean runs(String jobId) {
        return runs.containsKey(jobId);
    }

    /** The runs, as a copy. */
    List<JobRun> runs() {
        return List.copyOf(runs.values());
    }

    /** The leadership ended: every run stops at once (sending nothing) and is forgotten. */
    void suspendAll() {
        runs.values().forEach(JobRun::suspend);
        runs.clear();
    }

    /** Slots the runs still want. */
    int slotsWanted() {
        return runs.values().stream().mapToInt(JobRun::slotsWanted).sum();
    }

    int notEnded() {
        return (int) runs.values().stream().filter(run -> !run.state().isTerminal()).count();
    }

    /** Every job, ended or not, by submission time. */
    List<JobStatus> statuses() {
        List<JobStatus> list = new ArrayList<>();
        history.statuses().stream().filter(ended -> !runs.containsKey(ended.jobId())).forEach(list::add);
        runs.values().forEach(run -> list.add(run.status()));
        list.sort(Comparator.comparing(JobStatus::submittedAt));
        return list;
    }

    Optional<JobDetail> detail(String jobId) {
        JobRun run = runs.get(jobId);
        return run != null ? Optional.of(run.detail()) : history.detail(jobId);
    }

    /**
     * Cancels a job.
     *
     * @return completes with its status once it is CANCELED, or at once with the status it had
     *     ended with if no run holds it
     * @throws JobSubmissionException of reason UNKNOWN_JOB if the job is neither running nor ended
     */
    CompletableFuture<JobStatus> cancel(String jobId) {
        JobRun run = runs.get(jobId);
        if (run == null) {
            Optional<JobStatus> ended = history.status(jobId);
            if (ended.isPresent()) {
                return CompletableFuture.completedFuture(ended.get());
            }
            throw new JobSubmissionException(JobSubmissionException.Reason.UNKNOWN_JOB, "No job with id " + jobId);
        }
        run.cancel();
        return run.termination();
    }

    /** Cancels every run; completes once each has ended. */
    CompletableFuture<Void> cancelAll() {
        List<CompletableFuture<JobStatus>> ends = new ArrayList<>();
        for (JobRun run : runs()) {
            run.cancel();
            ends.add(run.termination());
        }
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }
}
