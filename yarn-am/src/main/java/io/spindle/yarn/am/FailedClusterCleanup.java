package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ClusterHaData;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to the HA data of an application that ended FAILED: it is kept when it holds
 * something to recover or inspect, and removed when it holds nothing but the empty znodes
 * ({@code latch/}, {@code leader/}) and folders its JobManager left, e.g. when the application failed
 * before its job existed.
 *
 * <p>Something to recover is a job graph or checkpoint pointer in ZooKeeper ({@code jobgraphs/*},
 * {@code checkpoints/*}), or a file under storageDir's {@code jobgraphs/}, {@code checkpoints/} or
 * {@code job-results/} (a job that ended there left its result). User jars or task state alone are
 * orphans nothing names: no reason to keep the cluster.
 *
 * <p>Stateless; thread-safe. Blocks on ZooKeeper and the file system.
 */
final class FailedClusterCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(FailedClusterCleanup.class);

    private FailedClusterCleanup() {}

    /**
     * Removes the cluster's HA data unless it holds something to recover. Never throws: what cannot
     * be removed is logged with the command that removes it.
     *
     * @param conf the cluster's configuration, with its cluster-id
     * @param hadoopConf the Hadoop configuration used to reach storageDir
     * @param reachZooKeeper false when ZooKeeper is known to be unreachable: nothing was created there,
     *     and trying again would only wait for the connection timeout once more
     */
    static void removeUnlessRecoverable(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf,
            boolean reachZooKeeper) {
        String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID);
        ClusterStorage storage = null;
        try {
            storage = ClusterStorage.of(conf, hadoopConf);
        } catch (IOException | RuntimeException e) {
            LOG.info("storageDir of cluster {} cannot be opened ({}): nothing was stored there", clusterId, e.getMessage());
        }
        try {
            if (storage != null && holdsRecoveryData(storage)) {
                LOG.info("Keeping the HA data of cluster {}: storageDir holds its jobs' data ('spindle ha inspect')",
                        clusterId);
                return;
            }
            if (reachZooKeeper) {
                try (CuratorFramework root = new ZooKeeperClientFactory(conf).startRootClient()) {
                    String znode = "/" + clusterId;
                    if (holdsRecoveryData(root, znode)) {
                        LOG.info("Keeping the HA data of cluster {}: ZooKeeper holds its jobs' pointers"
                                + " ('spindle ha inspect')", clusterId);
                        return;
                    }
                    if (storage != null) {
                        new ClusterHaData(root, clusterId, storage).deleteAll();
                    } else if (root.checkExists().forPath(znode) != null) {
                        root.delete().deletingChildrenIfNeeded().forPath(znode);
                        LOG.info("Removed the empty znode {} of cluster {}", znode, clusterId);
                    }
                    return;
                }
            }
            if (storage != null && storage.fs().delete(storage.clusterDir(), true)) {
                LOG.info("Removed the empty folder {} of cluster {}", storage.clusterDir(), clusterId);
            }
        } catch (Exception e) {
            LOG.warn("Could not remove the HA data of failed cluster {}: {} (remove it with 'spindle ha clean"
                    + " --cluster-id {}')", clusterId, e.getMessage(), clusterId);
        }
    }

    /**
     * @param root a started client in the root namespace
     * @param clusterZnode the cluster's znode in it, e.g. {@code /application_1_0001}
     * @return whether a job graph or checkpoint pointer is stored
     */
    static boolean holdsRecoveryData(CuratorFramework root, String clusterZnode) throws Exception {
        for (String folder : List.of(ZooKeeperLayout.JOBGRAPHS, ZooKeeperLayout.CHECKPOINTS)) {
            try {
                if (!root.getChildren().forPath(clusterZnode + folder).isEmpty()) {
                    return true;
                }
            } catch (KeeperException.NoNodeException e) {
                // never created: nothing stored
            }
        }
        return false;
    }

    /** @return whether a job graph, checkpoint metadata or job result file is stored */
    static boolean holdsRecoveryData(ClusterStorage storage) throws IOException {
        for (Path folder : List.of(storage.jobGraphs(), storage.checkpoints(), storage.jobResults())) {
            if (containsFile(storage.fs(), folder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsFile(FileSystem fs, Path folder) throws IOException {
        try {
            RemoteIterator<?> files = fs.listFiles(folder, true);
            return files.hasNext();
        } catch (FileNotFoundException e) {
            return false;
        }
    }
}
