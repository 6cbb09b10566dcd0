package io.spindle.runtime.taskexecutor;

import io.grpc.stub.StreamObserver;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.AdoptTasksRequest;
import io.spindle.runtime.rpc.AdoptTasksResponse;
import io.spindle.runtime.rpc.CancelTaskRequest;
import io.spindle.runtime.rpc.CheckpointRequest;
import io.spindle.runtime.rpc.HeartbeatRequest;
import io.spindle.runtime.rpc.HeartbeatResponse;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.runtime.rpc.UpdateDelegationTokensRequest;
import java.util.List;

/**
 * The TaskExecutor's gRPC endpoint. Every command is checked against the leader session the
 * TaskExecutor follows; others are answered {@code accepted = false} and not executed.
 * Thread-safe.
 */
public final class TaskExecutorRpcService extends TaskExecutorServiceGrpc.TaskExecutorServiceImplBase {

    private final TaskExecutor taskExecutor;

    /** @param taskExecutor where the commands go */
    public TaskExecutorRpcService(TaskExecutor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    @Override
    public void submitTask(SubmitTaskRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "SubmitTask", response)) {
            return;
        }
        String refusal;
        try {
            refusal = taskExecutor.submit(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refusal = "interrupted while waiting for a free slot";
        }
        reply(response, refusal == null ? ok() : refused(refusal));
    }

    @Override
    public void cancelTask(CancelTaskRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "CancelTask", response)) {
            return;
        }
        taskExecutor.cancel(TaskKey.of(request.getTask()));
        reply(response, ok());
    }

    @Override
    public void triggerCheckpoint(CheckpointRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "TriggerCheckpoint", response)) {
            return;
        }
        taskExecutor.triggerCheckpoint(request.getLeaderSessionId(), request.getJobId(), request.getDeploymentId(),
                request.getCheckpointId());
        reply(response, ok());
    }

    @Override
    public void notifyCheckpointComplete(CheckpointRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "NotifyCheckpointComplete", response)) {
            return;
        }
        taskExecutor.notifyCheckpointComplete(request.getLeaderSessionId(), request.getJobId(),
                        request.getDeploymentId(), request.getCheckpointId())
                .whenComplete((ignored, error) -> reply(response, error == null ? ok()
                        : refused(String.valueOf(error.getMessage()))));
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        boolean known = taskExecutor.leaderHeartbeat(request.getLeaderSessionId());
        HeartbeatResponse.Builder answer = HeartbeatResponse.newBuilder().setKnownLeader(known)
                .setFreeSlots(taskExecutor.freeSlots());
        if (known) {
            answer.addAllTasks(taskExecutor.taskStatuses());
        }
        reply(response, answer.build());
    }

    @Override
    public void adoptTasks(AdoptTasksRequest request, StreamObserver<AdoptTasksResponse> response) {
        String session = request.getLeaderSessionId();
        if (!taskExecutor.acceptsSession(session, "AdoptTasks")) {
            reply(response, AdoptTasksResponse.newBuilder().setAccepted(false)
                    .setReason("leader session " + session + " is not the one this TaskExecutor follows").build());
            return;
        }
        List<TaskKey> keys = request.getTasksList().stream().map(TaskKey::of).toList();
        reply(response, AdoptTasksResponse.newBuilder().setAccepted(true)
                .addAllAdopted(taskExecutor.adopt(session, keys)).build());
    }

    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "Shutdown", response)) {
            return;
        }
        reply(response, ok());
        taskExecutor.requestShutdown(request.getReason());
    }

    @Override
    public void updateDelegationTokens(UpdateDelegationTokensRequest request, StreamObserver<Ack> response) {
        if (refusesSession(request.getLeaderSessionId(), "UpdateDelegationTokens", response)) {
            return;
        }
        var secret = taskExecutor.authentication().secret();
        if (secret.isEmpty()) {
            reply(response, refused("no cluster secret to open the delegation tokens with"));
            return;
        }
        try {
            DelegationTokenUpdate.apply(request.getCredentials().toByteArray(), secret.get());
            reply(response, ok());
        } catch (java.io.IOException | IllegalArgumentException e) {
            reply(response, refused("unreadable delegation tokens: " + e.getMessage()));
        }
    }

    private static Ack ok() {
        return Ack.newBuilder().setAccepted(true).build();
    }

    private static Ack refused(String reason) {
        return Ack.newBuilder().setAccepted(false).setReason(reason).build();
    }

    /** @return whether the command of {@code sessionId} is refused (and answered so): it is not the session this TaskExecutor follows */
    private boolean refusesSession(String sessionId, String command, StreamObserver<Ack> response) {
        if (taskExecutor.acceptsSession(sessionId, command)) {
            return false;
        }
        reply(response, refused("leader session " + sessionId + " is not the one this TaskExecutor follows"));
        return true;
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
