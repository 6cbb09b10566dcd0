package io.spindle.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.security.ClusterSecret;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC interceptors on a real server and channel: who gets through, and that refused calls reach no handler. */
class RpcAuthenticationTest {

    private final ClusterSecret secret = ClusterSecret.generate();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = ClusterAuthentication.withSecret(secret, false).secure(NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0)).addService(new TaskExecutorServiceGrpc.TaskExecutorServiceImplBase() {
                    @Override
                    public void shutdown(ShutdownRequest request, StreamObserver<Ack> response) {
                        handled.add(request.getReason());
                        response.onNext(Ack.getDefaultInstance());
                        response.onCompleted();
                    }
                })).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private void shutdown(ManagedChannel channel, String reason) {
        try {
            TaskExecutorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .shutdown(ShutdownRequest.newBuilder().setReason(reason).build());
        } finally {
            channel.shutdownNow();
        }
    }

    private String target() {
        return "127.0.0.1:" + server.getPort();
    }

    @Test
    void onlyCallsSignedWithTheSecretReachTheHandler() {
        shutdown(ClusterAuthentication.withSecret(secret, false).channel(target()), "owner");
        assertThat(handled).containsExactly("owner");

        for (ClusterAuthentication intruder : List.of(ClusterAuthentication.disabled(),
                ClusterAuthentication.withSecret(ClusterSecret.generate(), false))) {
            assertThatThrownBy(() -> shutdown(intruder.channel(target()), "intruder"))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(e.getStatus().getDescription()).contains(intruder.enabled() ? "a wrong credential"
                                : "no credential");
                    });
        }
        assertThat(handled).containsExactly("owner");
    }

    @Test
    void aTokenIsValidForItsMethodWithinFiveMinutesOfTheReceiversClock() {
        long now = 1_700_000_000_000L;
        String method = "spindle.rpc.TaskExecutorService/Shutdown";
        String token = RpcAuthToken.create(secret, method, now);
        assertThat(token).doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret.bytes()));
        assertThat(RpcAuthToken.verify(secret, method, token, now + Duration.ofMinutes(5).toMillis()))
                .isEqualTo(RpcAuthToken.Outcome.ACCEPTED);
        assertThat(RpcAuthToken.verify(secret, method, token, now - Duration.ofMinutes(5).toMillis()))
                .isEqualTo(RpcAuthToken.Outcome.ACCEPTED);
        assertThat(RpcAuthToken.verify(secret, method, token, now + Duration.ofMinutes(5).toMillis() + 1))
                .isEqualTo(RpcAuthToken.Outcome.STALE);
        assertThat(RpcAuthToken.verify(secret, "spindle.rpc.TaskExecutorService/SubmitTask", token, now))
                .isEqualTo(RpcAuthToken.Outcome.WRONG);
        assertThat(RpcAuthToken.verify(ClusterSecret.generate(), method, token, now)).isEqualTo(RpcAuthToken.Outcome.WRONG);
        assertThat(RpcAuthToken.verify(secret, method, token.replace("v1.", "v2."), now)).isEqualTo(RpcAuthToken.Outcome.WRONG);
        assertThat(RpcAuthToken.verify(secret, method, "v1.x.y.z", now)).isEqualTo(RpcAuthToken.Outcome.WRONG);
        assertThat(RpcAuthToken.verify(secret, method, null, now)).isEqualTo(RpcAuthToken.Outcome.MISSING);
    }

    @Test
    void aClientWhoseClockIsTenMinutesOffIsRefusedAsStale() throws Exception {
        Clock behind = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(target()).usePlaintext()
                .intercept(new RpcCredentialsInterceptor(secret, behind)).build();
        assertThatThrownBy(() -> shutdown(channel, "late")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getDescription()).contains("outside its 5 min validity"));
        assertThat(handled).isEmpty();
    }
}
