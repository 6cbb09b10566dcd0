package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretFile;
import java.io.IOException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the JobManager of a standalone cluster, in this order: the {@code -m host:port} option;
 * {@code rest.address} (with {@code rest.port}); the leader information the leading JobManager
 * publishes in ZooKeeper ({@link ZooKeeperLayout#JOBMANAGER_LEADER} under
 * {@code path.root/cluster-id}) when a quorum is configured. Reads ZooKeeper afresh on every call,
 * so that a command finds the new leader after a failover.
 *
 * <p>Thread-safe.
 */
final class StandaloneClusterLocator implements ClusterLocator {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterLocator.class);

    private final Configuration conf;
    private final String jobManagerAddress;

    /**
     * @param conf              the effective configuration
     * @param jobManagerAddress {@code -m} as given ({@code host:port} or a URL), or {@code null}
     */
    StandaloneClusterLocator(Configuration conf, String jobManagerAddress) {
        this.conf = conf;
        this.jobManagerAddress = jobManagerAddress == null || jobManagerAddress.isBlank() ? null : jobManagerAddress.strip();
    }

    @Override
    public String leaderRestUrl() throws IOException {
        if (jobManagerAddress != null) {
            return url(jobManagerAddress, "-m/--jobmanager");
        }
        var restAddress = conf.getOptional(JobManagerOptions.REST_ADDRESS).filter(a -> !a.isBlank());
        if (restAddress.isPresent()) {
            String address = restAddress.get().strip();
            return url(address.contains("://") ? address : address + ":" + conf.get(JobManagerOptions.REST_PORT),
                    "'" + JobManagerOptions.REST_ADDRESS.key() + "'");
        }
        if (conf.getOptional(HighAvailabilityOptions.ZOOKEEPER_QUORUM).filter(q -> !q.isBlank()).isPresent()) {
            return fromZooKeeper();
        }
        throw new IllegalConfigurationException("no JobManager to talk to: pass -m host:port, set '"
                + JobManagerOptions.REST_ADDRESS.key() + "', or set '" + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key()
                + "' to find the leader through ZooKeeper");
    }

    /** True when neither {@code -m} nor {@code rest.address} fixes the address. */
    @Override
    public boolean followsPublishedLeader() {
        return jobManagerAddress == null
                && conf.getOptional(JobManagerOptions.REST_ADDRESS).filter(a -> !a.isBlank()).isEmpty();
    }

    /** The secret of the file {@code security.cluster.secret-file} names, if it names one. */
    @Override
    public Optional<ClusterSecret> credential() {
        return ClusterSecretFile.fromConfiguration(conf);
    }

    @Override
    public String describe() {
        if (jobManagerAddress != null) {
            return jobManagerAddress;
        }
        if (conf.getOptional(JobManagerOptions.REST_ADDRESS).filter(a -> !a.isBlank()).isPresent()) {
            return "'" + JobManagerOptions.REST_ADDRESS.key() + "'";
        }
        return "ZooKeeper at " + conf.getOptional(HighAvailabilityOptions.ZOOKEEPER_QUORUM).orElse("(no quorum)");
    }

    private String fromZooKeeper() throws IOException {
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(conf);
        String znode = "/" + factory.clusterNamespace() + ZooKeeperLayout.JOBMANAGER_LEADER;
        try (CuratorFramework client = factory.startClusterClient()) {
            byte[] data = client.getData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            LeaderInfo leader = LeaderInfo.fromBytes(data, znode + " at " + factory.quorum());
            if (leader.restUrl().isBlank()) {
                throw new IOException("the leader " + leader.participantId() + " has not published its REST address yet ("
                        + znode + " at " + factory.quorum() + "); retry shortly");
            }
            LOG.info("Leader of cluster /{} is {} at {}", factory.clusterNamespace(), leader.participantId(), leader.restUrl());
            return leader.restUrl();
        } catch (KeeperException.NoNodeException e) {
            throw new IOException("no JobManager leader in ZooKeeper at " + factory.quorum() + " (no znode " + znode
                    + "): is the cluster with '" + HighAvailabilityOptions.CLUSTER_ID.key() + "' "
                    + conf.get(HighAvailabilityOptions.CLUSTER_ID) + " running?");
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + znode, e);
        } catch (Exception e) {
            throw new IOException("cannot read the leader from " + znode + " at " + factory.quorum() + ": " + e.getMessage(), e);
        }
    }

    private static String url(String address, String source) {
        try {
            return RestClusterClient.normalizeUrl(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("bad JobManager address '" + address + "' in " + source
                    + ": expected host:port or http://host:port");
        }
    }
}
