package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The leader's znode {@link ZooKeeperLayout#JOBMANAGER_LEADER}, written by the leader through its
 * fence: {@link #publish} replaces whatever is there (an earlier leader's node may still exist
 * until its session ends) with an ephemeral node of this client's session; {@link #remove}
 * deletes it only if this client's session owns it.
 *
 * <p>Both block on ZooKeeper: call them off the threads that deliver grants. Thread-safe.
 */
final class LeaderInfoZnode {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderInfoZnode.class);

    /** How often a publish tries when the node changes concurrently. */
    static final int PUBLISH_ATTEMPTS = 5;

    private final CuratorFramework client;

    /** @param client a started client in the cluster's namespace */
    LeaderInfoZnode(CuratorFramework client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Writes {@code info} as the current leader's, in one fenced transaction with the removal of
     * the node it replaces.
     *
     * @throws io.spindle.ha.LeadershipLostException if the fence refused the write
     * @throws KeeperException if ZooKeeper failed, or the node changed concurrently
     *                         {@value #PUBLISH_ATTEMPTS} times in a row
     */
    void publish(LeaderInfo info, ZooKeeperLeaderFence fence) throws Exception {
        byte[] data = info.toBytes();
        client.createContainers(ZooKeeperLayout.LEADER);
        for (int attempt = 1; ; attempt++) {
            Stat stat = client.checkExists().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            List<CuratorOp> ops = new ArrayList<>(2);
            if (stat != null) {
                ops.add(client.transactionOp().delete().withVersion(stat.getVersion()).forPath(ZooKeeperLayout.JOBMANAGER_LEADER));
            }
            ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(ZooKeeperLayout.JOBMANAGER_LEADER, data));
            try {
                fence.commit(ops);
                return;
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException e) {
                if (attempt >= PUBLISH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the node if this client's session wrote it; failures are logged, not thrown. */
    void remove(ZooKeeperLeaderFence fence) {
        try {
            Stat stat = client.checkExists().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
            if (stat != null && stat.getEphemeralOwner() == client.getZookeeperClient().getZooKeeper().getSessionId()) {
                fence.commit(List.of(client.transactionOp().delete()
                        .withVersion(stat.getVersion()).forPath(ZooKeeperLayout.JOBMANAGER_LEADER)));
            }
        } catch (Exception e) {
            LOG.debug("Could not remove the leader information on leaving", e);
        }
    }
}
