package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.security.DelegationTokens;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.client.api.YarnClient;

/**
 * The credentials the client puts into the ApplicationMaster's launch context: always the
 * application's {@link ClusterSecret}; on a Kerberized Hadoop cluster also HDFS delegation tokens
 * of the default file system and of {@code high-availability.storageDir}'s, and a ResourceManager
 * delegation token, all with the ResourceManager as renewer ({@link DelegationTokens}), so that the
 * containers need no Kerberos credentials of their own and YARN renews the tokens.
 *
 * <p>Must run as the logged-in user (the deployer runs deployments in its {@code doAs}). Stateless;
 * thread-safe.
 */
final class AmLaunchCredentials {

    private AmLaunchCredentials() {}

    /**
     * @param secure whether the Hadoop cluster uses Kerberos
     * @param console where a line about the tokens' end of life goes when no keytab renews them
     * @throws IOException if a token cannot be obtained (the file system or the ResourceManager refuses)
     */
    static Credentials build(ClusterSecret secret, boolean secure, boolean keytab, Configuration config,
            org.apache.hadoop.conf.Configuration hadoopConf, YarnClient yarn, Consumer<String> console)
            throws IOException {
        Credentials credentials = new Credentials();
        ClusterSecretCredentials.addTo(credentials, secret);
        if (!secure) {
            return credentials;
        }
        String renewer = DelegationTokens.resourceManagerRenewer(hadoopConf);
        credentials.addAll(DelegationTokens.obtainFileSystemTokens(hadoopConf, renewer,
                DelegationTokens.storageFileSystems(config, hadoopConf)));
        DelegationTokens.addResourceManagerToken(yarn, hadoopConf, renewer, credentials);
        if (!keytab) {
            DelegationTokens.earliestMaxDate(credentials).ifPresent(end -> console.accept("No keytab"
                    + " (security.kerberos.login.keytab): the application's delegation tokens cannot be renewed past "
                    + end + "; it will fail then. Set a keytab for applications that run longer."));
        }
        return credentials;
    }
}
