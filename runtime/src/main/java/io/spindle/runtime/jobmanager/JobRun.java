package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.rpc.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution of one job under one leader session: deployment of its tasks onto slots,
 * checkpoints, restarts after failures, and the end (job result, then cleanup of its data).
 *
 * <p>Life cycle: CREATED (waiting for slots) → RUNNING → FINISHED once a checkpoint taken after
 * every task finished has completed and every task committed it; a failed task or a lost
 * TaskExecutor → RESTARTING → CREATED again with a new deployment, resuming from the latest
 * completed checkpoint, until the restart attempts are used up → FAILED. Cancel → CANCELED.
 *
 * <p>A recovered job may first be held ({@link #holdForAdoption}) while a new leader waits for the
 * tasks of an earlier session to be reported ({@link JobAdoption}); it then either adopts that
 * deployment ({@link #adopt}: RUNNING without a restart) or is deployed as usual.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobGraph graph;
    private final LeaderContext ctx;
    private final CompletedCheckpointStore checkpoints;
    private final CheckpointCoordinator coordinator;
    private final Runnable slotsChanged;
    private final JobCountsRecorder counts;
    private final JobRestarts restarts;
    private final JobEnding ending;

    private JobState state = JobState.CREATED;
    private Deployment deployment;
    private CompletedCheckpoint latest;
    private String failure;
    private Instant runningSince;
    private boolean heldForAdoption;
    /** A recovered job whose history does not tell yet how it resumed (RESTORED or ADOPTED). */
    private boolean recovered;

    JobRun(JobGraph graph, LeaderContext ctx, CompletedCheckpoint latest, Runnable slotsChanged) {
        this.graph = graph;
        this.ctx = ctx;
        this.latest = latest;
        this.slotsChanged = slotsChanged;
        this.counts = new JobCountsRecorder(graph, ctx);
        this.restarts = new JobRestarts(graph, ctx, counts);
        this.ending = new JobEnding(graph, ctx);
        this.deployment = Deployment.none(graph.jobId());
        this.checkpoints = new CompletedCheckpointStore(ctx.ha(), graph.jobId(), ctx.settings().retainedCheckpoints(),
                ctx.io());
        this.coordinator = new CheckpointCoordinator(this, ctx, checkpoints, ctx.ha().checkpointIdCounter(graph.jobId()));
        this.recovered = latest != null;
    }

    String jobId() {
        return graph.jobId();
    }

    JobGraph graph() {
        return graph;
    }

    int parallelism() {
        return graph.parallelism();
    }

    JobState state() {
        return state;
    }

    CompletableFuture<JobStatus> termination() {
        return ending.termination();
    }

    /** The TaskExecutors running this deployment's tasks. */
    Set<RegisteredTaskExecutor> taskExecutors() {
        return deployment.taskExecutors();
    }

    /** Slots this job still needs (0 once deployed or ended, or while held for adoption). */
    int slotsWanted() {
        return state == JobState.CREATED && !heldForAdoption ? graph.parallelism() : 0;
    }

    /** The checkpoint it would resume from, or {@code null}. */
    CompletedCheckpoint latestCheckpoint() {
        return latest;
    }

    /** Whether {@code key} is a task of the running deployment. */
    boolean runsTask(TaskKey key) {
        return state == JobState.RUNNING && deployment.contains(key);
    }

    JobStatus status() {
        return new JobStatus(graph.jobId(), graph.name(), state, graph.parallelism(), graph.submittedAt(), ending.endedAt(),
                counts.counts().restarts(), failure, runningSince);
    }

    JobDetail detail() {
        return new JobDetail(status(), graph.entryClass(), graph.arguments(),
                latest == null ? 0 : latest.checkpointId(), coordinator.history(), deployment.id(),
                counts.counts().adoptions(), counts.counts().restores());
    }

    // ------------------------------------------------------------------ deployment

    /** A checkpoint store finished, either way: a restart that waited for it may go ahead. */
    void checkpointStoreSettled() {
        if (state == JobState.CREATED) {
            slotsChanged.run();
        }
    }

    /** Deploys the tasks if enough slots are free; otherwise waits for {@link #tryDeploy} to be called again. */
    void tryDeploy() {
        if (state != JobState.CREATED || heldForAdoption || coordinator.isStoring()) {
            return;
        }
        Optional<List<RegisteredTaskExecutor>> picked = ctx.registry().pick(graph.parallelism());
        if (picked.isEmpty()) {
            return;
        }
        deployment = Deployment.fresh(graph.jobId(), picked.get());
        state = JobState.RUNNING;
        if (recovered) {
            recovered = false;
            coordinator.recordRestored(latest);
        }
        if (latest != null) {
            counts.update(JobCounts::restored);
        }
        LOG.info("Job {} ({}): deploying {} tasks{}", graph.jobId(), graph.name(), graph.parallelism(),
                latest == null ? " from the start" : " from checkpoint " + latest.checkpointId());
        Deployment forDeployment = deployment;
        deployment.submitAll(ctx, graph, checkpoints.taskStateDir(), latest, problem -> {
            if (ctx.isCurrent().getAsBoolean() && forDeployment == deployment) {
                failover(problem);
            }
        });
    }

    // ------------------------------------------------------------------ adoption

    /** Deploys nothing until {@link #adopt} or {@link #adoptionDeclined}. */
    void holdForAdoption() {
        heldForAdoption = true;
    }

    /** Not adopted: deployed as usual from the latest checkpoint. */
    void adoptionDeclined() {
        heldForAdoption = false;
        slotsChanged.run();
    }

    /**
     * Not adopted because a task failed while no leader was known: counts the restart (ending the
     * job FAILED if the attempts are used up) and deploys it from the latest checkpoint at once.
     */
    void restartInsteadOfAdopting(String cause) {
        heldForAdoption = false;
        if (state != JobState.CREATED) {
            return;
        }
        LOG.warn("Job {}: {}", graph.jobId(), cause);
        failure = cause;
        if (countRestart(cause)) {
            slotsChanged.run();
        }
    }

    /**
     * Takes over a deployment of an earlier leader session whose tasks all still run (their slots
     * are assigned already): binds them to this session on their TaskExecutors, then tells them
     * again of the latest completed checkpoint (committing is idempotent) and resumes
     * checkpointing. If a task cannot be bound (it ended meanwhile), the deployment is cancelled
     * and the job deployed anew, without counting a restart.
     */
    void adopt(AdoptionDecision.Adopt adoption) {
        heldForAdoption = false;
        if (state != JobState.CREATED) {
            return;
        }
        deployment = Deployment.adopted(adoption, graph.jobId());
        state = JobState.RUNNING;
        Deployment forDeployment = deployment;
        forDeployment.bind(ctx, () -> ctx.isCurrent().getAsBoolean() && forDeployment == deployment
                && state == JobState.RUNNING, problem -> {
            if (problem != null) {
                LOG.warn("Job {}: adoption of deployment {} failed ({}); deploying it anew", graph.jobId(),
                        forDeployment.id(), problem);
                stopDeployment();
                state = JobState.CREATED;
                slotsChanged.run();
                return;
            }
            adopted();
        });
    }

    private void adopted() {
        counts.update(JobCounts::adopted);
        recovered = false;
        runningSince = Instant.now();
        ctx.timeline().record(StartupTimeline.TASKS_RUNNING);
        LOG.info("Job {} ({}): adopted deployment {}; its {} tasks keep running{}", graph.jobId(), graph.name(),
                deployment.id(), graph.parallelism(), latest == null ? "" : " (latest checkpoint " + latest.checkpointId() + ")");
        coordinator.resumeAdopted(deployment.id(), latest, taskExecutors());
        if (latest != null && latest.isFinal()) {
            checkpointCompleted(latest, true);
            return;
        }
        if (deployment.allIn(TaskState.FINISHED)) {
            coordinator.triggerFinal();
        }
    }

    // ------------------------------------------------------------------ reports from tasks

    void taskStateChanged(TaskKey key, TaskState newState, String taskFailure) {
        if (!deployment.contains(key) || state != JobState.RUNNING) {
            return;
        }
        TaskState previous = deployment.update(key.taskIndex(), newState);
        // Checkpointing starts when the last task leaves DEPLOYING, whether its first report says
        // RUNNING or, with little to do, FINISHED.
        boolean lastDeployed = previous == TaskState.DEPLOYING
                && deployment.allIn(TaskState.RUNNING, TaskState.FINISHED);
        switch (newState) {
            case RUNNING, FINISHED -> {
                if (lastDeployed) {
                    runningSince = Instant.now();
                    ctx.timeline().record(StartupTimeline.TASKS_RUNNING);
                    LOG.info("Job {}: all {} tasks running", graph.jobId(), graph.parallelism());
                    coordinator.start(deployment.id());
                }
                if (newState == TaskState.FINISHED && deployment.allIn(TaskState.FINISHED)) {
                    LOG.info("Job {}: every task finished; taking the final checkpoint", graph.jobId());
                    coordinator.triggerFinal();
                }
            }
            case FAILED -> failover("task " + key.taskIndex() + " failed: " + taskFailure);
            case CANCELED -> failover("task " + key.taskIndex() + " was cancelled by its TaskExecutor");
            default -> { }
        }
    }

    void acknowledgeCheckpoint(TaskKey key, long checkpointId, StatePointer state) {
        coordinator.acknowledge(key, checkpointId, state);
    }

    void declineCheckpoint(TaskKey key, long checkpointId, String reason) {
        coordinator.decline(key, checkpointId, reason);
    }

    /**
     * A checkpoint was stored: it is the one to resume from.
     *
     * @param active whether it belongs to the running deployment (then tasks are told, and a final
     *     one ends the job); false when the deployment stopped while it was being stored
     */
    void checkpointCompleted(CompletedCheckpoint checkpoint, boolean active) {
        latest = checkpoint;
        if (!active) {
            return;
        }
        if (!checkpoint.isFinal()) {
            coordinator.notifyComplete(checkpoint.checkpointId(), taskExecutors());
            return;
        }
        Deployment forDeployment = deployment;
        coordinator.notifyComplete(checkpoint.checkpointId(), taskExecutors()).whenCompleteAsync((ignored, error) -> {
            if (!ctx.isCurrent().getAsBoolean() || forDeployment != deployment || state != JobState.RUNNING) {
                return;
            }
            if (error != null) {
                failover("tasks could not commit the final checkpoint " + checkpoint.checkpointId() + ": "
                        + Calls.rootMessage(error));
                return;
            }
            LOG.info("Job {} ({}) finished; output committed with checkpoint {}", graph.jobId(), graph.name(),
                    checkpoint.checkpointId());
            end(JobState.FINISHED, null);
        }, ctx.mainThread());
    }

    /** A TaskExecutor this job runs on was lost. */
    void taskExecutorLost(RegisteredTaskExecutor te, String reason) {
        if (state == JobState.RUNNING && taskExecutors().contains(te)) {
            failover("TaskExecutor " + te + " lost: " + reason);
        }
    }

    // ------------------------------------------------------------------ failures, cancel, end

    private void failover(String cause) {
        if (state != JobState.RUNNING) {
            return;
        }
        LOG.warn("Job {}: {}", graph.jobId(), cause);
        failure = cause;
        stopDeployment();
        if (!countRestart(cause)) {
            return;
        }
        state = JobState.RESTARTING;
        restarts.schedule(latest, () -> {
            if (state == JobState.RESTARTING) {
                state = JobState.CREATED;
                slotsChanged.run();
            }
        });
    }

    /** Counts a restart; if the restart attempts are used up, ends the job FAILED instead and returns false. */
    private boolean countRestart(String cause) {
        if (restarts.count(cause)) {
            return true;
        }
        end(JobState.FAILED, cause);
        return false;
    }

    /** Cancels the job: its tasks are cancelled and it ends CANCELED. */
    void cancel() {
        if (state.isTerminal() || state == JobState.CANCELLING) {
            return;
        }
        LOG.info("Job {} ({}): cancelling", graph.jobId(), graph.name());
        state = JobState.CANCELLING;
        stopDeployment();
        end(JobState.CANCELED, null);
    }

    /** Cancels the running tasks of the current deployment and frees their slots. */
    private void stopDeployment() {
        coordinator.stop();
        restarts.cancel();
        deployment.cancelAll(ctx);
        deployment = Deployment.none(graph.jobId());
        runningSince = null;
        slotsChanged.run();
    }

    private void end(JobState terminal, String cause) {
        if (terminal == JobState.FINISHED) {
            stopDeployment();
        }
        state = terminal;
        failure = terminal == JobState.FAILED ? cause : failure;
        ending.end(terminal, cause, counts.counts(), this::status);
    }

    /** How the job ended; null before it did. */
    JobResult result() {
        return ending.result();
    }

    /** Stops all activity of this run at once (leadership revoked); sends nothing. */
    void suspend() {
        coordinator.stop();
        restarts.cancel();
    }

    boolean allTasksFinished() {
        return deployment.allFinished();
    }
}
