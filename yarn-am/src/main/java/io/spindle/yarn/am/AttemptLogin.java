package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.security.KerberosLoginContexts;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.security.DelegationTokens;
import io.spindle.yarn.common.security.KerberosLogin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one ApplicationMaster attempt authenticates to a Kerberized Hadoop cluster.
 *
 * <ul>
 *   <li>With a keytab (the copy the client shipped, {@link AmLaunchContract#KEYTAB_FILE}, or with
 *       {@code yarn.security.kerberos.ship-local-keytab: false} the configured path on this node),
 *       every attempt logs the process in itself, keeps of its launch context only what is not a
 *       delegation token (its AMRM token, the cluster secret), and obtains fresh delegation tokens:
 *       a second attempt never depends on the first one's launch-context tokens. The JAAS contexts
 *       of {@code security.kerberos.login.contexts} (ZooKeeper's) get the same keytab.</li>
 *   <li>Without a keytab it runs on the launch context's tokens, which YARN renews until their
 *       maximum lifetime ({@link TokenExpiryWarning}).</li>
 *   <li>Without Kerberos nothing changes.</li>
 * </ul>
 *
 * <p>Immutable once {@link #establish}ed.
 */
final class AttemptLogin {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptLogin.class);

    private final boolean secure;
    private final Optional<KerberosLogin> login;

    private AttemptLogin(boolean secure, Optional<KerberosLogin> login) {
        this.secure = secure;
        this.login = login;
    }

    /**
     * Logs in as described above.
     *
     * @param confDir the staged configuration (the principal, the keytab path when not shipped)
     * @param workDir the container's working directory (the shipped keytab)
     * @throws IOException if the login or the fresh tokens fail
     */
    static AttemptLogin establish(Path confDir, org.apache.hadoop.conf.Configuration hadoopConf, Path workDir)
            throws IOException {
        if (!KerberosLogin.securityEnabled(hadoopConf)) {
            return new AttemptLogin(false, Optional.empty());
        }
        Configuration conf;
        try {
            conf = StagedConfiguration.load(confDir);
        } catch (IllegalConfigurationException e) {
            // The attempt reports the error itself (and ends the application); it needs no login for that.
            LOG.warn("No Kerberos login: the staged configuration is wrong ({})", e.getMessage());
            return new AttemptLogin(true, Optional.empty());
        }
        Optional<Path> keytab = keytab(conf, workDir);
        if (keytab.isEmpty()) {
            LOG.info("Kerberos without a keytab: this attempt uses the delegation tokens of its launch context");
            return new AttemptLogin(true, Optional.empty());
        }
        // The JAAS contexts (ZooKeeper's) log in with this node's copy, not the client's path.
        KerberosLoginContexts.install(conf.with(SecurityOptions.KERBEROS_LOGIN_KEYTAB, keytab.get().toString()));
        Credentials launch = UserGroupInformation.getCurrentUser().getCredentials();
        KerberosLogin login = KerberosLogin.of(conf).withKeytab(keytab.get());
        UserGroupInformation user = login.loginProcess(hadoopConf);
        user.addCredentials(DelegationTokens.withoutDelegationTokens(launch));
        Credentials fresh = KerberosLogin.doAs(user, () -> DelegationTokens.obtainFileSystemTokens(hadoopConf,
                DelegationTokens.resourceManagerRenewer(hadoopConf), DelegationTokens.storageFileSystems(conf, hadoopConf)));
        user.addCredentials(fresh);
        LOG.info("Obtained {} fresh delegation token(s) for this attempt", fresh.numberOfTokens());
        return new AttemptLogin(true, Optional.of(login));
    }

    private static Optional<Path> keytab(Configuration conf, Path workDir) {
        Path shipped = workDir.resolve(AmLaunchContract.KEYTAB_FILE);
        if (Files.isRegularFile(shipped)) {
            return Optional.of(shipped);
        }
        if (!conf.get(YarnOptions.SHIP_LOCAL_KEYTAB)) {
            return conf.getOptional(SecurityOptions.KERBEROS_LOGIN_KEYTAB).filter(s -> !s.isBlank()).map(Path::of);
        }
        return Optional.empty();
    }

    /** Whether the Hadoop cluster uses Kerberos. */
    boolean secure() {
        return secure;
    }

    /** The keytab login of this attempt (with the keytab's local path), if it has a keytab. */
    Optional<KerberosLogin> keytabLogin() {
        return login;
    }

    /**
     * Adds a refresh's fresh tokens to the process's login user (replacing those of the same
     * service), after renewing its own Kerberos ticket from the keytab if it is due.
     */
    static void addFreshTokens(Credentials fresh) {
        try {
            UserGroupInformation user = UserGroupInformation.getLoginUser();
            user.checkTGTAndReloginFromKeytab();
            user.addCredentials(fresh);
        } catch (IOException e) {
            LOG.warn("Could not add the fresh delegation tokens to this process: {}", e.toString());
        }
    }

    /** The process's current credentials (tokens and the cluster secret). */
    static Credentials currentCredentials() throws IOException {
        return UserGroupInformation.getCurrentUser().getCredentials();
    }
}
