package io.spindle.runtime.security;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerBuilder;
import io.javalin.http.Handler;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.security.ClusterSecretFile;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one process authenticates the cluster's control paths: with the cluster's
 * {@link ClusterSecret}, or (only when configured so, standalone) not at all. It secures the
 * process's gRPC server ({@link #secure(ServerBuilder)}), opens channels that sign every call
 * ({@link #channel(String)}) and gives the REST endpoint its check ({@link #restHandler()}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterAuthentication.class);

    private final ClusterSecret secret;
    private final boolean readsAuthenticated;

    private ClusterAuthentication(ClusterSecret secret, boolean readsAuthenticated) {
        this.secret = secret;
        this.readsAuthenticated = readsAuthenticated;
    }

    /**
     * Authentication with {@code secret}.
     *
     * @param readsAuthenticated whether REST reads need the credential too
     */
    public static ClusterAuthentication withSecret(ClusterSecret secret, boolean readsAuthenticated) {
        return new ClusterAuthentication(Objects.requireNonNull(secret, "secret"), readsAuthenticated);
    }

    /** No authentication: every call is accepted and none is signed. */
    public static ClusterAuthentication disabled() {
        return new ClusterAuthentication(null, false);
    }

    /**
     * The authentication of a JobManager or TaskExecutor process, in this order: the secret in the
     * current user's Hadoop credentials (a YARN container; see {@link ClusterSecretCredentials});
     * none when {@code security.authentication.enabled} is false (with a warning); the file
     * {@code security.cluster.secret-file} names.
     *
     * @throws IllegalConfigurationException if authentication is on and there is no secret, or the
     *     secret file is missing, unreadable, empty or accessible by others (one line naming it)
     * @throws IOException if the current user's credentials cannot be read
     */
    public static ClusterAuthentication forProcess(Configuration conf) throws IOException {
        boolean reads = conf.get(SecurityOptions.REST_AUTHENTICATE_READS);
        Optional<ClusterSecret> fromYarn = ClusterSecretCredentials.ofCurrentUser();
        if (fromYarn.isPresent()) {
            LOG.info("Control paths are authenticated with the application's secret from the container's credentials");
            return withSecret(fromYarn.get(), reads);
        }
        if (!conf.get(SecurityOptions.AUTHENTICATION_ENABLED)) {
            LOG.warn("Authentication is OFF ('{}: false'): anybody who can reach this process's REST or RPC port"
                    + " can submit code, cancel jobs and shut the cluster down", SecurityOptions.AUTHENTICATION_ENABLED.key());
            return disabled();
        }
        Optional<ClusterSecret> fromFile = ClusterSecretFile.fromConfiguration(conf);
        if (fromFile.isEmpty()) {
            throw new IllegalConfigurationException("No cluster secret: set '" + SecurityOptions.CLUSTER_SECRET_FILE.key()
                    + "' to a file readable by its owner only (bin/start-cluster.sh creates conf/cluster-secret), or '"
                    + SecurityOptions.AUTHENTICATION_ENABLED.key() + ": false' to run without authentication");
        }
        LOG.info("Control paths are authenticated with the secret in {}", conf.get(SecurityOptions.CLUSTER_SECRET_FILE));
        return withSecret(fromFile.get(), reads);
    }

    /** Whether calls are authenticated. */
    public boolean enabled() {
        return secret != null;
    }

    /** The secret, if calls are authenticated. */
    public Optional<ClusterSecret> secret() {
        return Optional.ofNullable(secret);
    }

    /** Adds the check of every call to {@code server}, if calls are authenticated; returns it. */
    public <T extends ServerBuilder<T>> T secure(T server) {
        return secret == null ? server : server.intercept(new RpcAuthenticationInterceptor(secret));
    }

    /** A plaintext channel to {@code target} ({@code host:port}) that signs every call, if calls are authenticated. */
    public ManagedChannel channel(String target) {
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forTarget(target).usePlaintext();
        if (secret != null) {
            builder.intercept(new RpcCredentialsInterceptor(secret));
        }
        return builder.build();
    }

    /**
     * Whether {@code authorization}, an {@code Authorization} header's value, carries this cluster's
     * REST credential; never when calls are not authenticated.
     */
    public boolean acceptsRestAuthorization(String authorization) {
        return secret != null && RestAuthenticationHandler.bearerToken(authorization)
                .map(secret::verifyRestToken).orElse(false);
    }

    /** The REST endpoint's before-handler, if calls are authenticated. */
    public Optional<Handler> restHandler() {
        return secret == null ? Optional.empty() : Optional.of(new RestAuthenticationHandler(secret, readsAuthenticated));
    }

    @Override
    public String toString() {
        return secret == null ? "ClusterAuthentication[disabled]"
                : "ClusterAuthentication[secret, reads " + (readsAuthenticated ? "authenticated" : "open") + "]";
    }
}
