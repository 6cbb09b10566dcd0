package io.spindle.ha.zookeeper;

import io.spindle.ha.storage.ClusterStorage;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Everything one cluster-id owns: its ZooKeeper subtree and its folder in storageDir. Removes both,
 * pointers first, so that an interrupted removal leaves orphaned files (garbage) and never
 * dangling pointers.
 *
 * <p>Used when a cluster ends for good (a per-job cluster whose job finished, a stopped session)
 * and by {@code spindle ha clean}. Never when an attempt fails and YARN will retry. Thread-safe
 * as far as its client and file system are.
 */
public final class ClusterHaData {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHaData.class);

    private final CuratorFramework rootClient;
    private final String clusterZnode;
    private final ClusterStorage storage;

    /**
     * @param rootClient a started client in the root namespace ({@code high-availability.zookeeper.path.root})
     * @param clusterId  the cluster id, with or without leading slash
     * @param storage    the cluster's storage
     */
    public ClusterHaData(CuratorFramework rootClient, String clusterId, ClusterStorage storage) {
        this.rootClient = rootClient;
        this.clusterZnode = ZKPaths.makePath("/", clusterId.strip().replaceAll("^/+|/+$", ""));
        this.storage = storage;
    }

    /** @return whether ZooKeeper or storageDir holds anything of this cluster */
    public boolean exists() throws Exception {
        return rootClient.checkExists().forPath(clusterZnode) != null || storage.fs().exists(storage.clusterDir());
    }

    /**
     * Deletes the ZooKeeper subtree, then the storageDir folder.
     *
     * @throws Exception if ZooKeeper or the file system fails; what was deleted stays deleted, and
     *                   a second call finishes the job
     */
    public void deleteAll() throws Exception {
        if (rootClient.checkExists().forPath(clusterZnode) != null) {
            rootClient.delete().deletingChildrenIfNeeded().forPath(clusterZnode);
        }
        boolean deleted = storage.fs().delete(storage.clusterDir(), true);
        if (!deleted && storage.fs().exists(storage.clusterDir())) {
            throw new IOException("Could not delete " + storage.clusterDir());
        }
        LOG.info("Removed the HA data of cluster {}: znode {} and folder {}", clusterZnode, clusterZnode, storage.clusterDir());
    }

    /** @return the cluster's znode, relative to the root namespace */
    public String clusterZnode() {
        return clusterZnode;
    }

    /** @return the cluster's storage */
    public ClusterStorage storage() {
        return storage;
    }
}
