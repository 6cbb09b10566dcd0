package io.spindle.runtime.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.spindle.security.ClusterSecret;
import java.time.Clock;
import java.util.Objects;

/**
 * Attaches a fresh {@link RpcAuthToken} for the cluster's secret to every outgoing gRPC call.
 *
 * <p>Thread-safe.
 */
public final class RpcCredentialsInterceptor implements ClientInterceptor {

    private final ClusterSecret secret;
    private final Clock clock;

    /** Signs calls with {@code secret} and the system clock. */
    public RpcCredentialsInterceptor(ClusterSecret secret) {
        this(secret, Clock.systemUTC());
    }

    RpcCredentialsInterceptor(ClusterSecret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
            CallOptions callOptions, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
            @Override
            public void start(Listener<RespT> responseListener, Metadata headers) {
                headers.put(RpcAuthToken.HEADER, RpcAuthToken.create(secret, method.getFullMethodName(), clock.millis()));
                super.start(responseListener, headers);
            }
        };
    }
}
