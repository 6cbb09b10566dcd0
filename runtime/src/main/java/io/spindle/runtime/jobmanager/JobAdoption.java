package io.spindle.runtime.jobmanager;

import io.spindle.configuration.JobManagerOptions;
import io.spindle.runtime.rpc.CancelTaskRequest;
import io.spindle.runtime.rpc.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new leader taking over the tasks that still run from an earlier leader session. TaskExecutors
 * report their tasks when they register ({@link #reported}); each reported task keeps its slot
 * until it is adopted or cancelled. After recovery ({@link #recovered}) every recovered job waits
 * for reports, at most {@link JobManagerOptions#ADOPTION_TIMEOUT}: as soon as its reports allow
 * an adoption ({@link AdoptionDecision}) the job adopts that deployment ({@link JobRun#adopt});
 * when the time is up the rest are deployed anew from their latest checkpoint, their reported
 * tasks cancelled. Reported tasks of jobs this leader does not run, or of deployments it did not
 * adopt, are cancelled.
 *
 * <p>One per leader session. Confined to the JobManager's main thread.
 */
final class JobAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(JobAdoption.class);

    private final LeaderContext ctx;
    private final Duration timeout;
    private final Function<String, JobRun> jobs;
    /** Reports before recovery ended, or of jobs still waiting; by job id. */
    private final Map<String, List<ReportedTask>> reports = new LinkedHashMap<>();
    private final Map<String, JobRun> waiting = new LinkedHashMap<>();
    private boolean recovered;
    private ScheduledFuture<?> deadline;

    /**
     * @param ctx the leader session
     * @param timeout how long recovered jobs wait for reports; zero adopts nothing
     * @param jobs the leader's job runs by id (null for unknown jobs)
     */
    JobAdoption(LeaderContext ctx, Duration timeout, Function<String, JobRun> jobs) {
        this.ctx = ctx;
        this.timeout = timeout;
        this.jobs = jobs;
    }

    /** A TaskExecutor registered reporting the tasks it runs; alive ones keep their slot for now. */
    void reported(RegisteredTaskExecutor te, List<TaskStatus> statuses) {
        for (TaskStatus status : statuses) {
            ReportedTask task = ReportedTask.of(te, status);
            if (!task.alive() && !task.failed()) {
                continue;
            }
            if (task.alive() && te.freeSlots() <= 0) {
                cancel(task, "its TaskExecutor reports more tasks than slots");
                continue;
            }
            if (task.alive()) {
                te.assign(task.key());
            }
            if (!recovered) {
                reports.computeIfAbsent(task.key().jobId(), j -> new ArrayList<>()).add(task);
            } else {
                route(task);
            }
        }
    }

    /** Recovery ended: these jobs (already held by {@link JobRun#holdForAdoption}) wait for reports. */
    void recovered(Collection<JobRun> runs) {
        recovered = true;
        runs.forEach(run -> waiting.put(run.jobId(), run));
        Map<String, List<ReportedTask>> early = new LinkedHashMap<>(reports);
        reports.clear();
        early.values().forEach(tasks -> tasks.forEach(this::route));
        if (timeout.isZero()) {
            decideAll("adoption is off (" + JobManagerOptions.ADOPTION_TIMEOUT.key() + " = 0)");
            return;
        }
        for (JobRun run : List.copyOf(waiting.values())) {
            tryAdopt(run);
        }
        if (!waiting.isEmpty()) {
            LOG.info("Waiting up to {} ms for TaskExecutors to report the tasks of {} recovered job(s)",
                    timeout.toMillis(), waiting.size());
            deadline = ctx.mainThread().schedule(() -> {
                if (ctx.isCurrent().getAsBoolean()) {
                    decideAll("not every task was reported within " + timeout.toMillis() + " ms");
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The session ended: nothing more is decided. */
    void close() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        waiting.clear();
        reports.clear();
    }

    private void route(ReportedTask task) {
        String jobId = task.key().jobId();
        JobRun waitingRun = waiting.get(jobId);
        if (waitingRun != null) {
            reports.computeIfAbsent(jobId, j -> new ArrayList<>()).add(task);
            if (!timeout.isZero()) {
                tryAdopt(waitingRun);
            }
            return;
        }
        JobRun run = jobs.apply(jobId);
        if (task.failed()) {
            return; // nothing runs; the job is not waiting for it
        }
        if (run == null) {
            cancel(task, "this leader does not run job " + jobId);
        } else if (!run.runsTask(task.key())) {
            cancel(task, "it is not of the job's current deployment");
        }
    }

    /** Adopts the job's reported deployment, or restarts the job for a reported failure; otherwise it waits on. */
    private void tryAdopt(JobRun run) {
        AdoptionDecision decision = decide(run);
        if (decision instanceof AdoptionDecision.Adopt || decision instanceof AdoptionDecision.Restart) {
            apply(run, decision);
        }
    }

    private void decideAll(String why) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        for (JobRun run : List.copyOf(waiting.values())) {
            AdoptionDecision decision = timeout.isZero() ? new AdoptionDecision.Redeploy(why) : decide(run);
            if (decision instanceof AdoptionDecision.Redeploy redeploy && !timeout.isZero()) {
                decision = new AdoptionDecision.Redeploy(why + ": " + redeploy.reason());
            }
            apply(run, decision);
        }
    }

    private AdoptionDecision decide(JobRun run) {
        List<ReportedTask> current = currentReports(run.jobId());
        return AdoptionDecision.decide(run.parallelism(), run.latestCheckpoint(), current);
    }

    /** The job's reports from TaskExecutors still registered (a lost or re-registered one's reports are void). */
    private List<ReportedTask> currentReports(String jobId) {
        return reports.getOrDefault(jobId, List.of()).stream()
                .filter(task -> ctx.registry().get(task.taskExecutor().id()).orElse(null) == task.taskExecutor())
                .toList();
    }

    private void apply(JobRun run, AdoptionDecision decision) {
        waiting.remove(run.jobId());
        List<ReportedTask> reported = reports.getOrDefault(run.jobId(), List.of());
        reports.remove(run.jobId());
        if (deadline != null && waiting.isEmpty()) {
            deadline.cancel(false);
        }
        if (decision instanceof AdoptionDecision.Adopt adopt) {
            for (ReportedTask task : reported) {
                if (task.alive() && !task.key().deploymentId().equals(adopt.deploymentId())) {
                    cancel(task, "the job adopted deployment " + adopt.deploymentId());
                }
            }
            LOG.info("Job {}: adopting deployment {} ({} tasks still running)", run.jobId(), adopt.deploymentId(),
                    adopt.tasks().size());
            run.adopt(adopt);
            return;
        }
        List<ReportedTask> alive = reported.stream().filter(ReportedTask::alive).toList();
        if (decision instanceof AdoptionDecision.Restart restart) {
            LOG.info("Job {}: not adopted, a task failed while no leader was known; cancelling {} reported task(s)",
                    run.jobId(), alive.size());
            alive.forEach(task -> cancel(task, "its job restarts"));
            run.restartInsteadOfAdopting(restart.cause());
            return;
        }
        String reason = ((AdoptionDecision.Redeploy) decision).reason();
        LOG.info("Job {}: not adopted ({}); cancelling {} reported task(s) and deploying it anew", run.jobId(), reason,
                alive.size());
        alive.forEach(task -> cancel(task, "its job is deployed anew"));
        run.adoptionDeclined();
    }

    private void cancel(ReportedTask task, String reason) {
        LOG.info("Cancelling reported task {} on {}: {}", task.key(), task.taskExecutor(), reason);
        task.taskExecutor().release(task.key());
        task.taskExecutor().stub(ctx.settings().rpcTimeout().toMillis()).cancelTask(CancelTaskRequest.newBuilder()
                .setLeaderSessionId(ctx.sessionId())
                .setTask(task.key().toProto())
                .build());
    }
}
