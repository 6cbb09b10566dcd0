package io.spindle.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Carries a YARN application's {@link ClusterSecret} in Hadoop {@link Credentials}, as the secret
 * key {@value #KEY_NAME}: the client puts it into the ApplicationMaster's launch context
 * ({@link #tokens}), YARN hands it to the container (the file {@code HADOOP_TOKEN_FILE_LOCATION}
 * names, which {@link UserGroupInformation} loads), and the AM passes it on the same way to every
 * TaskExecutor container. So it is never in a command line, environment, configuration or staging
 * file.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClusterSecretCredentials {

    /** The name of the secret key in the credentials. */
    public static final String KEY_NAME = "spindle.cluster.secret";

    private static final Text KEY = new Text(KEY_NAME);

    private ClusterSecretCredentials() {}

    /** Adds the secret to {@code credentials}, replacing an earlier one. */
    public static void addTo(Credentials credentials, ClusterSecret secret) {
        credentials.addSecretKey(KEY, secret.bytes());
    }

    /** The secret {@code credentials} hold, if any. */
    public static Optional<ClusterSecret> from(Credentials credentials) {
        byte[] bytes = credentials.getSecretKey(KEY);
        return bytes == null ? Optional.empty() : Optional.of(ClusterSecret.of(bytes));
    }

    /**
     * The secret in the current user's credentials (in a YARN container: the container's tokens).
     *
     * @throws IOException if the current user or the token file cannot be read
     */
    public static Optional<ClusterSecret> ofCurrentUser() throws IOException {
        return from(UserGroupInformation.getCurrentUser().getCredentials());
    }

    /**
     * Credentials holding only the secret, serialized for {@code ContainerLaunchContext.setTokens}.
     *
     * @throws IOException if serializing fails
     */
    public static ByteBuffer tokens(ClusterSecret secret) throws IOException {
        Credentials credentials = new Credentials();
        addTo(credentials, secret);
        return serialize(credentials);
    }

    /**
     * {@code credentials} serialized in the token storage format YARN expects.
     *
     * @throws IOException if serializing fails
     */
    public static ByteBuffer serialize(Credentials credentials) throws IOException {
        try (DataOutputBuffer out = new DataOutputBuffer()) {
            credentials.writeTokenStorageToStream(out);
            return ByteBuffer.wrap(java.util.Arrays.copyOf(out.getData(), out.getLength()));
        }
    }
}
