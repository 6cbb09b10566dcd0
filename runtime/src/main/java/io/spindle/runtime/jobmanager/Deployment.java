package io.spindle.runtime.jobmanager;

import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.rpc.AdoptTasksRequest;
import io.spindle.runtime.rpc.AdoptTasksResponse;
import io.spindle.runtime.rpc.CancelTaskRequest;
import io.spindle.runtime.rpc.GrpcFutures;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;

/**
 * One deployment of a job's tasks: its id, the TaskExecutor each task runs on, and the state each
 * task last reported (null until it reported). A job has at most one deployment at a time; a new
 * one (a restart, a new leader that did not adopt) gets a new id, an adopted one keeps its id.
 *
 * <p>It also carries the commands to its tasks ({@link #submitAll}, {@link #cancelAll}, {@link #bind}),
 * each sent with the leader session's id.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class Deployment {

    private final String jobId;
    private final String id;
    private final RegisteredTaskExecutor[] placement;
    private final TaskState[] states;

    private Deployment(String jobId, String id, List<RegisteredTaskExecutor> placement) {
        this.jobId = jobId;
        this.id = id;
        this.placement = placement.toArray(RegisteredTaskExecutor[]::new);
        this.states = new TaskState[placement.size()];
    }

    /** No deployment: nothing runs. */
    static Deployment none(String jobId) {
        return new Deployment(jobId, "", List.of());
    }

    /** A new deployment onto these slots (task i on {@code placement.get(i)}), with a new id. */
    static Deployment fresh(String jobId, List<RegisteredTaskExecutor> placement) {
        return new Deployment(jobId, UUID.randomUUID().toString().replace("-", ""), placement);
    }

    /** An earlier leader's deployment whose tasks still run, by index. */
    static Deployment adopted(AdoptionDecision.Adopt adoption, String jobId) {
        return new Deployment(jobId, adoption.deploymentId(),
                adoption.tasks().stream().map(ReportedTask::taskExecutor).toList());
    }

    /** Its id; empty for {@link #none}. */
    String id() {
        return id;
    }

    private int size() {
        return placement.length;
    }

    private TaskKey key(int index) {
        return new TaskKey(jobId, id, index);
    }

    /** Whether {@code key} names one of its tasks. */
    boolean contains(TaskKey key) {
        return !id.isEmpty() && key.deploymentId().equals(id) && key.taskIndex() >= 0 && key.taskIndex() < size();
    }

    /** The TaskExecutors its tasks run on. */
    Set<RegisteredTaskExecutor> taskExecutors() {
        return new LinkedHashSet<>(List.of(placement));
    }

    /**
     * Records a task's reported state; returns the one before (null if none). A task's state only
     * moves forward: a RUNNING after FINISHED is not recorded. A TaskExecutor does not wait for one
     * report before it sends the next, so a task that finished at once (restored from a final
     * checkpoint, say) can have its RUNNING arrive after its FINISHED; recorded, it would keep the
     * job from ever seeing all its tasks finished.
     */
    TaskState update(int index, TaskState state) {
        TaskState previous = states[index];
        if (state != TaskState.RUNNING || previous != TaskState.FINISHED) {
            states[index] = state;
        }
        return previous;
    }

    /** Whether every task last reported one of {@code allowed} (true for {@link #none}). */
    boolean allIn(TaskState... allowed) {
        List<TaskState> ok = List.of(allowed);
        for (TaskState s : states) {
            if (!ok.contains(s)) {
                return false;
            }
        }
        return true;
    }

    /** Whether it has tasks and every one finished. */
    boolean allFinished() {
        return size() > 0 && allIn(TaskState.FINISHED);
    }

    /**
     * Assigns every task to its slot and submits it to its TaskExecutor (its state DEPLOYING until
     * it reports); sends and does not wait.
     *
     * @param stateDir where the tasks write their checkpoint state
     * @param from     the checkpoint the tasks resume from, or null to start them fresh
     * @param failed   told on the main thread, for each task that could not be deployed (the call
     *                 failed or the TaskExecutor refused), why
     */
    void submitAll(LeaderContext ctx, JobGraph graph, Path stateDir, CompletedCheckpoint from, Consumer<String> failed) {
        for (int i = 0; i < placement.length; i++) {
            TaskKey key = key(i);
            RegisteredTaskExecutor te = placement[i];
            te.assign(key);
            states[i] = TaskState.DEPLOYING;
            SubmitTaskRequest request = TaskSubmissions.of(ctx.sessionId(), graph, stateDir, from, key);
            GrpcFutures.toCompletable(te.stub(ctx.settings().rpcTimeout().toMillis()).submitTask(request))
                    .whenCompleteAsync((ack, error) -> {
                        if (error != null || !ack.getAccepted()) {
                            failed.accept("task " + key.taskIndex() + " could not be deployed on " + te + ": "
                                    + (error != null ? Calls.rootMessage(error) : ack.getReason()));
                        }
                    }, ctx.mainThread());
        }
    }

    /** Cancels every task on its TaskExecutor and frees its slot there; sends and does not wait. */
    void cancelAll(LeaderContext ctx) {
        for (int i = 0; i < placement.length; i++) {
            TaskKey key = key(i);
            placement[i].release(key);
            placement[i].stub(ctx.settings().rpcTimeout().toMillis()).cancelTask(CancelTaskRequest.newBuilder()
                    .setLeaderSessionId(ctx.sessionId())
                    .setTask(key.toProto())
                    .build());
        }
    }

    /**
     * Binds the (adopted) tasks to this leader session on their TaskExecutors and takes their
     * states from the answers ({@link #takeBoundStates}), on the main thread, if {@code stillWanted}
     * says so then; sends and does not wait.
     *
     * @param outcome told on the main thread (unless no longer wanted): null if every task is bound
     *                and running, otherwise why the deployment cannot be kept (a call failed, a
     *                TaskExecutor refused, a task ended or is gone)
     */
    void bind(LeaderContext ctx, BooleanSupplier stillWanted, Consumer<String> outcome) {
        bind(ctx).whenCompleteAsync((answers, error) -> {
            if (stillWanted.getAsBoolean()) {
                outcome.accept(error != null ? Calls.rootMessage(error) : takeBoundStates(answers));
            }
        }, ctx.mainThread());
    }

    /** @return completes with every TaskExecutor's answer, in no particular order; fails if a call failed */
    private CompletableFuture<List<AdoptTasksResponse>> bind(LeaderContext ctx) {
        Map<RegisteredTaskExecutor, List<TaskKey>> byExecutor = new LinkedHashMap<>();
        for (int i = 0; i < placement.length; i++) {
            byExecutor.computeIfAbsent(placement[i], te -> new ArrayList<>()).add(key(i));
        }
        List<CompletableFuture<AdoptTasksResponse>> calls = new ArrayList<>();
        byExecutor.forEach((te, keys) -> calls.add(GrpcFutures.toCompletable(te.stub(ctx.settings().rpcTimeout().toMillis())
                .adoptTasks(AdoptTasksRequest.newBuilder().setLeaderSessionId(ctx.sessionId())
                        .addAllTasks(keys.stream().map(TaskKey::toProto).toList()).build()))));
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> calls.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Takes the tasks' states from the answers to {@link #bind} (a state reported since is newer and
     * kept).
     *
     * @return why the deployment cannot be kept (a TaskExecutor refused, a task ended or is gone), or null
     */
    private String takeBoundStates(List<AdoptTasksResponse> answers) {
        for (AdoptTasksResponse answer : answers) {
            if (!answer.getAccepted()) {
                return answer.getReason();
            }
            for (TaskStatus status : answer.getAdoptedList()) {
                TaskKey key = TaskKey.of(status.getTask());
                if (!contains(key)) {
                    continue;
                }
                if (status.getState() == TaskState.FAILED || status.getState() == TaskState.CANCELED) {
                    return "task " + key.taskIndex() + " ended meanwhile (" + status.getState() + ")";
                }
                if (states[key.taskIndex()] == null) {
                    states[key.taskIndex()] = status.getState();
                }
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] == null) {
                return "task " + i + " is no longer running";
            }
            if (states[i] == TaskState.FAILED || states[i] == TaskState.CANCELED) {
                return "task " + i + " is " + states[i];
            }
        }
        return null;
    }
}
