package io.spindle.runtime.jobmanager;

import io.grpc.stub.StreamObserver;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.AcknowledgeCheckpointRequest;
import io.spindle.runtime.rpc.DeclineCheckpointRequest;
import io.spindle.runtime.rpc.JobManagerServiceGrpc;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.RegisterTaskExecutorResponse;
import io.spindle.runtime.rpc.StateHandles;
import io.spindle.runtime.rpc.UpdateTaskStateRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager's gRPC endpoint for TaskExecutors. Reports of other leader sessions are answered
 * with {@code accepted = false} and otherwise ignored. Thread-safe.
 */
public final class JobManagerRpcService extends JobManagerServiceGrpc.JobManagerServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(JobManagerRpcService.class);
    private static final Ack STALE = Ack.newBuilder().setAccepted(false).setReason("not the current leader session").build();
    private static final Ack OK = Ack.newBuilder().setAccepted(true).build();

    private final JobManager jobManager;

    /** @param jobManager where the calls go */
    public JobManagerRpcService(JobManager jobManager) {
        this.jobManager = jobManager;
    }

    @Override
    public void registerTaskExecutor(RegisterTaskExecutorRequest request,
            StreamObserver<RegisterTaskExecutorResponse> response) {
        answer(response, () -> jobManager.registerTaskExecutor(request));
    }

    @Override
    public void acknowledgeCheckpoint(AcknowledgeCheckpointRequest request, StreamObserver<Ack> response) {
        answer(response, () -> jobManager.withJob(request.getLeaderSessionId(), request.getTask().getJobId(),
                run -> run.acknowledgeCheckpoint(TaskKey.of(request.getTask()), request.getCheckpointId(),
                        StateHandles.toPointer(request.getState()))) ? OK : STALE);
    }

    @Override
    public void declineCheckpoint(DeclineCheckpointRequest request, StreamObserver<Ack> response) {
        answer(response, () -> jobManager.withJob(request.getLeaderSessionId(), request.getTask().getJobId(),
                run -> run.declineCheckpoint(TaskKey.of(request.getTask()), request.getCheckpointId(),
                        request.getReason())) ? OK : STALE);
    }

    @Override
    public void updateTaskState(UpdateTaskStateRequest request, StreamObserver<Ack> response) {
        answer(response, () -> jobManager.withJob(request.getLeaderSessionId(), request.getStatus().getTask().getJobId(),
                run -> run.taskStateChanged(TaskKey.of(request.getStatus().getTask()), request.getStatus().getState(),
                        request.getStatus().getFailure())) ? OK : STALE);
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        try {
            response.onNext(call.get());
            response.onCompleted();
        } catch (RuntimeException e) {
            LOG.warn("RPC from a TaskExecutor failed: {}", e.toString());
            response.onError(io.grpc.Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}
