package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.yarn.common.security.KerberosLogin;
import io.spindle.yarn.common.security.KerberosLoginException;
import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hadoop clients of one {@link YarnClusterDeployer}: the user it logged in as
 * ({@link KerberosLogin}: the keytab and principal of the client configuration, else the ticket
 * cache; without Kerberos the current user), the cluster's file system and a started YARN client,
 * both opened as that user, and {@link #asUser} to run work as that user.
 *
 * <p>Thread-safe: the fields are final and the YARN client and file system are thread-safe.
 * {@link #close()} releases both.
 */
final class HadoopUserSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HadoopUserSession.class);

    private final ResourceManagerConnection rm;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final KerberosLogin kerberos;
    private final UserGroupInformation user;
    private final boolean secure;
    private final FileSystem fs;
    private final YarnClient yarn;

    /**
     * Logs in and opens the file system and the YARN client (which does not connect yet).
     *
     * @param hadoopConf the cluster's configuration (copied, with a bounded ResourceManager connect)
     * @param rmConnectTimeout how long to keep trying to reach the ResourceManager
     * @param clientConfig where the Kerberos login settings are read from
     * @throws ClusterDeploymentException if the login fails, the current user cannot be determined or
     *     the default file system cannot be opened
     */
    HadoopUserSession(org.apache.hadoop.conf.Configuration hadoopConf, Duration rmConnectTimeout,
            Configuration clientConfig) throws ClusterDeploymentException {
        this.rm = new ResourceManagerConnection(hadoopConf, rmConnectTimeout);
        this.hadoopConf = rm.configuration();
        this.kerberos = KerberosLogin.of(clientConfig);
        try {
            this.user = kerberos.login(this.hadoopConf);
            this.secure = KerberosLogin.securityEnabled(this.hadoopConf);
        } catch (KerberosLoginException e) {
            throw new ClusterDeploymentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot determine the current user: " + e.getMessage(), e);
        }
        try {
            this.fs = KerberosLogin.doAs(user, () -> FileSystem.newInstance(this.hadoopConf));
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot open the cluster's file system "
                    + this.hadoopConf.get(FileSystem.FS_DEFAULT_NAME_KEY) + " (" + FileSystem.FS_DEFAULT_NAME_KEY
                    + "): " + ResourceManagerConnection.rootCause(e), e);
        }
        this.yarn = KerberosLogin.doAs(user, rm::startClient);
    }

    ResourceManagerConnection resourceManager() {
        return rm;
    }

    /** The bounded copy of the cluster's configuration. */
    org.apache.hadoop.conf.Configuration hadoopConf() {
        return hadoopConf;
    }

    KerberosLogin kerberos() {
        return kerberos;
    }

    /** The logged-in user. */
    UserGroupInformation user() {
        return user;
    }

    /** Whether the Hadoop cluster uses Kerberos. */
    boolean secure() {
        return secure;
    }

    FileSystem fileSystem() {
        return fs;
    }

    /** The started YARN client. */
    YarnClient yarn() {
        return yarn;
    }

    /**
     * Runs {@code action} as the logged-in user.
     *
     * @throws ClusterDeploymentException what {@code action} throws, or any other I/O failure of it, wrapped
     * @throws InterruptedException if {@code action} is interrupted
     */
    <T> T asUser(UserAction<T> action) throws ClusterDeploymentException, InterruptedException {
        try {
            return user.doAs((java.security.PrivilegedExceptionAction<T>) action::run);
        } catch (ClusterDeploymentException e) {
            throw e;
        } catch (IOException e) {
            throw new ClusterDeploymentException(ResourceManagerConnection.rootCause(e), e);
        }
    }

    /** Work done as the logged-in user. */
    @FunctionalInterface
    interface UserAction<T> {
        T run() throws ClusterDeploymentException, InterruptedException;
    }

    /** Stops the YARN client and closes the file system; never throws. */
    @Override
    public void close() {
        try {
            yarn.stop();
        } catch (RuntimeException e) {
            LOG.debug("Stopping the YARN client failed", e);
        }
        try {
            fs.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the file system failed", e);
        }
    }
}
