package io.spindle.runtime.jobmanager;

import io.spindle.configuration.CheckpointingOptions;
import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.CheckpointRequest;
import io.spindle.runtime.rpc.GrpcFutures;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers the checkpoints of one deployment of a job, collects the tasks' acknowledgements,
 * stores the completed checkpoint (fenced) and notifies the tasks so sinks commit.
 *
 * <p>One checkpoint at a time. A checkpoint completes only if every task acknowledged and the
 * metadata and pointer were stored under this leader's fence: a deposed leader cannot complete
 * one. Ids come from the job's {@link CheckpointIdCounter}, unique and increasing across leaders.
 *
 * <p>Confined to the JobManager's main thread; blocking storage work runs on the io executor.
 */
final class CheckpointCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);
    private static final int HISTORY = 30;

    private final JobRun job;
    private final LeaderContext ctx;
    private final CompletedCheckpointStore store;
    private final CheckpointIdCounter counter;
    private final Deque<CheckpointStats> history = new ArrayDeque<>();

    private Pending pending;
    private int storing;
    private boolean triggering;
    private boolean stopped = true;
    private String deploymentId;
    private ScheduledFuture<?> periodic;

    /** A checkpoint in flight. */
    private static final class Pending {
        final long id;
        final boolean isFinal;
        final Instant triggeredAt;
        final long triggeredNanos;
        final StatePointer[] states;
        int acknowledged;
        boolean storing;
        ScheduledFuture<?> timeout;

        Pending(long id, boolean isFinal, int parallelism) {
            this.id = id;
            this.isFinal = isFinal;
            this.triggeredAt = Instant.now();
            this.triggeredNanos = System.nanoTime();
            this.states = new StatePointer[parallelism];
        }
    }

    CheckpointCoordinator(JobRun job, LeaderContext ctx, CompletedCheckpointStore store,
            CheckpointIdCounter counter) {
        this.job = job;
        this.ctx = ctx;
        this.store = store;
        this.counter = counter;
    }

    /** Starts periodic checkpoints for a deployment whose tasks are all running. */
    void start(String deploymentId) {
        stop();
        this.deploymentId = deploymentId;
        this.stopped = false;
        long interval = Math.max(1, ctx.settings().checkpointInterval().toMillis());
        periodic = ctx.mainThread().scheduleWithFixedDelay(() -> {
            if (ctx.isCurrent().getAsBoolean()) {
                trigger(false);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops triggering and abandons the checkpoint in flight. */
    void stop() {
        stopped = true;
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        abort("the deployment was stopped");
    }

    /** Triggers the final checkpoint now (every task finished), abandoning a non-final one in flight. */
    void triggerFinal() {
        if (pending != null && !pending.isFinal) {
            abort("every task finished; taking the final checkpoint instead");
        }
        trigger(true);
    }

    /** Recent checkpoints, newest first. */
    List<CheckpointStats> history() {
        List<CheckpointStats> list = new ArrayList<>(history);
        if (pending != null) {
            list.add(0, new CheckpointStats(pending.id, "IN_PROGRESS", pending.triggeredAt, -1, null));
        }
        return list;
    }

    /** The job's tasks were deployed from this checkpoint of an earlier leader. */
    void recordRestored(CompletedCheckpoint checkpoint) {
        addHistory(new CheckpointStats(checkpoint.checkpointId(), "RESTORED", Instant.now(), -1, null,
                CheckpointStats.sizeOf(checkpoint.taskStates())));
    }

    /**
     * The job's running tasks were adopted from an earlier leader: records it (ADOPTED, with the
     * latest checkpoint id), starts checkpointing the deployment, and tells its tasks again of the
     * latest checkpoint unless it is final (the job ends with that one; its caller notifies it).
     *
     * @param latest the job's latest completed checkpoint, or null
     */
    void resumeAdopted(String adoptedDeployment, CompletedCheckpoint latest, Set<RegisteredTaskExecutor> executors) {
        addHistory(new CheckpointStats(latest == null ? 0 : latest.checkpointId(), "ADOPTED", Instant.now(), -1, null));
        start(adoptedDeployment);
        if (latest == null || latest.isFinal()) {
            return;
        }
        long id = latest.checkpointId();
        notifyComplete(id, executors).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("Job {}: adopted tasks were not all told of checkpoint {} again: {}", job.jobId(), id,
                        Calls.rootMessage(error));
            }
        });
    }

    private void trigger(boolean finalRequested) {
        if (stopped || pending != null || triggering) {
            return;
        }
        triggering = true;
        String forDeployment = deploymentId;
        CompletableFuture.supplyAsync(() -> {
            try {
                return counter.getAndIncrement(ctx.session().fence());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, ctx.io()).whenCompleteAsync((id, failure) -> {
            triggering = false;
            if (!ctx.isCurrent().getAsBoolean() || stopped || !forDeployment.equals(deploymentId)) {
                return;
            }
            if (failure != null) {
                LOG.warn("Job {}: could not reserve a checkpoint id: {}", job.jobId(), Calls.rootMessage(failure));
                return;
            }
            // Decided now, not at the trigger: a final checkpoint asked for while this id was being
            // reserved found this trigger in flight and was dropped. A task's state only moves forward.
            startCheckpoint(id, finalRequested || job.allTasksFinished());
        }, ctx.mainThread());
    }

    private void startCheckpoint(long id, boolean isFinal) {
        Pending checkpoint = new Pending(id, isFinal, job.parallelism());
        pending = checkpoint;
        long timeoutMillis = ctx.settings().checkpointTimeout().toMillis();
        checkpoint.timeout = ctx.mainThread().schedule(() -> {
            if (pending == checkpoint) {
                fail(checkpoint, "not completed within " + timeoutMillis + " ms ("
                        + CheckpointingOptions.TIMEOUT.key() + ")");
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        CheckpointRequest request = request(id);
        LOG.debug("Job {}: triggering {}checkpoint {}", job.jobId(), isFinal ? "final " : "", id);
        for (RegisteredTaskExecutor te : job.taskExecutors()) {
            GrpcFutures.toCompletable(te.stub(ctx.settings().rpcTimeout().toMillis()).triggerCheckpoint(request))
                    .whenCompleteAsync((ack, failure) -> {
                        if (pending != checkpoint) {
                            return;
                        }
                        if (failure != null || !ack.getAccepted()) {
                            fail(checkpoint, "TaskExecutor " + te + " did not take it: "
                                    + (failure != null ? Calls.rootMessage(failure) : ack.getReason()));
                        }
                    }, ctx.mainThread());
        }
    }

    /** A task wrote its state for a checkpoint. */
    void acknowledge(TaskKey task, long checkpointId, StatePointer state) {
        Pending checkpoint = pending;
        if (checkpoint == null || checkpoint.id != checkpointId || !task.deploymentId().equals(deploymentId)
                || task.taskIndex() < 0 || task.taskIndex() >= checkpoint.states.length) {
            LOG.debug("Job {}: late or unknown acknowledgement of checkpoint {} by task {}; discarding its state",
                    job.jobId(), checkpointId, task);
            ctx.io().execute(() -> store.discardTaskStates(List.of(state)));
            return;
        }
        if (checkpoint.states[task.taskIndex()] == null) {
            checkpoint.acknowledged++;
        }
        checkpoint.states[task.taskIndex()] = state;
        if (checkpoint.acknowledged == checkpoint.states.length) {
            complete(checkpoint);
        }
    }

    /** A task could not snapshot its state. */
    void decline(TaskKey task, long checkpointId, String reason) {
        if (pending != null && pending.id == checkpointId && task.deploymentId().equals(deploymentId)) {
            fail(pending, "task " + task.taskIndex() + " declined: " + reason);
        }
    }

    private void complete(Pending checkpoint) {
        checkpoint.timeout.cancel(false);
        checkpoint.storing = true;
        storing++;
        CompletedCheckpoint completed = new CompletedCheckpoint(job.jobId(), checkpoint.id, ctx.sessionId(),
                checkpoint.triggeredAt, Instant.now(), List.of(checkpoint.states), checkpoint.isFinal, deploymentId);
        CompletableFuture.runAsync(() -> {
            try {
                store.add(completed, ctx.session().fence());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, ctx.io()).whenCompleteAsync((ignored, failure) -> {
            storing--;
            boolean current = pending == checkpoint;
            if (current) {
                pending = null;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof LeadershipLostException) {
                    LOG.warn("Job {}: checkpoint {} not completed: this JobManager is no longer the leader",
                            job.jobId(), checkpoint.id);
                } else {
                    LOG.warn("Job {}: checkpoint {} could not be stored: {}", job.jobId(), checkpoint.id,
                            Calls.rootMessage(failure));
                }
                addHistory(new CheckpointStats(checkpoint.id, "FAILED", checkpoint.triggeredAt, -1,
                        Calls.rootMessage(failure)));
                if (definitelyNotStored(cause)) {
                    ctx.io().execute(() -> store.discardTaskStates(nonNull(checkpoint.states)));
                } else {
                    LOG.warn("Job {}: keeping the task state files of checkpoint {}: it may have been stored",
                            job.jobId(), checkpoint.id);
                }
                job.checkpointStoreSettled();
                return;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checkpoint.triggeredNanos);
            LOG.info("Job {}: checkpoint {} complete in {} ms ({} tasks{})", job.jobId(), checkpoint.id, millis,
                    checkpoint.states.length, checkpoint.isFinal ? ", final" : "");
            addHistory(new CheckpointStats(checkpoint.id, "COMPLETED", checkpoint.triggeredAt, millis, null,
                    CheckpointStats.sizeOf(completed.taskStates())));
            // Stored means complete, even if the deployment stopped meanwhile: a restart must resume
            // from it (the store has already removed the checkpoint before it).
            job.checkpointCompleted(completed, current && !stopped);
            job.checkpointStoreSettled();
        }, ctx.mainThread());
    }

    /** Whether a checkpoint whose store failed this way certainly has no pointer in the HA backend. */
    private static boolean definitelyNotStored(Throwable cause) {
        return cause instanceof LeadershipLostException
                || cause instanceof java.io.IOException && !(cause instanceof WriteOutcomeUnknownException);
    }

    /** Whether a completed checkpoint is being stored; a restart must wait for it. */
    boolean isStoring() {
        return storing > 0;
    }

    /**
     * Tells every TaskExecutor of the deployment that a checkpoint is complete.
     *
     * @return completes when every TaskExecutor confirmed that its tasks processed the notification
     */
    CompletableFuture<Void> notifyComplete(long checkpointId, Set<RegisteredTaskExecutor> executors) {
        CheckpointRequest request = request(checkpointId);
        List<CompletableFuture<Ack>> calls = new ArrayList<>();
        for (RegisteredTaskExecutor te : executors) {
            calls.add(GrpcFutures.toCompletable(
                    te.stub(ctx.settings().rpcTimeout().toMillis()).notifyCheckpointComplete(request)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenAccept(ignored -> {
            for (CompletableFuture<Ack> call : calls) {
                Ack ack = call.join();
                if (!ack.getAccepted()) {
                    throw new CompletionException(new IllegalStateException(ack.getReason()));
                }
            }
        });
    }

    private void fail(Pending checkpoint, String reason) {
        if (pending != checkpoint) {
            return;
        }
        pending = null;
        if (checkpoint.storing) {
            LOG.info("Job {}: checkpoint {} is being stored; its outcome decides ({})", job.jobId(), checkpoint.id,
                    reason);
            return;
        }
        checkpoint.timeout.cancel(false);
        LOG.warn("Job {}: checkpoint {} failed: {}", job.jobId(), checkpoint.id, reason);
        addHistory(new CheckpointStats(checkpoint.id, "FAILED", checkpoint.triggeredAt, -1, reason));
        ctx.io().execute(() -> store.discardTaskStates(nonNull(checkpoint.states)));
    }

    private void abort(String reason) {
        if (pending != null) {
            fail(pending, reason);
        }
    }

    /** The request naming checkpoint {@code checkpointId} of the current deployment and leader session. */
    private CheckpointRequest request(long checkpointId) {
        return CheckpointRequest.newBuilder()
                .setLeaderSessionId(ctx.sessionId())
                .setJobId(job.jobId())
                .setDeploymentId(deploymentId)
                .setCheckpointId(checkpointId)
                .build();
    }

    private void addHistory(CheckpointStats stats) {
        if (stats.status().equals("COMPLETED")) {
            ctx.events().checkpointCompleted(job.jobId(), stats.id(), stats.durationMs());
        } else if (stats.status().equals("FAILED")) {
            ctx.events().checkpointFailed(job.jobId(), stats.id());
        }
        history.addFirst(stats);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    private static List<StatePointer> nonNull(StatePointer[] states) {
        List<StatePointer> list = new ArrayList<>();
        for (StatePointer state : states) {
            if (state != null) {
                list.add(state);
            }
        }
        return list;
    }


}
