package io.spindle.runtime.taskexecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.security.SealedPayload;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.jupiter.api.Test;

/** Pushed tokens: sealed with the cluster secret, added to the current user, secret keys ignored. */
class DelegationTokenUpdateTest {

    private final ClusterSecret secret = ClusterSecret.generate();
    private final Text alias = new Text("hdfs-" + UUID.randomUUID());
    private final Token<?> token = new Token<>(new byte[] {1, 2}, new byte[] {3, 4}, new Text("HDFS_DELEGATION_TOKEN"),
            new Text("nn:8020"));

    private byte[] sealedCredentials(ClusterSecret sealWith) throws Exception {
        Credentials pushed = new Credentials();
        pushed.addToken(alias, token);
        pushed.addSecretKey(new Text(ClusterSecretCredentials.KEY_NAME), new byte[32]);
        ByteBuffer bytes = ClusterSecretCredentials.serialize(pushed);
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        return SealedPayload.seal(sealWith, DelegationTokenUpdate.PURPOSE, plain);
    }

    @Test
    void addsThePushedTokensToTheCurrentUserButNoSecretKey() throws Exception {
        byte[] before = UserGroupInformation.getCurrentUser().getCredentials()
                .getSecretKey(new Text(ClusterSecretCredentials.KEY_NAME));

        assertThat(DelegationTokenUpdate.apply(sealedCredentials(secret), secret)).isEqualTo(1);

        Credentials now = UserGroupInformation.getCurrentUser().getCredentials();
        assertThat(now.getToken(alias)).isEqualTo(token);
        assertThat(now.getSecretKey(new Text(ClusterSecretCredentials.KEY_NAME))).isEqualTo(before);
    }

    @Test
    void refusesTokensSealedWithAnotherSecret() throws Exception {
        byte[] foreign = sealedCredentials(ClusterSecret.generate());
        assertThatThrownBy(() -> DelegationTokenUpdate.apply(foreign, secret))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UserGroupInformation.getCurrentUser().getCredentials().getToken(alias)).isNull();
    }
}
