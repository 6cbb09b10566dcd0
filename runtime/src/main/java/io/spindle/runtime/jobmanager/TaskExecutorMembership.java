package io.spindle.runtime.jobmanager;

import io.spindle.runtime.rpc.GrpcFutures;
import io.spindle.runtime.rpc.HeartbeatRequest;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.RegisterTaskExecutorResponse;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.TaskStatus;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TaskExecutors belong to the current leader session: accepts their registrations (only
 * for this session's id), sends them heartbeats, and declares one lost when it stops answering,
 * follows another leader or registers again. Tells the {@link Listener} of every change, and the
 * {@link ResourceDriver} of every registered and lost worker.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class TaskExecutorMembership {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutorMembership.class);

    /** Told on the main thread. */
    interface Listener {
        /** A TaskExecutor was lost; its slots are gone already. */
        void taskExecutorLost(RegisteredTaskExecutor te, String reason);

        /** Slots were added or removed. */
        void slotsChanged();

        /** A TaskExecutor that just registered reported the tasks it runs (deployed by an earlier session). */
        void tasksReported(RegisteredTaskExecutor te, List<TaskStatus> tasks);
    }

    private final JobManagerSettings settings;
    private final ResourceDriver resourceDriver;
    private final ScheduledExecutorService mainThread;
    private final Listener listener;

    private LeaderContext ctx;
    private ScheduledFuture<?> heartbeats;

    TaskExecutorMembership(JobManagerSettings settings, ResourceDriver resourceDriver,
            ScheduledExecutorService mainThread, Listener listener) {
        this.settings = settings;
        this.resourceDriver = resourceDriver;
        this.mainThread = mainThread;
        this.listener = listener;
    }

    /** A leader session begins: TaskExecutors may register with it ({@code ctx.registry()}); heartbeats start. */
    void sessionStarted(LeaderContext leader) {
        sessionEnded();
        ctx = leader;
        long interval = settings.heartbeatInterval().toMillis();
        heartbeats = mainThread.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The session ended: heartbeats stop and every connection is closed. */
    void sessionEnded() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
            heartbeats = null;
        }
        if (ctx != null) {
            ctx.registry().closeAll();
            ctx = null;
        }
    }

    RegisterTaskExecutorResponse register(RegisterTaskExecutorRequest request) {
        if (ctx == null || !ctx.sessionId().equals(request.getLeaderSessionId())) {
            return RegisterTaskExecutorResponse.newBuilder().setAccepted(false)
                    .setReason("not the leader session " + request.getLeaderSessionId()).build();
        }
        TaskExecutorRegistry registry = ctx.registry();
        registry.get(request.getTaskExecutorId()).ifPresent(previous -> lost(previous, "it registered again"));
        RegisteredTaskExecutor te = new RegisteredTaskExecutor(request.getTaskExecutorId(), request.getRpcAddress(),
                request.getResourceId(), request.getSlots(), System.nanoTime(), settings.authentication());
        registry.add(te);
        if (request.getProcessStartedAtMs() > 0) {
            ctx.timeline().recordAt(StartupTimeline.TASK_EXECUTOR_JVM_STARTED,
                    Instant.ofEpochMilli(request.getProcessStartedAtMs()));
        }
        ctx.timeline().record(StartupTimeline.TASK_EXECUTOR_REGISTERED);
        LOG.info("TaskExecutor {} registered with {} slot(s){}", te, te.slots(),
                te.resourceId().isEmpty() ? "" : " (" + te.resourceId() + ")");
        resourceDriver.workerRegistered(te.resourceId());
        if (request.getRunningTasksCount() > 0) {
            LOG.info("TaskExecutor {} reports {} running task(s)", te, request.getRunningTasksCount());
            listener.tasksReported(te, request.getRunningTasksList());
        }
        listener.slotsChanged();
        return RegisterTaskExecutorResponse.newBuilder().setAccepted(true)
                .setHeartbeatIntervalMs(settings.heartbeatInterval().toMillis())
                .setHeartbeatTimeoutMs(settings.heartbeatTimeout().toMillis())
                .build();
    }

    /** Asks every registered TaskExecutor to exit. */
    void shutDownAll(String reason) {
        if (ctx == null) {
            return;
        }
        ShutdownRequest request = ShutdownRequest.newBuilder().setLeaderSessionId(ctx.sessionId()).setReason(reason).build();
        for (RegisteredTaskExecutor te : ctx.registry().all()) {
            te.stub(settings.rpcTimeout().toMillis()).shutdown(request);
        }
    }

    private void heartbeat() {
        if (ctx == null) {
            return;
        }
        LeaderContext leader = ctx;
        long now = System.nanoTime();
        long timeoutNanos = settings.heartbeatTimeout().toNanos();
        for (RegisteredTaskExecutor te : leader.registry().all()) {
            if (now - te.lastHeartbeatNanos() > timeoutNanos) {
                lost(te, "no heartbeat for " + settings.heartbeatTimeout().toMillis() + " ms");
                continue;
            }
            HeartbeatRequest request = HeartbeatRequest.newBuilder()
                    .setLeaderSessionId(leader.sessionId())
                    .setTaskExecutorId(te.id())
                    .build();
            GrpcFutures.toCompletable(te.stub(settings.heartbeatTimeout().toMillis()).heartbeat(request))
                    .whenCompleteAsync((response, error) -> {
                        if (ctx != leader || leader.registry().get(te.id()).orElse(null) != te || error != null) {
                            return;
                        }
                        if (!response.getKnownLeader()) {
                            lost(te, "it follows another leader");
                            return;
                        }
                        te.heartbeatReceived(System.nanoTime());
                    }, mainThread);
        }
    }

    private void lost(RegisteredTaskExecutor te, String reason) {
        if (ctx == null || ctx.registry().remove(te.id()).isEmpty()) {
            return;
        }
        LOG.warn("TaskExecutor {} lost: {}", te, reason);
        resourceDriver.workerLost(te.resourceId(), reason);
        listener.taskExecutorLost(te, reason);
        listener.slotsChanged();
    }
}
