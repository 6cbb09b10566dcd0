package io.spindle.runtime.taskexecutor;

import io.grpc.ManagedChannel;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.AcknowledgeCheckpointRequest;
import io.spindle.runtime.rpc.DeclineCheckpointRequest;
import io.spindle.runtime.rpc.GrpcFutures;
import io.spindle.runtime.rpc.JobManagerServiceGrpc;
import io.spindle.runtime.rpc.JobManagerServiceGrpc.JobManagerServiceFutureStub;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.StateHandles;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;
import io.spindle.runtime.rpc.UpdateTaskStateRequest;
import io.spindle.runtime.security.ClusterAuthentication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TaskExecutor: follows the leading JobManager found through leader retrieval, registers its
 * slots with it, runs the tasks it is given, and notices a lost JobManager by missing heartbeats.
 *
 * <p>It obeys only the leader session it currently follows: commands carrying another session id
 * are rejected. When the leader changes (or is lost) the tasks of the old session keep running,
 * owned by nobody (they obey no command and commit nothing, since both need a current leader), for
 * up to the previous-leader recovery timeout; the TaskExecutor registers with the next leader and
 * reports every task it runs, and that leader either adopts them ({@link #adopt}: they are bound to
 * its session) or cancels them. Tasks nobody adopted within the timeout are cancelled; with a
 * timeout of zero they are cancelled at once, before the TaskExecutor registers with the new leader.
 *
 * <p>Thread-safe: leader changes and the heartbeat monitor run on one internal thread; RPC calls
 * come from gRPC's threads and touch only concurrent state.
 */
public final class TaskExecutor implements TaskReporter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);

    private final String id;
    private final String rpcAddress;
    private final String resourceId;
    private final int slots;
    private final Duration heartbeatTimeout;
    private final Duration previousLeaderRecoveryTimeout;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final UserCodeCache userCode;
    private final ScheduledExecutorService control;
    private final TaskSlots tasks;
    private final CompletableFuture<String> shutdownRequested = new CompletableFuture<>();
    private final ClusterAuthentication authentication;

    /** The leader this TaskExecutor follows; replaced as a whole. */
    private record Leader(String sessionId, String rpcAddress, ManagedChannel channel, JobManagerServiceFutureStub stub) {}

    private volatile Leader leader;
    private volatile boolean registered;
    private volatile long lastLeaderHeartbeatNanos = System.nanoTime();

    /**
     * @param id unique id of this TaskExecutor
     * @param rpcAddress host:port of its own gRPC endpoint, as the JobManager should dial it
     * @param resourceId the YARN container id, or empty
     * @param slots number of task slots
     * @param heartbeatTimeout silence of the leader after which it is considered lost
     * @param previousLeaderRecoveryTimeout how long tasks of a lost leader keep running for the next
     *     leader to adopt them; zero cancels them at once
     * @param hadoopConf for storageDir access
     * @param workDir local folder for fetched jars
     * @param authentication signs the calls to the JobManager
     */
    public TaskExecutor(String id, String rpcAddress, String resourceId, int slots, Duration heartbeatTimeout,
            Duration previousLeaderRecoveryTimeout, org.apache.hadoop.conf.Configuration hadoopConf, Path workDir,
            ClusterAuthentication authentication) {
        this.id = id;
        this.authentication = java.util.Objects.requireNonNull(authentication, "authentication");
        this.rpcAddress = rpcAddress;
        this.resourceId = resourceId;
        this.slots = slots;
        this.heartbeatTimeout = heartbeatTimeout;
        this.previousLeaderRecoveryTimeout = previousLeaderRecoveryTimeout;
        this.tasks = new TaskSlots(slots, previousLeaderRecoveryTimeout);
        this.hadoopConf = hadoopConf;
        this.userCode = new UserCodeCache(workDir.resolve("jobs"), hadoopConf);
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskexecutor-control");
            t.setDaemon(true);
            return t;
        });
        long check = Math.max(100, heartbeatTimeout.toMillis() / 10);
        control.scheduleWithFixedDelay(this::checkLeaderHeartbeat, check, check, TimeUnit.MILLISECONDS);
        long orphanCheck = Math.max(50, Math.min(1_000, previousLeaderRecoveryTimeout.toMillis() / 10));
        control.scheduleWithFixedDelay(tasks::cancelExpiredOrphans, orphanCheck, orphanCheck, TimeUnit.MILLISECONDS);
    }

    /** This TaskExecutor's id. */
    public String id() {
        return id;
    }

    /** Its task slots. */
    public int slots() {
        return slots;
    }

    /** Tasks it runs now (each in one slot). */
    public int runningTasks() {
        return tasks.running();
    }

    /** Tasks it keeps running that no leader owns now (their leader went away; not adopted yet). */
    public int orphanedTasks() {
        return tasks.orphaned();
    }

    /** Whether it is registered with the leader it follows. */
    public boolean isRegistered() {
        return registered;
    }

    /** Time since the leader it follows was last heard from (or since it started). */
    public Duration sinceLeaderHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - lastLeaderHeartbeatNanos);
    }

    /** Completes with a reason when the JobManager asked this TaskExecutor to exit. */
    public CompletableFuture<String> shutdownRequested() {
        return shutdownRequested;
    }

    // ------------------------------------------------------------------ following the leader

    /** Leader retrieval's callback: a new leader (or none). */
    public void leaderChanged(Optional<LeaderInfo> info) {
        control.execute(() -> {
            Leader current = leader;
            String newSession = info.map(i -> i.sessionId().toString()).orElse(null);
            if (current != null && current.sessionId().equals(newSession)) {
                return;
            }
            if (current != null) {
                current.channel().shutdownNow();
            }
            registered = false;
            tasks.release(newSession, "the leader changed");
            if (info.isEmpty() || info.get().rpcAddress().isBlank()) {
                leader = null;
                LOG.info("No JobManager leader known; waiting");
                return;
            }
            ManagedChannel channel = authentication.channel(info.get().rpcAddress());
            leader = new Leader(newSession, info.get().rpcAddress(), channel, JobManagerServiceGrpc.newFutureStub(channel));
            LOG.info("Following JobManager leader at {} (session {})", info.get().rpcAddress(), newSession);
            register(leader, 0);
        });
    }

    private void register(Leader target, int attempt) {
        if (leader != target || registered) {
            return;
        }
        List<TaskStatus> running = tasks.report();
        RegisterTaskExecutorRequest request = RegisterTaskExecutorRequest.newBuilder()
                .setLeaderSessionId(target.sessionId())
                .setTaskExecutorId(id)
                .setRpcAddress(rpcAddress)
                .setSlots(slots)
                .setResourceId(resourceId)
                .addAllRunningTasks(running)
                .setProcessStartedAtMs(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime())
                .build();
        GrpcFutures.toCompletable(target.stub().withDeadlineAfter(10, TimeUnit.SECONDS).registerTaskExecutor(request))
                .whenCompleteAsync((response, error) -> {
                    if (leader != target) {
                        return;
                    }
                    if (error == null && response.getAccepted()) {
                        tasks.reported(running);
                        registered = true;
                        lastLeaderHeartbeatNanos = System.nanoTime();
                        LOG.info("Registered with the JobManager at {} ({} slots, {} task(s) reported)",
                                target.rpcAddress(), slots, running.size());
                        return;
                    }
                    long delay = Math.min(5_000, 100L << Math.min(attempt, 6));
                    String reason = error != null ? error.toString() : response.getReason();
                    if (attempt % 20 == 0) {
                        LOG.info("Registration at {} not accepted yet ({}); retrying", target.rpcAddress(), reason);
                    } else {
                        LOG.debug("Registration at {} refused ({}); retrying in {} ms", target.rpcAddress(), reason, delay);
                    }
                    control.schedule(() -> register(target, attempt + 1), delay, TimeUnit.MILLISECONDS);
                }, control);
    }

    private void checkLeaderHeartbeat() {
        Leader current = leader;
        if (current == null || !registered) {
            return;
        }
        long silentNanos = System.nanoTime() - lastLeaderHeartbeatNanos;
        if (silentNanos > heartbeatTimeout.toNanos()) {
            LOG.warn("JobManager at {} lost: no heartbeat for {} ms; registering again",
                    current.rpcAddress(), TimeUnit.NANOSECONDS.toMillis(silentNanos));
            registered = false;
            tasks.release(null, "the JobManager was lost");
            register(current, 0);
        }
    }

    // ------------------------------------------------------------------ commands (from RPC)

    /** How this TaskExecutor authenticates (its cluster secret, if any). */
    ClusterAuthentication authentication() {
        return authentication;
    }

    /** Whether a command of {@code sessionId} may be obeyed; logs the rejection otherwise. */
    boolean acceptsSession(String sessionId, String command) {
        // Only the session matters, not whether the registration answer has arrived yet: the
        // leader may deploy onto this TaskExecutor before its answer is processed here.
        Leader current = leader;
        if (current != null && current.sessionId().equals(sessionId)) {
            return true;
        }
        LOG.warn("Rejected {} from leader session {}: following {}", command, sessionId,
                current == null ? "no leader" : current.sessionId());
        return false;
    }

    /**
     * Starts a task ({@link TaskSlots#start}).
     *
     * @return why the task was refused, or null if it started
     */
    String submit(SubmitTaskRequest request) throws InterruptedException {
        TaskKey key = TaskKey.of(request.getTask());
        return tasks.start(key, () -> new TaskRunner(key, request.getLeaderSessionId(), request, userCode, hadoopConf,
                this));
    }

    void cancel(TaskKey key) {
        tasks.get(key).ifPresent(TaskRunner::cancel);
    }

    /** The leader of {@code sessionId} takes over these tasks ({@link TaskSlots#adopt}). */
    List<TaskStatus> adopt(String sessionId, List<TaskKey> keys) {
        return tasks.adopt(sessionId, keys);
    }

    void triggerCheckpoint(String sessionId, String jobId, String deploymentId, long checkpointId) {
        tasks.ownedBy(sessionId, jobId, deploymentId).forEach(runner -> runner.triggerCheckpoint(checkpointId));
    }

    CompletableFuture<Void> notifyCheckpointComplete(String sessionId, String jobId, String deploymentId,
            long checkpointId) {
        List<CompletableFuture<Void>> done = tasks.ownedBy(sessionId, jobId, deploymentId).stream()
                .map(runner -> runner.notifyCheckpointComplete(checkpointId))
                .toList();
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    List<TaskStatus> taskStatuses() {
        return tasks.statuses();
    }

    int freeSlots() {
        return tasks.free();
    }

    /** The leader's heartbeat; returns whether this TaskExecutor follows that session. */
    boolean leaderHeartbeat(String sessionId) {
        Leader current = leader;
        if (current != null && current.sessionId().equals(sessionId)) {
            lastLeaderHeartbeatNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    void requestShutdown(String reason) {
        LOG.info("Asked to shut down: {}", reason);
        shutdownRequested.complete(reason);
    }

    // ------------------------------------------------------------------ reports (TaskReporter)

    @Override
    public void stateChanged(String sessionId, TaskKey task, TaskState state, String failure) {
        TaskRunner runner = tasks.get(task).orElse(null);
        boolean owned = runner != null && !runner.isOrphan();
        boolean sent = withLeaderOf(sessionId, stub -> stub.updateTaskState(UpdateTaskStateRequest.newBuilder()
                .setLeaderSessionId(sessionId)
                .setTaskExecutorId(id)
                .setStatus(TaskStatus.newBuilder().setTask(task.toProto()).setState(state).setFailure(failure))
                .build()));
        if (state == TaskState.FAILED && (!sent || !owned) && runner != null) {
            tasks.failedUnreported(runner.status().toBuilder().setFailure(failure).build());
        }
    }

    @Override
    public void checkpointAcknowledged(String sessionId, TaskKey task, long checkpointId, StatePointer state,
            long syncMillis) {
        withLeaderOf(sessionId, stub -> stub.acknowledgeCheckpoint(AcknowledgeCheckpointRequest.newBuilder()
                .setLeaderSessionId(sessionId)
                .setTask(task.toProto())
                .setCheckpointId(checkpointId)
                .setState(StateHandles.toHandle(state))
                .setSyncDurationMs(syncMillis)
                .build()));
    }

    @Override
    public void checkpointDeclined(String sessionId, TaskKey task, long checkpointId, String reason) {
        withLeaderOf(sessionId, stub -> stub.declineCheckpoint(DeclineCheckpointRequest.newBuilder()
                .setLeaderSessionId(sessionId)
                .setTask(task.toProto())
                .setCheckpointId(checkpointId)
                .setReason(reason)
                .build()));
    }

    @Override
    public void taskEnded(TaskKey task) {
        tasks.ended(task);
    }

    /** Sends a report to the leader of {@code sessionId}; returns false (dropping it) if that leader is not followed. */
    private boolean withLeaderOf(String sessionId, java.util.function.Consumer<JobManagerServiceFutureStub> call) {
        Leader current = leader;
        if (current == null || !current.sessionId().equals(sessionId)) {
            LOG.debug("Dropping a report for leader session {}: no longer followed", sessionId);
            return false;
        }
        call.accept(current.stub().withDeadlineAfter(10, TimeUnit.SECONDS));
        return true;
    }

    @Override
    public void close() {
        tasks.cancelNotOf(null, "the TaskExecutor is shutting down");
        control.shutdownNow();
        Leader current = leader;
        if (current != null) {
            current.channel().shutdownNow();
        }
        userCode.close();
    }
}
