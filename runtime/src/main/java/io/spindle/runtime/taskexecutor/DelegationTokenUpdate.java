package io.spindle.runtime.taskexecutor;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import io.spindle.security.ClusterSecret;
import io.spindle.security.SealedPayload;
import java.io.IOException;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies fresh Hadoop delegation tokens the JobManager pushed (on a Kerberized YARN cluster the
 * ApplicationMaster obtains them before the old ones end): their tokens are added to the
 * TaskExecutor's current user, replacing those of the same service, so that new connections to
 * HDFS use them. The payload is sealed with the cluster secret ({@link SealedPayload}); secret keys
 * in the pushed credentials are ignored: the cluster secret is never changed this way.
 *
 * <p>Stateless; thread-safe ({@link UserGroupInformation#addToken} is synchronized).
 */
final class DelegationTokenUpdate {

    private static final Logger LOG = LoggerFactory.getLogger(DelegationTokenUpdate.class);

    private DelegationTokenUpdate() {}

    /** The purpose the JobManager sealed the tokens for. */
    static final String PURPOSE = "UpdateDelegationTokens";

    /**
     * @param sealed credentials in Hadoop's token storage format, sealed with the cluster secret
     * @param secret the cluster secret
     * @return how many tokens were added
     * @throws IllegalArgumentException if the payload was not sealed with {@code secret}
     * @throws IOException if the payload is not in that format, or the current user is unknown
     */
    static int apply(byte[] sealed, ClusterSecret secret) throws IOException {
        byte[] serialized = SealedPayload.open(secret, PURPOSE, sealed);
        Credentials pushed = new Credentials();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            pushed.readTokenStorageStream(in);
        }
        UserGroupInformation user = UserGroupInformation.getCurrentUser();
        int added = 0;
        for (var entry : pushed.getTokenMap().entrySet()) {
            Token<?> token = entry.getValue();
            user.addToken(entry.getKey(), token);
            added++;
        }
        LOG.info("Added {} fresh delegation token(s) from the JobManager", added);
        return added;
    }
}
