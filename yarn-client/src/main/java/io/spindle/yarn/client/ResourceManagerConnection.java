package io.spindle.yarn.client;

import io.spindle.util.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the client talks to the ResourceManager: a copy of the Hadoop configuration whose connect
 * retries are bounded, so that an unreachable ResourceManager fails within about {@code
 * connectTimeout} instead of Hadoop's default of 15 minutes, and the one-line description of the
 * address it tried.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResourceManagerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceManagerConnection.class);

    private final Configuration conf;
    private final Duration connectTimeout;

    /**
     * @param hadoopConf the cluster's configuration; copied, not changed
     * @param connectTimeout how long to keep trying to reach the ResourceManager, at least 1 s
     */
    public ResourceManagerConnection(Configuration hadoopConf, Duration connectTimeout) {
        if (connectTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("connect timeout too short: " + connectTimeout);
        }
        this.connectTimeout = connectTimeout;
        this.conf = new YarnConfiguration(hadoopConf);
        long waitMs = connectTimeout.toMillis();
        long intervalMs = Math.min(1000, Math.max(100, waitMs / 10));
        conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, waitMs);
        conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, intervalMs);
        conf.setLong(YarnConfiguration.CLIENT_FAILOVER_SLEEPTIME_BASE_MS, intervalMs);
        conf.setLong(YarnConfiguration.CLIENT_FAILOVER_SLEEPTIME_MAX_MS, intervalMs);
        conf.setInt(YarnConfiguration.CLIENT_FAILOVER_MAX_ATTEMPTS, (int) Math.max(1, waitMs / intervalMs));
        // The IPC layer retries on its own under the policy above; keep each try short and single.
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        conf.setInt("ipc.client.connect.timeout", (int) Math.min(waitMs, 5000));
    }

    /** The bounded configuration: use it for every client of the ResourceManager. */
    public Configuration configuration() {
        return conf;
    }

    /** The bound on reaching the ResourceManager. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A started YARN client on the bounded configuration; the caller stops it. */
    public YarnClient startClient() {
        YarnClient client = YarnClient.createYarnClient();
        client.init(conf);
        client.start();
        return client;
    }

    /**
     * The ResourceManager address(es) the client uses and the key(s) that set them, e.g.
     * {@code localhost:8032 (yarn.resourcemanager.address)}.
     */
    public String describeAddress() {
        if (conf.getBoolean(YarnConfiguration.RM_HA_ENABLED, YarnConfiguration.DEFAULT_RM_HA_ENABLED)) {
            Collection<String> ids = conf.getStringCollection(YarnConfiguration.RM_HA_IDS);
            List<String> parts = new ArrayList<>();
            for (String id : ids) {
                String key = YarnConfiguration.RM_ADDRESS + "." + id;
                parts.add(conf.get(key, "<unset>") + " (" + key + ")");
            }
            if (!parts.isEmpty()) {
                return String.join(", ", parts);
            }
        }
        String address = conf.getSocketAddr(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_PORT).getHostString() + ":"
                + conf.getSocketAddr(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS,
                        YarnConfiguration.DEFAULT_RM_PORT).getPort();
        return address + " (" + YarnConfiguration.RM_ADDRESS + ")";
    }

    /**
     * Asks the ResourceManager for its cluster metrics, the cheapest call there is.
     *
     * @throws ClusterDeploymentException if it does not answer within the bound (the message names
     *     the address and key) or answers with an error
     */
    public void checkReachable(YarnClient yarn) throws ClusterDeploymentException {
        long start = System.nanoTime();
        try {
            int nodes = yarn.getYarnClusterMetrics().getNumNodeManagers();
            LOG.info("ResourceManager at {} answered in {} ms: {} NodeManagers", describeAddress(),
                    (System.nanoTime() - start) / 1_000_000, nodes);
        } catch (IOException | YarnException | RuntimeException e) {
            throw new ClusterDeploymentException("Cannot reach the YARN ResourceManager at " + describeAddress()
                    + " within " + ClusterPreflight.seconds(connectTimeout) + ": " + rootCause(e), e);
        }
    }

    /** The innermost cause as {@code Class: message}, flattened to one line. */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + Messages.oneLine(t.getMessage());
        return t.getClass().getSimpleName() + message;
    }
}
