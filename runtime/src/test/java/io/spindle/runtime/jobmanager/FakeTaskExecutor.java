package io.spindle.runtime.jobmanager;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.AdoptTasksRequest;
import io.spindle.runtime.rpc.AdoptTasksResponse;
import io.spindle.runtime.rpc.CancelTaskRequest;
import io.spindle.runtime.rpc.CheckpointRequest;
import io.spindle.runtime.rpc.HeartbeatRequest;
import io.spindle.runtime.rpc.HeartbeatResponse;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.runtime.rpc.TaskId;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32C;

/**
 * A TaskExecutor without tasks, on a local gRPC port, for unit tests of the JobManager: it
 * accepts what it is given, reports its tasks RUNNING, and (unless told to hold them) answers
 * every checkpoint trigger with a state file per task written to a local folder. It can register
 * reporting tasks "still running" from an earlier leader, which it lets a leader adopt while they
 * are not cancelled. It records what it was told. Thread-safe.
 */
final class FakeTaskExecutor implements AutoCloseable {

    private final String id;
    private final JobManager jobManager;
    private final Path stateDir;
    private final Server server;
    final List<SubmitTaskRequest> submitted = new CopyOnWriteArrayList<>();
    final List<Long> triggered = new CopyOnWriteArrayList<>();
    final List<Long> notified = new CopyOnWriteArrayList<>();
    final List<TaskKey> cancelled = new CopyOnWriteArrayList<>();
    final List<TaskKey> adopted = new CopyOnWriteArrayList<>();
    /** Tasks of an earlier leader it runs, by key: what it reports and lets be adopted. */
    private final Map<TaskKey, TaskStatus> running = new ConcurrentHashMap<>();
    private final List<TaskKey> endsBeforeAdoption = new CopyOnWriteArrayList<>();
    private volatile boolean acknowledge = true;
    private volatile boolean reportOnSubmit = true;
    private volatile String session;

