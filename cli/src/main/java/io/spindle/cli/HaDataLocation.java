package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Where the {@code spindle ha} tools find clusters' HA data: the ZooKeeper quorum and root, and
 * storageDir on the Hadoop file system of the client's configuration. Immutable.
 *
 * @param zooKeeper  builds clients for the configured quorum and root
 * @param storageDir {@code high-availability.storageDir}
 * @param hadoopConf the Hadoop configuration (from {@code HADOOP_CONF_DIR} on the classpath)
 */
record HaDataLocation(ZooKeeperClientFactory zooKeeper, Path storageDir, org.apache.hadoop.conf.Configuration hadoopConf) {

    /** @throws io.spindle.configuration.IllegalConfigurationException if the quorum or storageDir is missing */
    static HaDataLocation of(Configuration conf) {
        return new HaDataLocation(new ZooKeeperClientFactory(conf),
                new Path(conf.getRequired(HighAvailabilityOptions.STORAGE_DIR)), new org.apache.hadoop.conf.Configuration());
    }

    /** @return the cluster id as a child of the root: no leading or trailing slash */
    static String normalize(String clusterId) {
        return clusterId.strip().replaceAll("^/+|/+$", "");
    }

    ClusterStorage storage(String clusterId) throws IOException {
        return ClusterStorage.under(storageDir, clusterId, hadoopConf);
    }
}
