package io.spindle.runtime.jobmanager;

import io.grpc.ManagedChannel;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc.TaskExecutorServiceFutureStub;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A TaskExecutor registered with the leading JobManager: its address, its slots, the tasks the
 * JobManager placed on it and when it last answered a heartbeat.
 *
 * <p>Confined to the JobManager's main thread, except {@link #stub}, which is thread-safe.
 */
final class RegisteredTaskExecutor {

    private final String id;
    private final String address;
    private final String resourceId;
    private final int slots;
    private final ManagedChannel channel;
    private final TaskExecutorServiceFutureStub stub;
    private final Set<TaskKey> assigned = new HashSet<>();
    private long lastHeartbeatNanos;

    RegisteredTaskExecutor(String id, String address, String resourceId, int slots, long nowNanos,
            ClusterAuthentication authentication) {
        this.id = id;
        this.address = address;
        this.resourceId = resourceId;
        this.slots = slots;
        this.channel = authentication.channel(address);
        this.stub = TaskExecutorServiceGrpc.newFutureStub(channel);
        this.lastHeartbeatNanos = nowNanos;
    }

    String id() {
        return id;
    }

    String address() {
        return address;
    }

    String resourceId() {
        return resourceId;
    }

    int slots() {
        return slots;
    }

    int freeSlots() {
        return slots - assigned.size();
    }

    /** A stub with the given deadline; thread-safe. */
    TaskExecutorServiceFutureStub stub(long deadlineMillis) {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    void assign(TaskKey task) {
        if (freeSlots() <= 0) {
            throw new IllegalStateException("TaskExecutor " + id + " has no free slot for " + task);
        }
        assigned.add(task);
    }

    void release(TaskKey task) {
        assigned.remove(task);
    }

    Set<TaskKey> assigned() {
        return assigned;
    }

    long lastHeartbeatNanos() {
        return lastHeartbeatNanos;
    }

    /** As the REST API shows it; {@code nowNanos} on the clock of the heartbeats. */
    TaskExecutorInfo info(long nowNanos) {
        return new TaskExecutorInfo(id, address, resourceId, slots, freeSlots(),
                Instant.now().minusNanos(nowNanos - lastHeartbeatNanos));
    }

    void heartbeatReceived(long nowNanos) {
        lastHeartbeatNanos = nowNanos;
    }

    void close() {
        channel.shutdownNow();
    }

    @Override
    public String toString() {
        return id + "@" + address;
    }
}