    FakeTaskExecutor(String id, JobManager jobManager, Path stateDir) throws IOException {
        this.id = id;
        this.jobManager = jobManager;
        this.stateDir = Files.createDirectories(stateDir);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Service()).build().start();
    }

    /** Registers with the JobManager under {@code sessionId}; returns whether it was accepted. */
    boolean register(String sessionId, int slots) {
        session = sessionId;
        return jobManager.registerTaskExecutor(RegisterTaskExecutorRequest.newBuilder()
                .setLeaderSessionId(sessionId).setTaskExecutorId(id)
                .setRpcAddress("127.0.0.1:" + server.getPort()).setSlots(slots).setResourceId("")
                .addAllRunningTasks(running.values()).build()).getAccepted();
    }

    /** Runs a task of an earlier leader (reported at the next {@link #register}). */
    TaskKey runsFromEarlierLeader(String jobId, String deploymentId, int index, long restoredCheckpointId,
            long latestSnapshot, long latestCommitted) {
        TaskKey key = new TaskKey(jobId, deploymentId, index);
        running.put(key, TaskStatus.newBuilder().setTask(key.toProto()).setState(TaskState.RUNNING)
                .setRestoredCheckpointId(restoredCheckpointId).setLatestSnapshotCheckpointId(latestSnapshot)
                .setLatestCommittedCheckpointId(latestCommitted).build());
        return key;
    }

    /** A task it runs from an earlier leader ends after it was reported: it is missing from the adoption answer. */
    void endsBeforeAdoption(TaskKey key) {
        endsBeforeAdoption.add(key);
    }

    /** From now on, checkpoint triggers are not answered (they time out). */
    void holdCheckpoints() {
        acknowledge = false;
    }

    /** From now on, a submitted task is not reported RUNNING by itself. */
    void reportNothingOnSubmit() {
        reportOnSubmit = false;
    }

    /**
     * Reports each submitted task FINISHED, then RUNNING, one task after the other: tasks with
     * nothing to do whose two reports, sent without waiting for each other, arrived out of order.
     */
    void reportEachFinishedThenRunning() {
        for (SubmitTaskRequest task : submitted) {
            report(task.getLeaderSessionId(), TaskKey.of(task.getTask()), TaskState.FINISHED);
            report(task.getLeaderSessionId(), TaskKey.of(task.getTask()), TaskState.RUNNING);
        }
    }

    /** Reports the {@code n}-th submitted task (0 = the first) in {@code state}. */
    void reportSubmitted(int n, TaskState state) {
        SubmitTaskRequest task = submitted.get(n);
        report(task.getLeaderSessionId(), TaskKey.of(task.getTask()), state);
    }

    /** Reports every submitted task of the latest deployment as FINISHED. */
    void finishTasks() {
        for (SubmitTaskRequest task : submitted) {
            report(task.getLeaderSessionId(), TaskKey.of(task.getTask()), TaskState.FINISHED);
        }
    }

    /** Reports a task's state as the TaskExecutor's RPC would (JobManagerRpcService.updateTaskState). */
    private void report(String leaderSessionId, TaskKey key, TaskState state) {
        jobManager.withJob(leaderSessionId, key.jobId(), run -> run.taskStateChanged(key, state, ""));
    }

    private final class Service extends TaskExecutorServiceGrpc.TaskExecutorServiceImplBase {
        @Override
        public void submitTask(SubmitTaskRequest request, StreamObserver<Ack> response) {
            submitted.add(request);
            ok(response);
            if (reportOnSubmit) {
                CompletableFuture.runAsync(() -> report(request.getLeaderSessionId(), TaskKey.of(request.getTask()),
                        TaskState.RUNNING));
            }
        }

        @Override
        public void cancelTask(CancelTaskRequest request, StreamObserver<Ack> response) {
            TaskKey key = TaskKey.of(request.getTask());
            cancelled.add(key);
            running.remove(key);
            ok(response);
        }

        @Override
        public void adoptTasks(AdoptTasksRequest request, StreamObserver<AdoptTasksResponse> response) {
            AdoptTasksResponse.Builder answer = AdoptTasksResponse.newBuilder().setAccepted(true);
            for (TaskId task : request.getTasksList()) {
                TaskStatus status = running.get(TaskKey.of(task));
                if (status != null && !endsBeforeAdoption.contains(TaskKey.of(task))) {
                    adopted.add(TaskKey.of(task));
                    answer.addAdopted(status);
                }
            }
            response.onNext(answer.build());
            response.onCompleted();
        }

        @Override
        public void triggerCheckpoint(CheckpointRequest request, StreamObserver<Ack> response) {
            triggered.add(request.getCheckpointId());
            ok(response);
            if (!acknowledge) {
                return;
            }
            CompletableFuture.runAsync(() -> {
                List<TaskKey> keys = new java.util.ArrayList<>(running.keySet());
                submitted.forEach(task -> keys.add(TaskKey.of(task.getTask())));
                for (TaskKey key : keys) {
                    if (key.jobId().equals(request.getJobId()) && key.deploymentId().equals(request.getDeploymentId())) {
                        StatePointer state = writeState(key, request.getCheckpointId());
                        jobManager.withJob(request.getLeaderSessionId(), key.jobId(),
                                run -> run.acknowledgeCheckpoint(key, request.getCheckpointId(), state));
                    }
                }
            });
        }

        @Override
        public void notifyCheckpointComplete(CheckpointRequest request, StreamObserver<Ack> response) {
            notified.add(request.getCheckpointId());
            ok(response);
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
            response.onNext(HeartbeatResponse.newBuilder().setKnownLeader(request.getLeaderSessionId().equals(session)).build());
            response.onCompleted();
        }

        @Override
        public void shutdown(ShutdownRequest request, StreamObserver<Ack> response) {
            ok(response);
        }

        private void ok(StreamObserver<Ack> response) {
            response.onNext(Ack.newBuilder().setAccepted(true).build());
            response.onCompleted();
        }
    }

    private StatePointer writeState(TaskKey key, long checkpointId) {
        try {
            byte[] data = ("state of " + key + " at " + checkpointId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = Files.write(stateDir.resolve(key.jobId() + "-" + key.taskIndex() + "-" + checkpointId), data);
            CRC32C crc = new CRC32C();
            crc.update(data);
            return new StatePointer(file.toUri().toString(), data.length, crc.getValue());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
