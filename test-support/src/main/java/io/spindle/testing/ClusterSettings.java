package io.spindle.testing;

import java.util.Map;

import io.spindle.minicluster.ZooKeeperSettings;

/**
 * What a {@link SpindleClusterExtension} starts, fixed when it is built. Immutable.
 *
 * @param zooKeeper     none, one server, or an ensemble
 * @param ensembleSize  servers of the ensemble (1 for a single server, 0 for none)
 * @param zooKeeperSettings tick and session bounds of the servers
 * @param hdfs          whether a MiniDFSCluster runs
 * @param nodeManagers  NodeManagers of the MiniYARNCluster; 0 for no YARN
 * @param hadoopConfig  Hadoop entries that win over the mini-cluster defaults
 */
record ClusterSettings(ZooKeeperMode zooKeeper, int ensembleSize, ZooKeeperSettings zooKeeperSettings, boolean hdfs,
                       int nodeManagers, Map<String, String> hadoopConfig) {

    enum ZooKeeperMode { NONE, SERVER, ENSEMBLE }

    ClusterSettings {
        hadoopConfig = Map.copyOf(hadoopConfig);
    }

    boolean hadoop() {
        return hdfs || nodeManagers > 0;
    }
}
