package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.ZooKeeperQuorum;
import io.spindle.ha.ZooKeeperAuthenticationException;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A preflight probe: can a ZooKeeper client with the cluster's settings connect to the quorum
 * within a bound, and, with SASL, authenticate (a wrong {@code zookeeper.sasl.service-name} is
 * found here, before anything is submitted)? It only opens a session (no namespace, no write), so
 * it creates no znode.
 *
 * <p>Stateless and thread-safe.
 */
final class ZooKeeperReachability {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperReachability.class);

    private ZooKeeperReachability() {}

    /**
     * @param config the effective configuration (HA keys checked already)
     * @param bound how long to wait for a connection
     * @throws ClusterDeploymentException naming the servers, the key and the bound (and hosts that do
     *     not resolve) if no server answered in time; naming {@code zookeeper.sasl.service-name} if
     *     the SASL authentication failed
     */
    static void check(Configuration config, Duration bound) throws ClusterDeploymentException {
        ZooKeeperQuorum quorum = ZooKeeperQuorum.of(config);
        long millis = Math.max(1, bound.toMillis());
        boolean connected;
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(config);
        try (CuratorFramework client = factory.builder()
                .namespace(null)
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE, millis))
                .build()) {
            client.start();
            connected = client.blockUntilConnected((int) Math.min(Integer.MAX_VALUE, millis), TimeUnit.MILLISECONDS);
            if (connected) {
                factory.awaitAuthentication(client, bound);
            }
        } catch (ZooKeeperAuthenticationException e) {
            throw new ClusterDeploymentException(e.getMessage(), e);
        } catch (ZooKeeperUnavailableException e) {
            throw new ClusterDeploymentException(e.getMessage() + ": start ZooKeeper or fix the key", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterDeploymentException("Interrupted while connecting to ZooKeeper at "
                    + quorum.connectString(), e);
        }
        if (!connected) {
            List<String> unknown = quorum.servers().stream().map(ZooKeeperQuorum.Server::host)
                    .filter(host -> !resolves(host)).distinct().toList();
            throw new ClusterDeploymentException("Cannot reach ZooKeeper at " + quorum.connectString() + " ('"
                    + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + "') within " + ClusterPreflight.seconds(bound)
                    + (unknown.isEmpty() ? "" : " (unknown host" + (unknown.size() > 1 ? "s " : " ")
                            + String.join(", ", unknown) + ")")
                    + ": start ZooKeeper or fix the key");
        }
        LOG.info("ZooKeeper at {} answers", quorum.connectString());
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
