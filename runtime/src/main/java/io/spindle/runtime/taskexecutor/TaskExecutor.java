package io.spindle.runtime.taskexecutor;

import io.grpc.ManagedChannel;
import io.spindle.configuration.TaskManagerOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    /** How long a task submitted to a full TaskExecutor waits for a slot to be freed. */
    static final Duration SLOT_WAIT = Duration.ofSeconds(5);

    private final String id;
    private final String rpcAddress;
    private final String resourceId;
    private final int slots;
    private final Duration heartbeatTimeout;
    private final Duration previousLeaderRecoveryTimeout;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final UserCodeCache userCode;
    private final ScheduledExecutorService control;
    private final Map<TaskKey, TaskRunner> tasks = new ConcurrentHashMap<>();
    private final UnreportedFailures unreportedFailures = new UnreportedFailures();
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
        control.scheduleWithFixedDelay(this::cancelExpiredOrphans, orphanCheck, orphanCheck, TimeUnit.MILLISECONDS);
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
        return tasks.size();
    }

    /** Tasks it keeps running that no leader owns now (their leader went away; not adopted yet). */
    public int orphanedTasks() {
        return (int) tasks.values().stream().filter(TaskRunner::isOrphan).count();
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
            releaseTasksNotOf(newSession, "the leader changed");
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
        List<TaskStatus> failed = unreportedFailures.all();
        List<TaskStatus> running = new ArrayList<>(failed);
        tasks.values().stream().map(TaskRunner::status).forEach(running::add);
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
                        unreportedFailures.reported(failed);
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
            releaseTasksNotOf(null, "the JobManager was lost");
            register(current, 0);
        }
    }

    /**
     * The tasks not of {@code sessionId} lost their leader: cancelled at once if the recovery
     * timeout is zero, otherwise kept running as orphans for the next leader to adopt.
     */
    private void releaseTasksNotOf(String sessionId, String reason) {
        if (previousLeaderRecoveryTimeout.isZero()) {
            cancelTasksNotOf(sessionId, reason);
            return;
        }
        long now = System.nanoTime();
        for (TaskRunner runner : tasks.values()) {
            if (!runner.sessionId().equals(sessionId) && !runner.isOrphan()) {
                LOG.info("Task {} keeps running for up to {} ms for a leader to adopt it: {}", runner.key(),
                        previousLeaderRecoveryTimeout.toMillis(), reason);
                runner.orphan(now);
            }
        }
    }

    private void cancelExpiredOrphans() {
        long now = System.nanoTime();
        for (TaskRunner runner : tasks.values()) {
            if (runner.orphanedLongerThan(previousLeaderRecoveryTimeout.toNanos(), now)) {
                LOG.warn("Cancelling task {}: no leader adopted it within {} ms ({})", runner.key(),
                        previousLeaderRecoveryTimeout.toMillis(), TaskManagerOptions.PREVIOUS_LEADER_RECOVERY_TIMEOUT.key());
                runner.cancel();
            }
        }
    }

    private void cancelTasksNotOf(String sessionId, String reason) {
        for (TaskRunner runner : tasks.values()) {
            if (!runner.sessionId().equals(sessionId)) {
                LOG.info("Cancelling task {}: {}", runner.key(), reason);
                runner.cancel();
            }
        }
    }

    // ------------------------------------------------------------------ commands (from RPC)

    /** Whether a command of {@code sessionId} may be obeyed; logs the rejection otherwise. */
    /** How this TaskExecutor authenticates (its cluster secret, if any). */
    ClusterAuthentication authentication() {
        return authentication;
    }

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
     * Starts a task. A full TaskExecutor waits a little ({@link #SLOT_WAIT}) for a slot first: the
     * leader frees a slot in its books when it sends the cancellation of the task in it, and that
     * task ends only after its current step and its close (or the cancellation is still on its way).
     *
     * @return why the task was refused, or null if it started
     */
    String submit(SubmitTaskRequest request) throws InterruptedException {
        TaskKey key = TaskKey.of(request.getTask());
        synchronized (tasks) {
            if (tasks.containsKey(key)) {
                return "task " + key + " is already running";
            }
            long deadline = System.nanoTime() + SLOT_WAIT.toNanos();
            for (long left = SLOT_WAIT.toMillis(); tasks.size() >= slots && left > 0;
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                tasks.wait(left);
            }
            if (tasks.size() >= slots) {
                return "no free slot (" + slots + " slots, " + tasks.size() + " in use)";
            }
            TaskRunner runner = new TaskRunner(key, request.getLeaderSessionId(), request, userCode, hadoopConf, this);
            tasks.put(key, runner);
            Thread thread = new Thread(runner, "task-" + key.jobId().substring(0, 8) + "-" + key.taskIndex());
            thread.setDaemon(true);
            thread.start();
        }
        return null;
    }

    void cancel(TaskKey key) {
        TaskRunner runner = tasks.get(key);
        if (runner != null) {
            runner.cancel();
        }
    }

    /**
     * The leader of {@code sessionId} takes over these tasks: each that is still alive is bound to
     * its session (reports go there, and only its commands reach the task).
     *
     * @return the status of each task still held, read after binding; a task that is ending shows
     *     FAILED or CANCELED (the leader must not count it as adopted), one that has ended is absent
     */
    List<TaskStatus> adopt(String sessionId, List<TaskKey> keys) {
        List<TaskStatus> adopted = new ArrayList<>();
        for (TaskKey key : keys) {
            TaskRunner runner = tasks.get(key);
            if (runner == null) {
                Optional<TaskStatus> failed = unreportedFailures.of(key);
                failed.ifPresent(adopted::add);
                LOG.info("Task {} cannot be adopted by leader session {}: it {}", key, sessionId,
                        failed.isPresent() ? "failed while no leader owned it" : "is not running");
                continue;
            }
            runner.bind(sessionId);
            TaskStatus status = runner.status();
            adopted.add(status);
            LOG.info("Task {} adopted by leader session {} ({})", key, sessionId, status.getState());
        }
        return adopted;
    }

    void triggerCheckpoint(String sessionId, String jobId, String deploymentId, long checkpointId) {
        runnersOf(sessionId, jobId, deploymentId).forEach(runner -> runner.triggerCheckpoint(checkpointId));
    }

    CompletableFuture<Void> notifyCheckpointComplete(String sessionId, String jobId, String deploymentId,
            long checkpointId) {
        List<CompletableFuture<Void>> done = runnersOf(sessionId, jobId, deploymentId).stream()
                .map(runner -> runner.notifyCheckpointComplete(checkpointId))
                .toList();
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    List<TaskStatus> taskStatuses() {
        return tasks.values().stream().map(TaskRunner::status).toList();
    }

    int freeSlots() {
        return slots - tasks.size();
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

    /** The tasks of a deployment owned by {@code sessionId} (orphans and tasks of other sessions are left out). */
    private List<TaskRunner> runnersOf(String sessionId, String jobId, String deploymentId) {
        return tasks.values().stream()
                .filter(r -> r.key().jobId().equals(jobId) && r.key().deploymentId().equals(deploymentId)
                        && r.sessionId().equals(sessionId) && !r.isOrphan())
                .toList();
    }

    // ------------------------------------------------------------------ reports (TaskReporter)

    @Override
    public void stateChanged(String sessionId, TaskKey task, TaskState state, String failure) {
        TaskRunner runner = tasks.get(task);
        boolean owned = runner != null && !runner.isOrphan();
        boolean sent = withLeaderOf(sessionId, stub -> stub.updateTaskState(UpdateTaskStateRequest.newBuilder()
                .setLeaderSessionId(sessionId)
                .setTaskExecutorId(id)
                .setStatus(TaskStatus.newBuilder().setTask(task.toProto()).setState(state).setFailure(failure))
                .build()));
        if (state == TaskState.FAILED && (!sent || !owned) && runner != null) {
            LOG.warn("Task {} failed while no leader owned it; the next leader will be told", task);
            unreportedFailures.add(runner.status().toBuilder().setFailure(failure).build());
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
        synchronized (tasks) {
            tasks.remove(task);
            tasks.notifyAll();
        }
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
        cancelTasksNotOf(null, "the TaskExecutor is shutting down");
        control.shutdownNow();
        Leader current = leader;
        if (current != null) {
            current.channel().shutdownNow();
        }
        userCode.close();
    }
}
