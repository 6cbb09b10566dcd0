package io.spindle.runtime.security;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.spindle.security.ClusterSecret;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, with {@link Status#UNAUTHENTICATED} and before any handler runs, every gRPC call
 * whose {@link RpcAuthToken} is missing, wrong, or outside its validity window; logs one WARN line
 * per refusal (at most one a second, see {@link RefusalLog}).
 *
 * <p>Thread-safe.
 */
public final class RpcAuthenticationInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RpcAuthenticationInterceptor.class);

    private final ClusterSecret secret;
    private final Clock clock;
    private final RefusalLog refusals = new RefusalLog(LOG);

    /** Checks calls against {@code secret} with the system clock. */
    public RpcAuthenticationInterceptor(ClusterSecret secret) {
        this(secret, Clock.systemUTC());
    }

    RpcAuthenticationInterceptor(ClusterSecret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        RpcAuthToken.Outcome outcome = RpcAuthToken.verify(secret, method, headers.get(RpcAuthToken.HEADER), clock.millis());
        if (outcome == RpcAuthToken.Outcome.ACCEPTED) {
            return next.startCall(call, headers);
        }
        String reason = switch (outcome) {
            case MISSING -> "no credential";
            case WRONG -> "a wrong credential";
            case STALE -> "a credential outside its " + RpcAuthToken.VALIDITY.toMinutes()
                    + " min validity (clocks apart?)";
            case ACCEPTED -> throw new AssertionError();
        };
        refusals.refused(() -> "Refused RPC " + method + " from " + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
                + ": " + reason);
        call.close(Status.UNAUTHENTICATED.withDescription("the call carries " + reason
                + "; this endpoint accepts calls only from processes of the same cluster"), new Metadata());
        return new ServerCall.Listener<>() { };
    }
}
