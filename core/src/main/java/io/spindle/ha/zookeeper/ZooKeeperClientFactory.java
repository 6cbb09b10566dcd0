package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import io.spindle.configuration.ZooKeeperAcl;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.security.KerberosLoginContexts;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.X509Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the ZooKeeper client of a Spindle process from its configuration.
 *
 * <p>What the keys do:
 * <ul>
 *   <li>{@code high-availability.zookeeper.quorum}: the servers; required.</li>
 *   <li>{@code high-availability.zookeeper.path.root} and {@code high-availability.cluster-id}:
 *       the client's namespace {@code root/cluster-id}, so every path in Spindle is relative to one
 *       cluster.</li>
 *   <li>session and connection timeouts; bounded exponential backoff from {@code retry-wait},
 *       {@code max-retry-wait} and {@code max-retry-attempts}.</li>
 *   <li>{@code ...client.acl}: {@code open} (world-readable and writable) or {@code creator}
 *       (only the authenticated identity that created a node may read or change it; needs SASL;
 *       the leader information stays readable by all, see {@link CreatorAclProvider}).</li>
 *   <li>{@code ...client.tolerate-suspended-connections}: when true only a LOST connection (session
 *       expired) counts as an error that revokes leadership; otherwise SUSPENDED does too.</li>
 *   <li>{@code zookeeper.sasl.*}: SASL on or off, the JAAS login context and the server's service name;
 *       with SASL on, the Kerberos login of {@code security.kerberos.login.contexts} is installed
 *       first ({@link KerberosLoginContexts}, unless the process installed it itself), and a started
 *       client is only returned once its authentication succeeded.</li>
 * </ul>
 *
 * <p>Stateless apart from the configuration it was given; thread-safe.
 */
