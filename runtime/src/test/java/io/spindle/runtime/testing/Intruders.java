package io.spindle.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spindle.examples.counting.CountingJob;
import io.spindle.ha.LeaderInfo;
import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.runtime.rpc.JobManagerServiceGrpc;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.runtime.rpc.TaskId;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls a cluster with authentication on must refuse, made the way an intruder would: REST calls
 * that change something without a credential and with a wrong one, and RPCs to the TaskExecutor
 * and the leader JobManager without and with a wrong secret. Each assertion fails if one call is
 * let through or refused in another way. Stateless.
 */
public final class Intruders {

    private Intruders() {
    }

    /**
     * Asserts that submit, cancel and cluster shutdown are refused: 401 to {@code anonymous} (a client
     * without credential), 403 to the same client with a wrong secret.
     *
     * @param jar a user jar to try to submit
     * @param jobId a running job to try to cancel
     */
    public static void assertRestRefused(RestClusterClient anonymous, Path jar, String jobId) {
        for (RestClusterClient intruder : List.of(anonymous, anonymous.withCredential(ClusterSecret.generate()))) {
            int expected = intruder == anonymous ? 401 : 403;
            assertRefused(() -> intruder.submit(jar, CountingJob.class.getName(), List.of(), 1, "intruder"), expected);
            assertRefused(() -> intruder.cancel(jobId), expected);
            assertRefused(intruder::shutDownCluster, expected);
        }
    }

    /**
     * Asserts that a task submission and a shutdown sent to the TaskExecutor at {@code taskExecutor},
     * and a TaskExecutor registration sent to the {@code leader}, all in the leader's session, are
     * refused {@code UNAUTHENTICATED} without a secret and with a wrong one.
     *
     * @param jobId the job a submitted task claims to belong to
     */
    public static void assertRpcRefused(LeaderInfo leader, String taskExecutor, String jobId) {
        String session = leader.sessionId().toString();
        SubmitTaskRequest submitTask = SubmitTaskRequest.newBuilder().setLeaderSessionId(session)
                .setTask(TaskId.newBuilder().setJobId(jobId).setDeploymentId("intruder").setTaskIndex(0))
                .setParallelism(1).setEntryClass(CountingJob.class.getName()).build();
        ShutdownRequest shutdown = ShutdownRequest.newBuilder().setLeaderSessionId(session).setReason("intruder").build();
        RegisterTaskExecutorRequest register = RegisterTaskExecutorRequest.newBuilder().setLeaderSessionId(session)
                .setTaskExecutorId("intruder").setRpcAddress("127.0.0.1:1").setSlots(8).build();
        for (ClusterAuthentication intruder : List.of(ClusterAuthentication.disabled(),
                ClusterAuthentication.withSecret(ClusterSecret.generate(), false))) {
            ManagedChannel toTaskExecutor = intruder.channel(taskExecutor);
            ManagedChannel toJobManager = intruder.channel(leader.rpcAddress());
            try {
                TaskExecutorServiceGrpc.TaskExecutorServiceBlockingStub te = TaskExecutorServiceGrpc
                        .newBlockingStub(toTaskExecutor).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertUnauthenticated(() -> te.submitTask(submitTask));
                assertUnauthenticated(() -> te.shutdown(shutdown));
                assertUnauthenticated(() -> JobManagerServiceGrpc.newBlockingStub(toJobManager)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).registerTaskExecutor(register));
            } finally {
                toTaskExecutor.shutdownNow();
                toJobManager.shutdownNow();
            }
        }
    }

    private static void assertRefused(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RestClientException.class,
                e -> assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status));
    }

    private static void assertUnauthenticated(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).as(e.getMessage()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
}