public final class ZooKeeperClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperClientFactory.class);

    private final Configuration conf;

    /**
     * @param conf the effective configuration
     * @throws IllegalConfigurationException if the quorum is missing or the settings contradict each other
     */
    public ZooKeeperClientFactory(Configuration conf) {
        this.conf = conf;
        conf.getRequired(HighAvailabilityOptions.ZOOKEEPER_QUORUM);
        if (conf.get(HighAvailabilityOptions.ZOOKEEPER_ACL) == ZooKeeperAcl.CREATOR
                && conf.get(SecurityOptions.ZOOKEEPER_SASL_DISABLE)) {
            throw new IllegalConfigurationException("'" + HighAvailabilityOptions.ZOOKEEPER_ACL.key()
                    + ": creator' needs an authenticated ZooKeeper client, but '"
                    + SecurityOptions.ZOOKEEPER_SASL_DISABLE.key() + "' is true");
        }
    }

    /** @return the namespace of this cluster: {@code root/cluster-id} without leading slash */
    public String clusterNamespace() {
        return namespace(conf.get(HighAvailabilityOptions.ZOOKEEPER_ROOT), conf.get(HighAvailabilityOptions.CLUSTER_ID));
    }

    /** @return the namespace of the root of all clusters, without leading slash */
    public String rootNamespace() {
        return namespace(conf.get(HighAvailabilityOptions.ZOOKEEPER_ROOT), "");
    }

    /** @return the configured quorum */
    public String quorum() {
        return conf.getRequired(HighAvailabilityOptions.ZOOKEEPER_QUORUM);
    }

    /**
     * Starts a client in this cluster's namespace and waits until it is connected.
     *
     * @return a started, connected client; the caller closes it
     * @throws ZooKeeperUnavailableException if no server answered within the connection timeout
     */
    public CuratorFramework startClusterClient() throws ZooKeeperUnavailableException {
        return start(clusterNamespace());
    }

    /**
     * Starts a client in the root namespace (all clusters), for tools such as {@code spindle ha}.
     *
     * @return a started, connected client; the caller closes it
     * @throws ZooKeeperUnavailableException if no server answered within the connection timeout
     */
    public CuratorFramework startRootClient() throws ZooKeeperUnavailableException {
        return start(rootNamespace());
    }

    private CuratorFramework start(String namespace) throws ZooKeeperUnavailableException {
        Duration connectionTimeout = conf.get(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT);
        CuratorFramework client = builder().namespace(namespace.isEmpty() ? null : namespace).build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) Math.max(1, connectionTimeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new ZooKeeperUnavailableException("Could not connect to ZooKeeper at " + quorum() + " ('"
                    + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + "') within " + connectionTimeout.toMillis()
                    + " ms ('" + HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key() + "')");
        }
        try {
            awaitAuthentication(client, connectionTimeout);
        } catch (ZooKeeperUnavailableException e) {
            client.close();
            throw e;
        }
        LOG.info("Connected to ZooKeeper at {} (namespace /{})", quorum(), namespace);
        return client;
    }

    /**
     * Waits until a connected client's SASL authentication, if it uses SASL, is over, and fails if
     * it failed ({@link SaslAuthenticationCheck}). {@link #startClusterClient} and
     * {@link #startRootClient} do it; a client of {@link #builder()} should too.
     *
     * @throws io.spindle.ha.ZooKeeperAuthenticationException naming {@code zookeeper.sasl.service-name}
     *     and the quorum if the authentication failed
     * @throws ZooKeeperUnavailableException if ZooKeeper did not answer within {@code bound}
     */
    public void awaitAuthentication(CuratorFramework client, Duration bound) throws ZooKeeperUnavailableException {
        if (saslEnabled()) {
            SaslAuthenticationCheck.await(client, conf, bound);
        }
    }

    /** @return a Curator builder with every setting but the namespace applied; not started */
    public CuratorFrameworkFactory.Builder builder() {
        Duration retryWait = conf.get(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT);
        Duration maxRetryWait = conf.get(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_WAIT);
        return CuratorFrameworkFactory.builder()
                .connectString(quorum())
                .sessionTimeoutMs(millis(conf.get(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT)))
                .connectionTimeoutMs(millis(conf.get(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT)))
                .retryPolicy(new BoundedExponentialBackoffRetry(millis(retryWait), millis(maxRetryWait),
                        conf.get(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS)))
                .aclProvider(aclProvider())
                .connectionStateErrorPolicy(conf.get(HighAvailabilityOptions.ZOOKEEPER_TOLERATE_SUSPENDED_CONNECTIONS)
                        ? new SessionConnectionStateErrorPolicy()
                        : new StandardConnectionStateErrorPolicy())
                .zkClientConfig(clientConfig());
    }

    private ACLProvider aclProvider() {
        if (conf.get(HighAvailabilityOptions.ZOOKEEPER_ACL) == ZooKeeperAcl.OPEN) {
            return new DefaultACLProvider();
        }
        return new CreatorAclProvider(clusterNamespace());
    }

    private boolean saslEnabled() {
        return !conf.get(SecurityOptions.ZOOKEEPER_SASL_DISABLE) && !noJaasConfiguration();
    }

    private ZKClientConfig clientConfig() {
        ZKClientConfig zk = new ZKClientConfig();
        if (!conf.get(SecurityOptions.ZOOKEEPER_SASL_DISABLE)) {
            KerberosLoginContexts.installUnlessInstalled(conf);
        }
        boolean saslDisabled = !saslEnabled();
        zk.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, Boolean.toString(!saslDisabled));
        if (!saslDisabled) {
            zk.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, conf.get(SecurityOptions.ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME));
            zk.setProperty(ZKClientConfig.ZK_SASL_CLIENT_USERNAME, conf.get(SecurityOptions.ZOOKEEPER_SASL_SERVICE_NAME));
            // ZooKeeper 3.9 defaults to FIPS mode, which refuses DIGEST-MD5; an explicit JVM property still wins.
            if (System.getProperty(X509Util.FIPS_MODE_PROPERTY) == null) {
                zk.setProperty(X509Util.FIPS_MODE_PROPERTY, "false");
            }
        }
        return zk;
    }

    /**
     * Whether SASL cannot work because the JVM has no JAAS configuration at all and the ACL does
     * not need an identity: ZooKeeper would try, log "Authentication failed" and go on without.
     */
    private boolean noJaasConfiguration() {
        if (conf.get(HighAvailabilityOptions.ZOOKEEPER_ACL) != ZooKeeperAcl.OPEN) {
            return false;
        }
        String jaas = System.getProperty("java.security.auth.login.config");
        if (jaas != null && !jaas.isBlank()) {
            return false;
        }
        try {
            return javax.security.auth.login.Configuration.getConfiguration()
                    .getAppConfigurationEntry(conf.get(SecurityOptions.ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME)) == null;
        } catch (SecurityException e) {
            return true;
        }
    }

    static String namespace(String root, String clusterId) {
        String joined = (trimSlashes(root) + "/" + trimSlashes(clusterId));
        return trimSlashes(joined.replaceAll("/+", "/"));
    }

    private static String trimSlashes(String s) {
        String t = s == null ? "" : s.strip();
        int start = 0;
        int end = t.length();
        while (start < end && t.charAt(start) == '/') {
            start++;
        }
        while (end > start && t.charAt(end - 1) == '/') {
            end--;
        }
        return t.substring(start, end);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
    }
}
